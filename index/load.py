"""Read input files into Documents: .txt .md .html .htm .pdf .jsonl (.jsonl.gz). The only module that reads input.

Every problem with one input becomes a `LoadFailure` with a reason the user can act on; nothing raises
out of `load_paths`, so one bad file never stops a batch. Input names are only ever read, never used
to build a path we write to.
"""

from __future__ import annotations

import codecs
import glob
import gzip
import io
import json
import logging
import re
import unicodedata
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from rag.errors import InputError
from rag.records import Document
from rag.settings import Settings

log = logging.getLogger(__name__)

TEXT_EXT = (".txt", ".md")
HTML_EXT = (".html", ".htm")
SUPPORTED = (".txt", ".md", ".html", ".htm", ".pdf", ".jsonl", ".jsonl.gz")
META_KEYS = ("title", "date", "source", "url")
KINDS = ("article", "transcript")
FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y")
CONTROL_ALLOWED = set("\t\n\r\f\v")
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)


@dataclass(frozen=True)
class LoadFailure:
    """An input that could not be read, and why (`path` is the path as given, `path#lineN` for JSONL)."""

    path: str
    reason: str


# ---------------------------------------------------------------------------------------------- paths
def suffix_of(path: Path) -> str:
    """The lower-cased extension we dispatch on ('.jsonl.gz' counts as one)."""
    name = path.name.lower()
    return ".jsonl.gz" if name.endswith(".jsonl.gz") else path.suffix.lower()


def _folder_files(folder: Path) -> list[Path]:
    """Supported, non-hidden files under a folder, recursively, sorted."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and suffix_of(p) in SUPPORTED
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _expand(paths: Sequence[str]) -> list[Path | LoadFailure]:
    """Files for each argument (a file, a folder, or a glob), or a failure saying why there are none."""
    out: list[Path | LoadFailure] = []
    seen: set[Path] = set()

    def keep(p: Path) -> None:
        if p not in seen:
            seen.add(p)
            out.append(p)

    for arg in paths:
        p = Path(arg)
        if p.is_dir():
            found = _folder_files(p)
            if not found:
                out.append(LoadFailure(arg, f"folder holds no supported files ({', '.join(SUPPORTED)})"))
            for f in found:
                keep(f)
        elif p.exists() or p.is_symlink():
            keep(p)
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                out.append(LoadFailure(arg, "the pattern matches no files"))
            for m in matches:
                mp = Path(m)
                for f in _folder_files(mp) if mp.is_dir() else [mp]:
                    keep(f)
        else:
            out.append(LoadFailure(arg, "no such file or folder"))
    return out


def expand_paths(paths: Sequence[str]) -> list[Path]:
    """Files named by `paths` (files, folders recursively, globs), folder and glob matches sorted."""
    return [p for p in _expand(paths) if isinstance(p, Path)]


# ---------------------------------------------------------------------------------------------- text
def decode_bytes(data: bytes) -> str:
    """Bytes -> text: BOMs, UTF-8, BOM-less UTF-16, then cp1252/latin-1; InputError for binary content."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return _checked(_decode(data[len(bom) :], codec))
    codec16 = _utf16_guess(data)
    if codec16:
        return _checked(_decode(data, codec16))
    if b"\x00" in data:
        raise InputError("binary content (NUL bytes), not text")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    try:
        return _checked(data.decode("cp1252"))
    except UnicodeDecodeError:
        return _checked(data.decode("latin-1"))


