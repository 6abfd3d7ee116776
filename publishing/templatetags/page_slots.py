from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_slot(context, name):
    """A piece of the page that other content changes (publishing.stored_pages)."""
    return context["page_slots"].render(name)
