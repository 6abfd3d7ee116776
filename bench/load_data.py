"""Fill the benchmark database with a realistic amount of content.

    python -m bench.load_data status    # exit 0 when DATABASE_URL already holds this data set
    python -m bench.load_data recreate  # drop and create DATABASE_URL's database (empty)
    python -m bench.load_data load      # after `manage.py migrate`: load everything

10,000 published articles of about 1,200 words (paragraphs, 4-5 h2 headings, lists,
3 sources each) in 20 categories, and 50,000 call-back requests over 90 days. Rows go
in with bulk_create, so nothing is sent through Article.save(); instead bodies are
exactly what save() would store (each body template is run through sanitize_html once)
and the search vectors are filled with one UPDATE (search.vectors.vector_updates), the
search vocabulary rebuilt once, as saving each article would have done.
The data set is deterministic (fixed random seed).
"""

import argparse
import datetime
import hashlib
import os
import random
import re
import sys
import time

import dj_database_url

from bench.common import BENCH_DIR, REPO_DIR, setup_django

ARTICLE_COUNT = 10_000
CATEGORY_COUNT = 20
SOURCES_PER_ARTICLE = 3
CALLBACK_COUNT = 50_000
CALLBACK_DAYS = 90
TEMPLATES_PER_CATEGORY = 10
TARGET_WORDS = 1_200
INTAKE_STAFF = 5
BATCH = 1_000
SEED = 20261126

# (name, slug, the subject as titles use it)
CATEGORIES = [
    ("Opioids", "opioids", "opioids"),
    ("Fentanyl", "fentanyl", "fentanyl"),
    ("Heroin", "heroin", "heroin"),
    ("Prescription painkillers", "prescription-painkillers", "oxycodone"),
    ("Benzodiazepines", "benzodiazepines", "Xanax"),
    ("Alcohol", "alcohol", "alcohol"),
    ("Methamphetamine", "methamphetamine", "meth"),
    ("Cocaine", "cocaine", "cocaine"),
    ("Prescription stimulants", "prescription-stimulants", "Adderall"),
    ("Cannabis", "cannabis", "cannabis"),
    ("Nicotine and vaping", "nicotine-and-vaping", "nicotine"),
    ("Kratom", "kratom", "kratom"),
    ("Hallucinogens", "hallucinogens", "LSD"),
    ("Inhalants", "inhalants", "inhalants"),
    ("Sleep medications", "sleep-medications", "Ambien"),
    ("Gabapentin", "gabapentin", "gabapentin"),
    ("Ketamine", "ketamine", "ketamine"),
    ("Xylazine", "xylazine", "xylazine"),
    ("Medications for addiction", "medications-for-addiction", "buprenorphine"),
    ("Families and loved ones", "families-and-loved-ones", "addiction"),
]
assert len(CATEGORIES) == CATEGORY_COUNT

TOPICS = [
    "What is {s} withdrawal like?",
    "How long does {s} stay in your system?",
    "Signs of a {s} overdose and what to do",
    "Is it safe to stop {s} cold turkey?",
    "How {s} affects the brain",
    "{s} and pregnancy",
    "Mixing {s} with alcohol",
    "Treatment options for {s} use",
    "Talking to someone you love about {s}",
    "Side effects of {s}",
    "How addictive is {s}?",
    "{s} tolerance explained",
    "What detox from {s} looks like",
    "Long-term effects of {s}",
    "{s} and mental health",
    "Helping a friend who uses {s}",
    "{s} myths and facts",
    "Relapse after {s} treatment",
    "How {s} affects sleep",
    "Paying for {s} treatment",
    "{s} and the heart",
    "What family members should know about {s}",
    "Questions to ask a doctor about {s}",
    "{s} cravings and how to handle them",
    "Getting help for {s} today",
]
AUDIENCES = [
    "",
    "for teens",
    "for older adults",
    "for parents",
    "for veterans",
    "for college students",
    "at work",
    "for women",
    "for men",
    "in the first week",
    "after a relapse",
    "for first responders",
    "for couples",
    "in rural areas",
    "for LGBTQ+ people",
    "for people in chronic pain",
    "during the holidays",
    "for new mothers",
    "for grandparents raising children",
    "for healthcare workers",
]
assert len(TOPICS) * len(AUDIENCES) * CATEGORY_COUNT == ARTICLE_COUNT

