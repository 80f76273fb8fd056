"""Checks that run in a process of their own while Pelican reads the content, and report when the build needs them.

The content checks and the terminology scan read every Markdown file before Pelican does; on a
cold build of 1,000 articles that is three seconds during which the second processor is idle, and
Pelican's reading does not need their results. So a plugin starts its check here when the build
starts (`start`) and takes the result where it reports (`result`), usually once every file is read.

A check's errors must still come first: if anything stops the build before a check reported (an
error Pelican raises while reading the very file the check would have named), the runner asks
`failure()` for the checks' own errors and prints those instead (sitekit.runner).

A step that needs the finished site can still start early (`standby`): its process is forked when
the build starts, while Pelican holds little, prepares what it can (the audit reads its cache of
every page's results), and waits for the work (`ask`). The build may hand it work to do before
(`tell`: the audit checks each page as Pelican writes it, on the processor Pelican leaves idle).
Its memory is then not added to Pelican's, and what it prepared is off the build's critical path.

Written here because `concurrent.futures` gives the process but not the "report the root cause
first" rule, which every plugin would otherwise repeat.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .errors import SiteBuildError

_pending: dict[str, tuple[ProcessPoolExecutor | None, Future]] = {}
_tasks: dict[str, tuple] = {}
_judges: dict[str, object] = {}
_later: dict[str, tuple] = {}  # standby work to prepare here, at `ask` (one processor, or no fork)
_states: dict[str, object] = {}  # in a standby process: what its `prepare` made
_asked: dict[str, object] = {}  # standby name -> an Event both processes see, set when `ask` comes
_told: dict[str, list[Future]] = {}  # standby name -> the work `tell` sent; its errors are raised at `ask`


def start(name: str, function, *args, judge=None) -> None:
    """Run `function(*args)` for the check `name`: in a forked process when there are two processors or
    more, else here and now. `function` must not log (its process shares no console with the build).

    `judge(result)` raises the check's SiteBuildError when the result holds errors: `failure()` calls it
    when the build stopped before the check reported.
    """
    forget(name)
    if judge is not None:
        _judges[name] = judge
    if not forks():
        future: Future = Future()
        try:
            future.set_result(function(*args))
        except Exception as exc:  # kept for `result`, raised where the check reports
            future.set_exception(exc)
        _pending[name] = (None, future)
        return
    _fork(name, _run, function, args, multiprocessing.get_context("fork"))


def forks() -> bool:
    """Whether checks run in processes of their own: two processors or more, and fork."""
    return (os.cpu_count() or 1) >= 2 and "fork" in multiprocessing.get_all_start_methods()


def _fork(name: str, runner, function, args: tuple, context) -> None:
    # The process is forked when the task is submitted, so it finds the task here instead of receiving it
    # pickled (the settings hold functions that do not pickle).
    _tasks[name] = (function, args)
    pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
    try:
        _pending[name] = (pool, pool.submit(runner, name))
    finally:
        del _tasks[name]


def _run(name: str):
    # Forked while the build's console may be drawing its progress line from another thread: a message
    # from this process could wait forever for that thread's lock, so this process logs nothing.
    logging.disable(logging.CRITICAL)
    function, args = _tasks[name]
    return function(*args)


def standby(name: str, prepare, *args) -> None:
    """Start a process for `name` now that runs `prepare(*args)` at once and then waits for `ask`; with
    one processor (or no fork), `prepare` runs later, here, when `ask` comes. Like `start`, the process
    logs nothing."""
    forget(name)
    if not forks():
        _later[name] = (prepare, args)
        return
    context = multiprocessing.get_context("fork")
    _asked[name] = context.Event()  # before the fork, so the process has it too
    _fork(name, _prepare, prepare, args, context)


def tell(name: str, function, *args) -> None:
    """Work that only saves time later: `function(prepared, *args)` in the standby process, in the order
    told, while the build goes on. Nothing is done without a standby process, or once `ask` has come (the
    answer must not wait behind work it will do anyway). Errors are raised at `ask`."""
    if name in _pending and name in _asked:
        pool, _prepared = _pending[name]
        with contextlib.suppress(BrokenProcessPool):  # the process has died: `ask` says so
            _told.setdefault(name, []).append(pool.submit(_serve_told, name, function, args))


def _serve_told(name: str, function, args: tuple) -> None:
    if not _asked[name].is_set():
        function(_states[name], *args)


def _prepare(name: str) -> None:
    _states[name] = _run(name)  # kept in the standby process for `_serve`; nothing is sent back


def _serve(name: str, function, args: tuple):
    return function(_states.pop(name), *args)


def ask(name: str, function, *args):
    """`function(prepared, *args)`, `prepared` being what `standby`'s `prepare` made: in the standby
    process, so `function`, `args` and the result must pickle (`function` at module level). The process
    ends with the answer. An error raised by `prepare` or `function` is raised here."""
    if name in _later:
        prepare, prepare_args = _later.pop(name)
        return function(prepare(*prepare_args), *args)
    pool, prepared = _pending.pop(name)
    _asked.pop(name).set()
    try:
        prepared.result()
        answer = pool.submit(_serve, name, function, args)
        for told in _told.pop(name, []):
            told.result()
        return answer.result()
    finally:
        pool.shutdown()


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
        if name in _asked:
            continue  # a standby process checks nothing on its own
        try:
            found = result(name)
            if name in _judges:
                _judges[name](found)
        except SiteBuildError as exc:
            return exc
        except Exception:  # a bug in a check: the build's own error is the one to show
            continue
    return None


def waiting(name: str) -> bool:
    """Whether `name` was started (`start`, `standby`) in this build and not yet answered or forgotten."""
    return name in _pending or name in _later


def forget(name: str) -> None:
    """Drop the check `name` of an earlier build (`invoke livereload` builds again in the same process)."""
    _judges.pop(name, None)
    _later.pop(name, None)
    asked = _asked.pop(name, None)
    if asked is not None:
        asked.set()  # what was told and not yet done is skipped
    _told.pop(name, None)
    pool, _future = _pending.pop(name, (None, None))
    if pool is not None:
        pool.shutdown(cancel_futures=True)


def close() -> None:
    """Stop every check's process (the build is over, or stopped before a check reported)."""
    for name in [*_pending, *_later]:
        forget(name)
