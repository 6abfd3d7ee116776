"""The header and footer navigation, as every page's layout shows it.

Editors set the menus in the admin (Pages and menus > Menus). Until they do, the
header keeps the site's own links and the footer lists the published pages, as
WordPress does for a theme with no menu. Links to pages that are not published
are never shown. The footer's small print always links the pages that have a role
(privacy notice, accessibility statement, terms) unless the footer menu already
does; the call-back form links the privacy notice.

Reading the menus never fails a page: with the database unavailable, the defaults
are shown (the 500 page never asks).
"""

import logging
from dataclasses import dataclass, field

from django.db import DatabaseError
from django.urls import reverse

logger = logging.getLogger(__name__)

DEFAULT_HEADER = [
    ("Articles", "articles:list"),
    ("Search", "articles:search"),
    ("Get help", "contacts:callback"),
]


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass
class Navigation:
    header: list = field(default_factory=list)
    footer: list = field(default_factory=list)
    # Links to the pages with a role that the footer menu does not already show.
    legal: list = field(default_factory=list)
    privacy_notice: Link | None = None


def default_header():
    return [Link(text, reverse(name)) for text, name in DEFAULT_HEADER]


def default_navigation():
    """What the layout shows without the database: the site's own links."""
    return Navigation(header=default_header())


def site_navigation():
    """The menus as set in the admin, with the defaults where nothing is set."""
    from pages.models import Menu, MenuLink, Page

    try:
        links = list(
            MenuLink.objects.select_related("menu", "page", "category").defer(
                "page__body", "page__summary", "category__description"
            )
        )
        pages = list(Page.objects.published().only("title", "slug", "role"))
    except DatabaseError:
        logger.warning("Navigation: database unavailable, showing the default links")
        return default_navigation()

    menus = {location: [] for location in Menu.Location.values}
    for link in links:
        if link.is_shown:
            menus[link.menu.location].append(Link(link.text, link.href))
    header = menus[Menu.Location.HEADER] or default_header()
    footer = menus[Menu.Location.FOOTER] or [
        Link(page.title, page.get_absolute_url()) for page in pages if not page.role
    ]
    in_footer = {link.href for link in footer}
    by_role = {page.role: page for page in pages if page.role}
    legal = [
        Link(by_role[role].title, by_role[role].get_absolute_url())
        for role in Page.Role.values
        if role in by_role and by_role[role].get_absolute_url() not in in_footer
    ]
    privacy = by_role.get(Page.Role.PRIVACY)
    return Navigation(
        header=header,
        footer=footer,
        legal=legal,
        privacy_notice=Link(privacy.title, privacy.get_absolute_url()) if privacy else None,
    )
