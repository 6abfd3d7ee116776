"""What an import did, counted as it goes and printed at the end."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from publishing.models import BODY_MAX_CHARACTERS


@dataclass
class ImportReport:
    export_name: str
    dry_run: bool = False
    site_title: str = ""
    wxr_version: str = ""
    media_dir_given: bool = True
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    pages_created: int = 0
    pages_updated: int = 0
    pages_unchanged: int = 0
    skipped: Counter = field(default_factory=Counter)
    categories_created: int = 0
    shortcodes_converted: Counter = field(default_factory=Counter)
    shortcodes_removed: Counter = field(default_factory=Counter)
    blocks_dropped: Counter = field(default_factory=Counter)
    builder_converted: Counter = field(default_factory=Counter)  # (builder, element)
    builder_dropped: Counter = field(default_factory=Counter)  # (builder, element, reason)
    # (builder, element, reason) -> WordPress ids of the posts it was dropped from
    builder_dropped_posts: dict = field(default_factory=lambda: defaultdict(set))
    images_copied: int = 0
    images_stored_now: set = field(default_factory=set)
    images_reused: set = field(default_factory=set)  # stored by an earlier import
    # upload path or refusal reason -> WordPress ids of the posts that use it
    images_missing: dict = field(default_factory=lambda: defaultdict(set))
    images_refused: dict = field(default_factory=lambda: defaultdict(set))
    files_not_copied: dict = field(default_factory=lambda: defaultdict(set))  # PDFs, audio...
    links_rewritten: int = 0
    redirects: Counter = field(default_factory=Counter)
    redirects_too_long: list = field(default_factory=list)
    redirects_refused: list = field(default_factory=list)  # (old path, what answers there)
    too_long: list = field(default_factory=list)  # (post id, characters of cleaned HTML)
    renamed_slugs: list = field(default_factory=list)  # (post id, wanted, given)
    untitled: int = 0
    comments_not_imported: int = 0

    def add_body_stats(self, stats, post_id=None):
        self.shortcodes_converted.update(stats.shortcodes_converted)
        self.shortcodes_removed.update(stats.shortcodes_removed)
        self.blocks_dropped.update(stats.blocks_dropped)
        self.builder_converted.update(stats.builder_converted)
        self.builder_dropped.update(stats.builder_dropped)
        for dropped in stats.builder_dropped:
            self.builder_dropped_posts[dropped].add(post_id)

    def note_image(self, result, post_id):
        if result.status == "stored":
            if result.new:
                self.images_copied += 1
                self.images_stored_now.add(result.name)
            elif result.name not in self.images_stored_now:
                self.images_reused.add(result.name)
        elif result.status == "missing":
            self.images_missing[result.reason].add(post_id)
        elif result.status == "refused":
            self.images_refused[result.reason].add(post_id)

    def lines(self, verbose=False):
        """The summary, one line each; `verbose` adds every missing or refused file."""
        title = f' ("{self.site_title}")' if self.site_title else ""
        lines = [
            f"WordPress export {self.export_name}{title}, WXR {self.wxr_version or '?'}"
            + (" — DRY RUN: nothing was saved." if self.dry_run else ""),
            f"Articles: {self.created} imported, {self.updated} updated, "
            f"{self.unchanged} unchanged.",
            f"Pages: {self.pages_created} imported, {self.pages_updated} updated, "
            f"{self.pages_unchanged} unchanged.",
            f"Skipped: {sum(self.skipped.values())}"
            + (f" ({_counts(self.skipped)})." if self.skipped else "."),
            *(
                f"  Post {post_id}: too long for one article ({length:,} characters of HTML; "
                f"the limit is {BODY_MAX_CHARACTERS:,}). Split it in WordPress and import again."
                for post_id, length in self.too_long
            ),
            f"Categories created: {self.categories_created}.",
            f"Shortcodes converted: {_counts(self.shortcodes_converted)}.",
            "Shortcodes removed (no equivalent here, inner text kept): "
            f"{_counts(self.shortcodes_removed)}.",
            f"Blocks dropped (WordPress renders them on the fly): {_counts(self.blocks_dropped)}.",
            *self._builder_lines(verbose),
            f"Images: {self.images_copied} copied, {len(self.images_reused)} already here, "
            f"{len(self.images_missing)} missing, {len(self.images_refused)} refused.",
        ]
        if self.images_missing and not self.media_dir_given:
            lines.append("  No --media-dir was given: pass a copy of wp-content/uploads.")
        elif self.images_missing:
            lines.append(
                "  Missing images keep their https address (and are dropped otherwise); "
                "they break once the old site is gone."
            )
        if verbose:
            lines += _details("missing", self.images_missing)
            lines += _details("refused", self.images_refused)
        elif self.images_refused:
            lines += _details("refused", self.images_refused)
        if self.files_not_copied:
            lines.append(
                f"Other uploads linked from posts (PDF, audio...), not copied: "
                f"{len(self.files_not_copied)}; the links still point at the old site."
            )
            if verbose:
                lines += _details("not copied", self.files_not_copied)
        lines.append(f"Links between posts rewritten: {self.links_rewritten}.")
        lines.append(
            f"Redirects: {self.redirects['created']} created, "
            f"{self.redirects['already present']} already present, "
            f"{len(self.redirects_refused) + len(self.redirects_too_long)} refused."
        )
        for path, reason in self.redirects_refused:
            lines.append(f"  Not redirected: {path} ({reason}).")
        for path in self.redirects_too_long:
            lines.append(f"  Not redirected (longer than a redirect can hold): {path}")
        for post_id, wanted, given in self.renamed_slugs:
            lines.append(
                f'  Post {post_id}: the address "{wanted}" is taken here; imported as "{given}".'
            )
        if self.untitled:
            lines.append(f"Posts without a title (named after their address): {self.untitled}.")
        if self.comments_not_imported:
            lines.append(f"Comments not imported: {self.comments_not_imported}.")
        return lines

    def _builder_lines(self, verbose):
        """Per page builder: elements converted (by kind) and dropped (by reason);
        `verbose` lists every dropped element with its posts."""
        names = sorted({key[0] for key in (*self.builder_converted, *self.builder_dropped)})
        lines = []
        for name in names:
            converted = Counter(
                {element: n for (b, element), n in self.builder_converted.items() if b == name}
            )
            reasons = Counter()
            for (b, _element, reason), n in self.builder_dropped.items():
                if b == name:
                    reasons[reason] += n
            lines.append(
                f"{name}: {sum(converted.values())} elements converted ({_counts(converted)}); "
                f"{sum(reasons.values())} dropped" + (f" ({_counts(reasons)})." if reasons else ".")
            )
            if verbose:
                lines += [
                    f"  dropped: {element}, {reason} (post {_ids(posts)})"
                    for (b, element, reason), posts in sorted(self.builder_dropped_posts.items())
                    if b == name
                ]
        return lines


def _counts(counter):
    """The counts as "name: count" pairs, most frequent first, or "none"."""
    if not counter:
        return "none"
    return ", ".join(f"{name}: {count}" for name, count in sorted(counter.items(), key=_by_count))


def _by_count(entry):
    name, count = entry
    return (-count, str(name))


def _details(what, files):
    return [f"  {what}: {name} (post {_ids(ids)})" for name, ids in sorted(files.items())]


def _ids(ids):
    return ", ".join(str(i) for i in sorted(i for i in ids if i is not None))
