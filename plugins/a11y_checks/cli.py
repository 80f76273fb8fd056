"""`python -m a11y_checks.cli output`: run the accessibility checks alone on a built site (`invoke a11y`)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pelican.settings import read_settings

from sitekit import source_map
from sitekit.errors import SiteBuildError
from sitekit.findings import errors, warnings
from sitekit.hooks import MAP_FILE

from .config import load_config
from .report import error_report, summary_table, warning_report
from .site import check_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m a11y_checks.cli", description="Check every HTML page of a built site for accessibility."
    )
    parser.add_argument("output", nargs="?", default="output", help="the built site (default: output)")
    parser.add_argument("-s", "--settings", default="pelicanconf.py", help="Pelican settings file")
    parser.add_argument(
        "--source-map", help=f"the map of pages to source files (default: CACHE_PATH/{MAP_FILE} from the settings)"
    )
    args = parser.parse_args(argv)
    output = Path(args.output)
    if not output.is_dir():
        print(f"{output}: no such folder; build the site first (invoke build)", file=sys.stderr)
        return 2
    try:
        settings = read_settings(args.settings)
        config = load_config(settings)
        map_path = Path(args.source_map or os.path.join(settings["CACHE_PATH"], MAP_FILE))
        source_map.load(map_path)
        if not source_map.all_pages():
            print(f"note: no source map at {map_path}; problems will name output pages, not source files")
        result = check_site(output, config, source_map.lookup)
    except SiteBuildError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(summary_table(result))
    if warnings(result.findings):
        print(warning_report(result))
    if errors(result.findings):
        print(error_report(result), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
