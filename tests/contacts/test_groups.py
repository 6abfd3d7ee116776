"""The staff groups' boundaries, proved through the admin URLs.

Editors work the articles, pages and menus and never see a call-back request; Intake
works the call-back requests (view and change, no delete) and never the content.
"""

import pytest
from django.contrib.auth.models import Group, Permission

from tests.admin_forms import form_data as admin_form_data
from tests.factories import CallbackRequestFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

CONTACTS_URLS = [
    "/admin/contacts/callbackrequest/",
    "/admin/contacts/callbackrequest/dashboard/",
    "/admin/contacts/callbackrequest/{pk}/change/",
]
CONTENT_URLS = [
    "/admin/articles/article/",
    "/admin/articles/article/add/",
    "/admin/articles/category/",
    "/admin/articles/category/add/",
    "/admin/articles/article/?trash=yes",
    "/admin/pages/page/",
    "/admin/pages/page/add/",
    "/admin/pages/menu/",
    "/admin/people/person/",
    "/admin/people/person/add/",
    "/admin/media_library/mediaimage/",
    "/admin/media_library/mediaimage/add/",
]


@pytest.fixture
def editor_client(client):
    editor = StaffUserFactory(username="editor-eda")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


@pytest.fixture
def callback_request():
    return CallbackRequestFactory()


def codenames(group_name):
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=group_name).permissions.select_related("content_type")
    }


def test_intake_can_view_and_change_requests_add_notes_and_attempts_and_nothing_else():
    assert codenames("Intake") == {
        "contacts.view_callbackrequest",
        "contacts.change_callbackrequest",
        "contacts.view_callbackrequestevent",
        "contacts.view_callbacknote",
        "contacts.add_callbacknote",
        "contacts.view_callattempt",
        "contacts.add_callattempt",
    }


def test_editors_have_every_content_permission_the_synonyms_and_nothing_in_contacts():
    perms = codenames("Editors")
    content = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Permission.objects.filter(
            content_type__app_label__in=["articles", "pages", "people", "media_library"]
        ).select_related("content_type")
    }
    synonyms = {f"search.{action}_synonymset" for action in ("add", "change", "delete", "view")}
    assert {"articles.delete_article", "pages.change_menu", "people.add_person"} <= content
    assert {"media_library.add_mediaimage", "media_library.delete_mediaimage"} <= content
    assert perms == content | synonyms


@pytest.mark.parametrize("url", CONTACTS_URLS)
def test_intake_reaches_the_call_back_requests(intake_client, callback_request, url):
    assert intake_client.get(url.format(pk=callback_request.pk)).status_code == 200


@pytest.mark.parametrize("url", CONTENT_URLS)
def test_intake_is_kept_out_of_articles_and_pages(intake_client, url):
    assert intake_client.get(url).status_code == 403


def test_intake_cannot_delete_requests_or_edit_contact_settings(intake_client, callback_request):
    delete = f"/admin/contacts/callbackrequest/{callback_request.pk}/delete/"
    assert intake_client.get(delete).status_code == 403
    assert intake_client.post(delete, {"post": "yes"}).status_code == 403
    assert intake_client.get("/admin/contacts/contactsettings/").status_code == 403
    assert intake_client.get("/admin/contacts/callbackexport/").status_code == 403
    page = intake_client.get("/admin/contacts/callbackrequest/").content.decode()
    assert "delete_selected" not in page
    assert "export_csv" in page and "mark_attempted" in page


def test_intake_works_a_request_through_the_change_form(intake_client, intake_user):
    request = CallbackRequestFactory()
    url = f"/admin/contacts/callbackrequest/{request.pk}/change/"
    data = admin_form_data(intake_client.get(url))
    response = intake_client.post(
        url,
        {
            **data,
            "status": "connected",
            "assigned_to": intake_user.pk,
            "notes-TOTAL_FORMS": 1,
            "notes-0-text": "Booked",
        },
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.assigned_to) == ("connected", intake_user)
    assert request.notes.get().author == intake_user
    assert request.events.filter(actor=intake_user).exclude(kind="viewed").count() == 3
    page = intake_client.get(f"/admin/contacts/callbackrequest/{request.pk}/change/")
    assert "status: New → Connected" in page.content.decode()


@pytest.mark.parametrize("url", CONTACTS_URLS)
def test_editors_are_kept_out_of_the_call_back_requests(editor_client, callback_request, url):
    assert editor_client.get(url.format(pk=callback_request.pk)).status_code == 403


def test_editors_see_no_contacts_in_the_admin_index(editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert "/admin/contacts/" not in html
    assert editor_client.get("/admin/contacts/contactsettings/").status_code == 403


@pytest.mark.parametrize("url", CONTENT_URLS)
def test_editors_reach_the_articles_and_pages(editor_client, url):
    assert editor_client.get(url).status_code == 200


def test_intake_cannot_learn_a_draft_articles_address_through_view_on_site(client):
    """The admin's "View on site" redirect names the article's address (its title)."""
    from django.contrib.contenttypes.models import ContentType

    from articles.models import Article
    from tests.factories import ArticleFactory

    draft = ArticleFactory(draft=True, slug="merger-with-another-clinic")
    article_type = ContentType.objects.get_for_model(Article)
    view_on_site = f"/admin/r/{article_type.pk}/{draft.pk}/"

    intake = StaffUserFactory(username="ina-intake")
    intake.groups.add(Group.objects.get(name="Intake"))
    client.force_login(intake)
    response = client.get(view_on_site)
    assert response.status_code == 404
    assert "merger" not in response.get("Location", "") + response.content.decode()

    editor = StaffUserFactory(username="edi-editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    response = client.get(view_on_site)
    assert response.status_code == 302
    assert response["Location"].endswith(draft.get_absolute_url())
