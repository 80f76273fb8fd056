"""Run Pelican like its own CLI, but report the site's check errors as plain messages, not tracebacks.

Pelican logs every exception with a traceback, which hides the one line an editor needs
(`content/x.md:12: what is wrong`) under thirty lines of Python. Errors raised on purpose by the
site's plugins derive from SiteBuildError and are printed as they are; anything else is a bug in
the code and keeps Pelican's full report.
"""

from __future__ import annotations

import gc
import logging
import os
import sys

from pelican import LOG_HANDLERS, get_instance, parse_arguments
from pelican.log import console
from pelican.log import init as init_logging

from sitekit import annotations, background
from sitekit.errors import SiteBuildError

logger = logging.getLogger("pelican")


#: Allocations between two collections of the youngest generation (Python's default: 700).
GC_THRESHOLD = (50_000, 20, 10)


def main(argv: list[str] | None = None) -> int:
    # A build holds the whole site in memory and makes millions of small objects, nearly none of them in
    # reference cycles: with Python's default thresholds the collector walks that heap hundreds of times
    # (0.5 s of a 4 s rebuild at 2 x 500 articles). It still runs, only less often.
    gc.set_threshold(*GC_THRESHOLD)
    args = parse_arguments(argv)
    init_logging(
        level=args.verbosity,
        fatal=args.fatal,
        name="pelican",
        handler=LOG_HANDLERS[args.log_handler],
        logs_dedup_min_level=getattr(logging, args.logs_dedup_min_level),
    )
    github = annotations.BuildReport.start()  # None unless running in GitHub Actions
    try:
        pelican, _settings = get_instance(args)
        with console.status("Generating..."):
            pelican.run()
    except Exception as exc:
        # A check still running beside Pelican (sitekit.background) may have found the cause: a Markdown
        # file Pelican could not read is named, with its line, by the content checks.
        exc = background.failure() or exc
        if isinstance(exc, SiteBuildError):
            print(f"\nBUILD STOPPED: {type(exc).__name__}\n{exc}\n", file=sys.stderr)
            return annotations.finish(github, 1, exc)
        logger.critical("%s: %s", exc.__class__.__name__, exc, exc_info=True)
        return annotations.finish(github, getattr(exc, "exitcode", 1), exc)
    return annotations.finish(github, 0)


def exit_now(code: int) -> None:
    """End the process with `code` once every message is out, without freeing the build's objects.

    A build ends holding the whole site in memory; Python's normal exit frees millions of objects one
    by one and runs a last full collection (0.3 s of a 4 s rebuild), and the system takes the memory
    back at once anyway. Every pool of worker processes is closed by then (each is a `with` block, and
    the checks of sitekit.background are closed here).
    """
    background.close()  # a check's process would otherwise wait for work forever
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    exit_now(main())