def _decode(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as e:
        raise InputError(f"cannot decode as {codec}: {e.reason} at byte {e.start}") from e


def _utf16_guess(data: bytes) -> str:
    """'utf-16-le'/'utf-16-be' when the bytes look like BOM-less UTF-16 of mostly Latin text, else ''."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return ""
    even, odd = sample[0::2], sample[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zeros_odd > 0.2 and zeros_even < 0.02:
        return "utf-16-le"
    if zeros_even > 0.2 and zeros_odd < 0.02:
        return "utf-16-be"
    return ""


def _checked(text: str) -> str:
    """Reject decoded text that is mostly control characters (a binary file renamed .txt)."""
    sample = text[:20000]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in CONTROL_ALLOWED)
    if "\x00" in sample or (sample and controls / len(sample) > 0.02):
        raise InputError("binary content (control characters), not text")
    return text


def normalise_date(value: Any) -> str:
    """An ISO date YYYY-MM-DD from common spellings; '' when absent or not understood."""
    raw = str(value or "").strip().strip("\"'")
    if not raw:
        return ""
    if re.match(r"^\d{4}-\d{2}-\d{2}", raw):
        return raw[:10]
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(raw, fmt).date().isoformat()
        except ValueError:
            continue
    log.info("ignoring unreadable date %r", raw)
    return ""


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """(metadata, body) for a text that opens with a `---` block of `key: value` lines; else ({}, text)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return {}, text
    meta: dict[str, str] = {}
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return meta, "".join(lines[i + 1 :])
        m = FRONT_KEY.match(line.rstrip("\r\n"))
        if not m:
            if not line.strip() or line[0] in " \t-#":
                continue  # blank lines, YAML list items, nested values and comments: ignored
            return {}, text  # not front matter after all (e.g. a Markdown rule opening the text)
        meta[m.group(1).lower()] = m.group(2).strip().strip("\"'")
    return {}, text


# ---------------------------------------------------------------------------------------------- formats
def _document(doc_id: str, text: str, meta: dict[str, Any], path: str, settings: Settings) -> Document:
    """A Document after the empty/length checks; metadata values coerced to strings."""
    if not text.strip():
        raise InputError("empty: no text to read")
    if len(text) > settings.max_doc_chars:
        raise InputError(
            f"text is {len(text):,} characters, over the limit of {settings.max_doc_chars:,} "
            "(raise it with WHOSAID_MAX_DOC_CHARS)"
        )
    kind = str(meta.get("kind") or "article")
    if kind not in KINDS:
        raise InputError(f"unknown kind '{kind}'. Choose one of: {', '.join(KINDS)}")
    return Document(
        doc_id=doc_id, text=text, title=str(meta.get("title") or "").strip(), date=normalise_date(meta.get("date")),
        source=str(meta.get("source") or "").strip(), url=str(meta.get("url") or "").strip(), path=path,
        kind=kind,  # type: ignore[arg-type]
    )  # fmt: skip


def load_text(data: bytes, name: str, settings: Settings) -> Document:
    """A .txt/.md file; an opening front-matter block sets metadata and is not part of the text."""
    meta, body = split_front_matter(decode_bytes(data))
    return _document(name, body, meta, name, settings)


def load_html(data: bytes, name: str, settings: Settings) -> Document:
    """The main text of an HTML page (trafilatura), one paragraph per block; scripts never reach the text."""
    import trafilatura

    html = _declared(data) or decode_bytes(data)
    try:
        extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True)
    except Exception:  # a page that trips the extractor still has visible text; the fallback reads it
        log.warning("%s: trafilatura failed; using the page's visible text", name, exc_info=True)
        extracted = None
    text = getattr(extracted, "text", None) or _html_fallback_text(html)
    meta = {
        "title": getattr(extracted, "title", None) or "",
        "date": getattr(extracted, "date", None) or "",
        "source": getattr(extracted, "sitename", None) or "",
        "url": getattr(extracted, "url", None) or "",
    }
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    return _document(name, "\n\n".join(paragraphs), meta, name, settings)


def _declared(data: bytes) -> str:
    """The page decoded with the charset its <meta> declares, when that works; '' otherwise."""
    m = META_CHARSET.search(data[:4096])
    if not m:
        return ""
    try:
        codec = codecs.lookup(m.group(1).decode("ascii")).name
        return _checked(data.decode(codec)) if codec not in ("utf-8", "utf-16", "utf-32") else ""
    except (LookupError, UnicodeDecodeError, InputError):
        return ""


def _html_fallback_text(html: str) -> str:
    """Visible text of a page too small for trafilatura's extractor, without script/style content."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        # lxml refuses str input with an XML declaration, and guesses Latin-1 for bytes: drop the declaration.
        root = lxml.html.fromstring(XML_DECLARATION.sub("", html, count=1))
    except (ParserError, ValueError):
        return ""
    for el in root.xpath("//script|//style|//noscript|//template|//head"):
        el.drop_tree()
    return "\n".join(t.strip() for t in root.itertext() if t.strip())


def load_pdf(data: bytes, name: str, settings: Settings) -> Document:
    """The text of a PDF's pages (pypdf), pages separated by a blank line."""
    from pypdf import PdfReader

    # pypdf logs what it repairs ("EOF marker not found"); a failure is reported once, by our caller.
    logging.getLogger("pypdf").setLevel(logging.ERROR)

    # pypdf raises many exception types on damaged files; each of them means "cannot read this part".
    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
        pages = list(reader.pages)
    except Exception as e:
        raise InputError(f"corrupt or unreadable PDF ({type(e).__name__}: {e})") from e
    if encrypted:
        raise InputError("the PDF is encrypted; decrypt it first")
    texts, bad = [], 0
    for page in pages:
        try:
            texts.append((page.extract_text() or "").strip())
        except Exception:
            bad += 1
    if bad:
        log.warning("%s: skipped %d unreadable PDF page(s)", name, bad)
    text = "\n\n".join(t for t in texts if t)
    if not text:
        reason = (
            "corrupt or unreadable PDF pages"
            if bad
            else "the PDF has no extractable text (a scan? run OCR on it first)"
        )
        raise InputError(reason)
    return _document(name, text, _pdf_meta(reader), name, settings)


