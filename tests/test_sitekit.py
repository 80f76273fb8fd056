"""Unit tests of the shared plugin helpers: findings, paths and the output-to-source map."""

import os
import re

import pytest

from sitekit import source_map
from sitekit.findings import Finding, format_report
from sitekit.paths import display_path


def test_finding_names_file_line_page_and_rule():
    f = Finding("content/articles/en/x.md", 12, "link-target", "no such file: /en/nope/", page="en/x/index.html")
    assert f.format() == "content/articles/en/x.md:12: [en/x/index.html] no such file: /en/nope/ (link-target)"


def test_report_sorts_dedups_and_counts():
    a = Finding("b.md", 2, "r1", "m")
    b = Finding("a.md", 1, "r2", "m")
    text = format_report("Title", [a, b, a])
    assert text.splitlines()[1].strip().startswith("a.md:1:")
    assert "by rule: r1: 1, r2: 1" in text


def test_display_path_keeps_content_folder_name():
    assert display_path("/x/site/content/articles/en/a.md", "/x/site/content") == "content/articles/en/a.md"


def test_source_map_round_trip(tmp_path):
    source_map.reset()
    out = tmp_path / "out"
    (out / "en" / "a").mkdir(parents=True)
    page = source_map.PageSource("content/articles/en/a.md", "theme/templates/article.html", "en")
    source_map.record(str(out / "en" / "a" / "index.html"), str(out), page)
    source_map.save(tmp_path / "map.json")
    source_map.reset()
    source_map.load(tmp_path / "map.json")
    assert source_map.lookup("en/a/index.html") == page


def test_line_of_finds_first_line(tmp_path):
    (tmp_path / "a.md").write_text("Title: x\n\nsee [here](/x/)\n", encoding="utf-8")
    assert source_map.line_of("a.md", "(/x/)", tmp_path) == 3
    assert source_map.line_of("a.md", "nothing", tmp_path) is None


def test_result_cache_reuses_unchanged_pages_and_forgets_on_new_code(tmp_path):
    from sitekit.page_cache import ResultCache

    path = tmp_path / "cache.pickle"
    calls = []

    def check(page):
        calls.append(page)
        return f"result of {page}"

    first = ResultCache(path, "code-v1")
    assert first.get(ResultCache.key(b"<p>a</p>"), lambda: check("a")) == "result of a"
    first.get(ResultCache.key(b"<p>b</p>"), lambda: check("b"))
    first.save()
    second = ResultCache(path, "code-v1")
    assert second.get(ResultCache.key(b"<p>a</p>"), lambda: check("a")) == "result of a"
    assert second.get(ResultCache.key(b"<p>c</p>"), lambda: check("c")) == "result of c"
    assert calls == ["a", "b", "c"] and second.hits == 1
    second.save()  # only what this build used is kept: b is gone
    third = ResultCache(path, "code-v1")
    assert set(third.entries) == {ResultCache.key(b"<p>a</p>"), ResultCache.key(b"<p>c</p>")}
    assert ResultCache(path, "code-v2").entries == {}  # the check's code changed: nothing is reused
    path.write_bytes(b"not a pickle")
    assert ResultCache(path, "code-v1").entries == {}
    assert ResultCache.key("a", "bc") != ResultCache.key("ab", "c")


def test_a_sharded_result_cache_keeps_the_same_entries_and_writes_only_the_files_that_changed(tmp_path):
    from sitekit.page_cache import ResultCache

    path = tmp_path / "pages.pickle"
    keys = [ResultCache.key(f"<p>{n}</p>") for n in range(64)]
    first = ResultCache(path, "v1", shards=8)
    for key in keys:
        first.get(key, lambda key=key: f"result {key[:6]}")
    first.save()
    files = sorted(tmp_path.glob("pages-*.pickle"))
    assert len(files) == 8 and not path.exists()
    written = {f.name: f.stat().st_mtime_ns for f in files}

    second = ResultCache(path, "v1", shards=8)
    assert second.entries == {key: f"result {key[:6]}" for key in keys}
    new_key = ResultCache.key("<p>new</p>")
    for key in keys[1:]:  # one page gone, one new page
        second.keep(key)
    second.put(new_key, "result new")
    second.save()
    rewritten = {f.name for f in files if f.stat().st_mtime_ns != written[f.name]}
    assert rewritten == {files[second._shard(keys[0])].name, files[second._shard(new_key)].name}
    third = ResultCache(path, "v1", shards=8)
    assert set(third.entries) == {*keys[1:], new_key} and third.entries[new_key] == "result new"
    assert ResultCache(path, "v2", shards=8).entries == {}


