from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from index.load import (
    LoadFailure,
    decode_bytes,
    expand_paths,
    load_paths,
    normalise_date,
    split_front_matter,
)
from rag.errors import InputError
from rag.records import Document
from rag.settings import Settings


def make_pdf(text: str, title: str = "", info_extra: bytes = b"") -> bytes:
    """A one-page PDF showing `text` in Helvetica, with correct xref offsets (no binary fixture needed)."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if title or info_extra:
        objs.append(b"<< /Title (%s) %s >>" % (title.encode(), info_extra))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    info = b" /Info %d 0 R" % len(objs) if title or info_extra else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, info, xref)
    return bytes(out)


def load_one(path: Path, settings: Settings) -> Document:
    [got] = list(load_paths([str(path)], settings))
    assert isinstance(got, Document), got
    return got


FORMATS = [
    # (file name, bytes, expected text, expected (title, date, source, url))
    ("plain.txt", "“Hello,” she said.\n".encode(), "“Hello,” she said.\n", ("", "", "", "")),
    (
        "front.md",
        b"---\ntitle: Talks resume\ndate: 2024-03-05\nsource: Gazette\nurl: https://example.org/a\n---\nBody text.\n",
        "Body text.\n",
        ("Talks resume", "2024-03-05", "Gazette", "https://example.org/a"),
    ),
    (
        "quoted.md",
        b'---\ntitle: "Quoted: title"\ndate: March 5, 2024\n---\n# Heading\n\nBody.',
        "# Heading\n\nBody.",
        ("Quoted: title", "2024-03-05", "", ""),
    ),
    (
        "yaml.md",
        b"---\ntitle: With lists\ntags:\n  - politics\n  - harbour\n# a comment\nextra: ignored\n---\nBody.",
        "Body.",
        ("With lists", "", "", ""),
    ),
    ("rule.md", b"---\n\nNot front matter, a rule.\n", "---\n\nNot front matter, a rule.\n", ("", "", "", "")),
    ("bom.txt", b"\xef\xbb\xbfWith a BOM.", "With a BOM.", ("", "", "", "")),
    ("crlf.txt", b"Line one.\r\n\r\nLine two.", "Line one.\r\n\r\nLine two.", ("", "", "", "")),
]


@pytest.mark.parametrize(("name", "data", "text", "meta"), FORMATS, ids=[f[0] for f in FORMATS])
def test_text_formats(
    tmp_path: Path, settings: Settings, name: str, data: bytes, text: str, meta: tuple[str, ...]
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    doc = load_one(path, settings)
    assert doc.text == text
    assert (doc.title, doc.date, doc.source, doc.url) == meta
    assert doc.doc_id == str(path) and doc.path == str(path)


def test_html_main_text_and_metadata(tmp_path: Path, settings: Settings) -> None:
    html = """<html><head><title>Minister speaks</title><meta name="date" content="2023-06-01"></head>
    <body><nav>Home | About</nav><article><h1>Minister speaks</h1>
    <p>“We will not stop,” the minister said on Monday.</p><p>Another paragraph of body text here.</p>
    </article></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    doc = load_one(path, settings)
    assert "“We will not stop,” the minister said on Monday." in doc.text
    assert "<p>" not in doc.text
    assert "\n\nAnother paragraph" in doc.text  # paragraphs become blank-line separated blocks
    assert (doc.title, doc.date) == ("Minister speaks", "2023-06-01")


@pytest.mark.parametrize(
    "html",
    [
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>Tiny café.</p></body></html>',
        "<html><body><p>Tiny café.</p></body></html>",
        "<p>Tiny café.</p>",
    ],
)
def test_small_html_falls_back_to_visible_text(tmp_path: Path, settings: Settings, html: str) -> None:
    path = tmp_path / "tiny.htm"
    path.write_text(html, encoding="utf-8")
    assert load_one(path, settings).text == "Tiny café."


@pytest.mark.parametrize("charset", ["windows-1251", "koi8-r"])
def test_html_declared_charset(tmp_path: Path, settings: Settings, charset: str) -> None:
    body = "Министр сказал, что переговоры продолжатся на следующей неделе в столице."
    html = f'<html><head><meta charset="{charset}"></head><body><article><p>{body}</p></article></body></html>'
    path = tmp_path / "ru.html"
    path.write_bytes(html.encode(charset))
    assert load_one(path, settings).text == body


