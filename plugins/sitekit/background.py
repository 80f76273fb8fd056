"""Checks that run in a process of their own while Pelican reads the content, and report when the build needs them.

The content checks and the terminology scan read every Markdown file before Pelican does; on a
cold build of 1,000 articles that is three seconds during which the second processor is idle, and
Pelican's reading does not need their results. So a plugin starts its check here when the build
starts (`start`) and takes the result where it reports (`result`), usually once every file is read.

A check's errors must still come first: if anything stops the build before a check reported (an
error Pelican raises while reading the very file the check would have named), the runner asks
`failure()` for the checks' own errors and prints those instead (sitekit.runner).

Written here because `concurrent.futures` gives the process but not the "report the root cause
first" rule, which every plugin would otherwise repeat.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor

from .errors import SiteBuildError

_pending: dict[str, tuple[ProcessPoolExecutor | None, Future]] = {}
_tasks: dict[str, tuple] = {}
_judges: dict[str, object] = {}


def start(name: str, function, *args, judge=None) -> None:
    """Run `function(*args)` for the check `name`: in a forked process when there are two processors or
    more, else here and now. `function` must not log (its process shares no console with the build).

    `judge(result)` raises the check's SiteBuildError when the result holds errors: `failure()` calls it
    when the build stopped before the check reported.
    """
    forget(name)
    if judge is not None:
        _judges[name] = judge
    if (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        future: Future = Future()
        try:
            future.set_result(function(*args))
        except Exception as exc:  # kept for `result`, raised where the check reports
            future.set_exception(exc)
        _pending[name] = (None, future)
        return
    # The process is forked when the task is submitted, so it finds the task here instead of receiving it
    # pickled (the settings hold functions that do not pickle).
    _tasks[name] = (function, args)
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    try:
        _pending[name] = (pool, pool.submit(_run, name))
    finally:
        del _tasks[name]


def _run(name: str):
    # Forked while the build's console may be drawing its progress line from another thread: a message
    # from this process could wait forever for that thread's lock, so this process logs nothing.
    logging.disable(logging.CRITICAL)
    function, args = _tasks[name]
    return function(*args)


def result(name: str):
    """The check's result (waiting for it), or the exception it raised."""
    pool, future = _pending[name]
    try:
        return future.result()
    finally:
        if pool is not None:
            pool.shutdown()


def failure() -> SiteBuildError | None:
    """The first SiteBuildError raised by a check started in this build (in the order they started), waiting
    for each; None when none failed. The runner reports it in place of whatever else stopped the build."""
    for name in list(_pending):
        try:
            found = result(name)
            if name in _judges:
                _judges[name](found)
        except SiteBuildError as exc:
            return exc
        except Exception:  # a bug in a check: the build's own error is the one to show
            continue
    return None


def forget(name: str) -> None:
    """Drop the check `name` of an earlier build (`invoke livereload` builds again in the same process)."""
    _judges.pop(name, None)
    pool, _future = _pending.pop(name, (None, None))
    if pool is not None:
        pool.shutdown(cancel_futures=True)


def close() -> None:
    """Stop every check's process (the build is over, or stopped before a check reported)."""
    for name in list(_pending):
        forget(name)
