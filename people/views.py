from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from articles.models import Article
from people.models import Person
from people.seo import person_jsonld

PAGE_SIZE = 12


class PersonDetailView(ListView):
    """A person's profile and the published articles they wrote or medically reviewed,
    newest first, a page at a time."""

    paginate_by = PAGE_SIZE
    template_name = "people/person_detail.html"
    context_object_name = "articles"

    def get_queryset(self):
        self.person = get_object_or_404(Person, slug=self.kwargs["slug"])
        return (
            Article.objects.published()
            .for_listing()
            .filter(Q(author_profile=self.person) | Q(reviewer=self.person))
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            person=self.person, jsonld=person_jsonld(self.request, self.person), **kwargs
        )
