"""The synonym list: shipped as data, loaded by migration, extended by editors."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command

from search.models import SynonymSet
from search.synonyms import (
    SHIPPED_FILE,
    ShippedSet,
    merge_shipped_sets,
    read_shipped_sets,
    synonym_index,
)
from search.text import normalize_term
from tests.factories import ArticleFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

# The drugs and treatments the demo articles cover, by the names visitors use.
DEMO_SUBJECTS = [
    *("klonopin", "clonazepam", "xanax", "alprazolam", "valium", "ativan", "benzos"),
    *("fentanyl", "heroin", "oxycodone", "morphine", "naloxone", "narcan", "nalmefene"),
    *("xylazine", "methamphetamine", "meth", "cocaine", "crack", "alcohol"),
    *("delirium tremens", "detox", "methadone", "buprenorphine", "suboxone", "naltrexone"),
    *("vivitrol", "disulfiram", "acamprosate", "cognitive behavioral therapy", "moud"),
    *("contingency management", "binge drinking", "taper"),
]
# Commonly misused prescription and street drugs.
MISUSED = [
    *("oxycontin", "percocet", "vicodin", "dilaudid", "tramadol", "codeine", "lean"),
    *("adderall", "ritalin", "vyvanse", "ambien", "soma", "gabapentin", "lyrica"),
    *("molly", "ecstasy", "ketamine", "special k", "lsd", "shrooms", "pcp", "ghb"),
    *("kratom", "marijuana", "spice", "bath salts", "tranq", "china white", "k pins"),
    *("coke", "ice", "crystal meth", "xanax bars", "percs", "dope sick", "whippets"),
]


def test_every_line_of_the_shipped_file_is_a_set():
    lines = [
        line
        for line in SHIPPED_FILE.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(read_shipped_sets()) == len(lines) >= 70


@pytest.mark.parametrize("name", DEMO_SUBJECTS + MISUSED)
def test_the_shipped_list_knows_the_demo_subjects_and_commonly_misused_drugs(name):
    index = synonym_index()
    assert normalize_term(name) in index
    assert len(index.names(normalize_term(name))) >= 2


def test_the_migration_loaded_the_shipped_list():
    assert SynonymSet.objects.count() == len(read_shipped_sets())
    assert SynonymSet.objects.get(terms__startswith="clonazepam,").broader == "benzodiazepine"


def test_loading_again_changes_nothing_and_keeps_what_editors_did():
    xanax = SynonymSet.objects.get(terms__startswith="alprazolam,")
    xanax.terms = "alprazolam, Xanax, xanny"  # an editor removed "bars", added a name
    xanax.save()
    call_command("load_synonyms", stdout=None)
    xanax.refresh_from_db()
    assert xanax.terms == "alprazolam, Xanax, xanny"
    assert merge_shipped_sets(SynonymSet) == (0, 0)


def test_names_new_in_the_shipped_list_reach_an_existing_set():
    row = SynonymSet.objects.create(terms="modafinil, Provigil", shipped_terms="")
    sets = [ShippedSet(["modafinil", "provigil", "modalert"], "stimulants")]
    assert merge_shipped_sets(SynonymSet, sets) == (0, 1)
    row.refresh_from_db()
    assert row.terms == "modafinil, Provigil, modalert"
    assert row.broader == "stimulants"
    assert merge_shipped_sets(SynonymSet, sets) == (0, 0)


def test_the_index_is_cached_and_forgotten_when_a_set_changes(django_assert_num_queries):
    synonym_index()
    with django_assert_num_queries(0):
        assert "klonopin" in synonym_index()
    SynonymSet.objects.create(terms="naloxone, nalox-spray")
    with django_assert_num_queries(1):
        assert "nalox spray" in synonym_index()
    SynonymSet.objects.get(terms="naloxone, nalox-spray").delete()
    assert "nalox spray" not in synonym_index()


@pytest.mark.parametrize(
    ("terms", "broader", "field"),
    [
        ("klonopin", "", "terms"),  # one name is not a set
        ("klonopin, the", "", "terms"),  # "the" is not a word search uses
        ("klonopin, " + "very long name " * 5, "", "terms"),
        ("klonopin, clonazepam", "Klonopin", "broader"),
        ("klonopin, clonazepam", "k", "broader"),
    ],
)
def test_a_set_search_cannot_use_is_refused_with_a_reason(terms, broader, field):
    with pytest.raises(ValidationError) as error:
        SynonymSet(terms=terms, broader=broader).full_clean()
    assert field in error.value.message_dict


def test_a_set_is_tidied_when_validated():
    synonyms = SynonymSet(terms=" Klonopin ,clonazepam,, KLONOPIN, k-pins ", broader="  benzo ")
    synonyms.full_clean()
    assert synonyms.terms == "Klonopin, clonazepam, k-pins"
    assert synonyms.broader == "benzo"


@pytest.fixture
def editor_client(client):
    editor = StaffUserFactory(username="editor-syn")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


def test_an_editor_adds_a_name_in_the_admin_and_search_uses_it_at_once(editor_client):
    ArticleFactory(slug="bupe", title="Buprenorphine at home")
    assert not ArticleFactory._meta.model.objects.published().search("nightbird")
    response = editor_client.post(
        "/admin/search/synonymset/add/",
        {"terms": "buprenorphine, nightbird", "broader": "", "note": "heard on our phone line"},
    )
    assert response.status_code == 302
    found = ArticleFactory._meta.model.objects.published().search("nightbird")
    assert [a.slug for a in found] == ["bupe"]


def test_an_editor_says_what_a_drug_is_a_kind_of(editor_client):
    ArticleFactory(slug="opioids", title="Opioids and the brain")
    response = editor_client.post(
        "/admin/search/synonymset/add/",
        {"terms": "nightbird, nightbirds", "broader": "opioid", "note": ""},
    )
    assert response.status_code == 302
    assert SynonymSet.objects.get(terms__startswith="nightbird").broader == "opioid"
    assert [a.slug for a in ArticleFactory._meta.model.objects.published().search("nightbird")] == [
        "opioids"
    ]


def test_intake_staff_cannot_touch_the_synonyms(client):
    intake = StaffUserFactory(username="intake-syn")
    intake.groups.add(Group.objects.get(name="Intake"))
    client.force_login(intake)
    assert client.get("/admin/search/synonymset/").status_code == 403
