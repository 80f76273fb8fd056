"""A Pelican Writer that writes a page from the render cache when its key is there, and keeps what it renders."""

from __future__ import annotations

import logging
import os

from pelican import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

from .inputs import is_item
from .store import unshare

logger = logging.getLogger(__name__)


class CachingWriter(Writer):
    """Pelican's Writer, except that a page whose key is in the cache is not rendered again.

    Paginated pages (Pelican's own listings, off in this site) are always rendered. A page taken from
    the cache (a hard link of the kept file, see store.py) goes through the same steps as a rendered
    one (Pelican's rule of one write per file and build, and `content_written`, which the source map
    and other plugins listen to): these follow `Writer.write_file` and `_open_w` of Pelican 4.12.
    """

    session = None  # a RenderSession, set on the class made for each build (writer_for)

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):  # fmt: skip
        item = kwargs.get("article", kwargs.get("page"))
        item = item if is_item(item) else None
        key = None
        if name and paginated is None and not {"articles", "dates"} & kwargs.keys():
            options = {k: v for k, v in kwargs.items() if v is not item}
            options.update(
                relative_urls=relative_urls, override_output=override_output, url=url, template=template_name
            )
            key = self.session.key(name, template.name, item, options, context)
        if key is None:
            self.session.rendered += 1
            return super().write_file(name, template, context, relative_urls, paginated, template_name,
                                      override_output, url, **kwargs)  # fmt: skip
        path = sanitised_join(self.output_path, name)
        if self.session.store.holds(key, path) and self._claim(path, override_output):
            # An in-place build (`invoke livereload`) whose file already holds this page: not written again.
            self._send_written(name, "Keeping", context, relative_urls, kwargs)
            self.session.store.keep(key)
            self.session.reused += 1
            self.session.kept += 1
            return None
        if self.session.store.path_of(key) is None or not self._claim(path, override_output):
            recording = _Recording(template)
            # Pelican writes nothing over a file written with `override` (the file holds another page then).
            skipped = path in self._overridden_files and not override_output
            super().write_file(name, recording, context, relative_urls, paginated, template_name,
                               override_output, url, **kwargs)  # fmt: skip
            self.session.store.put(key, None if skipped else path, recording.output)
            self.session.rendered += 1
            return None
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self.session.store.place(key, path)
        self._send_written(name, "Linking", context, relative_urls, kwargs)
        self.session.reused += 1
        return None

    def _open_w(self, filename, encoding, override=False):
        # A page may share its file with the render cache (a hard link): what is written now goes into a new
        # file, so the kept copy stays as it was. (A file Pelican skips, written over once already, stays.)
        if filename not in self._overridden_files:
            unshare(filename)
        return super()._open_w(filename, encoding, override)

    def _claim(self, path: str, override: bool) -> bool:
        """Pelican's rule of `_open_w` (one write per file and build, or one override) for a file left as it
        is; False when the file must go through `_open_w` itself (which then says what is wrong)."""
        if path in self._overridden_files or (path in self._written_files and not override):
            return False
        if override:
            self._overridden_files.add(path)
        self._written_files.add(path)
        return True

    def _send_written(self, name, how: str, context, relative_urls, kwargs) -> None:
        """Tell the plugins that the page `name` was written, as `Writer.write_file` does after writing."""
        localcontext = context.copy()
        localcontext["localsiteurl"] = localcontext.get("localsiteurl", None)
        if relative_urls:
            relative_url = path_to_url(get_relative_path(name))
            localcontext["SITEURL"] = relative_url
            localcontext["localsiteurl"] = relative_url
        localcontext["output_file"] = name
        localcontext.update(kwargs)
        if localcontext["localsiteurl"]:
            context["localsiteurl"] = localcontext["localsiteurl"]
        path = sanitised_join(self.output_path, name)
        logger.info('%s "%s" (unchanged inputs: the last build\'s page)', how, path)
        signals.content_written.send(path, context=localcontext)


class _Recording:
    """A template that remembers what it rendered (Pelican only calls `render`)."""

    def __init__(self, template):
        self.template = template
        self.name = template.name
        self.output = ""

    def render(self, *args, **kwargs) -> str:
        self.output = self.template.render(*args, **kwargs)
        return self.output


def writer_for(session) -> type:
    """The writer class Pelican makes for this build, holding the build's session."""
    return type("CachingWriter", (CachingWriter,), {"session": session})
