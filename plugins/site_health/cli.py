"""`python -m site_health.cli`: the health report in the terminal and as Markdown; exit 1 if anything needs a person."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path

from pelican.settings import read_settings

from contacts.hooks import DEFAULTS as CONTACTS_DEFAULTS
from content_checks.hooks import config_for, languages_of, scan
from sitekit.errors import SiteBuildError
from sitekit.yamldata import load_plugin_data

from .build import build
from .content import contacts_section, guides_section, reviews_section, translations_section
from .links import links_section, links_section_skipped, links_section_unchecked
from .report import Section, needs_action, render_markdown, render_text

AREAS = ("links", "contacts", "guides", "translations", "reviews")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m site_health.cli", description=__doc__)
    parser.add_argument("-s", "--settings", default="pelicanconf.py", help="Pelican settings file")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--offline", action="store_true", help="do not check external links (a note says so)")
    where.add_argument("--build", action="store_true", help="build the site into a temporary folder for the links")
    where.add_argument("--output", help="check the external links of this built site (default: OUTPUT_PATH)")
    parser.add_argument("--only", default=",".join(AREAS), help=f"comma-separated areas (default: {','.join(AREAS)})")
    parser.add_argument("--markdown", help="also write the Markdown report to this file")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when something needs a person")
    args = parser.parse_args(argv)
    args.areas = [a.strip() for a in args.only.split(",") if a.strip()]
    unknown = sorted(set(args.areas) - set(AREAS))
    if unknown:
        parser.error(f"--only: unknown area(s) {', '.join(unknown)}; use any of {', '.join(AREAS)}")
    return args


def collect(settings: dict, args: argparse.Namespace, today: dt.date) -> list[Section]:
    """Every section asked for, in a fixed order."""
    sections: dict[str, Section] = {}
    project_root = Path(settings["PATH"]).resolve().parent
    if "links" in args.areas:
        sections["links"] = external_links(settings, args)
    if "contacts" in args.areas:
        loaded = load_plugin_data(settings, "CONTACTS", CONTACTS_DEFAULTS)
        max_age = loaded.config["max_age_days"]
        sections["contacts"] = contacts_section(loaded.data or {}, loaded.lines, loaded.shown, today, max_age)
    if {"guides", "translations", "reviews"} & set(args.areas):
        config = config_for(settings)
        languages = languages_of(settings)
        _problems, infos = scan(settings)
        if "guides" in args.areas:
            sections["guides"] = guides_section(infos, project_root, today, config["guide_max_age_days"])
        if "translations" in args.areas:
            sections["translations"] = translations_section(infos, languages)
        if "reviews" in args.areas:
            sections["reviews"] = reviews_section(infos, project_root)
    return [sections[a] for a in AREAS if a in sections]


def external_links(settings: dict, args: argparse.Namespace) -> Section:
    if args.offline:
        return links_section_skipped("--offline was given")
    if not args.build:
        return links_section(Path(args.output or settings["OUTPUT_PATH"]), settings)
    print("Building the site to find its external links ...", file=sys.stderr, flush=True)
    folder = Path(tempfile.mkdtemp(prefix="site-health-"))
    try:
        status, log = build(args.settings, folder / "output")
        if status:
            print(log, flush=True)  # on stdout, where GitHub reads the build's ::error annotations
            reason = f"the site does not build (exit {status}); fix the errors in the build log above first"
            return links_section_unchecked(reason)
        return links_section(folder / "output", settings)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    today = dt.date.today()
    try:
        settings = read_settings(args.settings)
    except (OSError, ValueError) as exc:
        print(f"HEALTH REPORT STOPPED: cannot read the settings {args.settings}: {exc}", file=sys.stderr)
        return 2
    try:
        sections = collect(settings, args, today)
    except SiteBuildError as exc:
        print(f"HEALTH REPORT STOPPED:\n{exc}", file=sys.stderr)
        return 2
    print(render_text(sections, today.isoformat()))
    markdown = render_markdown(sections, today.isoformat())
    if args.markdown:
        Path(args.markdown).write_text(markdown + "\n", encoding="utf-8")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(markdown + "\n")
    return 0 if args.exit_zero or not needs_action(sections) else 1


if __name__ == "__main__":
    sys.exit(main())
