"""Project tasks (invoke): build, serve, test, catalogues, publish. Run `invoke --list`."""

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from invoke import task
from invoke.main import program

ROOT = Path(__file__).resolve().parent
SETTINGS_FILE_BASE = "pelicanconf.py"
SETTINGS_FILE_PUBLISH = "publishconf.py"
OUTPUT = ROOT / "output"
CATALOG_DIR = ROOT / "theme" / "translations"
POT_FILE = CATALOG_DIR / "messages.pot"
PYTHON = sys.executable


def _pelican(settings_file: str, output: Path, extra: str = "") -> int:
    """Run Pelican in a child process so each build starts from clean module state."""
    cmd = [
        PYTHON,
        "-m",
        "sitekit.runner",
        "-s",
        settings_file,
        "-o",
        str(output),
        "--fatal",
        "warnings",
    ]
    cmd += shlex.split(extra)
    return subprocess.call(cmd, cwd=ROOT, env=_env())


def _env() -> dict:
    """The plugins folder on the path, so `python -m sitekit.runner` finds the site's runner."""
    return dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT / "plugins"), os.environ.get("PYTHONPATH")])),
    )


def safe_build(settings_file: str, output: Path = OUTPUT, extra: str = "") -> None:
    """Build into a fresh folder next to `output` and swap it in only when every check passed.

    A failed build leaves the last good site untouched and removes its own half-written folder.
    """
    staging = output.with_name(output.name + ".building")
    previous = output.with_name(output.name + ".previous")
    for leftover in (staging, previous):
        shutil.rmtree(leftover, ignore_errors=True)
    status = _pelican(settings_file, staging, extra)
    if status != 0:
        shutil.rmtree(staging, ignore_errors=True)
        kept = f"; {output.name}/ still holds the last good build" if output.exists() else ""
        sys.exit(f"Build failed (exit {status}): nothing was published{kept}.")
    if output.exists():
        output.rename(previous)
    staging.rename(output)
    shutil.rmtree(previous, ignore_errors=True)
    print(f"Build passed every check: {output.relative_to(ROOT) if output.is_relative_to(ROOT) else output}/")


@task
def clean(c):
    """Remove the generated site and caches."""
    for path in (OUTPUT, ROOT / "cache"):
        shutil.rmtree(path, ignore_errors=True)


@task
def build(c):
    """Build the site into output/ with every check on (links, accessibility, budgets)."""
    safe_build(SETTINGS_FILE_BASE)


@task
def rebuild(c):
    """Build from scratch, ignoring caches."""
    clean(c)
    build(c)


@task
def livereload(c, port=8000):
    """Rebuild on every change and serve output/ on http://localhost:PORT (uses the content cache)."""
    subprocess.call(
        [
            PYTHON,
            "-m",
            "pelican",
            "content",
            "-s",
            SETTINGS_FILE_BASE,
            "-o",
            str(OUTPUT),
            "--autoreload",
            "--listen",
            "--port",
            str(port),
        ],
        cwd=ROOT,
    )


@task
def serve(c, port=8000):
    """Serve the last good build in output/ on http://localhost:PORT."""
    subprocess.call([PYTHON, "-m", "http.server", str(port), "--directory", str(OUTPUT)], cwd=ROOT)


@task
def preview(c):
    """Build with the publishing settings (absolute URLs)."""
    safe_build(SETTINGS_FILE_PUBLISH)


def deploy_commands(target: str, output: Path) -> list[list[str]]:
    """The commands that publish `output` to `target`: `rsync:user@host:/path`, `gh-pages[:remote]`, or
    `dir:/path` (a folder on this machine, e.g. a mounted web root; replaced whole)."""
    if target.startswith("dir:"):
        destination = target.removeprefix("dir:")
        if not destination:
            sys.exit("DEPLOY_TARGET dir: give the folder, e.g. dir:/srv/www/site")
        return [[PYTHON, "-c", _COPY_TREE, str(output), destination]]
    if target.startswith("rsync:"):
        destination = target.removeprefix("rsync:")
        if ":" not in destination:
            sys.exit(f"DEPLOY_TARGET {target!r}: write it as rsync:user@host:/path/to/site")
        flags = ["-rlvz", "--delete", "--checksum", "-e", "ssh"]
        return [["rsync", *flags, f"{output}/", destination.rstrip("/") + "/"]]
    if target == "gh-pages" or target.startswith("gh-pages:"):
        remote = target.partition(":")[2] or "origin"
        return [
            [PYTHON, "-m", "ghp_import", "-n", "-p", "-r", remote, "-b", "gh-pages", "-m", "Publish site", str(output)]
        ]
    sys.exit(f"Unknown deploy target {target!r}: use rsync:user@host:/path, gh-pages[:remote] or dir:/path")


# Replace a folder with a copy of the built site (the `dir:` target), as a separate process like the others.
_COPY_TREE = (
    "import shutil, sys; shutil.rmtree(sys.argv[2], ignore_errors=True); shutil.copytree(sys.argv[1], sys.argv[2])"
)


