"""Logging filters: what people search for and send never reaches a log."""

import logging
import re

_QUERY_STRING = re.compile(r"\?[^\s\"]*")


class HideQueryStrings(logging.Filter):
    """Drop query strings from request lines (the development server logs every
    request line, and a search's words are in its query string)."""

    def filter(self, record):
        if record.args:
            record.args = tuple(
                _QUERY_STRING.sub("?…", arg) if isinstance(arg, str) else arg for arg in record.args
            )
        record.msg = _QUERY_STRING.sub("?…", str(record.msg))
        return True
