from django import forms
from django.contrib import admin
from django.db.models import Count, Q
from django.utils.html import format_html

from articles import images
from articles.admin import author_choices
from people.models import Person
from recovery_site.admin_lists import DeclaredFiltersOnly


class PersonAdminForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            *("name", "credentials", "job_title", "slug", "photo", "bio", "licence", "user"),
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "user" in self.fields:
            self.fields["user"].queryset = author_choices(self.instance.user_id)

    def clean_photo(self):
        return images.clean_form_image(self.cleaned_data.get("photo"))


def _count_articles(relation):
    """How many articles (drafts too, not those in the trash) name the person."""
    return Count(relation, filter=Q(**{f"{relation}__trashed_at": None}), distinct=True)


@admin.register(Person)
class PersonAdmin(DeclaredFiltersOnly, admin.ModelAdmin):
    """Author and medical reviewer profiles; Editors manage them (never Intake)."""

    form = PersonAdminForm
    list_display = ["name", "credentials", "job_title", "written", "reviewed", "photo_thumbnail"]
    search_fields = ["name", "credentials", "job_title"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "credentials", "job_title", "slug"]}),
        ("Profile page", {"fields": ["photo", "bio", "licence"]}),
        ("Staff login", {"fields": ["user"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                written_count=_count_articles("articles_written"),
                reviewed_count=_count_articles("articles_reviewed"),
            )
            .order_by("name")  # Meta.ordering does not apply to a grouped query
        )

    @admin.display(description="wrote", ordering="written_count")
    def written(self, person):
        return person.written_count

    @admin.display(description="reviewed", ordering="reviewed_count")
    def reviewed(self, person):
        return person.reviewed_count

    @admin.display(description="photo")
    def photo_thumbnail(self, person):
        portrait = person.portrait
        if not portrait:
            return ""
        return format_html(
            '<img src="{}" alt="" width="40" style="height:auto;border-radius:50%">',
            portrait["url"],
        )