def publish_gate(settings_file: str = SETTINGS_FILE_PUBLISH) -> int:
    """Print what blocks publishing (unconfirmed contacts, ...); the exit status of the check."""
    return subprocess.call([PYTHON, "-m", "publish_gate.cli", "-s", settings_file], cwd=ROOT, env=_env())


@task(name="publish-check")
def publish_check(c):
    """List what a person must do before the site may be published (exit 1 if anything)."""
    status = publish_gate()
    if status:
        sys.exit(status)


@task(
    help={
        "target": "rsync:user@host:/path, gh-pages[:remote] or dir:/path; default: $DEPLOY_TARGET",
        "dry_run": "only print",
        "settings": "settings file (default publishconf.py)",
        "output": "where to build (default output/)",
    }
)
def publish(c, target="", dry_run=False, settings=SETTINGS_FILE_PUBLISH, output=str(OUTPUT)):
    """Check the publish gate, build with publishconf.py (every check, compression) and deploy.

    Refuses while anything blocks publishing (by default: a contact nobody has confirmed with its
    organisation); a failed build is never deployed either.
    """
    target = target or os.environ.get("DEPLOY_TARGET", "")
    if not target:
        sys.exit("Set where to publish: invoke publish --target rsync:user@host:/path (or DEPLOY_TARGET).")
    output = Path(output)
    commands = deploy_commands(target, output)
    if dry_run:
        blocked = publish_gate(settings)
        print(f"Would build with {settings} into {output.name}/ (every check must pass), then run:")
        for cmd in commands:
            print("  " + shlex.join(cmd))
        if blocked:
            print("... but not now: publish refuses until the items above are done.")
        return
    if publish_gate(settings):
        sys.exit("Not published: a person must first do the items listed above (nothing was built or deployed).")
    safe_build(settings, output)  # exits without deploying if any check fails
    for cmd in commands:
        print("+ " + shlex.join(cmd))
        subprocess.check_call(cmd, cwd=ROOT)


@task(name="publish-pages", help={"folder": "where to put the site for actions/upload-pages-artifact"})
def publish_pages(c, folder="_site"):
    """GitHub Pages workflow: `invoke publish --target dir:FOLDER` (publish gate, every check), and only with
    a public address in SITEURL (the repository variable; docs/deploy.md, "GitHub, step by step")."""
    siteurl = os.environ.get("SITEURL", "")
    if not siteurl.startswith("https://") or siteurl.endswith("/"):
        sys.exit(
            f"SITEURL is {siteurl!r}: set the repository variable SITEURL to the public address, e.g. "
            "https://onlinesafety.example.org (https, no trailing slash). Nothing was built or deployed."
        )
    publish(c, target=f"dir:{folder}")


def _run_checker(module: str, *args: str) -> None:
    """Run one of the site's checkers on its own over a built folder; exit with its status."""
    status = subprocess.call([PYTHON, "-m", module, *args], cwd=ROOT, env=_env())
    if status:
        sys.exit(status)


@task(help={"external": "also request every external URL (needs the internet; results cached in cache/)"})
def linkcheck(c, external=False, settings=SETTINGS_FILE_BASE):
    """Check every link of the last build in output/; --external also checks other websites live."""
    _run_checker("link_checker.cli", str(OUTPUT), "-s", settings, *(["--external"] if external else []))


@task(help={"output": "the built site to check (default: output/)"})
def a11y(c, output=str(OUTPUT)):
    """Run the accessibility checks alone on a built site; problems name source files from the last build."""
    _run_checker("a11y_checks.cli", output, "-s", SETTINGS_FILE_BASE)


@task(
    help={
        "offline": "leave out the external links (also done, with a note, when no linked site can be reached)",
        "output": "check the external links of this built site instead of building one",
    }
)
def health(c, offline=False, output="", settings=SETTINGS_FILE_BASE):
    """What needs a person: failing external links, unconfirmed or old contacts, privacy guides past their age,
    missing or outdated translations, pages awaiting review. Exit 1 if anything (docs/health.md)."""
    where = ["--offline"] if offline else ["--output", output] if output else ["--build"]
    _run_checker("site_health.cli", "-s", settings, *where)


@task(name="ci-summary")
def ci_summary(c, settings=SETTINGS_FILE_BASE):
    """Translation status (missing, outdated, awaiting review) for the GitHub job summary; informational."""
    _run_checker("site_health.cli", "-s", settings, "--only", "translations,reviews", "--exit-zero")


@task
def lint(c):
    """ruff: lint and format check."""
    c.run(f"{PYTHON} -m ruff check .", pty=False)
    c.run(f"{PYTHON} -m ruff format --check .", pty=False)


@task
def test(c, k="", browser=True):
    """Install Chromium if missing (Debian package), then run the whole test suite and lint."""
    if browser:
        ensure_chromium()
    args = f" -k {shlex.quote(k)}" if k else ""
    c.run(f"{PYTHON} -m pytest -q{args}", pty=False)
    lint(c)