def test_a_rebuild_reuses_checks_of_unchanged_pages_but_rechecks_a_changed_one(site):
    from conftest import article

    files = {
        "articles/en/children/a.md": article("A", "Text."),
        "articles/km/children/a.md": article("ក", "អត្ថបទ។"),
        "articles/km/children/b.md": article("ខ", "អត្ថបទ។"),
    }
    first = site(files)
    assert first.returncode == 0, first.log
    caches = {p.name for p in (first.output.parent / "cache").glob("*.pickle")}
    assert "audit-pages-00.pickle" in caches  # one cache of every step's per-page results (in 16 files)
    assert ", 0 unchanged since the last build" in first.log
    again = site(files)
    assert again.returncode == 0 and " 0 read and parsed once for " in again.log  # nothing changed: nothing parsed
    # The editor adds an unmarked English phrase to one Khmer page: the cached result must not hide it.
    files["articles/km/children/b.md"] = article("ខ", "អត្ថបទ ដែលមាន Bigo Live ។")
    second = site(files)
    assert second.returncode == 1
    assert 'content/articles/km/children/b.md:7: [b/index.html] English words "Bigo Live"' in second.log


class _Step:
    """A stand-in audit step: its report names the process its `finish` ran in."""

    def __init__(self, name: str, apart: bool):
        self.NAME = name
        self.FINISH_APART = apart

    def finish(self, results, site, config):
        from audit.steps import StepReport

        return StepReport(summary=[f"{self.NAME} {len(results)} {config} {os.getpid()}"])


def test_a_step_that_only_writes_files_finishes_in_a_process_of_its_own_and_reports_in_order():
    from audit.pipeline import finish_steps

    steps = [_Step("links", False), _Step("search", True), _Step("budget", False)]
    results = {"links": {"a": 1}, "search": {"a": 1, "b": 2}, "budget": {}}
    configs = {"links": "L", "search": "S", "budget": "B"}
    saved = []
    reports = finish_steps(steps, results, None, configs, workers=2, meanwhile=lambda: saved.append(os.getpid()))
    assert saved == [os.getpid()]  # the pass saves its cache here while the search bundle is written
    names = [r.summary[0].split()[:3] for r in reports]
    assert names == [["links", "1", "L"], ["search", "2", "S"], ["budget", "0", "B"]]
    pids = [int(r.summary[0].split()[3]) for r in reports]
    assert pids[0] == pids[2] == os.getpid() != pids[1]
    # One worker: everything in this process, same reports.
    alone = finish_steps(steps, results, None, configs, workers=1, meanwhile=lambda: saved.append(os.getpid()))
    assert saved == [os.getpid()] * 2
    assert [r.summary[0].split()[:3] for r in alone] == names
    assert {int(r.summary[0].split()[3]) for r in alone} == {os.getpid()}


def _pid_and(value):
    return os.getpid(), value


def _fails():
    from sitekit.errors import SiteBuildError

    raise SiteBuildError("content/x.md:3: the check's own message")


_PREPARED: list[int] = []


def _prepare(value):
    _PREPARED.append(os.getpid())
    return [os.getpid(), value]


def _answer(prepared, more):
    return [*prepared, os.getpid(), more]


def _prepare_fails():
    raise ValueError("cannot read the cache")


def test_a_standby_process_prepares_at_once_and_answers_later(monkeypatch):
    from sitekit import background

    background.standby("audit-demo", _prepare, "cache")
    assert background.waiting("audit-demo")
    prepared_in, value, answered_in, more = background.ask("audit-demo", _answer, "pages")
    assert (value, more) == ("cache", "pages")
    assert prepared_in == answered_in != os.getpid() and _PREPARED == []  # prepared in the other process
    assert not background.waiting("audit-demo")  # one answer; the process has ended
    background.standby("broken", _prepare_fails)
    with pytest.raises(ValueError, match="cannot read the cache"):
        background.ask("broken", _answer, "pages")
    # One processor: nothing is prepared until the answer is asked for, then both run here.
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    background.standby("alone", _prepare, "cache")
    assert _PREPARED == []
    assert background.ask("alone", _answer, "pages") == [os.getpid(), "cache", os.getpid(), "pages"]
    background.standby("dropped", _prepare, "cache")
    background.close()
    assert not background.waiting("dropped") and [os.getpid()] == _PREPARED


