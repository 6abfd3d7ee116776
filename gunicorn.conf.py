"""gunicorn's settings, read whenever gunicorn starts in this folder.

gunicorn believes X-Forwarded-Proto (and X-Forwarded-SSL...) from 127.0.0.1 by
default, whatever DJANGO_BEHIND_PROXY says: behind a local proxy that passes a
client's own header through, plain HTTP would pass for HTTPS and skip the HTTPS
redirect. Django alone decides, and only with DJANGO_BEHIND_PROXY=1
(SECURE_PROXY_SSL_HEADER); gunicorn trusts no forwarded header from anyone.
"""

forwarded_allow_ips = ""
secure_scheme_headers = {}
