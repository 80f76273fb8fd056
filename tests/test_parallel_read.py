"""parallel_read: a helper process converts Markdown files from the end of the list while Pelican reads from
the start; the site must come out the same, and every message must still come from the build."""

from __future__ import annotations

import logging
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import article, build_site, write_site
from parallel_read.reading import ReadAhead

FORK = multiprocessing.get_context("fork")


class Settings(dict):
    """Stands for Pelican's settings: held by both processes, never pickled (it holds a function here)."""


def _read(log: Path, path: str):
    with log.open("a") as fh:
        fh.write(path + "\n")
    name = Path(path).name
    if name == "warns":
        logging.getLogger("pelican.readers").warning("Duplicate definition of `title` for %s", path)
    if name == "breaks":
        raise ValueError("bad metadata")
    if name == "unpicklable":
        return "<p>x</p>", {"processor": lambda value: value}
    return f"<p>{name}</p>", {"slug": name, "settings_holder": [SETTINGS]}


SETTINGS = Settings(function=len)


def _wait_for(predicate, seconds=10.0):
    end = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < end, "the helper did not get going"
        time.sleep(0.01)


def _helper_claims(ahead: ReadAhead) -> int:
    return sum(1 for value in ahead.claims[:] if value == 2)


def _ahead(tmp_path: Path, names: list[str], skip=lambda path: False) -> tuple[ReadAhead, Path, list[str]]:
    log = tmp_path / "converted.log"
    paths = [str(tmp_path / name) for name in names]
    return ReadAhead(paths, lambda path: _read(log, path), skip, {"settings": SETTINGS}, FORK), log, paths


def test_helper_converts_from_the_end_and_each_file_once(tmp_path):
    ahead, log, paths = _ahead(tmp_path, [f"file{n}" for n in range(10)])
    _wait_for(lambda: _helper_claims(ahead) >= 4)  # the build's process comes late: the helper has a head start
    taken = {path: ahead.take(path) for path in paths}
    ahead.close()
    by_helper = [path for path, found in taken.items() if found is not None]
    assert len(by_helper) >= 4
    assert by_helper == paths[-len(by_helper) :]  # from the end backwards, meeting the build in the middle
    for path in by_helper:
        content, metadata = taken[path]
        assert content == f"<p>{Path(path).name}</p>"
        assert metadata["settings_holder"][0] is SETTINGS  # the build's own settings, not a copy
    converted = log.read_text().split()
    assert len(converted) == len(set(converted))  # no file converted twice
    assert set(converted) == set(by_helper)
    assert ahead.converted == len(by_helper)


def test_files_the_helper_cannot_hand_back_are_read_by_the_build(tmp_path):
    """A conversion that logs (the message must come from the build, where --fatal counts it), raises, or
    gives metadata that does not pickle: the build's process reads the file itself."""
    names = ["ok0", "warns", "breaks", "unpicklable", "ok1"]
    ahead, log, paths = _ahead(tmp_path, names)
    _wait_for(lambda: _helper_claims(ahead) == len(names) and len(log.read_text().split()) == len(names))
    taken = {Path(path).name: ahead.take(path) for path in paths}
    ahead.close()
    assert taken["warns"] is None and taken["breaks"] is None and taken["unpicklable"] is None
    assert taken["ok0"][0] == "<p>ok0</p>" and taken["ok1"][0] == "<p>ok1</p>"


def test_cached_files_are_passed_over(tmp_path):
    ahead, log, paths = _ahead(tmp_path, ["a", "cached", "b"], skip=lambda path: path.endswith("cached"))
    _wait_for(lambda: not ahead.process.is_alive())
    assert ahead.take(paths[1]) is None  # Pelican's cache has it: the build's process takes it from there
    assert ahead.take(paths[0])[0] == "<p>a</p>"
    ahead.close()
    assert [Path(path).name for path in log.read_text().split()] == ["b", "a"]


def test_a_helper_that_dies_leaves_every_file_to_the_build(tmp_path):
    ahead, _log, paths = _ahead(tmp_path, [f"file{n}" for n in range(5)])
    ahead.process.kill()
    ahead.process.join()
    started = time.monotonic()
    taken = [ahead.take(path) for path in paths]
    ahead.close()
    assert time.monotonic() - started < 5
    # Whatever it sent before it died may be used; nothing is waited for after it.
    assert all(found is None or found[0].startswith("<p>file") for found in taken)


def _hold_and_die(claims) -> None:
    claims.get_lock().acquire()
    os._exit(0)  # a process that ends holding a multiprocessing lock never releases it


def test_a_helper_killed_while_it_holds_the_claims_table_does_not_stop_the_build(tmp_path):
    """Killed mid-claim (the system's out-of-memory killer), the helper leaves the table's lock taken for good."""
    ahead, _log, paths = _ahead(tmp_path, [f"file{n}" for n in range(5)])
    ahead.process.kill()
    ahead.process.join()
    holder = FORK.Process(target=_hold_and_die, args=(ahead.claims,))
    holder.start()
    holder.join()
    started = time.monotonic()
    taken = [ahead.take(path) for path in paths]
    ahead.close()
    assert time.monotonic() - started < 5
    assert all(found is None or found[0].startswith("<p>file") for found in taken)


