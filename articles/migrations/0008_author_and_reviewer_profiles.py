"""Author and medical reviewer profiles (people.Person) replace the free-text reviewer.

Existing data moves over: a profile for every user credited as an author who has a
full name (their articles credit it; a user without one is no longer shown by login
name: the byline falls back to the editorial team), and a profile for each distinct
"Name, credentials" reviewer text, on the articles and on their revisions.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils.text import slugify


def _unique_slug(Person, name):
    base = slugify(name)[:110] or "person"
    slug, n = base, 2
    while Person.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def profiles_from_existing_data(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    HistoricalArticle = apps.get_model("articles", "HistoricalArticle")
    Person = apps.get_model("people", "Person")
    User = apps.get_model(settings.AUTH_USER_MODEL)

    author_ids = Article.objects.exclude(author=None).values_list("author", flat=True).distinct()
    for user in User.objects.filter(pk__in=list(author_ids)):
        name = " ".join(f"{user.first_name} {user.last_name}".split())
        if not name:
            continue
        person = Person.objects.filter(user=user).first() or Person.objects.create(
            user=user, name=name, slug=_unique_slug(Person, name)
        )
        Article.objects.filter(author=user).update(author_profile=person)
        HistoricalArticle.objects.filter(author=user).update(author_profile=person)

    texts = set(
        Article.objects.exclude(medical_reviewer="").values_list("medical_reviewer", flat=True)
    )
    for text in sorted(texts):
        name, _, credentials = (" ".join(part.split()) for part in text.partition(","))
        name = name[:120]
        person = Person.objects.filter(name=name, credentials=credentials[:80]).first()
        if person is None:
            person = Person.objects.create(
                name=name,
                credentials=credentials[:80],
                job_title="Medical reviewer",
                slug=_unique_slug(Person, name),
            )
        Article.objects.filter(medical_reviewer=text).update(reviewer=person)
        HistoricalArticle.objects.filter(medical_reviewer=text).update(reviewer=person)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_search_rank_vector"),
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="author_profile",
            field=models.ForeignKey(
                blank=True,
                help_text="The person the byline credits, linked to their profile page.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="articles_written",
                to="people.person",
                verbose_name="author",
            ),
        ),
        migrations.AddField(
            model_name="article",
            name="reviewer",
            field=models.ForeignKey(
                blank=True,
                help_text='Shown as "Medically reviewed by" with a link to their profile. Leave empty if the article has not been medically reviewed.',
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="articles_reviewed",
                to="people.person",
                verbose_name="medical reviewer",
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="author_profile",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The person the byline credits, linked to their profile page.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="people.person",
                verbose_name="author",
            ),
        ),
        migrations.AddField(
            model_name="historicalarticle",
            name="reviewer",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text='Shown as "Medically reviewed by" with a link to their profile. Leave empty if the article has not been medically reviewed.',
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="people.person",
                verbose_name="medical reviewer",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="byline",
            field=models.CharField(
                blank=True,
                help_text="Only for an author without a profile (imported posts): the name to show. With neither, the byline credits the editorial team.",
                max_length=200,
            ),
        ),
        migrations.AlterField(
            model_name="historicalarticle",
            name="byline",
            field=models.CharField(
                blank=True,
                help_text="Only for an author without a profile (imported posts): the name to show. With neither, the byline credits the editorial team.",
                max_length=200,
            ),
        ),
        migrations.RunPython(profiles_from_existing_data, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="article",
            name="medical_reviewer",
        ),
        migrations.RemoveField(
            model_name="historicalarticle",
            name="medical_reviewer",
        ),
    ]
