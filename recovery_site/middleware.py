"""Site-wide middleware."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousMultipartForm
from django.core.files.uploadhandler import FileUploadHandler
from django.http.multipartparser import MultiPartParserError
from django.template.response import TemplateResponse
from django.urls import reverse

# Statuses Django answers with an empty body; visitors get the site's page instead.
ERROR_TEMPLATES = {405: "405.html"}


class ErrorPageMiddleware:
    """Render the site's page for error responses that Django leaves blank (405)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        template = ERROR_TEMPLATES.get(response.status_code)
        if template and not response.streaming and not response.content:
            page = TemplateResponse(request, template, status=response.status_code)
            for header in ("Allow",):
                if response.has_header(header):
                    page[header] = response[header]
            return page.render()
        return response


class FileRefused(MultiPartParserError, SuspiciousMultipartForm):
    """A file part in a request to a page that takes no files: answered with a 400
    (a SuspiciousOperation), and the body is never parsed again (a parser error)."""


class RefuseFiles(FileUploadHandler):
    """Stops the multipart parser at the first file part, before any of it is read."""

    def new_file(self, field_name, *args, **kwargs):
        raise FileRefused(f"A file was sent in the field {field_name[:50]!r}, which takes none.")

    def receive_data_chunk(self, raw_data, start):
        return None

    def file_complete(self, file_size):
        return None


class RequestBodyLimitMiddleware:
    """Refuse a request body the page cannot want, before anything reads it.

    Only the admin and the editor's image upload take files, and bodies up to
    STAFF_REQUEST_MAX_BYTES; everywhere else (the call-back form above all) a body is at
    most PUBLIC_REQUEST_MAX_BYTES and a file part is refused at its first header. Both
    answer 400, with the site's page. The proxy should refuse them first (docs/deploy.md);
    this holds whatever the proxy does.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._upload_prefixes = None

    def _takes_files(self, path):
        if self._upload_prefixes is None:
            self._upload_prefixes = (reverse("admin:index"), reverse("ckeditor_upload"))
        return path.startswith(self._upload_prefixes)

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body at all then
        if length or request.method not in ("GET", "HEAD", "OPTIONS"):
            takes_files = self._takes_files(request.path_info)
            limit = (
                settings.STAFF_REQUEST_MAX_BYTES
                if takes_files
                else settings.PUBLIC_REQUEST_MAX_BYTES
            )
            if length > limit:
                raise RequestDataTooBig(f"Request body of {length} bytes; the limit is {limit}.")
            if not takes_files:
                request.upload_handlers = [RefuseFiles(request)]
        return self.get_response(request)
