"""Search indexing as a step of the audit pass: each page's text from its parsed tree, then the bundle."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path

from audit.steps import StepReport
from sitekit import html
from sitekit.errors import SiteBuildError
from sitekit.page_cache import code_fingerprint, stable_repr
from theme_assets.assets import hashed_name

from . import extract, index, segment
from .hooks import ENGINE
from .hooks import configure as configure_search
from .index import indexed_page, write_bundle

NAME = "search"


class SearchIndexError(SiteBuildError):
    """The search index could not be written."""


ERROR = SearchIndexError


def configure(settings: dict) -> dict:
    config = dict(configure_search(settings))
    config["_exclude"] = [re.compile(p) for p in config["exclude"]]
    return config


def fingerprint(config: dict) -> str:
    shown = {k: v for k, v in config.items() if not k.startswith("_")}
    return code_fingerprint(extract, index, segment, html) + stable_repr(shown)


def check_page(page, config: dict):
    """One page ready for the index (None for a page that is not indexed: listings, the search pages)."""
    bundle = config["bundle_dir"].strip("/") + "/"
    if page.rel.startswith(bundle) or any(p.search(page.rel) for p in config["_exclude"]):
        return None
    found = extract.extract_tree(page.tree, page.rel, config)
    return None if found is None else indexed_page(found, config["piece_positions"])


def finish(results: dict, site, config: dict) -> StepReport:
    pages = [results[rel] for rel in sorted(results) if results[rel] is not None]
    bundle = Path(site.output) / config["bundle_dir"].strip("/")
    code = ENGINE.read_bytes()
    engine = {hashed_name(ENGINE.name, code): code}
    # The same pages make the same bundle: an unchanged site copies the last bundle instead of
    # rebuilding every posting list and compressing every file again.
    digest = _digest(pages, engine, config)
    kept = Path(site.settings["CACHE_PATH"]) / "search-bundle"
    summary_file = kept / "summary.json"
    last = json.loads(summary_file.read_text(encoding="utf-8")) if summary_file.is_file() else {}
    if last.get("digest") == digest:
        shutil.rmtree(bundle, ignore_errors=True)
        shutil.copytree(kept / "files", bundle, copy_function=_link_or_copy)
        return StepReport(summary=[last["summary"]])
    report = write_bundle(pages, bundle, engine, config["chunk_bytes"], config["piece_positions"])
    shutil.rmtree(kept, ignore_errors=True)
    shutil.copytree(bundle, kept / "files", copy_function=_link_or_copy)
    summary_file.write_text(json.dumps({"digest": digest, "summary": report.summary()}), encoding="utf-8")
    return StepReport(summary=[report.summary()])


def _link_or_copy(source: str, target: str) -> None:
    """A hard link where the file system allows it (thousands of small files: no data copied), else a copy.

    Nothing writes into a bundle file after it is written, so the two names can share the data.
    """
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _digest(pages, engine: dict, config: dict) -> str:
    """What the bundle is made of: each page's fields (its keys follow from its text and the code)."""
    digest = hashlib.sha256(fingerprint(config).encode("utf-8"))
    for page in pages:
        for part in (page.path, page.lang, page.url, page.title, page.audience, page.text, repr(page.heading)):
            data = part.encode("utf-8")
            digest.update(len(data).to_bytes(8, "big") + data)
    for name, data in sorted(engine.items()):
        digest.update(name.encode("utf-8") + data)
    return digest.hexdigest()
