"""Precompressed copies: one .gz and one .br per text file, identical bytes every time, never stale."""

import gzip

import brotli
from conftest import article

from precompress.compress import compress_all, files_to_compress, remove_orphans


def test_copies_decompress_to_the_original_and_are_reused_only_for_identical_content(tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    (out / "en").mkdir(parents=True)
    page = out / "en" / "index.html"
    page.write_text("<p>Hello</p>" * 200, encoding="utf-8")
    (out / "a.css").write_text("p{color:red}", encoding="utf-8")
    (out / "photo.png").write_bytes(b"\x89PNG")
    files = files_to_compress(out, [".html", ".css"])
    assert files == [out / "a.css", out / "en" / "index.html"]

    first = compress_all(files, cache, 9, 11, workers=1)
    assert [o.reused for o in first] == [False, False]
    assert gzip.decompress((out / "en" / "index.html.gz").read_bytes()) == page.read_bytes()
    assert brotli.decompress((out / "en" / "index.html.br").read_bytes()) == page.read_bytes()
    assert not (out / "photo.png.gz").exists()

    second = compress_all(files, cache, 9, 11, workers=1)
    assert [o.reused for o in second] == [True, True]

    # The page changes: its copies must follow (the pelican-precompress trap is a stale .gz).
    page.write_text("<p>Changed</p>", encoding="utf-8")
    third = compress_all(files, cache, 9, 11, workers=1)
    assert [o.reused for o in third] == [True, False]
    assert gzip.decompress((out / "en" / "index.html.gz").read_bytes()) == b"<p>Changed</p>"
    assert brotli.decompress((out / "en" / "index.html.br").read_bytes()) == b"<p>Changed</p>"


def test_parallel_and_serial_runs_write_the_same_bytes(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for n in range(20):
        (out / f"p{n}.html").write_text(f"<p>page {n}</p>" * 50, encoding="utf-8")
    files = files_to_compress(out, [".html"])
    compress_all(files, tmp_path / "c1", 9, 5, workers=1)
    serial = {p.name: p.read_bytes() for p in out.glob("*.br")} | {p.name: p.read_bytes() for p in out.glob("*.gz")}
    compress_all(files, tmp_path / "c2", 9, 5, workers=2)
    parallel = {p.name: p.read_bytes() for p in out.glob("*.br")} | {p.name: p.read_bytes() for p in out.glob("*.gz")}
    assert serial == parallel and len(serial) == 40


def test_orphan_copies_are_removed(tmp_path):
    (tmp_path / "gone.html.gz").write_bytes(b"x")
    (tmp_path / "kept.html").write_text("k")
    (tmp_path / "kept.html.br").write_bytes(b"x")
    assert remove_orphans(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.html", "kept.html.br"]


def test_publish_build_writes_copies_for_every_text_file(site):
    files = {"articles/en/children/a.md": article("A", "Text."), "articles/km/children/a.md": article("ក", "អ។")}
    built = site(files, settings='PRECOMPRESS = {"enabled": True, "brotli_quality": 5}\n')
    assert built.returncode == 0, built.log
    assert "Precompress: .gz and .br for" in built.log
    originals = [p for p in built.output.rglob("*") if p.suffix in (".html", ".js", ".xml")]
    assert len(originals) > 10
    for path in originals:
        data = path.read_bytes()
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == data, path
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == data, path


def test_editor_build_writes_no_compressed_copies(site):
    files = {"articles/en/children/a.md": article("A", "Text."), "articles/km/children/a.md": article("ក", "អ។")}
    built = site(files)
    assert built.returncode == 0, built.log
    assert not list(built.output.rglob("*.gz")) and not list(built.output.rglob("*.br"))
