"""Assertions about rendered HTML, shared by the sanitizer and page tests.

Pages are parsed with html5lib, which follows the HTML standard's parsing rules
as browsers do, so mutation tricks that fool simpler parsers are seen as a
browser would see them.
"""

import html5lib

DANGEROUS_TAGS = {
    *("iframe", "object", "embed", "svg", "math", "template", "noscript", "xmp"),
    *("noembed", "frameset", "frame", "base", "style", "applet", "textarea"),
}
URL_ATTRIBUTES = {
    *("href", "src", "action", "formaction", "srcset", "data", "poster"),
    *("dynsrc", "lowsrc", "background", "xlink:href"),
}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")


def _normalise_url(value):
    """As the URL standard reads it: tabs and newlines removed anywhere, C0 controls
    and spaces trimmed from both ends."""
    value = "".join(ch for ch in value if ch not in "\t\n\r")
    return value.strip("".join(map(chr, range(0x21)))).lower()


def _local_name(name):
    return name.rsplit("}", 1)[-1]


def inert_problems(markup):
    """What in `markup` could run script or pull content from another site."""
    document = html5lib.parse(markup, namespaceHTMLElements=False)
    problems = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue  # comments
        tag = _local_name(element.tag)
        attrs = {_local_name(k) if isinstance(k, str) else k[1]: v for k, v in element.items()}
        if tag == "script" and attrs.get("type") != "application/ld+json":
            if not (attrs.get("src") or "").startswith("/static/"):
                problems.append(f"script element {attrs}")
        if tag in DANGEROUS_TAGS:
            problems.append(f"<{tag}> element")
        if tag == "meta" and "http-equiv" in attrs:
            problems.append("meta http-equiv")
        if tag == "link" and attrs.get("rel") == "stylesheet":
            if not (attrs.get("href") or "").startswith("/static/"):
                problems.append(f"foreign stylesheet {attrs.get('href')}")
        for name, value in attrs.items():
            if name.startswith("on"):
                problems.append(f"event handler {name} on <{tag}>")
            if name == "style":
                problems.append(f"style attribute on <{tag}>")
            if name in URL_ATTRIBUTES:
                url = _normalise_url(value or "")
                if url.startswith(BAD_SCHEMES) or (name in ("dynsrc", "lowsrc", "background")):
                    problems.append(f"{name}={value!r} on <{tag}>")
                if tag == "img" and name == "src":
                    local = url.startswith(("/media/", "/static/")) and not url.startswith("//")
                    if not (local or url.startswith("https://")):
                        problems.append(f"img src={value!r}")
    return problems
