"""Time the accessibility step per page on the real site: BeautifulSoup (before the lxml port) against lxml.html.

Run from the project root with the project's virtualenv:

    .venv/bin/python benchmarks/a11y_parse.py                    # builds content/ into a temp folder first
    .venv/bin/python benchmarks/a11y_parse.py --site /tmp/me-out --cache /tmp/me-cache   # a site built already
    .venv/bin/python benchmarks/a11y_parse.py --runs 9           # timings per page and variant (median)
    .venv/bin/python benchmarks/a11y_parse.py --before REV       # compare with a11y_checks as of REV

"before" is plugins/a11y_checks as of the last commit whose document.py still imported bs4 (or --before),
taken out of git into a temporary folder; "after" is plugins/a11y_checks as it is. Each page's step (parse,
every page rule, attribution to source files, page title) is timed --runs times per variant, the two
interleaved; a page's figure is its median. Printed: the median over pages in ms/page and the sum over pages
(one pass over the site), for the whole step, for parsing alone, and, after, for the rules on a page parsed
already (`checks.check_tree`: what the one-pass audit pays). Both variants must find the same problems on every
page; pages where they differ are counted. The figures belong in docs/performance.md.
"""

from __future__ import annotations

import argparse
import importlib
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "plugins"), str(Path(__file__).resolve().parent)]

import lxml.html  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402
from machine import describe  # noqa: E402
from pelican.settings import read_settings  # noqa: E402

from a11y_checks import checks, document, structure  # noqa: E402
from a11y_checks.config import load_config  # noqa: E402
from sitekit import source_map  # noqa: E402

PACKAGE = "plugins/a11y_checks"


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def bs4_revision() -> str:
    """The newest commit whose a11y_checks/document.py parses with BeautifulSoup."""
    for rev in git("log", "--format=%H", "--", f"{PACKAGE}/document.py").split():
        if "from bs4 import" in git("show", f"{rev}:{PACKAGE}/document.py"):
            return rev
    raise SystemExit("no commit of a11y_checks/document.py imports bs4; give --before REV")


def import_before(rev: str, folder: Path):
    """a11y_checks as of `rev`, importable as `a11y_before` (its __init__ left out: it connects Pelican signals)."""
    package = folder / "a11y_before"
    package.mkdir()
    for name in git("ls-tree", "--name-only", rev, f"{PACKAGE}/").split():
        if name.endswith(".py") and not name.endswith("__init__.py"):
            (package / Path(name).name).write_text(git("show", f"{rev}:{name}"), encoding="utf-8")
    (package / "__init__.py").write_text("", encoding="utf-8")
    sys.path.insert(0, str(folder))
    return (
        importlib.import_module("a11y_before.checks"),
        importlib.import_module("a11y_before.document"),
        importlib.import_module("a11y_before.structure"),
    )


def build(folder: Path) -> tuple[Path, Path]:
    output, cache = folder / "output", folder / "cache"
    command = [sys.executable, "-m", "sitekit.runner", "-s", "pelicanconf.py", "-o", str(output)]
    command += ["-e", f'CACHE_PATH="{cache}"']
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, env={"PYTHONPATH": str(ROOT / "plugins")})
    return output, cache


def timed(function, *args) -> tuple[float, object]:
    start = time.perf_counter()
    value = function(*args)
    return (time.perf_counter() - start) * 1000, value


def step(mod_checks, mod_document, mod_structure, text, page, config, lookup):
    doc = mod_document.Document(text, page)
    found = mod_checks.attribute(doc, mod_checks.check_document(doc, config), lookup(page), config, lookup)
    return found, mod_structure.page_title(doc)


def tree_step(tree, page, config, lookup):
    doc = document.Document.from_tree(tree, page)
    return checks.check_doc(doc, config, lookup(page), lookup), structure.page_title(doc)


def summary(label: str, before: list[float] | None, after: list[float]) -> str:
    def cell(values):
        return f"{statistics.median(values):7.2f} ms {sum(values):8.0f} ms" if values else " " * 22

    ratio = f"{statistics.median(before) / statistics.median(after):5.1f}x" if before else ""
    return f"  {label:34} {cell(before)}   {cell(after)}   {ratio}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build content/ into a temp folder)")
    parser.add_argument("--cache", type=Path, help="the cache folder of that build (for its source map)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--before", help="git revision of the BeautifulSoup version (default: found in git)")
    args = parser.parse_args(argv)
    rev = args.before or bs4_revision()
    with tempfile.TemporaryDirectory() as tmp:
        old_checks, old_document, old_structure = import_before(rev, Path(tmp))
        site, cache = (args.site, args.cache) if args.site else build(Path(tmp))
        if cache is not None and (cache / "source-map.json").is_file():
            source_map.load(cache / "source-map.json")
        config = load_config(read_settings(str(ROOT / "pelicanconf.py")))
        pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
        texts = {page: (site / page).read_text(encoding="utf-8", errors="replace") for page in pages}
        trees = {page: lxml.html.document_fromstring(texts[page]) for page in pages}
        times: dict[str, dict[str, list[float]]] = {
            name: {page: [] for page in pages}
            for name in ("before", "after", "before-parse", "after-parse", "after-tree")
        }
        differ = set()
        for run in range(args.runs):
            for page in pages:
                text, lookup = texts[page], source_map.lookup
                old = (old_checks, old_document, old_structure, text, page, config, lookup)
                new = (checks, document, structure, text, page, config, lookup)
                # Alternate which variant goes first, so neither always runs on a warmer cache.
                order = (("before", old), ("after", new)) if run % 2 == 0 else (("after", new), ("before", old))
                found = {}
                for name, arguments in order:
                    ms, found[name] = timed(step, *arguments)
                    times[name][page].append(ms)
                if [f.format() for f in found["before"][0]] != [f.format() for f in found["after"][0]] or (
                    found["before"][1] != found["after"][1]
                ):
                    differ.add(page)
                times["before-parse"][page].append(timed(BeautifulSoup, text, "html.parser")[0])
                times["after-parse"][page].append(timed(lxml.html.document_fromstring, text)[0])
                times["after-tree"][page].append(timed(tree_step, trees[page], page, config, lookup)[0])
            print(f"run {run + 1}/{args.runs} done", file=sys.stderr)
    per_page = {name: [statistics.median(values[page]) for page in pages] for name, values in times.items()}
    print(f"Machine: {describe()}")
    print(f"Site: {len(pages)} pages ({sum(map(len, texts.values())) / len(pages) / 1024:.1f} KB of HTML on average)")
    print(f"Before: a11y_checks at {rev[:10]} (BeautifulSoup, html.parser); after: the work tree (lxml.html)")
    print(f"Each page timed {args.runs} times per variant; per page the median; then median and sum over pages.")
    print(f"  {'':34} {'before: median    per pass':>22}   {'after: median    per pass':>22}   ratio")
    print(summary("whole step (parse + rules)", per_page["before"], per_page["after"]))
    print(summary("parse only", per_page["before-parse"], per_page["after-parse"]))
    print(summary("rules on a page parsed already", None, per_page["after-tree"]))
    print(f"Pages whose findings or title differ between before and after: {len(differ)}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