HEADINGS = [
    "What {s} is",
    "How {s} works in the body",
    "Common signs to watch for",
    "Why stopping suddenly can be risky",
    "What treatment looks like",
    "How long recovery takes",
    "When to get help right away",
    "How family and friends can help",
    "Questions people often ask",
    "Staying safe while you decide",
    "What the research says",
    "Finding the right level of care",
]
SOURCES = [
    ("National Institute on Drug Abuse", "https://nida.nih.gov/research-topics/{c}"),
    ("SAMHSA", "https://www.samhsa.gov/substance-use/{c}"),
    ("Centers for Disease Control and Prevention", "https://www.cdc.gov/{c}/about/index.html"),
    ("MedlinePlus", "https://medlineplus.gov/{c}.html"),
    ("National Library of Medicine", "https://www.ncbi.nlm.nih.gov/books/{c}/"),
]
REVIEWERS = ["Jane Doe, MD", "Ana Ruiz, PharmD", "Sam Lee, MD, FASAM", "Priya Patel, PsyD"]
FIRST_NAMES = (
    "Alex Sam Jordan Taylor Chris Maria Jose Linh Aisha Omar Emily Michael Sarah David "
    "Jessica Daniel Ashley Kevin Nicole Brian Rosa Tyrone Mei Ivan Fatima Noah Olivia"
).split()
AREA_CODES = ["619", "858", "760", "442", "213", "310", "415", "510", "702", "602", "503"]
MESSAGES = [
    "Please call after 5.",
    "It's for my son, he is 19.",
    "I have questions about insurance.",
    "Looking for detox for my husband.",
    "Do you take Medi-Cal?",
    "I want to stop drinking but I'm scared of withdrawal.",
    "Text first please.",
]
CONSENT_TEXT_VERSION = "2026-11-v1"
INTAKE_USERNAMES = [f"bench-staff-{n}" for n in range(1, INTAKE_STAFF + 1)]


def database_params():
    return dj_database_url.parse(os.environ["DATABASE_URL"])


def fingerprint():
    """Changes whenever this loader or any migration changes: then the data is reloaded."""
    digest = hashlib.sha256((BENCH_DIR / "load_data.py").read_bytes())
    for path in sorted(REPO_DIR.glob("*/migrations/[0-9]*.py")):
        digest.update(str(path.relative_to(REPO_DIR)).encode())
        digest.update(path.read_bytes())
    return "bench-data:" + digest.hexdigest()[:16]


def _connect(dbname):
    import psycopg2

    params = database_params()
    connection = psycopg2.connect(
        dbname=dbname,
        user=params["USER"] or None,
        password=params["PASSWORD"] or None,
        host=params["HOST"] or None,
        port=params["PORT"] or None,
    )
    connection.autocommit = True
    return connection


def recreate():
    from psycopg2 import sql

    name = database_params()["NAME"]
    connection = _connect("postgres")
    try:
        with connection.cursor() as cursor:
            drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            cursor.execute(drop.format(sql.Identifier(name)))
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        connection.close()
    print(f"Created an empty database {name}.")


def status():
    """0 when the database holds exactly this data set, loaded to the end."""
    import psycopg2

    name = database_params()["NAME"]
    try:
        connection = _connect(name)
    except psycopg2.OperationalError:
        return 1
    try:
        cursor = connection.cursor()
        cursor.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        )
        (comment,) = cursor.fetchone()
        if comment != fingerprint():
            return 1
        expected = {
            "articles_article": ARTICLE_COUNT,
            "articles_category": CATEGORY_COUNT,
            "articles_source": ARTICLE_COUNT * SOURCES_PER_ARTICLE,
            "contacts_callbackrequest": CALLBACK_COUNT,
        }
        for table, count in expected.items():
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed names
            if cursor.fetchone()[0] != count:
                return 1
    finally:
        connection.close()
    return 0


# Text