def _pdf_meta(reader: Any) -> dict[str, str]:
    """Title and creation date of a PDF; empty when its info dictionary is missing or malformed."""
    try:
        info = reader.metadata
        created = info.creation_date if info else None
        return {
            "title": str((info.title if info else None) or ""),
            "date": created.date().isoformat() if created else "",
        }
    except Exception:  # a malformed info dictionary should cost the metadata, not the document
        return {}


def load_jsonl(path: Path, name: str, settings: Settings) -> Iterator[Document | LoadFailure]:
    """One document per line ({id, text, title?, date?, source?, url?, kind?}); a broken line fails alone."""
    opener = gzip.open if suffix_of(path) == ".jsonl.gz" else open
    with opener(path, "rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            where = f"{name}#line{lineno}"
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError:
                yield LoadFailure(where, "not UTF-8; JSONL files must be UTF-8")
                continue
            if not line.strip():
                continue
            try:
                yield _jsonl_document(line, where, settings)
            except InputError as e:
                yield LoadFailure(where, str(e))


def _jsonl_document(line: str, where: str, settings: Settings) -> Document:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(f"broken JSON ({e.msg} at column {e.colno})") from e
    return document_from_record(obj, where, settings)


def document_from_record(obj: object, fallback_id: str, settings: Settings) -> Document:
    """A JSON record {id, text, title?, date?, source?, url?, kind?} -> Document; InputError says what is wrong.

    The same checks as a file (empty text, max_doc_chars, kind) and the same date normalisation;
    `fallback_id` is the id when the record has none (JSONL: path#lineN).
    """
    if not isinstance(obj, dict):
        raise InputError("each record must be a JSON object with 'id' and 'text'")
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError("missing 'text' (a string)")
    doc_id = obj.get("id")
    if doc_id is not None and not isinstance(doc_id, str | int):
        raise InputError("'id' must be a string or a number")
    return _document(str(doc_id) if doc_id not in (None, "") else fallback_id, text, obj, "", settings)


LOADERS = {".txt": load_text, ".md": load_text, ".html": load_html, ".htm": load_html, ".pdf": load_pdf}


def read_bytes(path: Path) -> bytes:
    """The file's bytes (a seam for tests)."""
    return path.read_bytes()


def load_file(path: Path, settings: Settings) -> Iterator[Document | LoadFailure]:
    """Documents of one file (several for JSONL), or failures with reasons."""
    name = str(path)
    ext = suffix_of(path)
    try:
        if ext not in SUPPORTED:
            raise InputError(f"unsupported file type '{ext or path.name}'; supported: {', '.join(SUPPORTED)}")
        if not path.is_file():
            raise InputError("not a regular file")
        size = path.stat().st_size
        limit = settings.max_upload_mb * 1024 * 1024
        if size > limit:
            raise InputError(
                f"file is {size / 1024 / 1024:.1f} MB, over the limit of {settings.max_upload_mb} MB "
                "(raise it with WHOSAID_MAX_UPLOAD_MB)"
            )
        if size == 0:
            raise InputError("empty: the file has no content")
        if ext in (".jsonl", ".jsonl.gz"):
            yield from load_jsonl(path, name, settings)
            return
        yield LOADERS[ext](read_bytes(path), name, settings)
    except InputError as e:
        yield LoadFailure(name, str(e))
    except PermissionError:
        yield LoadFailure(name, "permission denied: cannot read the file")
    except (OSError, EOFError, zlib.error) as e:  # gzip.BadGzipFile is an OSError
        yield LoadFailure(name, f"cannot read the file ({type(e).__name__}: {e})")


def load_paths(paths: Sequence[str], settings: Settings) -> Iterator[Document | LoadFailure]:
    """Documents from files, folders and globs, in order; every unreadable input is a LoadFailure."""
    for item in _expand(paths):
        if isinstance(item, LoadFailure):
            log.info("%s: %s", item.path, item.reason)  # info: the caller reports failures to the user
            yield item
            continue
        for got in load_file(item, settings):
            if isinstance(got, LoadFailure):
                log.info("%s: %s", got.path, got.reason)
            yield got
