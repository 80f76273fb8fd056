"""Shared test helpers: build a small fixture site in a temp folder and parse what it wrote."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))


@dataclass
class BuiltSite:
    """The result of one fixture build: exit code, log text and the output folder."""

    returncode: int
    log: str
    output: Path
    content: Path

    def html(self, rel: str) -> BeautifulSoup:
        return BeautifulSoup((self.output / rel).read_text(encoding="utf-8"), "html.parser")

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.output).as_posix() for p in self.output.rglob("*.html"))

    def exists(self, url: str) -> bool:
        return url_to_file(self.output, url) is not None


def url_to_file(output: Path, url: str) -> Path | None:
    """The file a root-relative URL is served from (directory URLs -> index.html)."""
    path = url.split("#", 1)[0].split("?", 1)[0].lstrip("/")
    candidate = output / path
    if path == "" or path.endswith("/"):
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def article(
    title="A page",
    body="Some text.",
    audience="children",
    summary=None,
    extra="",
    date="2026-11-22",
):
    """The text of a Markdown article with the metadata every article needs.

    The default summary is in the title's language: an English summary on a Khmer page is
    unmarked English, which the accessibility check rightly stops.
    """
    if summary is None:
        summary = "សេចក្តីសង្ខេបខ្លី។" if re.search("[\u1780-\u17ff]", title) else "A short summary."
    meta = (
        f"Title: {title}\nDate: {date}\nModified: {date}\nSummary: {summary}\nAudience: {audience}\n"
        f"{textwrap.dedent(extra).strip()}\n"
    )
    return meta.replace("\n\n", "\n") + "\n" + textwrap.dedent(body).strip() + "\n"


def page(title: str, body: str, template: str = "") -> str:
    """The text of a Markdown page with the metadata every page needs."""
    extra = f"Template: {template}\n" if template else ""
    return f"Title: {title}\nSummary: {title}.\nDate: 2026-11-22\n{extra}\n{body}\n"


#: The pages every site needs so the theme's own links resolve.
BASE_PAGES = {
    "pages/km/help.md": page("ជំនួយ", "ជំនួយ។", "help"),
    "pages/en/help.md": page("Help", "Help.", "help"),
    "pages/km/about.md": page("អំពី", "អំពី។"),
    "pages/en/about.md": page("About", "About."),
    "pages/km/glossary.md": page("សទ្ទានុក្រម", "ពាក្យ។", "glossary"),
    "pages/en/glossary.md": page("Glossary", "Words.", "glossary"),
    "pages/km/facts.md": page("តួលេខ", "តួលេខ។", "facts"),
    "pages/en/facts.md": page("Facts", "Figures.", "facts"),
    "pages/km/cover-your-tracks.md": page("លុបដាន", "លុបដាន។"),
    "pages/en/cover-your-tracks.md": page("Cover your tracks", "Cover your tracks."),
}


#: Small data files used by fixture sites instead of the real ones (the real site test brings its own).
FIXTURE_DATA = {
    "data/terminology.yaml": """\
concepts:
  - id: sextortion
    meaning: threats to share sexual pictures
    reason: one form
    glossary: sextortion
    km:
      preferred: ការគំរាមកំហែងផ្លូវភេទ
      discouraged:
        - {term: ការគំរាមកំហែងជំរិតផ្លូវភេទ, reason: one form only}
  - id: internet-hotline-cambodia
    meaning: a web form, not a phone line
    reason: it has no phone number
    km:
      preferred: ទម្រង់រាយការណ៍តាមអ៊ីនធឺណិត
      wrong:
        - {term: ខ្សែទូរស័ព្ទអ៊ីនធឺណិតកម្ពុជា, reason: it is a web form with no phone number}
""",
    "data/glossary.yaml": """\
terms:
  - id: grooming
    term: {en: Grooming, km: ការលួងលោម}
    match: {en: [online grooming, grooming], km: [ការលួងលោម]}
    definition: {en: When someone builds trust with a child in order to abuse them., km: ការកសាងទំនុកចិត្ត។}
  - id: sextortion
    term: {en: Sextortion, km: ការគំរាមកំហែងផ្លូវភេទ}
    match: {en: [sextortion], km: [ការគំរាមកំហែងផ្លូវភេទ]}
    definition: {en: Threats to share sexual pictures., km: ការគំរាម។}