def test_pdf_text_and_title(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "doc.pdf"
    path.write_bytes(make_pdf("The mayor said the bridge opens in May.", title="Bridge"))
    doc = load_one(path, settings)
    assert doc.text == "The mayor said the bridge opens in May."
    assert doc.title == "Bridge"


def test_pdf_with_malformed_info_keeps_its_text(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "odd.pdf"
    path.write_bytes(make_pdf("Text survives.", title="T", info_extra=b"/CreationDate (D:not-a-date)"))
    doc = load_one(path, settings)
    assert doc.text == "Text survives." and doc.date == ""


@pytest.mark.parametrize("gz", [False, True])
def test_jsonl_documents(tmp_path: Path, settings: Settings, gz: bool) -> None:
    rows = [
        {"id": "a1", "text": "First.", "title": "One", "date": "2024-01-02T10:00:00Z", "source": "Wire"},
        {"id": 7, "text": "Second.", "kind": "transcript", "url": "https://example.org/7"},
        {"text": "No id."},
    ]
    data = ("\n".join(json.dumps(r) for r in rows) + "\n\n").encode()
    path = tmp_path / ("docs.jsonl.gz" if gz else "docs.jsonl")
    path.write_bytes(gzip.compress(data) if gz else data)
    docs = list(load_paths([str(path)], settings))
    assert all(isinstance(d, Document) for d in docs)
    a, b, c = docs
    assert isinstance(a, Document) and isinstance(b, Document) and isinstance(c, Document)
    assert (a.doc_id, a.text, a.title, a.date, a.source, a.path) == ("a1", "First.", "One", "2024-01-02", "Wire", "")
    assert (b.doc_id, b.kind, b.url) == ("7", "transcript", "https://example.org/7")
    assert c.doc_id == f"{path}#line3"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Café “quoted” — déjà vu".encode(), "Café “quoted” — déjà vu"),
        ("Café déjà vu, naïve".encode("latin-1"), "Café déjà vu, naïve"),
        ("Smart “quotes” in cp1252".encode("cp1252"), "Smart “quotes” in cp1252"),
        ("\ufeffUTF-16 with a BOM, café".encode("utf-16-le"), "UTF-16 with a BOM, café"),
        ("\ufeffBig-endian text".encode("utf-16-be"), "Big-endian text"),
        ("UTF-16 without a BOM, plain Latin text.".encode("utf-16-le"), "UTF-16 without a BOM, plain Latin text."),
        ("Big-endian without a BOM, café.".encode("utf-16-be"), "Big-endian without a BOM, café."),
    ],
)
def test_decoding(data: bytes, text: str) -> None:
    assert decode_bytes(data) == text


@pytest.mark.parametrize(
    "data",
    [b"\x7fELF\x02\x01\x01\x00\x00\x00\x00" * 20, bytes(range(1, 32)) * 10, b"PK\x03\x04" + bytes(range(256))],
)
def test_binary_is_rejected(data: bytes) -> None:
    with pytest.raises(InputError, match="binary"):
        decode_bytes(data)


@pytest.mark.parametrize(
    ("raw", "iso"),
    [("2024-03-05", "2024-03-05"), ("2024-03-05T08:00:00+02:00", "2024-03-05"), ("5 March 2024", "2024-03-05"),
     ("Mar 5, 2024", "2024-03-05"), ("2024/03/05", "2024-03-05"), ("yesterday", ""), ("", ""), (None, "")],
)  # fmt: skip
def test_normalise_date(raw: str | None, iso: str) -> None:
    assert normalise_date(raw) == iso


def test_front_matter_needs_a_closing_line() -> None:
    text = "---\ntitle: Never closed\nbody"
    assert split_front_matter(text) == ({}, text)


def test_expand_paths_folders_globs_sorted(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "sub/c.html", "sub/skip.png", ".hidden/d.txt", "e.jsonl"):
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x", encoding="utf-8")
    got = expand_paths([str(tmp_path)])
    assert got == [tmp_path / "a.md", tmp_path / "b.txt", tmp_path / "e.jsonl", tmp_path / "sub/c.html"]
    assert expand_paths([str(tmp_path / "*.txt"), str(tmp_path / "b.txt")]) == [tmp_path / "b.txt"]
    assert expand_paths([str(tmp_path / "**/*.html")]) == [tmp_path / "sub/c.html"]


def test_missing_paths_and_empty_globs_are_failures(tmp_path: Path, settings: Settings) -> None:
    got = list(load_paths([str(tmp_path / "nope.txt"), str(tmp_path / "*.none")], settings))
    assert got == [
        LoadFailure(str(tmp_path / "nope.txt"), "no such file or folder"),
        LoadFailure(str(tmp_path / "*.none"), "the pattern matches no files"),
    ]


def test_doc_id_is_the_path_as_given(tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "sub")
    doc = load_one(Path("../a.txt"), settings)
    assert doc.doc_id == "../a.txt" and doc.text == "Text."