def sentence_pool():
    """Real sentences from the demo articles, so word and heading statistics look right."""
    from articles.demo import content
    from articles.sanitize import plain_text

    sentences = []
    for article in content.ARTICLES:
        text = plain_text(re.sub(r"<(h2|h3|li)>.*?</\1>", " ", article["body"], flags=re.S))
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if 6 <= len(sentence.split()) <= 40 and sentence[0].isupper():
                sentences.append(sentence)
    return sentences


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def body_template(rng, sentences, subject, category_slug):
    """One article body of about TARGET_WORDS words, as an editor would write it."""
    short = [s for s in sentences if len(s.split()) <= 14]

    def paragraph(n):
        text = " ".join(escape(s) for s in rng.sample(sentences, n))
        words = text.split()
        if len(words) > 12 and rng.random() < 0.4:
            i = rng.randrange(2, len(words) - 3)
            words[i] = f"<strong>{words[i]}</strong>"
        if len(words) > 12 and rng.random() < 0.2:
            i = rng.randrange(2, len(words) - 3)
            link = f"https://www.samhsa.gov/find-help/{category_slug}"
            words[i] = f'<a href="{link}">{words[i]}</a>'
        return "<p>" + " ".join(words) + "</p>"

    def words_in(parts):
        return len(re.sub(r"<[^>]+>", " ", " ".join(parts)).split())

    parts = [
        paragraph(rng.randint(3, 5)),
        f"<p>This guide explains what people most often ask us about {escape(subject)}, in "
        "plain words, and where to find help today.</p>",
    ]
    headings = rng.sample(HEADINGS, rng.choice([4, 5]))
    budget = TARGET_WORDS - words_in(parts)
    per_section = budget // len(headings)
    for index, heading in enumerate(headings):
        section = [f"<h2>{escape(heading.format(s=subject))}</h2>"]
        if index % 2 == 0:
            tag = rng.choice(["ul", "ol"])
            items = "".join(f"<li>{escape(s)}</li>" for s in rng.sample(short, rng.randint(4, 6)))
            section.append(f"<{tag}>{items}</{tag}>")
        if index == 2:
            section.append(f"<blockquote><p>{escape(rng.choice(short))}</p></blockquote>")
        while words_in(section) < per_section - 60:
            section.append(paragraph(rng.randint(2, 5)))
        parts.extend(section)
    while words_in(parts) < TARGET_WORDS - 40:
        parts.append(paragraph(2))
    return "\n".join(parts)


def summary_for(rng, sentences):
    from publishing.models import clean_summary

    # What Article.save() does to a summary (rows are bulk-created, without save()).
    return clean_summary(" ".join(rng.sample([s for s in sentences if len(s) < 140], 2)))


# Loading


