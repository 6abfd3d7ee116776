"""Request bodies: files only where staff upload them, and a size cap enforced before
anything reads the body, whatever the proxy in front does."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_started
from django.db import close_old_connections
from django.test.client import MULTIPART_CONTENT, RequestFactory, encode_multipart

from contacts.models import CallbackRequest
from tests.contacts.conftest import form_data

pytestmark = pytest.mark.django_db


class CountingInput(io.BytesIO):
    """wsgi.input that remembers how much of the body was read."""

    bytes_read = 0

    def read(self, size=-1):
        data = super().read(size)
        self.bytes_read += len(data)
        return data

    def readline(self, size=-1):
        data = super().readline(size)
        self.bytes_read += len(data)
        return data


def send(path, body, content_type):
    """The request through Django's real WSGI handler, with a body we can watch."""
    stream = CountingInput(body)
    environ = RequestFactory()._base_environ(
        PATH_INFO=path,
        REQUEST_METHOD="POST",
        CONTENT_TYPE=content_type,
        CONTENT_LENGTH=str(len(body)),
        REMOTE_ADDR="203.0.113.7",
        **{"wsgi.input": stream},
    )
    statuses = []
    # As Django's test client does: a request must not close the test's database
    # connection (it would end the test's transaction on PostgreSQL).
    request_started.disconnect(close_old_connections)
    try:
        body_out = b"".join(WSGIHandler()(environ, lambda status, headers: statuses.append(status)))
    finally:
        request_started.connect(close_old_connections)
    return int(statuses[0].split()[0]), body_out.decode(), stream


def multipart(**fields):
    return encode_multipart("BoUnDaRy", fields), "multipart/form-data; boundary=BoUnDaRy"


@pytest.mark.parametrize("megabytes", [10, 100])
def test_a_big_file_sent_to_the_callback_form_is_refused_unread(megabytes):
    body, content_type = multipart(
        **form_data(), attachment=SimpleUploadedFile("big.bin", b"\0" * (megabytes * 2**20))
    )
    status, html, stream = send("/call-back/", body, content_type)
    assert status == 400
    assert "We could not read what was sent" in html
    assert 'href="tel:+18588880101"' in html
    assert stream.bytes_read == 0
    assert not CallbackRequest.objects.exists()


def test_a_small_file_part_is_refused_too_and_nothing_is_stored(client):
    data = {**form_data(), "attachment": SimpleUploadedFile("note.txt", b"hello")}
    response = client.post("/call-back/", data, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 400
    assert "We could not read what was sent" in response.content.decode()
    assert not CallbackRequest.objects.exists()


def test_the_form_sent_as_multipart_without_files_still_works(client):
    response = client.post(
        "/call-back/", form_data(), content_type=MULTIPART_CONTENT, REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 303
    assert CallbackRequest.objects.count() == 1


def test_a_body_over_the_public_cap_is_refused_unread(settings):
    body = ("message=" + "x" * settings.PUBLIC_REQUEST_MAX_BYTES).encode()
    status, _, stream = send("/call-back/", body, "application/x-www-form-urlencoded")
    assert status == 400
    assert stream.bytes_read == 0


def test_staff_pages_take_bigger_bodies_but_not_without_limit(settings):
    settings.STAFF_REQUEST_MAX_BYTES = 200_000
    within = ("q=" + "x" * 100_000).encode()
    status, _, _ = send("/admin/login/", within, "application/x-www-form-urlencoded")
    assert status == 403, "past the size check, the CSRF check answers"
    over = ("q=" + "x" * 200_000).encode()
    status, _, stream = send("/admin/login/", over, "application/x-www-form-urlencoded")
    assert status == 400
    assert stream.bytes_read == 0
