"""The centre's own pages (About, Admissions, Privacy notice...) and the site's menus.

- `models`: `Page` (built on publishing.Publishable: same editor, sanitizer, revisions,
  preview, scheduling, SEO fields, redirects and trash as articles) at a top-level
  address that never takes one the site already serves; `Menu` and `MenuLink`, the
  header and footer navigation.
- `navigation`: the menus as templates show them, with a default when none is set.
"""
