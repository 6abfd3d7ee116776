"""Import a WordPress export: `python manage.py import_wordpress EXPORT.xml`.

    --media-dir DIR    a copy of the site's wp-content/uploads, for the images
    --author-map FILE  `wordpress_login,username` lines: whose articles are whose
    --dry-run          do everything, report it, save nothing
    --overwrite        also replace articles and pages edited here since they were imported

The work happens in `articles.wordpress`; this command reads the arguments, shows
a progress bar on a terminal and prints the report.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.wordpress.authors import AuthorMapError, read_author_map
from articles.wordpress.importer import WordPressImporter
from articles.wordpress.wxr import WxrError


class Command(BaseCommand):
    help = (
        "Import posts, pages, categories, images and old addresses (as 301 redirects) from "
        "a WordPress export (Tools > Export > All content). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", type=Path, help="The WXR file WordPress exported.")
        parser.add_argument(
            "--media-dir",
            type=Path,
            help="A copy of the site's wp-content/uploads folder. Without it, images are "
            "reported as missing.",
        )
        parser.add_argument(
            "--author-map",
            type=Path,
            help="A CSV file of `wordpress_login,username` lines. Authors not in it are "
            "matched by username, else shown as a byline.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Do the whole import and print the report, then save nothing.",
        )
        parser.add_argument(
            "--overwrite",
            action="store_true",
            help="Also replace articles and pages that someone edited here after they were "
            "imported (never one in the trash).",
        )

    def handle(self, *args, export, media_dir, author_map, dry_run, overwrite, **options):
        if not export.is_file():
            raise CommandError(f"{export} is not a file.")
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"--media-dir {media_dir} is not a folder.")
        try:
            importer = WordPressImporter(
                export,
                media_dir=media_dir,
                author_map=read_author_map(author_map) if author_map else None,
                overwrite=overwrite,
                dry_run=dry_run,
            )
            report = importer.run(progress=self.progress_bar)
        except (WxrError, AuthorMapError) as error:
            raise CommandError(str(error)) from None
        for line in report.lines(verbose=options["verbosity"] > 1):
            self.stdout.write(line)

    @staticmethod
    def progress_bar(items, total):
        """A progress bar on stderr, only when it is a terminal."""
        return tqdm(
            items, total=total, unit=" items", file=sys.stderr, disable=not sys.stderr.isatty()
        )
