from django.contrib import admin

from search.models import SynonymSet


@admin.register(SynonymSet)
class SynonymSetAdmin(admin.ModelAdmin):
    list_display = ["__str__", "note", "updated_at"]
    search_fields = ["terms", "note"]
    fields = ["terms", "broader", "note"]
    search_help_text = "Find a set by any of its names."
