"""Site-wide middleware."""

from django.template.response import TemplateResponse

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
