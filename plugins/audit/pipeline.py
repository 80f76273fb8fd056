"""The audit pass: walk the output once, read and parse each page once, run every step, reuse what did not change.

Per page the work is pure (page in, small result out), so it is cached between builds under a key
made of the page's bytes, its Markdown file and the step's fingerprint, and, when many pages
changed, spread over worker processes (fork: the workers inherit the loaded settings, the source
map and the step modules). Results are merged in the order of the page paths, so the output does
not depend on how the work was split.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sitekit import source_map
from sitekit.html import parse_document
from sitekit.page_cache import ResultCache
from sitekit.paths import list_output
from sitekit.source_map import PageSource

from .steps import StepReport, load_steps

#: Fewer pages than this to (re)check are done in this process: starting workers costs more.
PARALLEL_FROM = 48


@dataclass
class Page:
    """One written page as every step sees it: read once, parsed once."""

    rel: str
    data: bytes
    tree: object  # the lxml.html <html> element
    source: PageSource | None


@dataclass
class Site:
    """What the steps' `finish` may use: the output folder, every file in it and where pages came from."""

    output: Path
    files: frozenset[str]
    project_root: str
    lookup: object  # page rel -> PageSource | None


@dataclass
class AuditJob:
    """Everything the pass needs from the build, in a form that pickles (it may run in another process)."""

    output: Path
    project_root: str
    steps: list[str]  # plugin names, in order
    configs: dict[str, dict]  # step NAME -> its settings
    workers: int
    sources: dict[str, PageSource]  # the build's source map: page rel -> where it came from


@dataclass
class AuditOutcome:
    reports: list[StepReport]  # in the order of the steps
    pages: int
    parsed: int
    seconds: float


def open_cache(path: Path | None, steps: list[str]) -> ResultCache:
    """The last build's per-page results; the step modules are imported too (in a standby process, that is
    done before the pages are written)."""
    load_steps(steps)
    _KEYS.clear()  # a new build
    # Sixteen files: after one edit only the few holding the changed pages are written again.
    return ResultCache(path, salt="audit-1", shards=16)


# Each page's key as `check_written` worked it out while the page was written, with the file's size,
# modification time and inode then: the pass reuses it for a file still the same (a stat instead of
# reading and hashing the page and its Markdown again: 0.1 s of every rebuild at 2 x 500). A page written
# twice within one clock tick at the same size would keep its first key; Pelican refuses to write a path
# twice in one build unless told to override, so that is left as it is.
_KEYS: dict[str, tuple[tuple, str, str]] = {}


def _file_state(path: Path) -> tuple:
    found = os.stat(path)
    return (found.st_mtime_ns, found.st_size, found.st_ino)


def _current_key(output: Path, rel: str, source: PageSource | None, project_root: str) -> str:
    known = _KEYS.get(rel)
    if known is not None and known[2] == repr(source):
        try:
            if _file_state(output / rel) == known[0]:
                return known[1]
        except OSError:
            pass
    return _page_key(output, rel, source, project_root)


def run_audit(cache: ResultCache, job: AuditJob) -> AuditOutcome:
    """The whole pass over the written site: every page's results (cached or computed), the cache saved,
    then every step's `finish`."""
    started = time.perf_counter()
    source_map.use(job.sources)
    steps = load_steps(job.steps)
    files = list_output(job.output)
    pages = [f for f in files if f.endswith(".html")]
    results, parsed = run_pass(
        job.output, pages, steps, job.configs, source_map.lookup, job.project_root, cache, job.workers
    )
    site = Site(job.output, frozenset(files), job.project_root, source_map.lookup)
    # The cache is saved while the search bundle is written (and before the forked process can inherit
    # the memory pickling it takes).
    reports = finish_steps(steps, results, site, job.configs, job.workers, meanwhile=cache.save)
    return AuditOutcome(reports, len(pages), parsed, time.perf_counter() - started)


# Set before the workers fork; they read it instead of receiving it with every task.
_JOB: dict = {}


def run_pass(output: Path, pages: list[str], steps: list, configs: dict, lookup, project_root: str,
             cache: ResultCache | None, workers: int = 0) -> tuple[dict[str, dict], int]:  # fmt: skip
    """({step name: {page rel: result}}, pages parsed in this build) for the HTML `pages` (paths relative to
    `output`).

    A page is read and parsed at most once, and not at all when every step's result is cached (by
    the last build, or by `check_written` while this one wrote its pages).
    """
    rels = pages
    prints = {step.NAME: step.fingerprint(configs[step.NAME]) for step in steps}
    results: dict[str, dict] = {step.NAME: {} for step in steps}
    todo: list[tuple[str, str, list[str]]] = []  # (rel, cache key, steps to run)
    early = 0  # pages checked as they were written
    for rel in rels:
        key = _current_key(output, rel, lookup(rel), project_root)
        stored = cache.entries.get(key, {}) if cache is not None else {}
        missing = _missing_steps(stored, prints)
        for name, (_print, result) in stored.items():
            if name in prints and name not in missing:
                results[name][rel] = result
        if missing:
            todo.append((rel, key, missing))
        elif cache is not None:
            cache.keep(key)
            early += key in cache.computed
    _JOB.update(output=output, steps={s.NAME: s for s in steps}, configs=configs, lookup=lookup)
    done = _run(todo, workers)
    for (rel, key, _names), computed in zip(todo, done, strict=True):
        for name, result in computed.items():
            results[name][rel] = result
        if cache is not None:
            _store(cache, key, prints, computed)
    _JOB.clear()
    return results, len(todo) + early


