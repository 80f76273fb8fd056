"""Health report (`invoke health`): what needs a person, offline (links skipped with a note) and online
against a local HTTP server, in the terminal and as Markdown, with an exit status that says so."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import yaml
from conftest import ROOT, article, page, write_site

from content_checks.translations import FileInfo
from site_health.content import contacts_section, guides_section, translations_section
from site_health.links import links_section
from site_health.report import Section, render_markdown, render_text
from sitekit.findings import Finding

TODAY = dt.date.today()
RECENT = TODAY - dt.timedelta(days=10)
GUIDE = "Type: privacy-guide\nApp: Telegram\nWritten-from: general knowledge of the app"
# The theme's header links to this page on every page (conftest's base pages may not have it yet).
COVER = {
    "pages/km/cover-your-tracks.md": page("លាក់ដានការចូលមើល", "អត្ថបទ។"),
    "pages/en/cover-your-tracks.md": page("Cover your tracks", "Text."),
}


def contacts(confirmed: dict[str, dt.date]) -> str:
    """The real contacts file with a `confirmed:` record on the given date for the given contacts."""
    data = yaml.safe_load((ROOT / "content/data/contacts.yaml").read_text(encoding="utf-8"))
    for entry in data["contacts"]:
        if entry["id"] in confirmed:
            entry["confirmed"] = {"date": confirmed[entry["id"]], "how": "called", "by": "Programme officer"}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


ALL_CONTACTS = ("police-hotline", "child-helpline", "aple-hotline", "internet-hotline-cambodia", "take-it-down")


def run_health(conf, *args, summary=None) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(conf.parent), "PYTHONPATH": str(ROOT / "plugins")}
    if summary is not None:
        env["GITHUB_STEP_SUMMARY"] = str(summary)
    command = [sys.executable, "-m", "site_health.cli", "-s", str(conf), *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, check=False)


# --- offline: everything but the links ----------------------------------------------------------------------


def test_offline_report_lists_what_needs_a_person_and_fails(tmp_path):
    old = "2020-02-03"
    stamped = "Translated-from: en 0123456789\nReview: pending"
    files = {
        "data/contacts.yaml": contacts({"child-helpline": RECENT, "police-hotline": dt.date(2020, 1, 5)}),
        # A privacy guide written long ago and never tried on a phone (both languages).
        "articles/en/apps/telegram-privacy-guide.md": article("Telegram guide", "1. Open.", extra=GUIDE, date=old),
        "articles/km/apps/telegram-privacy-guide.md": article("ណែនាំ", "1. បើក។", extra=GUIDE, date=old),
        # English only.
        "articles/en/children/only-english.md": article("Only English", "Text."),
        # A Khmer translation stamped from an older English text, and awaiting review.
        "articles/en/children/changed.md": article("Changed", "New text."),
        "articles/km/children/changed.md": article("ប្ដូរ", "អត្ថបទ។", extra=stamped),
    }
    _content, conf = write_site(tmp_path, files)
    summary = tmp_path / "summary.md"
    result = run_health(conf, "--offline", summary=summary)
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert out.startswith(f"Site health on {TODAY.isoformat()}: ")
    assert "External links that fail: not checked\n  not checked: --offline was given" in out
    # Contacts: three never confirmed, one confirmed in 2020; the one confirmed ten days ago is fine.
    assert "contact 'police-hotline' (117): confirmed on 2020-01-05, more than 180 days ago" in out
    unconfirmed = [line for line in out.splitlines() if line.endswith("not confirmed with the organisation yet")]
    assert [line.split("'")[1] for line in unconfirmed] == ["aple-hotline", "internet-hotline-cambodia", "take-it-down"]
    assert "child-helpline" not in out
    police = next(line for line in out.splitlines() if "'police-hotline'" in line)
    line = police.split(":")[1]
    text = (tmp_path / "content/data/contacts.yaml").read_text(encoding="utf-8").splitlines()
    assert text[int(line) - 1].strip() == "date: 2020-01-05"  # the line of the old confirmation date
    # Guides: counted from Date:, on the Date: line.
    assert (
        "content/articles/en/apps/telegram-privacy-guide.md:2: steps written (never tried on a phone) on "
        "2020-02-03, more than 365 days ago"
    ) in out
    assert "content/articles/km/apps/telegram-privacy-guide.md:2:" in out
    # Translations: missing and outdated.
    assert "content/articles/en/children/only-english.md: no Khmer translation of this article (only-english)" in out
    changed = "content/articles/km/children/changed.md"
    assert f"{changed}: its English source changed since this translation was stamped" in out
    # Review: on its line.
    assert "content/articles/km/children/changed.md:7: Khmer article awaiting review by a Khmer speaker" in out
    assert "to do: have a native speaker of the language review the page" in out
    # The same report in Markdown, appended to the job summary.
    markdown = summary.read_text(encoding="utf-8")
    assert markdown.startswith("## Site health on ")
    assert "| External links that fail | not checked | 0 |" in markdown
    assert "| Contacts not confirmed, or confirmed long ago | 4 | 0 |" in markdown
    assert "- `content/articles/en/children/only-english.md`: no Khmer translation" in markdown


def test_nothing_to_do_exits_zero_and_says_so(tmp_path):
    files = {"data/contacts.yaml": contacts(dict.fromkeys(ALL_CONTACTS, RECENT)), **COVER}
    _content, conf = write_site(tmp_path, files)
    result = run_health(conf, "--offline")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"Site health on {TODAY.isoformat()}: nothing needs a person")


def test_only_some_areas_and_exit_zero_for_the_pull_request_summary(tmp_path):
    files = {"articles/en/children/only-english.md": article("Only English", "Text.")}
    _content, conf = write_site(tmp_path, files)
    summary = tmp_path / "summary.md"
    result = run_health(conf, "--only", "translations,reviews", "--exit-zero", summary=summary)
    assert result.returncode == 0
    assert "no Khmer translation" in result.stdout
    assert "Contacts" not in result.stdout and "External links" not in result.stdout
    assert "| Translations missing or out of date | 1 | 0 |" in summary.read_text(encoding="utf-8")
    assert run_health(conf, "--only", "links,nothing").returncode == 2


# --- external links ---------------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self.server.hits[self.path] += 1
        status, headers = {"/ok": (200, {}), "/r1": (301, {"Location": "/ok"})}.get(self.path, (404, {}))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD


@pytest.fixture
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    srv.daemon_threads = True
    srv.hits = Counter()
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    srv.url = f"http://127.0.0.1:{srv.server_port}"
    yield srv
    srv.shutdown()
    srv.server_close()


# Every https:// URL of a fixture site is a real organisation's: only the local server is requested, and
# content_checks lets the pages link to this machine.
LOCAL_ONLY = (
    'LINK_CHECKER = {"timeout": 2, "retries": 0, "external_allow": ["^https://"]}\n'
    'CONTENT_CHECKS = {"allow_local_links": True}\n'
)


def test_online_the_live_check_reports_broken_links_on_their_line_with_its_cache(tmp_path, server):
    body = f"A [good link]({server.url}/ok), a [dead link]({server.url}/missing) and an [old one]({server.url}/r1)."
    files = {
        "articles/en/children/outside.md": article("Outside", body),
        "articles/km/children/outside.md": article("ខាងក្រៅ", "អត្ថបទ។"),
        **COVER,
    }
    _content, conf = write_site(tmp_path, files, LOCAL_ONLY)
    result = run_health(conf, "--build", "--only", "links")  # what `invoke health` runs: build, then check
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Building the site to find its external links" in result.stderr
    out = result.stdout
    assert "External links that fail: 1 to do, 1 worth a look" in out
    md = "content/articles/en/children/outside.md:7"
    assert f"  {md}: link “dead link” -> {server.url}/missing: broken: 404 Not Found\n" in out
    assert f"    {md}: link “old one” -> {server.url}/r1: moved: moved permanently to {server.url}/ok" in out
    assert "unique URLs (0 from the cache): 1 fine, 1 moved, 1 broken" in out  # the others are allow-listed
    assert "1 item needs a person" in out
    # The link checker's cache keeps the answers for the next run (and for `invoke linkcheck --external`).
    cached = json.loads((tmp_path / "cache" / "linkcheck-cache.json").read_text(encoding="utf-8"))["results"]
    assert cached[f"{server.url}/missing"]["verdict"] == "broken" and cached[f"{server.url}/ok"]["verdict"] == "ok"


def test_a_site_that_does_not_build_is_itself_on_the_list(tmp_path):
    files = {"articles/en/children/bad.md": article("Bad", "Text.", audience="teens")}
    _content, conf = write_site(tmp_path, files)
    result = run_health(conf, "--build", "--only", "links")
    assert result.returncode == 1
    assert "content/articles/en/children/bad.md:5: unknown audience 'teens'" in result.stdout  # the build's log
    assert "not checked: the site does not build (exit 1)" in result.stdout


def test_links_are_skipped_with_a_note_when_no_linked_site_can_be_reached(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text(
        '<a href="http://127.0.0.1:9/x">closed port</a> <a href="https://allowed.example/">allowed</a>',
        encoding="utf-8",
    )
    settings = {"LINK_CHECKER": {"external_allow": ["^https://"]}, "CACHE_PATH": str(tmp_path / "cache"),
                "PATH": str(tmp_path / "content"), "SITEURL": ""}  # fmt: skip
    probed = []
    section = links_section(output, settings, probe=lambda hosts: probed.append(hosts) or False)
    assert probed == [[("127.0.0.1", 9)]]  # only hosts the check would request; allow-listed ones are not
    assert "looks offline" in section.skipped and not section.needs_action and not section.findings
    assert not (tmp_path / "cache").exists()  # nothing checked, so nothing cached as broken
    assert "not checked" in render_text([section], "2026-12-02")


def test_the_real_probe_finds_a_closed_port_unreachable_and_a_listening_server_reachable(server):
    from link_checker.external import reachable

    assert reachable([("127.0.0.1", server.server_port)], timeout=2)
    assert not reachable([("127.0.0.1", 9)], timeout=2)
    assert not reachable([])


# --- sections and rendering ------------------------------------------------------------------------------


def _info(path, lang, slug, **kw) -> FileInfo:
    return FileInfo(path=path, kind="article", lang=lang, slug=slug, hash=kw.pop("hash", "h-" + slug), **kw)


def test_guides_age_from_their_phone_check_when_there_is_one(tmp_path):
    old = (TODAY - dt.timedelta(days=400)).isoformat()
    infos = [
        _info("content/a.md", "en", "a-privacy-guide", checked=old, guide=True, phone_checked=True),
        _info("content/b.md", "en", "b-privacy-guide", checked=RECENT.isoformat(), guide=True),
    ]
    section = guides_section(infos, tmp_path, TODAY, 365)
    assert [(f.source, f.message) for f in section.actions] == [
        ("content/a.md", f"steps last tried on a phone on {old}, more than 365 days ago")
    ]
    assert section.notes == [
        "1 of 2 privacy guide files have never been tried on a phone; their age counts from their Date:"
    ]


def test_translation_states(tmp_path):
    infos = [
        _info("content/en/x.md", "en", "x", hash="new"),
        _info("content/km/x.md", "km", "x", translated_from=("en", "old")),
        _info("content/en/y.md", "en", "y"),
        _info("content/km/z.md", "km", "z", translated_from=("en", "gone")),
        _info("content/en/w.md", "en", "w"),
        _info("content/km/w.md", "km", "w"),
    ]
    section = translations_section(infos, ["km", "en"])
    assert sorted((f.source, f.rule) for f in section.actions) == [
        ("content/en/y.md", "translation-missing"),
        ("content/km/x.md", "translation-outdated"),
        ("content/km/z.md", "translation-missing"),  # z has no English file ...
        ("content/km/z.md", "translation-orphaned"),  # ... though it says it was translated from one
    ]
    assert section.notes and section.notes[0].startswith("1 translated pages were never stamped")


def test_a_contact_confirmed_just_within_the_age_is_fine():
    data = {"contacts": [{"id": "a", "channels": [{"type": "phone", "value": "117"}],
                          "confirmed": {"date": TODAY - dt.timedelta(days=180)}},
                         {"id": "b", "channels": [{"type": "phone", "value": "1280"}],
                          "confirmed": {"date": TODAY - dt.timedelta(days=181)}}]}  # fmt: skip
    section = contacts_section(data, {}, "content/data/contacts.yaml", TODAY, 180)
    assert [f.message.split(":")[0] for f in section.actions] == ["contact 'b' (1280)"]


def test_markdown_folds_long_lists_and_escapes_html():
    findings = [Finding(f"content/{n:02}.md", None, "r", "awaiting <review>") for n in range(12)]
    markdown = render_markdown([Section("reviews", "Reviews", "review | them", findings)], "2026-12-02")
    assert "<details><summary>12 items</summary>" in markdown
    assert "- `content/00.md`: awaiting &lt;review&gt;" in markdown
    assert "**To do:** review \\| them" in markdown
    assert "## Site health on 2026-12-02: 12 items need a person" in markdown
