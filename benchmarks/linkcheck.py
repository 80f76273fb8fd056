"""Benchmark of the link checker: what it adds to a build of a 2 x 500-article site, and LinkChecker on the same output.

    .venv/bin/python benchmarks/linkcheck.py [--pairs 500] [--runs 3] [--no-linkchecker]

1. Generates a synthetic site in a temp folder: PAIRS articles in Khmer and in English (the real
   pages and data files of content/ beside them), each linking to other articles, to a heading of
   another article, to its own heading, to a contact, to a phone number and to an external site.
2. Builds it with the project's settings RUNS times without the link_checker plugin and RUNS times
   with it (alternating, a fresh output folder each time), and times the checker alone on the
   result (`python -m link_checker.cli`).
3. Installs LinkChecker (benchmarks/requirements.txt) in a separate virtualenv, serves the same
   output on http://127.0.0.1:PORT/ with Python's http.server (in file mode LinkChecker skips
   root-relative links such as /en/..., so it would check almost nothing) and runs it RUNS times with
   --no-robots, external URLs off, fragments checked (its AnchorCheck plugin) and no rate limit.
4. Prints medians, ratios and the peak memory (maximum resident set size) of each child process, as
   the kernel reports it in the child's rusage (os.wait4, the per-child form of
   resource.getrusage(RUSAGE_CHILDREN)).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import describe

ROOT = Path(__file__).resolve().parent.parent
AUDIENCES = ("children", "parents", "practitioners")

EN_PARAGRAPH = (
    "Someone you met online may be kind at first, give you gifts or attention, and then ask for photos or a "
    "secret meeting. That is not your fault. Tell an adult you trust, keep the messages as evidence, and "
    "block the account. Nobody has the right to make you do something you do not want to do."
)
KM_PARAGRAPH = (
    "មនុស្សដែលប្អូនស្គាល់តាមអ៊ីនធឺណិត អាចមានចិត្តល្អនៅពេលដំបូង ផ្តល់អំណោយ ឬការយកចិត្តទុកដាក់ "
    "ហើយបន្ទាប់មកសុំរូបភាព ឬសុំជួបដោយសម្ងាត់។ នោះមិនមែនជាកំហុសរបស់ប្អូនទេ។ សូមប្រាប់មនុស្សពេញវ័យដែលប្អូនទុកចិត្ត "
    "រក្សាទុកសារទុកជាភស្តុតាង ហើយបិទគណនីនោះ។"
)


def article_text(lang: str, index: int, pairs: int) -> str:
    audience = AUDIENCES[index % len(AUDIENCES)]
    title = f"Staying safe online, part {index}" if lang == "en" else f"សុវត្ថិភាពតាមអ៊ីនធឺណិត ផ្នែកទី {index}"
    paragraph = EN_PARAGRAPH if lang == "en" else KM_PARAGRAPH

    def ref(other: int, fragment: str = "") -> str:
        folder = AUDIENCES[other % len(AUDIENCES)]
        return f"{{filename}}/articles/{lang}/{folder}/bench-{other:04d}.md{fragment}"

    nxt, far = (index + 1) % pairs, (index + 7) % pairs
    words = {
        "en": ("Read next", "What to do", "Steps", "Call", "Back to the steps", "Where to get help"),
        "km": ("អានបន្ទាប់", "អ្វីដែលត្រូវធ្វើ", "ជំហាន", "ហៅទូរស័ព្ទ", "ត្រឡប់ទៅជំហាន", "កន្លែងទទួលជំនួយ"),
    }[lang]
    body = f"""\
        {paragraph}

        {paragraph} {words[0]}: [{title} {nxt}]({ref(nxt)}).

        ## {words[1]} {{#what-to-do}}

        {paragraph}

        - {paragraph[:120]}
        - {paragraph[120:240]}
        - {words[2]}: [{far}]({ref(far, "#steps")})

        ## {words[2]} {{#steps}}

        1. {paragraph[:150]}
        2. {words[3]} [1280](tel:1280), {words[5]}: {{contact:child-helpline}}.
        3. [APLE](https://www.aplecambodia.org/) · [{words[4]}](#what-to-do)

        {paragraph}
        """
    return (
        f"Title: {title}\nDate: 2026-01-01 00:{index // 60 % 60:02d}:{index % 60:02d}\nReviewed: 2026-11-01\n"
        f"Summary: {paragraph[:140]}\nAudience: {audience}\n\n" + textwrap.dedent(body)
    )


def generate_site(folder: Path, pairs: int) -> Path:
    """Write the synthetic content folder; the real pages (help, about, glossary, facts) and data files are copied."""
    content = folder / "content"
    shutil.rmtree(content, ignore_errors=True)
    for sub in ("pages", "data"):
        shutil.copytree(ROOT / "content" / sub, content / sub)
    for index in range(pairs):
        audience = AUDIENCES[index % len(AUDIENCES)]
        for lang in ("km", "en"):
            path = content / "articles" / lang / audience / f"bench-{index:04d}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(article_text(lang, index, pairs), encoding="utf-8")
    return content


def write_conf(folder: Path, content: Path, with_checker: bool) -> Path:
    name = "with" if with_checker else "without"
    plugins = '[*[p for p in PLUGINS if p != "link_checker"], "link_checker"]' if with_checker else (
        '[p for p in PLUGINS if p != "link_checker"]'
    )  # fmt: skip
    conf = folder / f"conf-{name}.py"
    conf.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
        f"PATH = {str(content)!r}\nCACHE_PATH = {str(folder / ('cache-' + name))!r}\nPLUGINS = {plugins}\n",
        encoding="utf-8",
    )
    return conf


def run_child(command: list[str], cwd: Path, env: dict | None = None, log: Path | None = None):
    """(Timing(wall, cpu), peak RSS in MB, exit code, output) of one child process."""
    log = log or Path(tempfile.mkstemp(prefix="bench-", suffix=".log")[1])
    with open(log, "w", encoding="utf-8") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    timing = Timing(seconds, usage.ru_utime + usage.ru_stime)
    return timing, usage.ru_maxrss / 1024, proc.returncode, log.read_text(encoding="utf-8", errors="replace")


def plugin_env() -> dict:
    return dict(os.environ, PYTHONPATH=str(ROOT / "plugins"), COLUMNS="200")


def build(conf: Path, output: Path, content: Path):
    shutil.rmtree(output, ignore_errors=True)
    command = [sys.executable, "-m", "sitekit.runner", str(content), "-s", str(conf), "-o", str(output)]
    seconds, peak, code, text = run_child([*command, "--fatal", "warnings"], ROOT, plugin_env())
    # A build the link checker stopped still ran every step, so its time counts; anything else is a failure.
    if code != 0 and "BUILD STOPPED: LinkCheckError" not in text:
        sys.exit(f"build failed ({conf.name}):\n{text[-3000:]}")
    return seconds, peak, text


def broken_links_note(text: str) -> str:
    """The link checker's report when it found broken links in the theme or pages the site is built from."""
    if "BUILD STOPPED: LinkCheckError" not in text:
        return ""
    return "Note: the link checker stopped these builds (the timings still count):\n" + text.split(
        "BUILD STOPPED: LinkCheckError", 1
    )[1].strip("\n")


def linkchecker_venv(folder: Path) -> Path:
    """A virtualenv with the pinned LinkChecker (only for this comparison: not a project dependency)."""
    exe = folder / "bin" / "linkchecker"
    if not exe.exists():
        subprocess.check_call([sys.executable, "-m", "venv", str(folder)])
        requirements = Path(__file__).with_name("requirements.txt")
        subprocess.check_call([str(folder / "bin" / "pip"), "install", "-q", "-r", str(requirements)])
    return exe


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


#: A static file server like `python -m http.server`, that also sends the `LinkChecker` header: without
#: it LinkChecker allows itself at most 10 requests a second to one host, and this measures the checking,
#: not that pause.
SERVER = """
import functools, sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
class Handler(SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("LinkChecker", "allowed")
        super().end_headers()
    def log_message(self, *args):
        pass
handler = functools.partial(Handler, directory=sys.argv[2])
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), handler).serve_forever()
"""

#: LinkChecker's settings for the comparison: no external URLs, fragments checked (as link_checker
#: does), no rate limit on the local server.
LINKCHECKER_RC = """\
[checking]
threads=10
maxrequestspersecond=1000
[filtering]
checkextern=0
[AnchorCheck]
"""


def serve(output: Path):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER, str(port), str(output)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return server, url
        except OSError:
            time.sleep(0.05)
    server.kill()
    sys.exit("the local HTTP server did not start")


@dataclass(frozen=True)
class Timing:
    """Wall-clock seconds, and CPU seconds (user + system) from the child's rusage: the CPU time hardly
    changes when other processes share the machine, the wall-clock time does."""

    wall: float
    cpu: float


def fmt(values: list[Timing]) -> str:
    wall, cpu = [v.wall for v in values], [v.cpu for v in values]
    return (
        f"median {statistics.median(wall):6.2f} s wall, {statistics.median(cpu):6.2f} s CPU  "
        f"(wall: {', '.join(f'{v:.2f}' for v in wall)})"
    )


def median(values: list[Timing], what: str) -> float:
    return statistics.median(getattr(v, what) for v in values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--pairs", type=int, default=500, help="articles per language (default 500)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement (default 3)")
    parser.add_argument("--no-linkchecker", action="store_true", help="skip the LinkChecker comparison")
    parser.add_argument(
        "--linkchecker-venv",
        type=Path,
        default=Path(tempfile.gettempdir()) / "linkchecker-venv",
        help="where to install LinkChecker (default: a folder in the temp directory, reused)",
    )
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temp folder)")
    args = parser.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="linkcheck-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"Machine: {describe()}")
    content = generate_site(work, args.pairs)
    print(f"Site: {args.pairs} articles in Khmer + {args.pairs} in English, in {work}")
    confs = {flag: write_conf(work, content, flag) for flag in (False, True)}
    output = work / "output"

    times: dict[bool, list[Timing]] = {False: [], True: []}
    peaks: dict[bool, list[float]] = {False: [], True: []}
    summary = note = ""
    for _ in range(args.runs):
        for flag in (False, True):
            seconds, peak, text = build(confs[flag], output, content)
            times[flag].append(seconds)
            peaks[flag].append(peak)
            if flag:
                summary = next((line for line in text.splitlines() if line.startswith("Link check:")), "")
                note = broken_links_note(text)
    pages = len(list(output.rglob("*.html")))

    alone, alone_peak = [], []
    cli = [sys.executable, "-m", "link_checker.cli", str(output), "-s", str(confs[True]), "--no-progress"]
    for _ in range(args.runs):
        seconds, peak, code, text = run_child(cli, ROOT, plugin_env())
        if code not in (0, 1) or (code == 1 and "LINK CHECK FAILED" not in text):
            sys.exit(f"the link checker did not run:\n{text[-3000:]}")
        alone.append(seconds)
        alone_peak.append(peak)

    print(f"Output: {pages} HTML pages. {summary}")
    if note:
        print(note)
    print()
    print(f"build without link_checker   {fmt(times[False])}  peak RSS {max(peaks[False]):6.1f} MB")
    print(f"build with link_checker      {fmt(times[True])}  peak RSS {max(peaks[True]):6.1f} MB")
    for what in ("wall", "cpu"):
        without, added = median(times[False], what), median(times[True], what) - median(times[False], what)
        label = "wall-clock" if what == "wall" else "CPU"
        print(f"  the check adds             {added:6.2f} s {label} = {added / without:.1%} of the build without it")
    print(f"link_checker alone (CLI)     {fmt(alone)}  peak RSS {max(alone_peak):6.1f} MB")

    if not args.no_linkchecker:
        exe = linkchecker_venv(args.linkchecker_venv)
        version = subprocess.run([str(exe), "--version"], capture_output=True, text=True).stdout
        version = " ".join(version.split()[:2]) or "LinkChecker"
        server, url = serve(output)
        try:
            lc_times, lc_peaks, checked = [], [], ""
            rc = work / "linkcheckerrc"
            rc.write_text(LINKCHECKER_RC, encoding="utf-8")
            for _ in range(args.runs):
                command = [str(exe), "-f", str(rc), "--no-robots", "--no-status", "-o", "text", url]
                seconds, peak, _code, text = run_child(command, ROOT, dict(os.environ, LANG="C.UTF-8"))
                lc_times.append(seconds)
                lc_peaks.append(peak)
                checked = next((line.strip() for line in text.splitlines() if "links in" in line), text[-500:])
        finally:
            server.terminate()
            server.wait()
        ratio = median(lc_times, "wall") / median(alone, "wall")
        cpu_ratio = median(lc_times, "cpu") / median(alone, "cpu")
        print(f"{version[:28]:<28} {fmt(lc_times)}  peak RSS {max(lc_peaks):6.1f} MB")
        print(f"  LinkChecker: {checked}")
        print(
            f"  LinkChecker takes {ratio:.1f}x the wall-clock time and {cpu_ratio:.1f}x the CPU time "
            "of link_checker alone (not counting the HTTP server's CPU time)"
        )
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
