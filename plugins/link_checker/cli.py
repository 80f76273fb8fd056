"""Check an already built output folder: `python -m link_checker.cli output [--external]` (`invoke linkcheck`)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from rich.console import Console

from sitekit import source_map
from sitekit.errors import SiteBuildError
from sitekit.findings import errors
from sitekit.hooks import MAP_FILE
from sitekit.summary import say

from .config import load_config
from .external import progress_bar
from .report import error_report, summary_line, warning_report
from .scan import check_output


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m link_checker.cli",
        description="Check every link of a built site; name the Markdown file or template of each broken one.",
    )
    parser.add_argument("output", nargs="?", default="output", help="the built site (default: output)")
    parser.add_argument("--external", action="store_true", help="also request every external URL (needs internet)")
    parser.add_argument(
        "-s", "--settings", default="pelicanconf.py", help="Pelican settings file the site was built with"
    )
    parser.add_argument("--siteurl", default=None, help="SITEURL the site was built with (default: from the settings)")
    parser.add_argument("--source-map", default=None, help=f"the build's source map (default: CACHE_PATH/{MAP_FILE})")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar for the external check")
    return parser.parse_args(argv)


def load_pelican_settings(path: str) -> dict:
    """The settings the site was built with, as Pelican reads them (PATH made absolute)."""
    from pelican.settings import read_settings

    return read_settings(path)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    output = Path(args.output)
    if not any(output.rglob("*.html")):
        print(f"{output}/ holds no HTML pages: build the site first (invoke build)", file=sys.stderr)
        return 2
    try:
        settings = load_pelican_settings(args.settings)
        config = load_config(settings)
    except SiteBuildError as exc:
        print(f"\nLINK CHECK STOPPED: {type(exc).__name__}\n{exc}\n", file=sys.stderr)
        return 2
    map_path = Path(args.source_map or os.path.join(settings["CACHE_PATH"], MAP_FILE))
    source_map.load(map_path)
    if not source_map.all_pages():
        say("No source map at %s: pages are named by their output path (run `invoke build` first)", map_path)
    siteurl = settings.get("SITEURL", "") if args.siteurl is None else args.siteurl
    project_root = os.path.dirname(os.path.abspath(settings["PATH"]))
    show_progress = args.external and not args.no_progress and sys.stderr.isatty()
    with progress_bar(Console(stderr=True), enabled=show_progress) as progress:
        outcome = check_output(
            output,
            siteurl,
            config,
            source_map.lookup,
            project_root,
            cache_dir=settings["CACHE_PATH"],
            external=args.external or config["check_external"],
            progress=progress,
        )
    print_outcome(outcome, config)
    if errors(outcome.findings):
        print(f"\nLINK CHECK FAILED\n{error_report(outcome.findings, config['report_limit'])}\n", file=sys.stderr)
        return 1
    return 0


def print_outcome(outcome, config) -> None:
    """Warnings, the external summary and the summary line, through the site's summary logger."""
    notes = warning_report(outcome.findings, config["report_limit"])
    if notes:
        say("%s", notes)
    if outcome.external_summary:
        say("%s", outcome.external_summary)
    say("%s", summary_line(outcome.pages, outcome.links, outcome.targets, outcome.findings, outcome.seconds))


if __name__ == "__main__":
    sys.exit(main())
