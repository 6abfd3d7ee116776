"""WordPress authors to users here: the --author-map file, usernames, bylines."""

import csv

from django.contrib.auth import get_user_model

from people.models import Person


class AuthorMapError(Exception):
    """The author map cannot be used; nothing was imported."""


def read_author_map(path):
    """`wordpress_login,username` per line (a header row, blank lines and # comments
    are fine) -> {login: username}."""
    mapping = {}
    try:
        with open(path, newline="", encoding="utf-8") as fh:
            for number, row in enumerate(csv.reader(fh), start=1):
                cells = [cell.strip() for cell in row]
                if not any(cells) or cells[0].startswith("#") or cells[0] == "wp_login":
                    continue
                if len(cells) != 2 or not all(cells):
                    raise AuthorMapError(
                        f"{path}, line {number}: expected `wordpress_login,username`."
                    )
                mapping[cells[0]] = cells[1]
    except OSError as error:
        raise AuthorMapError(f"Cannot read the author map {path}: {error.strerror}.") from None
    except UnicodeDecodeError:
        raise AuthorMapError(f"The author map {path} is not UTF-8 text.") from None
    return mapping


class Authors:
    """WordPress logins to users here: through the author map, else a user with the
    same username, else the author's display name kept as the byline; a user with an
    author profile is credited by it."""

    def __init__(self, display_names, author_map):
        self.display_names = display_names
        self.user_model = get_user_model()
        self.users = {}
        self.profiles = {}
        for login, username in (author_map or {}).items():
            user = self._user(username)
            if user is None:
                raise AuthorMapError(
                    f'The author map sends "{login}" to the user "{username}", who does not '
                    "exist here. Create the user or fix the map."
                )
            self.users[login] = user

    def resolve(self, login):
        """(user or None, byline)."""
        if login not in self.users:
            self.users[login] = self._user(login) if login else None
        user = self.users[login]
        if user is not None:
            return user, ""
        # WordPress's display name is the login unless the author set one: a byline
        # never shows a login name (empty: the editorial team is credited).
        name = self.display_names.get(login) or ""
        return None, "" if name == login else name

    def profile(self, user):
        """The author profile of a user here, or None: the article credits it."""
        if user is None:
            return None
        if user.pk not in self.profiles:
            self.profiles[user.pk] = Person.objects.filter(user=user).first()
        return self.profiles[user.pk]

    def _user(self, username):
        field = self.user_model.USERNAME_FIELD
        return self.user_model._default_manager.filter(**{field: username}).first()
