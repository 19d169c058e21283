"""`whosaid eval qa`: end-to-end who-said-what questions built from gold attributions, answered and scored.

Questions are built the way ../shared/eval/qa_questions.py builds them (same seed, same random draws, so the
figures are comparable): who_said (a 8-15 word fragment of a direct quote), what_said (a speaker and a content
word of one of their quotes) and abstain (who_said about articles withheld from the index).
"""

from __future__ import annotations

import json
import logging
import random
import re
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from rag.records import Answer, Document
from rag.settings import Settings, get_settings

log = logging.getLogger(__name__)

_STOP_TEXT = """
a an the and or but if of to in on at by for with from as is are was were be been being this that these those it its
he she they them his her their we our you your i me my not no so than then there here what which who whom whose when
where why how all any both each few more most other some such only own same too very can will just should now would
could said says say told about into over after before also because while during against between through under again
further once many much even still
"""
STOP = frozenset(_STOP_TEXT.split())
TITLES = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "senator", "jr", "sr"}
WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")
SUFFIXES = ("ed", "ly", "ing", "ful", "ous", "ive", "able", "ible", "al", "est", "er")
Record = dict[str, Any]


def surname(name: str | None) -> str | None:
    """Last word of a name, titles ignored, lower case."""
    if not name:
        return None
    words = [w.lower() for w in WORD.findall(name) if w.lower() not in TITLES]
    return words[-1] if words else None


def quoted_inner(text: str) -> str | None:
    m = re.search(r"[“\"]([^”\"]+)[”\"]?", text)
    return m.group(1) if m else None


def read_jsonl(path: Path) -> list[Record]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def speaker_name(g: Record) -> str:
    return str(g.get("speaker_canonical_auto") or g["speaker_text"])


def make_questions(
    gold: Sequence[Record], articles: dict[str, Record], seed: int = 7, withheld_n: int = 8
) -> tuple[list[Record], set[str]]:
    """(questions with what each answer must show, withheld article ids); deterministic for a seed."""
    rnd = random.Random(seed)
    ids = sorted(articles)
    rnd.shuffle(ids)
    withheld = set(ids[:withheld_n])
    qs: list[Record] = []
    for g in gold:
        if not (g.get("has_speaker") and g.get("speech_cue_auto") and g["quote_type"] in ("direct", "mixed")):
            continue
        if g.get("speaker_mention_type_auto") != "name":
            continue
        inner = quoted_inner(g["quote_text"])
        if not inner or len(words := inner.split()) < 8:
            continue
        n = min(len(words), rnd.randint(8, 15))
        start = rnd.randint(0, len(words) - n)
        frag = " ".join(words[start : start + n]).strip(" ,.;:")
        name = speaker_name(g)
        if surname(name) and surname(name) in frag.lower():  # type: ignore[operator]
            continue
        kind = "abstain" if g["doc_id"] in withheld else "who_said"
        qs.append({"kind": kind, "question": f'Who said "{frag}"?', "doc_id": g["doc_id"],
                   "para": [g["paragraph_start"], g["paragraph_end"]], "speaker": name})  # fmt: skip
    by_speaker: dict[str, list[Record]] = defaultdict(list)
    for g in gold:
        if g.get("has_speaker") and g.get("speaker_mention_type_auto") == "name" and g["doc_id"] not in withheld:
            name = speaker_name(g)
            if len(WORD.findall(name)) >= 2:
                by_speaker[name].append(g)
    for name, gs in sorted(by_speaker.items()):
        g = rnd.choice(gs)
        cands = [w for w in WORD.findall(g["quote_text"]) if len(w) > 5 and w.lower() not in STOP and w[0].islower()
                 and not w.lower().endswith(SUFFIXES)]  # fmt: skip
        if not cands:
            continue
        topic = rnd.choice(cands).lower()
        targets = [
            [s["start"], s["end"], x["doc_id"]]
            for x in gold
            if surname(speaker_name(x)) == surname(name) and x["doc_id"] not in withheld
            and topic in x["quote_text"].lower()
            for s in x["quote_spans"]
        ]  # fmt: skip
        qs.append({"kind": "what_said", "question": f"What did {name} say about {topic}?", "speaker": name,
                   "topic": topic, "targets": targets})  # fmt: skip
    rnd.shuffle(qs)
    return qs, withheld


def same_surname(a: str | None, b: str | None) -> bool:
    """Whether two names share a surname, curly and straight apostrophes alike ("O’Neill" = "O'Neill")."""
    sa, sb = (surname((x or "").replace("’", "'")) for x in (a, b))
    return sa is not None and sa == sb


def _span(c: Record) -> tuple[int, int] | None:
    s, e = c.get("start"), c.get("end")
    return (s, e) if isinstance(s, int) and isinstance(e, int) else None


