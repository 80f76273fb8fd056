"""Write a page that a plugin's own generator makes (listings, leaflets) the way the theme expects it."""

from __future__ import annotations


def write_page(generator, writer, item, template: str, **context) -> None:
    """Write `item` (with `save_as` and `i18n`) through `template`, in the item's language.

    `page_template` tells the theme which template drew the page (for the source map); `override_output`
    because a plugin's page may replace one Pelican wrote; URLs stay absolute like every other page's.
    """
    writer.write_file(
        item.save_as,
        generator.get_template(template),
        generator.context,
        relative_urls=False,
        override_output=True,
        i18n=item.i18n,
        page_template=template,
        **context,
    )