def test_a_background_check_runs_in_its_own_process_and_its_errors_come_first(monkeypatch):
    from sitekit import background
    from sitekit.errors import SiteBuildError

    background.start("demo", _pid_and, 42)
    pid, value = background.result("demo")
    assert value == 42 and pid != os.getpid()

    def judge(found):
        if found[1] > 10:
            raise SiteBuildError(f"too many: {found[1]}")

    background.start("judged", _pid_and, 11, judge=judge)
    background.start("raises", _fails)
    assert str(background.failure()) == "too many: 11"  # in the order the checks started
    background.forget("judged")
    assert "the check's own message" in str(background.failure())
    background.close()
    assert background.failure() is None
    # One processor: the check runs at once, in this process, with the same results.
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    background.start("alone", _pid_and, 7)
    assert background.result("alone") == (os.getpid(), 7)
    background.close()


def _page(body: str) -> str:
    return f'<!DOCTYPE html><html lang="en"><head><title>T</title></head><body><main>{body}</main></body></html>'


def test_pages_checked_as_they_are_written_are_not_parsed_again_unless_written_again(tmp_path, monkeypatch):
    import audit.pipeline as pipeline
    import page_budget.step as budget

    out = tmp_path / "output"
    for rel in ("a/index.html", "b/index.html"):
        (out / rel).parent.mkdir(parents=True)
        (out / rel).write_text(_page("First words."), encoding="utf-8")
    parsed = []
    monkeypatch.setattr(pipeline, "parse_document", lambda text: parsed.append(text) or _parse(text))
    sources = {
        "a/index.html": source_map.PageSource("content/a.md", "article.html", "en"),
        "b/index.html": source_map.PageSource(None, "index.html", "en"),
    }
    configs = {"budget": budget.configure({})}
    job = pipeline.AuditJob(out, str(tmp_path), ["page_budget"], configs, 1, sources)
    cache = pipeline.open_cache(tmp_path / "cache" / "audit-pages.pickle", ["page_budget"])
    pipeline.check_written(cache, job, list(sources))
    assert len(parsed) == 2
    # Pelican writes b again later in the build (other bytes): only b is parsed again by the pass.
    (out / "b/index.html").write_text(_page("Second, longer words for the same page."), encoding="utf-8")
    source_map.use(sources)
    lookup, root = source_map.lookup, str(tmp_path)
    hashed = []  # pages whose key is worked out again (a's is the one worked out while it was written)
    page_key = pipeline._page_key
    monkeypatch.setattr(
        pipeline, "_page_key", lambda output, rel, *rest: hashed.append(rel) or page_key(output, rel, *rest)
    )
    results, count = pipeline.run_pass(out, list(sources), [budget], configs, lookup, root, cache, 1)
    assert hashed == ["b/index.html"]
    assert len(parsed) == 3 and "Second, longer" in parsed[-1]
    assert count == 2  # both pages were read and parsed in this build, one of them early
    alone = pipeline.run_pass(out, list(sources), [budget], configs, lookup, root, None, 1)[0]
    assert results == alone  # the same results as a pass that checks everything itself


def test_checking_a_page_leaves_nothing_for_the_garbage_collector(real_site, tmp_path):
    """Each page's checks free what they made when they end. A reference cycle (a recursive inner function
    makes one) kept every page's parsed tree alive until the collector ran: the pass held hundreds of
    pages, and the collector took a fifth of its time."""
    import gc

    from conftest import ROOT
    from pelican.settings import read_settings

    from audit.pipeline import Page
    from audit.steps import load_steps
    from sitekit.html import parse_document

    settings = read_settings(
        str(ROOT / "pelicanconf.py"), override={"PATH": str(real_site.content), "CACHE_PATH": str(tmp_path)}
    )
    steps = load_steps(["link_checker", "page_budget", "a11y_checks", "search"])
    configs = {step.NAME: step.configure(settings) for step in steps}
    pages = real_site.pages()
    gc.collect()
    gc.disable()
    try:
        for rel in pages:
            data = (real_site.output / rel).read_bytes()
            page = Page(rel, data, parse_document(data.decode("utf-8")), None)
            for step in steps:
                step.check_page(page, configs[step.NAME])
        del page
        assert gc.collect() == 0
    finally:
        gc.enable()


def _parse(text: str):
    from sitekit.html import parse_document

    return parse_document(text)