def load():
    setup_django()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection, transaction
    from django.utils import timezone
    from django.utils.text import slugify

    from articles.models import Article, Category, Source
    from articles.sanitize import sanitize_html
    from contacts.models import CallbackRequest, CallbackRequestEvent, ContactSettings
    from contacts.targets import first_contact_due
    from people.models import Person
    from search.vectors import vector_updates
    from search.words import rebuild_vocabulary

    started = time.monotonic()
    rng = random.Random(SEED)
    now = timezone.now()
    sentences = sentence_pool()

    with transaction.atomic():
        categories = Category.objects.bulk_create(
            Category(
                name=name,
                slug=slug,
                description=f"Plain-language guides about {subject}: risks, withdrawal, "
                "treatment and how to help someone you love.",
            )
            for name, slug, subject in CATEGORIES
        )
        templates = {}
        for category, (_, slug, subject) in zip(categories, CATEGORIES, strict=True):
            templates[category.pk] = [
                # What Article.save() stores: sanitized once per template, not per row.
                sanitize_html(body_template(rng, sentences, subject, slug))
                for _ in range(TEMPLATES_PER_CATEGORY)
            ]
        word_counts = [
            len(re.sub(r"<[^>]+>", " ", t).split()) for ts in templates.values() for t in ts
        ]
        print(
            f"  {len(word_counts)} body templates, {min(word_counts)}-{max(word_counts)} words, "
            f"{sum(len(t) for ts in templates.values() for t in ts) // len(word_counts)} "
            "bytes on average"
        )

        reviewers = [
            Person.objects.get_or_create(
                slug=slugify(text.split(",")[0]),
                defaults={
                    "name": text.split(",")[0],
                    "credentials": text.partition(", ")[2],
                    "job_title": "Medical reviewer",
                },
            )[0]
            for text in REVIEWERS
        ]
        titles = [
            (category, subject, topic, audience)
            for category, (_, _, subject) in zip(categories, CATEGORIES, strict=True)
            for topic in TOPICS
            for audience in AUDIENCES
        ]
        rng.shuffle(titles)
        articles = []
        for index, (category, subject, topic, audience) in enumerate(titles):
            title = topic.format(s=subject)
            mark = "?" if title.endswith("?") else ""
            title = f"{title[0].upper()}{title[1:].rstrip('?')} {audience}".strip() + mark
            reviewed = index % 3 == 0
            articles.append(
                Article(
                    title=title,
                    slug=slugify(title)[:200],
                    summary=summary_for(rng, sentences),
                    body=rng.choice(templates[category.pk]),
                    category=category,
                    status=Article.Status.PUBLISHED,
                    # Newest first: one every ~4.4 hours, going back five years.
                    published_at=now - datetime.timedelta(hours=1 + index * 4.38),
                    is_featured=index in (3, 10, 25),
                    reviewer=rng.choice(reviewers) if reviewed else None,
                    last_reviewed=(now - datetime.timedelta(days=index % 400)).date()
                    if reviewed
                    else None,
                )
            )
        articles = Article.objects.bulk_create(articles, batch_size=500)
        print(f"  {len(articles)} articles ({time.monotonic() - started:.0f} s)")

        sources = []
        for article in articles:
            for position, (publisher, url) in enumerate(rng.sample(SOURCES, SOURCES_PER_ARTICLE)):
                sources.append(
                    Source(
                        article=article,
                        title=f"{article.category.name}: {rng.choice(HEADINGS).format(s='it')}",
                        url=url.format(c=article.category.slug),
                        publisher=publisher,
                        accessed=(now - datetime.timedelta(days=rng.randint(30, 700))).date(),
                        position=position,
                    )
                )
        Source.objects.bulk_create(sources, batch_size=BATCH * 2)
        print(f"  {len(sources)} sources ({time.monotonic() - started:.0f} s)")

        Article.objects.update(**vector_updates())
        words = rebuild_vocabulary()
        print(f"  search vectors, {words} words ({time.monotonic() - started:.0f} s)")

        intake = Group.objects.get(name="Intake")
        staff = []
        for username in INTAKE_USERNAMES:
            user = get_user_model()(username=username, is_staff=True, first_name=username[-1])
            user.set_unusable_password()
            user.save()
            user.groups.add(intake)
            staff.append(user)

        contact = ContactSettings()  # the default target and intake hours
        article_paths = [a.get_absolute_url() for a in articles[:500]]
        statuses = rng.choices(
            [s.value for s in CallbackRequest.Status], weights=[8, 15, 30, 40, 7], k=CALLBACK_COUNT
        )
        requests = []
        for status in statuses:
            created = now - datetime.timedelta(seconds=rng.uniform(60, CALLBACK_DAYS * 86_400))
            contacted = status != CallbackRequest.Status.NEW
            assigned = rng.random() < (0.7 if contacted else 0.05)
            requests.append(
                CallbackRequest(
                    name=f"{rng.choice(FIRST_NAMES)} {chr(rng.randint(65, 90))}.",
                    phone=f"+1{rng.choice(AREA_CODES)}{rng.randint(200, 999)}"
                    f"{rng.randint(0, 9999):04d}",
                    best_time=rng.choice(list(CallbackRequest.BestTime)).value,
                    message=rng.choice(MESSAGES) if rng.random() < 0.4 else "",
                    consent_text_version=CONSENT_TEXT_VERSION,
                    consented_at=created,
                    source_path=rng.choice(article_paths),
                    client_hash=f"{rng.getrandbits(256):064x}",
                    status=status,
                    assigned_to=rng.choice(staff) if assigned else None,
                    first_contact_at=created + datetime.timedelta(minutes=rng.randint(2, 600))
                    if contacted
                    else None,
                    notified_at=created + datetime.timedelta(seconds=30)
                    if rng.random() < 0.98
                    else None,
                    created_at=created,
                    last_asked_at=created,
                    # As the model's save() would: waiting requests are due since they came.
                    next_call_at=created if status in CallbackRequest.WAITING_STATUSES else None,
                    # What save() sets, which bulk_create skips.
                    first_contact_due_at=first_contact_due(created, contact),
                )
            )
        requests = CallbackRequest.objects.bulk_create(requests, batch_size=BATCH * 2)
        CallbackRequestEvent.objects.bulk_create(
            (
                CallbackRequestEvent(
                    request=r, kind=CallbackRequestEvent.Kind.CREATED, created_at=r.created_at
                )
                for r in requests
            ),
            batch_size=BATCH * 2,
        )
        print(f"  {len(requests)} call-back requests ({time.monotonic() - started:.0f} s)")

    check_bodies_are_sanitized(Article, sanitize_html)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute(
            f"COMMENT ON DATABASE {connection.ops.quote_name(connection.settings_dict['NAME'])} "
            "IS %s",
            [fingerprint()],
        )
    print(f"Loaded the benchmark data in {time.monotonic() - started:.0f} s.")


def check_bodies_are_sanitized(Article, sanitize_html):  # noqa: N803
    """Spot-check that stored bodies are a fixed point of the sanitizer, as after save()."""
    for body in Article.objects.order_by("?").values_list("body", flat=True)[:20]:
        if sanitize_html(body) != body:
            raise SystemExit("A loaded body differs from what Article.save() would store.")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["status", "recreate", "load"])
    command = parser.parse_args().command
    if command == "status":
        sys.exit(status())
    if command == "recreate":
        recreate()
    else:
        load()


if __name__ == "__main__":
    main()