def ensure_chromium() -> None:
    """Browser tests use Debian's Chromium, never a tool's own browser download.

    They also need the Khmer system font Android phones have (Noto Sans Khmer, in Debian's
    fonts-noto-core), so that line breaks and page widths are measured on real Khmer glyphs.
    """
    packages = []
    if not (shutil.which("chromium") or Path("/usr/bin/chromium").exists()):
        packages.append("chromium")
    if not _has_font("Noto Sans Khmer"):
        packages.append("fonts-noto-core")
    if not packages:
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.check_call([*sudo, "apt-get", "update", "-q"], env=env)
    subprocess.check_call([*sudo, "apt-get", "install", "-y", "-q", *packages], env=env)


def _has_font(family: str) -> bool:
    try:
        listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=False).stdout
    except FileNotFoundError:
        return False
    return family in listed


# --- Interface strings (Babel gettext catalogues) -----------------------------------------


@task(name="i18n-extract")
def i18n_extract(c):
    """Collect the theme's strings into theme/translations/messages.pot."""
    c.run(
        f"{PYTHON} -m babel.messages.frontend extract -F babel.cfg --sort-output "
        f"--project 'Online Safety Cambodia' -o {POT_FILE} .",
        pty=False,
    )


@task(name="i18n-update", pre=[i18n_extract])
def i18n_update(c):
    """Merge new strings into every language's .po file (new ones appear empty, for translators)."""
    c.run(
        f"{PYTHON} -m babel.messages.frontend update -i {POT_FILE} -d {CATALOG_DIR} --no-fuzzy-matching "
        "--ignore-obsolete",
        pty=False,
    )


@task(name="i18n-init")
def i18n_init(c, lang):
    """Start a catalogue for a new language."""
    c.run(f"{PYTHON} -m babel.messages.frontend init -i {POT_FILE} -d {CATALOG_DIR} -l {lang}", pty=False)


@task(name="i18n-compile")
def i18n_compile(c):
    """Compile .po to .mo (the build compiles in memory; this is for other tools)."""
    c.run(f"{PYTHON} -m babel.messages.frontend compile -d {CATALOG_DIR} --statistics", pty=False)


# --- Editors: translations and new pages --------------------------------------------------


def _project_settings() -> dict:
    """pelicanconf.py's settings, with the project's plugins importable (for the editors' tasks below)."""
    sys.path.insert(0, str(ROOT / "plugins"))
    sys.path.insert(0, str(ROOT))
    import pelicanconf

    return {k: getattr(pelicanconf, k) for k in dir(pelicanconf) if k.isupper()}


@task
def translations(c, stamp="", source=""):
    """Show which pages are missing, outdated or awaiting review in each language.

    --stamp FILE records that FILE is now an up-to-date translation of its counterpart in --source
    (default: the other language), so later changes to the source show up as "outdated".
    """
    settings = _project_settings()
    from content_checks import stamping
    from content_checks.hooks import languages_of, scan
    from content_checks.translations import report, translation_status
    from sitekit.errors import SiteBuildError

    languages = languages_of(settings)
    if stamp:
        try:
            print(stamping.stamp_file(Path(stamp).resolve(), ROOT / settings["PATH"], languages, source or None))
        except SiteBuildError as exc:  # the editor gets the message, not a traceback
            sys.exit(str(exc))
        return
    _problems, infos = scan(settings)
    print(report(translation_status(infos, languages), infos))


@task(
    help={
        "slug": "the file name of both files and the page's address: lower-case letters, digits and hyphens",
        "audience": "children, parents or practitioners (articles)",
        "kind": "article, what-to-do or privacy-guide",
        "page": "a stand-alone page instead of an article",
    }
)
def new(c, slug, audience="children", kind="article", page=False):
    """Create a Khmer and an English file for a new article (or --page), with all metadata in place."""
    if slug.startswith("-"):  # `invoke new --help` gives the option to the slug: say how to ask for help
        sys.exit(
            "usage: invoke new --slug online-games [--audience parents] [--kind what-to-do] [--page]; "
            "`invoke --help new` explains each option"
        )
    settings = _project_settings()
    from content_checks import scaffold
    from content_checks.hooks import languages_of
    from sitekit.errors import SiteBuildError

    try:
        created = scaffold.create_pair(
            ROOT / settings["PATH"], slug, audience, kind, page, languages_of(settings), settings["DEFAULT_LANG"]
        )
    except SiteBuildError as exc:  # e.g. the slug is taken: the editor gets the message, not a traceback
        sys.exit(str(exc))
    for path in created:
        print(f"created {path.relative_to(ROOT)}")
    print(
        "Write the text in both files. They are drafts (`Status: draft`): every build checks them, but they are not "
        "written until you delete that line; delete it to preview the page with `invoke livereload`."
    )


if __name__ == "__main__":
    program.run()
