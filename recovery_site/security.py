"""The Content Security Policy: one strict policy, relaxed only where the editor runs.

django-csp sends CONTENT_SECURITY_POLICY on every response that has no policy of
its own (uploaded media keep their `default-src 'none'; sandbox`). Admin pages
under EDITOR_ADMIN_PREFIXES (the articles, where CKEditor 4 runs) get
EDITOR_CONTENT_SECURITY_POLICY instead; the settings say why each exception is there.
Every other admin page, the call-back requests included, keeps the strict policy.
"""

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings


def is_editor_path(path):
    return path.startswith(
        tuple(f"/{settings.ADMIN_PATH}{prefix}" for prefix in settings.EDITOR_ADMIN_PREFIXES)
    )


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_editor_path(request.path_info):
            parts.config = default_config(settings.EDITOR_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts
