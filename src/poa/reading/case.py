"""Extract the seller's facts from their story (free text) with plain rules.

What happened, when, who, which orders and ASINs, what was already done (with dates) and the
sentences that explain why. Nothing is inferred that the seller did not write.
"""

from __future__ import annotations

import re

from poa.core.models import ActionTaken, Case, Fact, FactSource
from poa.reading.statements import (
    about_the_appeal,
    affirmed_concepts,
    denied_concepts,
    is_document,
    is_hypothesis,
    is_measure,
    names_mechanism,
    reads_as_instruction,
)
from poa.reading.tone import unprofessional
from poa.text.facts import find_asins, find_dates, find_order_ids, unique
from poa.text.plain import split_sentences

ROLES: list[tuple[str, str]] = [
    (r"\bvirtual assistants?\b|\bVAs?\b", "virtual assistant"),
    (
        r"customer (?:service|support|care) (?:agents?|reps?|representatives?|staff|team|person)|\bCS (?:agent|rep|team)",
        "customer service agent",
    ),
    (r"warehouse (?:staff|worker|guy|team|employee|manager)s?|packers?|picker", "warehouse staff"),
    (r"freelancers?", "freelancer"),
    (r"(?:marketing |advertising |review |launch |promotion )?(?:agency|agencies)", "agency"),
    (r"(?:third[- ]party |outside )(?:service|company|provider|vendor)s?", "third-party service"),
    (r"suppliers?|manufacturers?|wholesalers?|distributors?|factory", "supplier"),
    (r"(?:prep|fulfil?ment) (?:center|centre|partner|company)", "fulfilment partner"),
    (r"accountants?|bookkeepers?", "accountant"),
    (
        r"(?:listing|catalog(?:ue)?|content) (?:manager|specialist|team|person)|designers?|photographers?",
        "listing content staff",
    ),
    (r"\bmanagers?\b", "manager"),
    (r"\b(?:employees?|staff members?|team members?|workers?)\b", "employee"),
    (
        r"\b(?:my|our) (?:partner|wife|husband|brother|sister|cousin|father|mother|son|daughter|friend)\b",
        "family member or friend",
    ),
]
_ROLES = [(re.compile(pattern, re.IGNORECASE), role) for pattern, role in ROLES]

ACTION_VERBS = (
    r"removed|deleted|refunded|replaced|stopped|cancell?ed|terminated|fired|dismissed|retrained|trained|"
    r"contacted|apologi[sz]ed|emailed|updated|changed|rewrote|rewritten|created|hired|installed|switched|"
    r"disabled|turned off|shut off|ended|reported|destroyed|recalled|pulled|closed|suspended|blocked|revoked|"
    r"audited|reviewed|checked|inspected|relabell?ed|filed|submitted|obtained|signed|added|set up|implemented|"
    r"introduced|moved|transferred|reimbursed|disposed|quarantined|edited|corrected|wrote|sent|asked|"
    r"requested|paid|bought|ordered|deactivated|unsubscribed|cleaned|fixed|documented|appointed|assigned|"
    r"started|began|got rid of|took down|took off|put in place|cut ties|let go|threw away|threw out|binned|"
    r"discarded|shredded|informed|notified|told|warned|trained|briefed|re-?listed|delisted|withdrew|cancelled|"
    r"searched|did|shipped|connected|reconnected|called|phoned|rang|messaged|confirmed|labell?ed|printed|"
    r"gave|put|took|uploaded|changed|replied|answered|deleted"
)
_ACTION = re.compile(
    rf"\b(?:we|i|our team|my team|the team)\b(?:\s+(?:have|had|then|also|already|immediately|both|all|"
    rf"personally|quickly|just))*\s+(?:{ACTION_VERBS})\b(?!\s+(?:not|never)\b)"  # "we did not check"
    rf"|^(?:{ACTION_VERBS})\b(?!\s+(?:not|never)\b)",
    re.IGNORECASE,
)
_NEGATED = re.compile(
    r"\b(?:not|never|didn't|didnt|did not|haven't|havent|no one|nobody|won't|will)\b", re.I
)
CAUSE_CUES = re.compile(
    r"\bbecause\b|\bsince (?:we|our|the|he|she|they)\b|\bdid(?:n't| not) know\b|\bdidnt know\b|\bnever (?:checked|"
    r"trained|told|reviewed|read|looked|knew|thought)\b|\bwas(?:n't| not) (?:trained|aware|checked|"
    r"reviewed)\b|\bwithout (?:checking|any|a|review|training|approval)\b|\bwe (?:thought|assumed|believed)\b|\bforgot\b|"
    r"\bdid(?:n't| not) (?:realise|realize|check|read|review|train|notice)\b|\bthe reason\b|\bwe had no\b|\bthere was no\b|"
    r"\breal cause\b|\bthe cause (?:was|is)\b|\broot cause\b|\bnot aware\b|\bby mistake\b|\bwasn't told\b|\bturns? out\b|\bdid(?:n'?t| not) see\b"
    r"|\bno (?:rule|process|check|review|training|procedure|policy|one checked)\b|\bdidnt\b|\bwasnt\b",
    re.IGNORECASE,
)
_CHATTER = re.compile(
    r"\b\d\.\d\s*stars?\b|\bwe have \d\s*stars\b|\bcustomers love\b|\bbest[- ]?seller\b|\b(?:very|so|really) sorry\b|please help|help me|any advice|thanks in advance|what should i do|\?\s*$|lol|:\(|!!|^(?:dear|hello|hi)\b|regards",
    re.IGNORECASE,
)


