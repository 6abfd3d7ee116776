"""What articles and pages share: one publishing rule, one normalising step, one trash.

- `models`: the abstract `Publishable` model and its queryset (`published()`,
  `scheduled()`), `publish()`/`unpublish()`, the limits, the alt-text rule.
- `admin`: the admin both content types use (publish actions, revisions, preview).
- `views`: the detail view mixin with staff preview.
- `revisions`: readable differences between revisions.
"""
