"""Render cache: a page is written from the last build only when nothing it is made from changed."""

from __future__ import annotations

import datetime as dt
import re
import types
from pathlib import Path

from conftest import ROOT, article, build_site
from pelican.settings import read_settings
from render_cache.inputs import UNSTABLE, describe, files_digest, page_key

FILES = {
    "articles/km/children/chat.md": article("ជជែក", "ជជែកដោយសុវត្ថិភាព។", extra="Review: pending"),
    "articles/en/children/chat.md": article("Chat", "Chat safely with friends you know.", extra="Related: passwords"),
    "articles/km/parents/passwords.md": article(
        "ពាក្យសម្ងាត់", "ពាក្យសម្ងាត់វែង។", audience="parents", extra="Review: pending"
    ),
    "articles/en/parents/passwords.md": article("Passwords", "A long password is a good password.", audience="parents"),
}


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _counts(log: str) -> tuple[int, int]:
    found = re.search(r"Render cache: (\d+) page\(s\) rendered, (\d+) written from the last build", log)
    assert found, log
    return int(found.group(1)), int(found.group(2))


def _same_as_a_fresh_build(tmp_path: Path, files: dict, name: str):
    """Build `files` again in the kept folder (caches of the earlier builds) and from nothing; compare."""
    kept = build_site(tmp_path / "kept", files)
    fresh = build_site(tmp_path / name, files)
    assert kept.returncode == 0 and fresh.returncode == 0, kept.log + fresh.log
    assert _files(kept.output) == _files(fresh.output)
    return kept


def test_unchanged_pages_are_reused_and_every_edit_gives_the_same_site_as_a_fresh_build(tmp_path):
    first = build_site(tmp_path / "kept", FILES)
    assert first.returncode == 0, first.log
    rendered, reused = _counts(first.log)
    assert reused == 0

    again = _same_as_a_fresh_build(tmp_path, FILES, "fresh-0")
    always, reused = _counts(again.log)  # only what is not drawn from one object (the sitemap) is rendered
    assert always <= 1 and reused == rendered - always

    # A sentence added to one article: only that article's page is rendered again (hubs show summaries).
    body = {**FILES, "articles/en/children/chat.md": FILES["articles/en/children/chat.md"] + "\nAsk a trusted adult.\n"}
    edited = _same_as_a_fresh_build(tmp_path, body, "fresh-1")
    assert _counts(edited.log) == (always + 1, reused - 1)
    assert "Ask a trusted adult." in (edited.output / "en" / "chat" / "index.html").read_text(encoding="utf-8")

    # Another article's title shows on the pages that link to it: every page is rendered again.
    title = {**body, "articles/en/parents/passwords.md": FILES["articles/en/parents/passwords.md"].replace(
        "Title: Passwords", "Title: Strong passwords")}  # fmt: skip
    retitled = _same_as_a_fresh_build(tmp_path, title, "fresh-2")
    assert _counts(retitled.log) == (rendered, 0)
    assert "Strong passwords" in (retitled.output / "en" / "chat" / "index.html").read_text(encoding="utf-8")

    # A data file (the glossary) feeds pages through the theme: every page is rendered again.
    glossary = (first.content / "data" / "glossary.yaml").read_text(encoding="utf-8")
    data = {
        **title,
        "data/glossary.yaml": glossary.replace(
            "Threats to share sexual pictures.", "Threats to share private pictures for money."
        ),
    }
    changed = _same_as_a_fresh_build(tmp_path, data, "fresh-3")
    assert _counts(changed.log) == (rendered, 0)
    assert "Threats to share private pictures for money." in (
        changed.output / "en" / "glossary" / "index.html"
    ).read_text(encoding="utf-8")


def test_the_published_site_never_reuses_a_page():
    settings = read_settings(str(ROOT / "publishconf.py"))
    assert settings["RENDER_CACHE"] == {"enabled": False}


def test_a_value_without_a_stable_description_is_never_part_of_a_key():
    assert UNSTABLE in describe(object())
    deep: list = [1]
    for _ in range(40):
        deep = [deep]
    assert UNSTABLE in describe(deep)
    assert page_key("site", "a/index.html", "article.html", "Article{}", "<p>x</p>", {"x": object()}) is None
    key = page_key("site", "a/index.html", "article.html", "Article{}", "<p>x</p>", {"when": dt.date(2026, 1, 2)})
    assert key == page_key(
        "site", "a/index.html", "article.html", "Article{}", "<p>x</p>", {"when": dt.date(2026, 1, 2)}
    )
    assert key != page_key(
        "site", "a/index.html", "article.html", "Article{}", "<p>y</p>", {"when": dt.date(2026, 1, 2)}
    )


def test_objects_that_refer_to_each_other_have_a_stable_description():
    english, khmer = types.SimpleNamespace(lang="en"), types.SimpleNamespace(lang="km")
    english.others, khmer.others = [khmer], [english]
    text = describe([english, khmer])
    assert UNSTABLE not in text and text == describe([english, khmer]) and "<cycle SimpleNamespace" in text
    khmer.lang = "km-KH"
    assert describe([english, khmer]) != text


def test_plain_objects_are_described_by_their_fields_without_the_settings():
    author = types.SimpleNamespace(name="Online Safety Cambodia", settings={"SITEURL": "x"})
    assert describe(author) == "SimpleNamespace{'name': 'Online Safety Cambodia'}"
    assert describe(dt.timezone(dt.timedelta(hours=7))) == "tz(UTC+07:00)"


def test_a_changed_theme_or_code_file_changes_the_fingerprint(tmp_path):
    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "base.html"
    template.write_text("<p>{{ x }}</p>", encoding="utf-8")
    before = files_digest([tmp_path])
    template.write_text("<p>{{ y }}</p>", encoding="utf-8")
    assert files_digest([tmp_path]) != before