""",
    "data/facts.yaml": """\
figures:
  - id: reports-2021
    figure: {en: "128", km: "១២៨"}
    label: {en: reports to APLE, km: របាយការណ៍ទៅ APLE}
    year: 2021
    source: kiripost-2022
    shows: {en: Reports received., km: របាយការណ៍។}
    limits: {en: Not all cases., km: មិនមែនករណីទាំងអស់។}
charts:
  - id: users
    kind: bar
    title: {en: Internet users, km: អ្នកប្រើអ៊ីនធឺណិត}
    unit: {en: million people, km: លាននាក់}
    source: free-to-shine-2019
    points:
      - {label: {en: "2017", km: "២០១៧"}, value: 10.8}
      - {label: {en: "2019", km: "២០១៩"}, value: 15.8}
  - id: share
    kind: share
    title: {en: Girls and boys, km: ក្មេងស្រី និងក្មេងប្រុស}
    unit: {en: per cent, km: ភាគរយ}
    source: free-to-shine-2019
    points:
      - {label: {en: Girls, km: ក្មេងស្រី}, value: 65}
      - {label: {en: Boys, km: ក្មេងប្រុស}, value: 35}
""",
}


def write_site(tmp_path: Path, files: dict[str, str | bytes], settings: str = "", base_pages: bool = True):
    """Write `files` under a fresh content folder and a settings file for it; (content folder, settings file)."""
    content = tmp_path / "content"
    all_files = {**(BASE_PAGES if base_pages else {}), **files}
    # Small, stable glossary and facts unless the test brings its own; the real contacts and sources.
    for name, text in FIXTURE_DATA.items():
        all_files.setdefault(name, text)
    data_dir = ROOT / "content" / "data"
    for data_file in data_dir.glob("*.yaml"):
        all_files.setdefault(f"data/{data_file.name}", data_file.read_text(encoding="utf-8"))
    for rel, text in all_files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    conf = tmp_path / "fixtureconf.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
        f"PATH = {str(content)!r}\nCACHE_PATH = {str(tmp_path / 'cache')!r}\n"
        f"{textwrap.dedent(settings)}\n",
        encoding="utf-8",
    )
    return content, conf


def build_site(tmp_path: Path, files: dict[str, str | bytes], settings: str = "", base_pages: bool = True, env=None):
    """Write `files` under a fresh content folder, build with the project's settings, return BuiltSite.

    `env` adds environment variables for the build (e.g. GITHUB_ACTIONS); nothing else is inherited.
    """
    content, conf = write_site(tmp_path, files, settings, base_pages)
    output = tmp_path / "output"
    command = [sys.executable, "-m", "sitekit.runner", str(content), "-s", str(conf), "-o", str(output)]
    proc = subprocess.run(
        [*command, "--fatal", "warnings"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={
            "COLUMNS": "200",
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "PYTHONHASHSEED": "0",
            "PYTHONPATH": str(ROOT / "plugins"),
            **(env or {}),
        },
    )
    return BuiltSite(proc.returncode, proc.stdout + proc.stderr, output, content)


def assert_stopped(result, *messages: str) -> None:
    """The build failed and printed each message (an editor's `file:line: what to do`), with no traceback."""
    assert result.returncode != 0, result.log
    for message in messages:
        assert message in result.log
    assert "Traceback" not in result.log


@pytest.fixture
def site(tmp_path):
    """Call with files (and optional settings) to build a fixture site."""

    def _build(files, settings="", base_pages=True):
        return build_site(tmp_path, files, settings, base_pages)

    return _build


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The real content/ built once per test session with the project's settings."""
    tmp = tmp_path_factory.mktemp("real")
    files = {
        path.relative_to(ROOT / "content").as_posix(): path.read_bytes()
        for path in (ROOT / "content").rglob("*")
        if path.is_file()
    }
    site = build_site(tmp, files, base_pages=False)
    assert site.returncode == 0, site.log
    return site


def pytest_configure(config):
    """Builds inside the tests must not annotate a pull request or write its job summary
    (sitekit.annotations), however pytest is started: in GitHub Actions these variables are set."""
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        os.environ.pop(name, None)
