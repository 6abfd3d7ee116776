"""Moving a WordPress site in: the `import_wordpress` command's logic.

- `wxr`: a streaming, entity-refusing reader for WordPress export (WXR) files.
- `content`: WordPress post bodies to clean HTML (wpautop, shortcodes, blocks, URLs).
- `shortcodes`: a linear-time tokenizer for WordPress's shortcode grammar.
- `builders`: page builders' elements (Divi, WPBakery, Avada, Elementor) to HTML.
- `media`: images from a copy of wp-content/uploads, through the upload checks.
- `index`: pass one, everything in the export but the post bodies.
- `authors`: WordPress logins to users here, or bylines.
- `importer`: pass two, posts to articles and pages to pages, in one transaction.
- `report`: what an import did, printed at the end.
- `redirects`: old WordPress addresses that land on the home page (/?p=123).
"""