def off_record(sentence: str) -> bool:
    """Chatter, pleading, promotion, blame or emotion: true perhaps, but not for the letter."""
    return bool(_CHATTER.search(sentence)) or unprofessional(sentence)


_FILLER = re.compile(
    r"^(?:so|basically|well|ok|okay|honestly|anyway|like|um|also)\b[,\s]*", re.IGNORECASE
)
# hedges and asides inside a sentence ("she did this I think 5 times", "no instructions honestly")
_HEDGE = re.compile(
    r"\s*\b(?:honestly|to be honest|I think(?: that)?|I guess|basically|lol)\b(?=[\s,.;:!?]|$)",
    re.IGNORECASE,
)
_DATE_LEAD = re.compile(r"^(?:on|by|around|about|since|from)\s+$", re.IGNORECASE)
_MEASURES_START = re.compile(
    r"\b(?:from|starting|since|as of|effective|beginning)\s+(?:on\s+)?$", re.IGNORECASE
)


_KIN = (
    r"husband|wife|partner|mom|mum|mother|dad|father|son|daughter|brother|sister|aunt|uncle|"
    r"cousin|nephew|niece|grandma|grandmother|grandpa|grandfather|friend|boyfriend|girlfriend|"
    r"brother-in-law|sister-in-law|family|kids|children"
)


def cause_sentences(text: str) -> list[str]:
    """The sentences of `text` that explain why something happened (they carry a cause cue)."""
    return [s for s in split_sentences(text) if CAUSE_CUES.search(s)]


def find_roles(text: str) -> list[str]:
    return unique([role for pattern, role in _ROLES if pattern.search(text)])