def test_a_page_checked_early_that_needed_a_page_not_yet_written_is_checked_again_by_the_pass(tmp_path, monkeypatch):
    """A listing's finding names the Markdown file of the page it lists: before that page is written, the
    early result would name none, so it is not kept."""
    import audit.pipeline as pipeline

    plugin = tmp_path / "plugins" / "lookup_step"
    plugin.mkdir(parents=True)
    (plugin / "__init__.py").write_text("", encoding="utf-8")
    (plugin / "step.py").write_text(
        "from sitekit import source_map\n"
        "NAME = 'lookup'\nERROR = RuntimeError\n"
        "def configure(settings):\n    return {}\n"
        "def fingerprint(config):\n    return 'v1'\n"
        "def check_page(page, config):\n    found = source_map.lookup('listed/index.html')\n"
        "    return found.source if found else None\n"
        "def finish(results, site, config):\n    return None\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path / "plugins"))
    out = tmp_path / "output"
    (out / "index.html").parent.mkdir(parents=True)
    (out / "index.html").write_text(_page('<a href="/listed/">Listed</a>'), encoding="utf-8")
    listing = {"index.html": source_map.PageSource(None, "index.html", "en")}
    job = pipeline.AuditJob(out, str(tmp_path), ["lookup_step"], {"lookup": {}}, 1, listing)
    cache = pipeline.open_cache(None, ["lookup_step"])
    pipeline.check_written(cache, job, ["index.html"])
    assert cache.entries == {}  # needed listed/index.html, not yet written: not kept
    listed = {"listed/index.html": source_map.PageSource("content/listed.md", "article.html", "en")}
    source_map.use({**listing, **listed})
    step = __import__("lookup_step.step", fromlist=["step"])
    results, count = pipeline.run_pass(
        out, ["index.html"], [step], {"lookup": {}}, source_map.lookup, str(tmp_path), cache, 1
    )
    assert results["lookup"]["index.html"] == "content/listed.md" and count == 1


def test_work_told_to_a_standby_process_is_done_in_order_until_the_question_comes(tmp_path, monkeypatch):
    import time

    from sitekit import background

    background.standby("told", _prepare, "cache")
    background.tell("told", _note, "page 1", tmp_path)
    background.tell("told", _note, "page 2", tmp_path)
    for _ in range(500):  # the process works while this one goes on
        if (tmp_path / "page 2").exists():
            break
        time.sleep(0.01)
    background.tell("told", _slow_note, "page 3", tmp_path)
    background.tell("told", _note, "page 4", tmp_path)  # still waiting when the question comes: skipped
    time.sleep(0.1)
    prepared_in, value, answered_in, _more = background.ask("told", _answer, "pages")
    assert value == ["cache", "page 1", "page 2", "page 3"] and prepared_in == answered_in != os.getpid()
    background.tell("told", _note, "after", tmp_path)  # the process has answered: nothing to do
    assert not (tmp_path / "after").exists()
    background.standby("told-fails", _prepare, "cache")
    background.tell("told-fails", _note_fails, "page 1")
    time.sleep(0.2)
    with pytest.raises(ValueError, match="page 1"):
        background.ask("told-fails", _answer, "pages")
    # One processor: what was told is skipped; the answer is the same, made here.
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    background.standby("told-alone", _prepare, "cache")
    background.tell("told-alone", _note, "page 1", tmp_path / "alone")
    assert background.ask("told-alone", _answer, "pages")[1] == "cache"


def _note(prepared, page, folder):
    prepared[1] = [prepared[1], page] if isinstance(prepared[1], str) else [*prepared[1], page]
    folder.mkdir(exist_ok=True)
    (folder / page).touch()


def _slow_note(prepared, page, folder):
    import time

    time.sleep(0.5)
    _note(prepared, page, folder)


def _note_fails(prepared, page):
    raise ValueError(f"cannot check {page}")


DYING_STEP = """
import multiprocessing, os
from audit.steps import StepReport
from sitekit.errors import SiteBuildError
NAME = "dying"
ERROR = SiteBuildError
def configure(settings):
    return {}
def fingerprint(config):
    return "1"
def check_page(page, config):
    if multiprocessing.parent_process() is not None:
        os._exit(9)  # as if the system had killed the process for memory
    return page.rel
def finish(results, site, config):
    return StepReport(summary=[f"dying step: {len(results)} pages checked in the build's process"])
"""


def test_when_the_audit_process_dies_the_pages_are_checked_in_the_build_process(site, tmp_path):
    from conftest import article

    plugin = tmp_path / "extra" / "dying"
    plugin.mkdir(parents=True)
    (plugin / "__init__.py").write_text("def register():\n    pass\n", encoding="utf-8")
    (plugin / "step.py").write_text(DYING_STEP, encoding="utf-8")
    settings = (
        f"import sys\nsys.path.insert(0, {str(tmp_path / 'extra')!r})\n"
        f"PLUGIN_PATHS = [*PLUGIN_PATHS, {str(tmp_path / 'extra')!r}]\n"
        'PLUGINS = [*PLUGINS, "dying"]\nAUDIT = {"steps": ["dying"]}\n'
    )
    built = site({"articles/en/children/a.md": article("A", "Text.")}, settings)
    assert built.returncode == 0, built.log
    assert "warning: the audit's own process ended before it answered; checking the pages in this process" in built.log
    assert re.search(r"dying step: \d+ pages checked in the build's process", built.log)
