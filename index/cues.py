"""The cue lexicon: reporting verbs (speech), attitude verbs (belief, evidence) and their inflections.

Inflections are listed rather than lemmatised so the spaCy lemmatizer can stay disabled (it costs
about a third of parse time) and so a cue is recognised even when the tagger mislabels it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

CueKind = Literal["speech", "belief"]

# Verbs that report what someone said or wrote. Whatever follows them (a clause, a noun phrase, a
# quote) is the content of a statement.
SPEECH_VERBS = [
    "call",
    "talk",
    "point",
    "speak",
    "express",
    "discuss",
    "say",
    "tell",
    "add",
    "write",
    "ask",
    "note",
    "suggest",
    "report",
    "argue",
    "announce",
    "tweet",
    "describe",
    "claim",
    "explain",
    "acknowledge",
    "accuse",
    "agree",
    "declare",
    "continue",
    "insist",
    "criticize",
    "criticise",
    "respond",
    "recall",
    "warn",
    "urge",
    "state",
    "promise",
    "defend",
    "conclude",
    "praise",
    "question",
    "reveal",
    "vow",
    "attack",
    "propose",
    "dismiss",
    "admit",
    "blame",
    "denounce",
    "mention",
    "predict",
    "reply",
    "post",
    "pledge",
    "blast",
    "deny",
    "repeat",
    "slam",
    "confirm",
    "estimate",
    "mock",
    "assert",
    "concede",
    "complain",
    "threaten",
    "allege",
    "remark",
    "tout",
    "emphasize",
    "emphasise",
    "wonder",
    "reiterate",
    "assure",
    "boast",
    "lament",
    "stress",
    "decry",
    "charge",
    "comment",
    "demand",
    "thank",
    "quote",
    "shout",
    "condemn",
    "applaud",
    "joke",
    "caution",
    "recount",
    "contend",
    "brag",
    "email",
    "chide",
    "rail",
    "disagree",
    "recommend",
    "testify",
    "observe",
    "maintain",
    "yell",
    "advise",
    "counter",
    "hail",
    "inform",
    "rip",
    "retort",
    "scoff",
    "muse",
    "quip",
    "declare",
    "acknowledge",
    "answer",
    "tweet",
    "retweet",
    "explain",
    "proclaim",
    "exclaim",
    "speculate",
    "insinuate",
    "hint",
    "disclose",
    "predict",
    "signal",
    "imply",
    "clarify",
    "underscore",
    "echo",
    "cite",
    "endorse",
    "oppose",
    "reject",
    "highlight",
    "plead",
    "request",
    "welcome",
    "bemoan",
    "interject",
    "recite",
    "protest",
    "affirm",
    "vouch",
    "forecast",
    "guarantee",
    "swear",
    "concur",
    "whisper",
    "cry",
    "snap",
    "sneer",
    "grumble",
    "mutter",
    "argue",
    "rebut",
    "apologize",
    "apologise",
    # verbs of rebuke whose object is who was rebuked and whose 'for' phrase is what for ("scolded X for Y")
    "scold",
    "assail",
    "lambast",
    "lambaste",
    "chastise",
    "ridicule",
    "harangue",
    # taking back or restating one's own or another's words
    "disavow",
    "reaffirm",
]

# Attitude verbs: thoughts, beliefs, wishes, evidence. PolNeAR annotates them as attributions too,
# but they only count as statements with a clausal complement ("Clinton believes that ...").
BELIEF_VERBS = [
    "think",
    "believe",
    "hope",
    "want",
    "fear",
    "expect",
    "know",
    "feel",
    "worry",
    "see",
    "find",
    "show",
    "seem",
    "appear",
    "indicate",
    "consider",
    "doubt",
    "suspect",
    "assume",
    "understand",
    "realize",
    "realise",
    "acknowledge",
    "recognize",
    "recognise",
    "remember",
    "learn",
    "hold",
    "view",
    "regard",
    "imagine",
    "guess",
    "reckon",
    "figure",
    "trust",
    "bet",
]

# Speech verbs whose object is not what was said ("continued to supply", "posted a video",
# "maintained a lead"): they are cues only with a clause or a quote.
CLAUSE_ONLY_VERBS = [
    "continue",
    "post",
    "release",
    "issue",
    "answer",
    "echo",
    "fire",
    "rip",
    "counter",
    "quote",
    "signal",
    "maintain",
    "oppose",
    "know",
    "pledge",
    "write",
    "respond",
    "disclose",
]

# Verbs whose object is the listener ("told reporters", "assured donors"), never the content.
LISTENER = ["tell", "inform", "assure", "remind", "brief", "email", "ask"]

# Nouns that name what someone said, whose infinitive or that-clause is the content: "her call to ban X",
# "his claim that X". Not intention or fact nouns ("plan", "decision", "effort", "fact", "idea"): no one
# speaks in "his plan to close the plant".
CLAUSE_NOUNS = frozenset(
    f"{n}s" if plural else n
    for n in [
        "call", "demand", "pledge", "promise", "vow", "threat", "claim", "assertion", "warning", "remark",
        "comment", "statement", "argument", "accusation", "allegation", "prediction", "admission", "denial",
        "plea", "request", "assurance", "complaint", "contention", "declaration", "suggestion", "boast",
        "charge", "insistence",
    ]
    for plural in (False, True)
    if not (plural and n in {"insistence", "denial", "admission", "boast", "contention", "declaration"})
)  # fmt: skip

# Cues that take their speaker from a prepositional object ("according to X", "in X's words").
PREP_CUES = {"according": "to"}

IRREGULAR = {
    "say": ["said", "says", "saying"],
    "tell": ["told", "tells", "telling"],
    "write": ["wrote", "written", "writes", "writing"],
    "think": ["thought", "thinks", "thinking"],
    "see": ["saw", "seen", "sees", "seeing"],
    "know": ["knew", "known", "knows", "knowing"],
    "find": ["found", "finds", "finding"],
    "show": ["showed", "shown", "shows", "showing"],
    "feel": ["felt", "feels", "feeling"],
    "hold": ["held", "holds", "holding"],
    "understand": ["understood", "understands", "understanding"],
    "swear": ["swore", "sworn", "swears", "swearing"],
    "make": ["made", "makes", "making"],
    "take": ["took", "taken", "takes", "taking"],
    "give": ["gave", "given", "gives", "giving"],
    "send": ["sent", "sends", "sending"],
    "spend": ["spent", "spends", "spending"],
    "run": ["ran", "runs", "running"],
    "forecast": ["forecast", "forecasts", "forecasting"],
    "bet": ["bet", "bets", "betting"],
    "quit": ["quit"],
    "cry": ["cried", "cries", "crying"],
    "reply": ["replied", "replies", "replying"],
    "deny": ["denied", "denies", "denying"],
    "testify": ["testified", "testifies", "testifying"],
    "clarify": ["clarified", "clarifies", "clarifying"],
    "imply": ["implied", "implies", "implying"],
    "worry": ["worried", "worries", "worrying"],
    "speak": ["spoke", "spoken", "speaks", "speaking"],
    # stress on the last syllable doubles the consonant too
    "admit": ["admits", "admitted", "admitting"],
    "concur": ["concurs", "concurred", "concurring"],
    "rebut": ["rebuts", "rebutted", "rebutting"],
}

VOWELS = set("aeiou")


def inflect(verb: str) -> list[str]:
    """Regular English inflections of a base verb: verb, -s, -ed, -ing (plus listed irregulars)."""
    if verb in IRREGULAR:
        return [verb, *IRREGULAR[verb]]
    if verb.endswith("e"):
        forms = [verb + "s", verb + "d", verb[:-1] + "ing"]
    elif verb.endswith(("s", "sh", "ch", "x", "z")):
        forms = [verb + "es", verb + "ed", verb + "ing"]
    elif verb.endswith("y") and verb[-2] not in VOWELS:
        forms = [verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    elif len(verb) <= 4 and verb[-1] not in VOWELS | {"w", "x", "y"} and verb[-2] in VOWELS and verb[-3] not in VOWELS:
        # short CVC verbs double the consonant: slam -> slammed, quip -> quipped, rip -> ripping
        forms = [verb + "s", verb + verb[-1] + "ed", verb + verb[-1] + "ing"]
    else:
        forms = [verb + "s", verb + "ed", verb + "ing"]
    return [verb, *forms]


@lru_cache(maxsize=1)
def cue_forms() -> dict[str, CueKind]:
    """Every inflected form -> its kind; speech wins where a verb is in both lists."""
    forms: dict[str, CueKind] = {}
    for verb in BELIEF_VERBS:
        for form in inflect(verb):
            forms[form] = "belief"
    for verb in SPEECH_VERBS:
        for form in inflect(verb):
            forms[form] = "speech"
    return forms


@lru_cache(maxsize=1)
def base_forms() -> dict[str, str]:
    """Every inflected form of a listed verb -> its base form."""
    return {form: verb for verb in [*BELIEF_VERBS, *SPEECH_VERBS, "side"] for form in inflect(verb)}


def base_form(word: str) -> str:
    """'pointed' -> 'point'; a word outside the lexicon is returned lower-cased."""
    low = word.lower()
    return base_forms().get(low, low)


def cue_kind(word: str) -> CueKind | None:
    """'said' -> 'speech', 'believes' -> 'belief', anything else -> None."""
    return cue_forms().get(word.lower())


CLAUSE_ONLY = frozenset(f for v in CLAUSE_ONLY_VERBS for f in inflect(v))
LISTENER_VERBS = frozenset(f for v in LISTENER for f in inflect(v))