def check_written(cache: ResultCache, job: AuditJob, pages: list[str]) -> None:
    """Check `pages` as Pelican writes them (job.sources holds their part of the source map), so the pass
    finds their results in the cache. A page written again later has other bytes, so another key, and is
    checked again; a result that needed a page not yet written (the a11y step names the Markdown file of
    a page a listing links to) is dropped and made again by the pass."""
    source_map.use(job.sources, replace=False)
    steps = load_steps(job.steps)
    prints = {step.NAME: step.fingerprint(job.configs[step.NAME]) for step in steps}
    _JOB.update(output=job.output, steps={s.NAME: s for s in steps}, configs=job.configs, lookup=source_map.lookup)
    try:
        for rel in pages:
            source = source_map.lookup(rel)
            try:
                before = _file_state(job.output / rel)
                data = (job.output / rel).read_bytes()
                unchanged = _file_state(job.output / rel) == before
            except OSError:
                continue  # gone again: the pass decides
            key = _page_key(job.output, rel, source, job.project_root, data)
            if unchanged:
                _KEYS[rel] = (before, key, repr(source))
            missing = _missing_steps(cache.entries.get(key, {}), prints)
            if not missing:
                continue
            with source_map.watching_misses() as missed:
                computed = _check(rel, missing, data)
            if not missed:
                _store(cache, key, prints, computed)
    finally:
        _JOB.clear()


def _missing_steps(stored: dict, prints: dict[str, str]) -> list[str]:
    """The steps (by NAME, in order) without a result in `stored` made by their current code and settings."""
    return [name for name, fingerprint in prints.items() if (stored.get(name) or ("",))[0] != fingerprint]


def _store(cache: ResultCache, key: str, prints: dict[str, str], computed: dict) -> None:
    """Add the steps' new results to the page's cache entry (the results still valid stay)."""
    entry = dict(cache.entries.get(key, {}))
    entry.update({name: (prints[name], result) for name, result in computed.items()})
    cache.put(key, entry)


def _page_key(output: Path, rel: str, source: PageSource | None, project_root: str, data: bytes | None = None) -> str:
    markdown = b""
    if source is not None and source.source:
        try:
            markdown = (Path(project_root) / source.source).read_bytes()
        except OSError:
            markdown = b""
    return ResultCache.key(rel, (output / rel).read_bytes() if data is None else data, repr(source), markdown)


def _run(todo: list, workers: int) -> list[dict]:
    if not todo:
        return []
    count = workers or os.cpu_count() or 1
    if count < 2 or len(todo) < PARALLEL_FROM or "fork" not in multiprocessing.get_all_start_methods():
        return [_check(rel, names) for rel, _key, names in todo]
    # Sixteen batches per worker: the last batch of one worker ends at most a small batch after the other's,
    # not a quarter of its pages (about 0.2 s of a processor idle at 2 x 500 with four batches each).
    chunk = max(4, len(todo) // (count * 16))
    batches = [todo[i : i + chunk] for i in range(0, len(todo), chunk)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
        done = []
        for batch_result in pool.map(_check_batch, [[(rel, names) for rel, _key, names in b] for b in batches]):
            done += batch_result
    return done


def _check_batch(batch: list[tuple[str, list[str]]]) -> list[dict]:
    return [_check(rel, names) for rel, names in batch]


def finish_steps(
    steps: list, results: dict[str, dict], site: Site, configs: dict, workers: int = 0, meanwhile=None
) -> list:
    """Every step's `finish` (its report), in the order of `steps`; `meanwhile()` is called first.

    A step with `FINISH_APART = True` only writes files and returns its report (the search bundle:
    half a second of pure CPU after one edit); with two or more CPUs it runs in a process of its own
    while this one calls `meanwhile()` (the pass saves its cache) and runs the others' site-wide checks.
    """
    count = workers or os.cpu_count() or 1
    apart = [step for step in steps if getattr(step, "FINISH_APART", False)]
    if count < 2 or not apart or "fork" not in multiprocessing.get_all_start_methods():
        if meanwhile is not None:
            meanwhile()
        return [step.finish(results[step.NAME], site, configs[step.NAME]) for step in steps]
    _FINISH.update(steps={step.NAME: step for step in apart}, results=results, site=site, configs=configs)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=len(apart), mp_context=context) as pool:
            pending = {step.NAME: pool.submit(_finish_apart, step.NAME) for step in apart}
            if meanwhile is not None:
                meanwhile()
            here = {
                step.NAME: step.finish(results[step.NAME], site, configs[step.NAME])
                for step in steps
                if step.NAME not in pending
            }
            return [here[step.NAME] if step.NAME in here else pending[step.NAME].result() for step in steps]
    finally:
        _FINISH.clear()


# Set before the process forks, like _JOB.
_FINISH: dict = {}


def _finish_apart(name: str):
    step = _FINISH["steps"][name]
    return step.finish(_FINISH["results"][name], _FINISH["site"], _FINISH["configs"][name])


def _check(rel: str, names: list[str], data: bytes | None = None) -> dict:
    """Read and parse one page once, and run the given steps on it."""
    output, steps, configs, lookup = _JOB["output"], _JOB["steps"], _JOB["configs"], _JOB["lookup"]
    data = (output / rel).read_bytes() if data is None else data
    page = Page(rel, data, parse_document(data.decode("utf-8", errors="replace")), lookup(rel))
    return {name: steps[name].check_page(page, configs[name]) for name in names}
