"""Link checker: after each build, every link, image, fragment, translation and sitemap entry must resolve.

Broken internal links stop the build with the Markdown file (and line) or template that wrote them;
external URLs are checked for form offline and live on demand (`invoke linkcheck --external`).
"""

from pelican import signals

import sitekit.hooks

from . import hooks


def register():
    sitekit.hooks.connect(signals)
    signals.finalized.connect(hooks.check_links)