def tidy(sentence: str) -> str:
    """A story sentence made fit for a letter: fillers dropped, first person plural, capitalised."""
    text = sentence.strip()
    while _FILLER.match(text):
        text = _FILLER.sub("", text, count=1)
    text = re.sub(r",\s*,", ",", _HEDGE.sub("", text)).lstrip(" ,")
    text = re.sub(r"\bI\b(?!')", "we", text)
    text = re.sub(r"\bI'm\b", "we are", text)
    text = re.sub(r"\bI've\b", "we have", text)
    text = re.sub(rf"\bmy\b(?!\s+(?:{_KIN})\b)", "our", text, flags=re.IGNORECASE)
    text = re.sub(r"\bme\b", "us", text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", re.sub(r"\s+", " ", text)).strip(" ,;")
    if text and text[-1] not in ".!?":
        text += "."
    return text[:1].upper() + text[1:]


def _action_text(sentence: str, date_text: str | None) -> str:
    """'On March 4 I deleted the template' → 'Deleted the template'."""
    text = sentence
    if date_text:
        text = text.replace(date_text, " ")
        text = re.sub(r"\b(?:on|by|around|about)\s+(?=[,.\s]|$)", " ", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+,", ",", re.sub(r"\s+", " ", text)).strip(" ,;")
    text = _FILLER.sub("", text)
    match = _ACTION.search(text)
    if match and match.start() < 40:
        # drop what comes before the subject ("then", "after that", "yesterday")
        subject = re.match(
            r"(?:we|i|our team|my team|the team)\s+", text[match.start() :], re.IGNORECASE
        )
        text = text[match.start() + (subject.end() if subject else 0) :]
        text = re.sub(
            r"^(?:have|had|then|also|already|both|all|personally|just)\s+",
            "",
            text,
            flags=re.IGNORECASE,
        )
    return tidy(text)


def extract_actions(sentences: list[str]) -> list[ActionTaken]:
    actions: list[ActionTaken] = []
    for sentence in sentences:
        if not _ACTION.search(sentence) or _NEGATED.search(sentence) or off_record(sentence):
            continue
        dates = find_dates(sentence)
        date = dates[0] if dates else None
        actions.append(
            ActionTaken(
                text=_action_text(sentence, date.text if date else None),
                date=date.iso if date else None,
            )
        )
    return actions


def _measures_start(text: str) -> str | None:
    for fact in find_dates(text):
        before = text[max(0, fact.start - 30) : fact.start]
        if _MEASURES_START.search(before) and re.search(
            r"\b(?:now|new|going forward|every|all)\b", text[fact.end : fact.end + 120], re.I
        ):
            return fact.iso
    return None


_NOTICE_EVENT = re.compile(
    r"\bdeactivat|\bsuspend|\bgot (?:the|a|an) (?:notice|warning|email|message)|\breceived (?:the|your|a|an) "
    r"(?:notice|warning|message|email)|\bnotice (?:came|arrived)|\bamazon (?:removed|blocked|sent)",
    re.IGNORECASE,
)


def _sort_key(fact: object) -> tuple[int, int, int]:
    return (getattr(fact, "year", None) or 0, fact.month, fact.day)  # type: ignore[attr-defined]


def _iso_key(iso: str) -> tuple[int, int, int]:
    parts = iso.split("-")
    if iso.startswith("--"):
        return (0, int(parts[2]), int(parts[3]))
    return (int(parts[0]), int(parts[1]), int(parts[2]))


# How each interview answer counts: its question decides the kind of fact it is.
ANSWER_KINDS = {
    "root_cause": "cause",
    "why": "cause",
    "actions": "action",
    "action_dates": "action",
    "measures": "measure",
    "prevention": "measure",
    "measures_start": "start",
    "documents": "document",
}
# answers to "what happened / when / who / which orders" are read like the story: they often
# carry the cause or a dated action too


# "The real cause: on 8 September we switched software …" is the cause, whatever else it says
_NAMED_CAUSE = re.compile(
    r"\b(?:the )?(?:real|actual|true|root) cause\b|\bthe (?:real )?reason (?:was|is)\b",
    re.IGNORECASE,
)
# "On June 19 the factory confirmed …": a dated step, whoever took it
_DATED_LEAD = re.compile(r"^\s*(?:on|by|then on)\s+\S", re.IGNORECASE)


_SUBORDINATE = re.compile(
    r"\b(?:after|when|because|before|since|as|until|once|while|whenever)\s+$", re.IGNORECASE
)


def _main_action(sentence: str) -> bool:
    """A first-person action in the sentence's own clause ("… after I asked family" is context)."""
    return any(
        not _SUBORDINATE.search(sentence[: match.start()]) for match in _ACTION.finditer(sentence)
    )


def sentence_kind(sentence: str) -> str | None:
    """What a story sentence states (None: chatter, pleading or blame, kept out of the letter)."""
    if off_record(sentence) or is_hypothesis(sentence):
        return None
    if about_the_appeal(sentence):  # "last time we forgot the agreement": not the violation's cause
        return "document" if is_document(sentence) else None
    dates = find_dates(sentence)
    if (
        dates
        and _DATED_LEAD.match(sentence)
        and dates[0].start < 25
        and not _NOTICE_EVENT.search(sentence)
    ):
        return "action"
    if denied_concepts(sentence) and not _main_action(sentence):
        return "negation"
    explains = bool(CAUSE_CUES.search(sentence) or names_mechanism(sentence))
    if _NAMED_CAUSE.search(sentence) or (explains and not dates and not is_measure(sentence)):
        return "cause"  # "I updated the bank but forgot Seller Central": the why, not a fix
    if _main_action(sentence) and (
        dates or (not _NEGATED.search(sentence) and not is_measure(sentence))
    ):
        return "action"
    if is_measure(sentence):
        return "measure"
    if CAUSE_CUES.search(sentence) or names_mechanism(sentence):
        return "cause"
    if is_document(sentence):
        return "document"
    return "incident"


def sentence_fact(
    fact_id: str, kind: str, sentence: str, source: FactSource, **extra: object
) -> Fact:
    dates = find_dates(sentence)
    text = (
        _action_text(sentence, dates[0].text if dates else None)
        if kind == "action"
        else tidy(sentence)
    )
    return Fact(
        id=fact_id,
        kind=kind,  # type: ignore[arg-type]
        text=text,
        source=source,
        date=dates[0].iso if dates else None,
        **extra,  # type: ignore[arg-type]
    )


def _negations(fact_id: str, sentence: str, source: FactSource) -> list[Fact]:
    return [
        Fact(
            id=f"{fact_id}-not-{concept}",
            kind="negation",
            text=tidy(sentence),
            source=source,
            concept=concept,
        )
        for concept in sorted(denied_concepts(sentence))
    ]


def build_facts(story: str, answers: dict[str, str]) -> tuple[list[Fact], list[str]]:
    """The seller's facts, each with its source; and the sentences set aside as instructions."""
    facts: list[Fact] = []
    set_aside: list[str] = []
    inputs = [("story", "story", story)] + [
        (f"answer-{key}", key, text) for key, text in answers.items() if text.strip()
    ]
    for prefix, ref, text in inputs:
        kind_of_answer = ANSWER_KINDS.get(ref)
        request = int(ref[5:]) if re.fullmatch(r"item_\d+", ref) else None
        for index, sentence in enumerate(split_sentences(text)):
            if reads_as_instruction(sentence):
                set_aside.append(sentence)
                continue
            fact_id = f"{prefix}-{index}"
            source = FactSource(
                kind="story" if ref == "story" else "answer", ref=ref, quote=sentence
            )
            facts += _negations(fact_id, sentence, source)
            kind = sentence_kind(sentence)
            if _NOTICE_EVENT.search(sentence) and kind is not None and not _ACTION.search(sentence):
                kind = "incident"  # "The deactivation came on 3 April" is when, not what was done
            elif kind is None or kind == "negation":
                pass
            elif request is not None and kind not in ("measure", "action", "cause"):
                facts.append(sentence_fact(fact_id, "answer", sentence, source, request=request))
                continue
            elif ref == "root_cause" or (kind_of_answer and kind == "incident"):
                # what the question asked decides a sentence with no cue of its own; the seller's
                # own words for the cause are the cause
                kind = kind_of_answer
            if kind and kind != "negation":
                facts.append(sentence_fact(fact_id, kind, sentence, source))
    # A denial that the seller's own words contradict ("no agency" … "we paid an agency") is no
    # denial: it would block true statements. Such a case needs the seller, not a rule.
    affirmed = {c for f in facts if f.kind != "negation" for c in affirmed_concepts(f.source.quote)}
    facts = [f for f in facts if f.kind != "negation" or f.concept not in affirmed]
    return facts, set_aside


def extract_case(story: str, answers: dict[str, str] | None = None) -> Case:
    """A Case from the seller's story plus any interview answers (answers count as story)."""
    answers = answers or {}
    full = "\n".join([story, *answers.values()])
    facts, set_aside = build_facts(story, answers)
    sentences = split_sentences(full)
    # What was done before Amazon's notice is part of the story, not a fix for it.
    noticed = [
        d
        for sentence in sentences
        if _NOTICE_EVENT.search(sentence) and not reads_as_instruction(sentence)
        for d in find_dates(sentence)
    ]
    if noticed:
        latest = max(noticed, key=_sort_key)
        facts = [
            f.model_copy(update={"kind": "incident", "text": tidy(f.source.quote)})
            if f.kind == "action"
            and f.date
            and latest.year is not None
            and _iso_key(f.date) < _sort_key(latest)
            else f
            for f in facts
        ]
    actions = [
        ActionTaken(text=f.text, date=f.date, fact_id=f.id) for f in facts if f.kind == "action"
    ]
    narrative = [f for f in facts if f.kind == "incident"]
    incident_dates = unique([f.date for f in narrative if f.date])
    what_happened = " ".join(f.text for f in narrative[:3])
    start = answers.get("measures_start")
    start_dates = find_dates(start) if start else []
    clean = "\n".join(s for s in sentences if not reads_as_instruction(s))
    return Case(
        story=story,
        what_happened=what_happened,
        incident_dates=incident_dates,
        roles=find_roles(clean),
        order_ids=find_order_ids(clean),
        asins=find_asins(clean),
        actions_taken=actions,
        measures_start=start_dates[0].iso if start_dates else _measures_start(clean),
        answers=answers,
        facts=facts,
        set_aside=set_aside,
    )