def _articles(count: int) -> dict[str, str]:
    files = {}
    for n in range(count):
        files[f"articles/en/guide-{n}.md"] = article(f"Guide {n}", f"Step {n}: talk to someone you trust.")
        files[f"articles/km/guide-{n}.md"] = article(f"មគ្គុទ្ទេសក៍ {n}", f"ជំហាន {n}៖ និយាយជាមួយមនុស្សដែលអ្នកទុកចិត្ត។")
    return files


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the helper runs only with two processors")
def test_site_is_the_same_with_and_without_the_helper(tmp_path):
    files = _articles(15)
    on = build_site(tmp_path / "on", files, 'PARALLEL_READ = {"min_files": 2}')
    off = build_site(tmp_path / "off", files, 'PARALLEL_READ = {"enabled": False}')
    assert on.returncode == 0, on.log
    assert off.returncode == 0, off.log
    assert _tree(on.output) == _tree(off.output)


def _last_read(content: Path) -> str:
    """The article Pelican reads last, so the helper converts it first: Pelican lists the files in a set,
    whose order follows the hash seed the build runs with (0)."""
    code = (
        "import os, sys\n"
        "base = sys.argv[1]\n"
        "files = set()\n"
        "for folder, _dirs, names in os.walk(os.path.join(base, 'articles'), followlinks=True):\n"
        "    for name in names:\n"
        "        files.add(os.path.join(os.path.relpath(folder, base), name))\n"
        "print(list(files)[-1])\n"
    )
    found = subprocess.run([sys.executable, "-c", code, str(content)], capture_output=True, text=True,
                           env={"PYTHONHASHSEED": "0", "PATH": "/usr/bin:/bin"}, check=True)  # fmt: skip
    return found.stdout.strip()


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="the helper runs only with two processors")
def test_a_warning_while_reading_still_stops_the_build(tmp_path):
    """Pelican warns about a repeated metadata field; with --fatal warnings the build must stop and name the
    file, also when the helper converted it (the helper's messages never reach the console)."""
    files = _articles(15)
    content, _conf = write_site(tmp_path / "probe", files)
    last = _last_read(content)
    files[last] = files[last].replace("Date:", "Date: 2026-11-21\nDate:", 1)
    built = build_site(tmp_path / "site", files, 'PARALLEL_READ = {"min_files": 2}')
    assert built.returncode != 0
    assert "Duplicate definition of `date`" in built.log
    assert Path(last).name in built.log


def test_unknown_setting_is_reported(tmp_path):
    built = build_site(tmp_path, _articles(1), 'PARALLEL_READ = {"min_file": 2}')
    assert built.returncode != 0
    assert "PARALLEL_READ: unknown key 'min_file'" in built.log


# --- one Markdown converter per reader ---------------------------------------------------------------

_DOCUMENTS = {
    "footnotes.md": "Title: Notes\nSummary: A *short* summary\n\nA claim.[^1]\n\n[^1]: The source.\n",
    "abbr.md": "Title: Abbreviations\n\nThe NCMEC helps.\n\n*[NCMEC]: National Center for Missing & Exploited\n",
    "toc.md": "Title: Headings\n\n[TOC]\n\n## First\n\n## First\n\nText with NCMEC and no footnote.\n",
    "bare.md": "No metadata at all, *emphasis* only.\n",
    "again.md": "Title: Notes again\nSummary: Another **one**\n\nSecond claim.[^1]\n\n[^1]: Another source.\n",
}


def test_one_converter_reads_every_file_as_pelicans_own_reader_does(tmp_path):
    """State left by one file (footnotes, abbreviations, heading ids, metadata) never reaches the next,
    and formatted metadata (`Summary:`) is converted as Pelican converts it."""
    from parallel_read.converter import MarkdownReader
    from pelican.readers import MarkdownReader as PelicanReader
    from pelican.settings import DEFAULT_CONFIG

    for name, text in _DOCUMENTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    order = [*_DOCUMENTS, *reversed(_DOCUMENTS)]  # every file read after every other kind
    ours = MarkdownReader(dict(DEFAULT_CONFIG))
    for name in order:
        expected = PelicanReader(dict(DEFAULT_CONFIG)).read(str(tmp_path / name))
        assert ours.read(str(tmp_path / name)) == expected, name
    notes = ours.read(str(tmp_path / "again.md"))
    assert 'id="fn:1"' in notes[0] and "The source" not in notes[0]
    assert notes[1]["summary"] == "<p>Another <strong>one</strong></p>"


def test_the_site_reads_markdown_with_one_converter_unless_the_plugin_is_off(tmp_path):
    from parallel_read import hooks
    from parallel_read.converter import MarkdownReader
    from pelican.readers import MarkdownReader as PelicanReader

    classes = {"md": PelicanReader, "markdown": PelicanReader, "txt": object}
    hooks._state["config"] = {"enabled": False, "min_files": 40}
    hooks.use_converter(type("Readers", (), {"reader_classes": classes})())
    assert classes["md"] is PelicanReader
    hooks._state["config"] = {"enabled": True, "min_files": 40}
    hooks.use_converter(type("Readers", (), {"reader_classes": classes})())
    assert classes == {"md": MarkdownReader, "markdown": MarkdownReader, "txt": object}
    hooks._state["config"] = None


def test_a_files_stamp_is_taken_once_per_build_for_the_generator_and_its_readers():
    from parallel_read.converter import remember_stamps

    hashed = []

    def stamp(filename):
        hashed.append(filename)
        return f"hash of {filename}"

    readers = type("Readers", (), {})()
    generator = type("Generator", (), {})()
    readers._filestamp_func = generator._filestamp_func = stamp
    generator.readers = readers
    remember_stamps(generator)
    assert [generator._filestamp_func("a.md"), readers._filestamp_func("a.md"), readers._filestamp_func("b.md")] == [
        "hash of a.md", "hash of a.md", "hash of b.md",
    ]  # fmt: skip
    assert hashed == ["a.md", "b.md"]