def test_templates_read_the_text_only_of_the_item_they_draw():
    # The render cache keys a page by its own item's text only: a template that showed another item's
    # text (`item.content` in a loop) would be written stale from the cache after that item changed.
    readers = {
        (path.name, found.group(1))
        for path in (ROOT / "theme" / "templates").rglob("*.html")
        for found in re.finditer(r"(\w+)\s*\.\s*(?:_?content|get_content)\b", path.read_text(encoding="utf-8"))
    }
    assert {name for _template, name in readers} <= {"article", "page"}, readers
    loops = [
        path.name
        for path in (ROOT / "theme" / "templates").rglob("*.html")
        if re.search(r"\{%-?\s*(?:for|set)\s+(?:article|page)\b", path.read_text(encoding="utf-8"))
    ]
    assert loops == [], f"`article` or `page` names another item in {loops}"


def test_templates_are_compiled_once_and_again_when_the_jinja_settings_change(tmp_path):
    from render_cache import hooks

    first = build_site(tmp_path / "kept", FILES)
    assert first.returncode == 0, first.log
    compiled = tmp_path / "kept" / "cache" / "compiled-templates"
    stamps = {p: p.stat().st_mtime_ns for p in compiled.rglob("*.cache")}
    assert len(stamps) > 5
    again = build_site(tmp_path / "kept", FILES)
    assert again.returncode == 0 and {p: p.stat().st_mtime_ns for p in compiled.rglob("*.cache")} == stamps
    # Jinja keys a compiled template by its source only: other settings must start an empty folder.
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"CACHE_PATH": str(tmp_path / "unit")})
    pelican = types.SimpleNamespace(settings=settings)
    hooks.start(pelican)
    folder = Path(hooks._state["bytecode"].directory)
    hooks.start(pelican)
    assert Path(hooks._state["bytecode"].directory) == folder
    settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"], "trim_blocks": False}
    hooks.start(pelican)
    other = Path(hooks._state["bytecode"].directory)
    assert other != folder and other.is_dir() and not folder.exists()


def _kept_in_place(log: str) -> int:
    found = re.search(r"(\d+) of them already in place", log)
    assert found, log
    return int(found.group(1))


def test_a_build_into_the_same_folder_leaves_unchanged_pages_as_they_are(tmp_path):
    """`invoke livereload` builds into output/ again: a page whose inputs and file did not change is not
    written again (its file keeps its time), and a file changed by anything else is written again."""
    first = build_site(tmp_path, FILES)
    assert first.returncode == 0, first.log
    page = first.output / "en" / "chat" / "index.html"
    before = page.stat().st_mtime_ns
    again = build_site(tmp_path, FILES)
    assert again.returncode == 0, again.log
    _rendered, reused = _counts(again.log)
    assert reused > 0 and _kept_in_place(again.log) == reused
    assert page.stat().st_mtime_ns == before

    good = page.read_bytes()
    page.write_text("<p>broken by hand</p>", encoding="utf-8")
    mended = build_site(tmp_path, FILES)
    assert mended.returncode == 0, mended.log
    assert page.read_bytes() == good
    assert _kept_in_place(mended.log) == reused - 1


def test_a_build_into_a_fresh_folder_links_the_kept_pages_and_a_page_changed_by_hand_is_made_again(tmp_path):
    """`invoke build` writes into a fresh folder: unchanged pages are hard links of the kept ones (no bytes
    copied). Writing into such a file by hand writes into the kept page too: the next build must notice
    and make that page again, not publish the hand-written text."""
    first = build_site(tmp_path, FILES)
    assert first.returncode == 0, first.log
    built = _files(first.output)
    first.output.rename(tmp_path / "first-output")
    second = build_site(tmp_path, FILES)
    assert second.returncode == 0, second.log
    assert _files(second.output) == built
    page = second.output / "en" / "chat" / "index.html"
    assert page.stat().st_nlink > 1  # shared with the render cache
    good = page.read_bytes()
    with page.open("w", encoding="utf-8") as out:  # an editor saving over the file, in place
        out.write("<p>typed over by hand</p>")
    second.output.rename(tmp_path / "second-output")
    third = build_site(tmp_path, FILES)
    assert third.returncode == 0, third.log
    assert (third.output / "en" / "chat" / "index.html").read_bytes() == good
    assert _files(third.output) == built


def test_the_page_store_links_what_was_written_and_forgets_a_page_written_over(tmp_path):
    from render_cache.store import PageStore

    store = PageStore(tmp_path / "store")
    written = tmp_path / "out" / "index.html"
    written.parent.mkdir()
    written.write_text("<p>page</p>", encoding="utf-8")
    store.put("k1", str(written), "<p>page</p>")
    store.put("k2", None, "<p>not written: Pelican skipped the file</p>")  # the text, not the file
    assert store.path_of("k1").stat().st_ino == written.stat().st_ino
    assert store.path_of("k2").read_text(encoding="utf-8") == "<p>not written: Pelican skipped the file</p>"
    store.prune()

    again = PageStore(tmp_path / "store")  # the next build
    target = tmp_path / "next" / "index.html"
    target.parent.mkdir()
    target.write_text("an older file, replaced and not written over", encoding="utf-8")
    old = target.stat().st_ino
    again.place("k1", str(target))
    assert target.read_text(encoding="utf-8") == "<p>page</p>" and target.stat().st_ino != old
    with written.open("w", encoding="utf-8") as out:  # saved over by hand: the kept page changes too
        out.write("<p>typed over</p>")
    assert again.path_of("k1") is None and again.path_of("k2") is not None