def score(expected: Sequence[Record], answers: Sequence[Record], texts: dict[str, str]) -> Record:
    """who_said / what_said / abstain / verbatim rates of JSON answers (`whosaid ask --json` shape)."""
    ok: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    cites = verbatim = 0
    for i, e in enumerate(expected):
        a = answers[i] if i < len(answers) else {}
        total[e["kind"]] += 1
        text = (a.get("answer") or "").lower()
        cs = a.get("citations") or []
        for c in cs:
            cites += 1
            t = texts.get(c.get("doc_id", ""))
            span = _span(c)
            verbatim += bool(t is not None and span and t[span[0] : span[1]] == c.get("quote"))
        if e["kind"] == "abstain":
            ok["abstain"] += bool(a.get("abstained")) or not cs
        elif e["kind"] == "who_said":
            sn = surname(e["speaker"])
            named = bool(sn and re.search(rf"\b{re.escape(sn)}\b", text))
            lo, hi = e["para"]
            hit = any(c.get("doc_id") == e["doc_id"] and (sp := _span(c)) and sp[0] < hi and sp[1] > lo for c in cs)
            ok["who_said"] += named and hit
            ok["who_said_speaker_only"] += named
            # stricter: the citation in that paragraph is a statement we attributed to that speaker (not the
            # "speaker not identified" context answer, whose shown sentence may name the speaker)
            ok["who_said_attributed"] += any(
                c.get("doc_id") == e["doc_id"] and (sp := _span(c)) and sp[0] < hi and sp[1] > lo
                and same_surname(c.get("speaker"), e["speaker"]) for c in cs
            ) and named  # fmt: skip
        elif e["kind"] == "what_said":
            ok["what_said"] += any(
                c.get("doc_id") == d and (sp := _span(c)) and sp[0] < te and sp[1] > ts
                for c in cs for ts, te, d in e["targets"]
            )  # fmt: skip
    res: Record = {k: round(ok[k] / total[k], 4) if total[k] else None for k in ("who_said", "what_said", "abstain")}
    for k in ("who_said_speaker_only", "who_said_attributed"):
        res[k] = round(ok[k] / total["who_said"], 4) if total["who_said"] else None
    res["verbatim"] = round(verbatim / cites, 4) if cites else None
    res["n"] = dict(total)
    res["answers"] = len(answers)
    return res


def to_documents(records: Iterable[Record], settings: Settings) -> list[Document]:
    """Articles as `whosaid ingest ARTICLES.jsonl` reads them (the reference ingests its ingest.jsonl that way):
    the loader's checks and date normalisation; a record it rejects is skipped, as ingest would fail that file."""
    from index.load import document_from_record
    from rag.errors import InputError

    docs = []
    for i, r in enumerate(records, start=1):
        try:
            docs.append(document_from_record(r, f"articles.jsonl#line{i}", settings))
        except InputError as e:
            log.warning("article %s is not ingested: %s", r.get("id", i), e)
    return docs


def run_qa_eval(
    gold_path: Path, articles_path: Path, settings: Settings | None = None, seed: int = 7, withheld: int = 8,
    limit: int = 0, on_answer: Callable[[Record, Answer], None] | None = None, workdir: Path | None = None,
) -> tuple[str, Record]:  # fmt: skip
    """Ingest the non-withheld articles into a fresh store, ask every question, score: (table, figures)."""
    from index.build import ingest_documents
    from rag.chain import Assistant
    from rag.store import Store

    articles = {r["id"]: r for r in read_jsonl(articles_path)}
    questions, held = make_questions(read_jsonl(gold_path), articles, seed=seed, withheld_n=withheld)
    if limit:
        questions = questions[:limit]
    with tempfile.TemporaryDirectory(prefix="whosaid-eval-qa-") as tmp:
        # a workdir keeps the index between runs (ingest is idempotent: a re-run only re-asks the questions)
        settings = (settings or get_settings()).model_copy(update={"data_dir": workdir or Path(tmp)})
        store = Store.open(settings)
        t0 = time.perf_counter()
        report = ingest_documents(
            to_documents((a for i, a in sorted(articles.items()) if i not in held), settings), settings, store
        )
        ingest_s = time.perf_counter() - t0
        assistant = Assistant(settings, store=store)
        answers, times = [], []
        for q in questions:
            t = time.perf_counter()
            answer = assistant.ask(q["question"])
            times.append(time.perf_counter() - t)
            answers.append(answer.to_json())
            if on_answer:
                on_answer(q, answer)
    figures = score(questions, answers, {i: a["text"] for i, a in articles.items()})
    times.sort()
    figures |= {"ingest": report.summary(), "ingest_s": round(ingest_s, 1),
                "answer_ms_p50": round(1000 * times[len(times) // 2], 1) if times else None}  # fmt: skip
    rows = [f"{k:<22} {figures[k]!s:>8}  (n={figures['n'].get(k.split('_')[0] + '_' + k.split('_')[1], '')})"
            if k in ("who_said", "what_said") else f"{k:<22} {figures[k]!s:>8}"
            for k in ("who_said", "who_said_attributed", "who_said_speaker_only", "what_said", "abstain",
                      "verbatim")]  # fmt: skip
    table = "\n".join([f"questions: {len(questions)} {dict(figures['n'])}", *rows, report.summary()])
    return table, figures
