"""The rubric: one small function per criterion, each with a verdict, a 0–1 score, a one-sentence
reason and the sentences it judged. It scores any appeal text, in any layout.

Criterion names and the gate criteria are fixed in `poa.vocab` (see ../shared/DESIGN.md).
Semantic checks use the same local embeddings as retrieval, with lexical support
(`poa.semantic`). Text not in English is detected; criteria that read English say they were not
judged instead of guessing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from poa.case import ROLES
from poa.causes import MULTIPLE_CAUSES
from poa.coverage import assess_coverage
from poa.fabrication import unsupported_facts
from poa.facts import ASIN, NUMBER, ORDER_ID, find_dates, mask_ids_and_dates
from poa.language import NAMES, detect_language
from poa.models import CriterionResult, Notice, Scorecard
from poa.notice import rule_scores
from poa.segment import CUES, Segmented, segment
from poa.semantic import relatedness
from poa.text import split_sentences
from poa.tone import BLAME, PLEADING, PROMOTION, shouting
from poa.vocab import CRITERIA, GATE_CRITERIA

PREVENTION_LINK = 0.3  # relatedness of a measure to the root cause, as in the drafting guard
LANGUAGE_FREE = ("no_fabrication", "no_placeholders", "length")


@dataclass
class ScoringInput:
    text: str
    seg: Segmented
    notice: Notice | None
    sources: str | None  # notice and story: the facts the letter may use
    char_limit: int
    root_causes: list[str]  # the stated root cause per topic ("" when none found)


def _result(
    name: str, passed: bool, score: float, reason: str, evidence: list[str] | None = None
) -> CriterionResult:
    return CriterionResult(
        name=name,
        passed=passed,
        score=max(0.0, min(1.0, score)),
        reason=reason,
        evidence=[e[:220] for e in (evidence or [])][:4],
        gate=name in GATE_CRITERIA,
    )


def _not_applicable(name: str, reason: str) -> CriterionResult:
    return CriterionResult(
        name=name,
        passed=True,
        score=None,
        reason=reason,
        applicable=False,
        gate=name in GATE_CRITERIA,
    )


def _quote(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return f"“{text[:limit]}…”" if len(text) > limit else f"“{text}”"


# --- finding the root cause ---------------------------------------------------------------------


def find_root_causes(seg: Segmented) -> list[str]:
    """The root-cause text of each topic; '' where none is stated."""
    causes = []
    for topic in range(seg.topics):
        text = seg.section_text("root_cause", topic)
        if not text:
            text = _root_cause_from_sentences(seg, topic)
        causes.append(text)
    return causes


def _root_cause_from_sentences(seg: Segmented, topic: int) -> str:
    """No root-cause section: the sentence naming the root cause, else the most causal sentences."""
    blocks = [b for b in seg.blocks if b.topic == topic and b.section not in ("closing", "other")]
    for block in blocks:
        sentences = split_sentences(block.text)
        for index, sentence in enumerate(sentences):
            if re.search(
                r"\broot cause\b|\bcaused by\b|\bhappened because\b|\bthe reason\b",
                sentence,
                re.IGNORECASE,
            ):
                return " ".join(sentences[index : index + 2])
    candidates = [
        (len(CUES["root_cause"].findall(s)), s)
        for b in blocks
        if b.section
        not in ("actions", "prevention", "documents", "issue")  # the issue says why Amazon acted
        for s in split_sentences(b.text)
    ]
    candidates = [c for c in candidates if c[0] > 0]
    candidates.sort(key=lambda c: c[0], reverse=True)
    return " ".join(s for _, s in candidates[:2])


# --- criteria -----------------------------------------------------------------------------------

_STRONG_MULTIPLE = re.compile(
    r"\broot causes\b|\banother root cause\b|\b(?:first|second|third|fourth|1st|2nd|3rd|secondary|additional) root cause\b"
    r"|\broot cause\s*(?:#|no\.?\s*|number\s*)?[2-9]\b|\ba combination of (?:several )?(?:factors|causes|reasons)\b",
    re.IGNORECASE,
)


_UNKNOWN_CAUSE = re.compile(
    r"(?:do not|don't|did not|didn't) know why|not sure why|(?:no idea|unclear|unknown) (?:why|what caused)"
    r"|cannot (?:explain|say) why|could not (?:find|identify) (?:a|the|any) (?:root )?cause",
    re.IGNORECASE,
)


def single_root_cause(ctx: ScoringInput) -> CriterionResult:
    """Exactly one root cause per notice topic; lists of causes and 'another root cause' fail."""
    name = "single_root_cause"
    allowed = max(ctx.seg.topics, len(ctx.notice.topics) if ctx.notice else 1, 1)
    if not any(ctx.root_causes):
        return _result(name, False, 0.0, "No root cause is stated.")
    unknown = [c for c in ctx.root_causes if _UNKNOWN_CAUSE.search(c)]
    if unknown:
        return _result(
            name,
            False,
            0.0,
            "The letter says the cause is not known, so no root cause is stated.",
            unknown,
        )
    markers = [m.group(0) for m in _STRONG_MULTIPLE.finditer(ctx.text)]
    for cause in ctx.root_causes:
        markers += [m.group(0) for m in MULTIPLE_CAUSES.finditer(cause)]
    runs = ctx.seg.runs("root_cause")
    listed = max(
        (
            len(ctx.seg.section_blocks("root_cause", t))
            for t in range(ctx.seg.topics)
            if all(b.bullet for b in ctx.seg.section_blocks("root_cause", t))
        ),
        default=0,
    )
    if markers:
        return _result(
            name,
            False,
            0.0,
            f"Several root causes are offered ({_quote(markers[0], 40)}); Amazon expects one per topic.",
            markers,
        )
    if runs > allowed:
        return _result(
            name,
            False,
            0.0,
            f"{runs} separate root-cause sections for {allowed} topic(s).",
            ctx.root_causes,
        )
    if listed >= 3:
        return _result(
            name,
            False,
            0.0,
            f"The root cause is a list of {listed} items; Amazon expects one cause.",
            ctx.root_causes,
        )
    label = "one root cause" if allowed == 1 else f"one root cause for each of {allowed} topics"
    return _result(
        name,
        True,
        1.0,
        f"States {label}: {_quote(ctx.root_causes[0])}.",
        [c for c in ctx.root_causes if c],
    )


# What was missing or wrong in the seller's own process. Strong cues name the gap; weak cues
# only hint at one ("only", "the same laptop") and count when there are two of them.
_STRONG_GAP = re.compile(
    r"\bno (?:one|process|check|review|rule|step|procedure|system|control|training|written|way|alert|list|record|"
    r"sign-?off|approval|second|test|standard|owner|limit)\b|\bnobody\b|\bnothing (?:required|checked|stopped|flagged|"
    r"marked|caught|told|prevented|warned)\b|\bwithout\b|\bdid(?:n't| not) (?!know\b|understand\b|realise\b|realize\b)\w+"
    r"|\bwas(?:n't| not) (?:trained|checked|reviewed|told|updated|verified|set|tested|covered|included|linked|synced|"
    r"separated|inspected)\b|\bwere(?:n't| not) (?:trained|checked|reviewed|told|updated|verified|inspected)\b"
    r"|\bnever\b|\brelied\b|\bassumed\b|\bmissing\b|\blacked\b|\bgap\b|\bwhich (?:meant|allowed|let)\b|\bfree to\b"
    r"|\bcould (?:pick|choose|use|send|buy|list|change)\b|\bby hand\b|\bmanual(?:ly)?\b|\bonce a (?:day|week)\b",
    re.IGNORECASE,
)
_WEAK_GAP = re.compile(
    r"\bonly\b|\bsame\b|\bshared\b|\bstill\b|\bbecause\b|\bso (?:the|that|it|any|a|our|he|she|they|we)\b|\ballowed\b",
    re.IGNORECASE,
)
_DETAIL = re.compile(
    r"\b(?:agent|assistant|va|staff|employee|team|manager|lead|freelancer|agency|supplier|warehouse|software|tool|app|"
    r"template|system|process|checklist|spreadsheet|listing|insert|card|courier|carrier|feed|file|account|laptop|"
    r"password|designer|partner|husband|wife|brother|helpdesk|macro|repricer|integration|sync|invoice|wholesaler|"
    r"reply|replies|message|messages|packer|packaging|label|photo|image|title|keyword|setting|address|bank|document|"
    r"return|inspection|stock|inventory|pallet|lot|vendor|service|contract|group|script|automation|rule|field|factory|"
    r"manufacturer|product|design|purchaser|purchasing|lawyer|search|brand|shipment|distributor|buying)s?\b",
    re.IGNORECASE,
)
_VAGUE = re.compile(
    r"human error|an oversight|a misunderstanding|(?:a |an honest |simple )?mistake|lack of (?:training|knowledge|"
    r"awareness|understanding|attention)|not (?:fully )?aware of (?:the |amazon'?s? )?polic|unintentional|by accident"
    r"|we were (?:very )?busy|did not (?:fully )?understand (?:the |amazon'?s? )?polic|were not familiar|was angry"
    r"|did not know (?:this|that|it) was (?:not )?(?:allowed|prohibited|against)",
    re.IGNORECASE,
)
# "The root cause is that we violated the policy / sent messages that broke the guidelines."
_VIOLATION = re.compile(
    r"violat\w*|did not (?:follow|comply)|(?:is|was) against (?:amazon'?s? )?(?:\w+ ){0,3}polic|not (?:allowed|permitted|"
    r"acceptable)|in accordance with (?:the|amazon'?s?) polic|protected content|inappropriate message|prohibited",
    re.IGNORECASE,
)
# A cause put on someone else is not a gap in the seller's own process.
_EXTERNAL = re.compile(
    r"not caused by us|(?:was|is) not our fault|the (?:buyer|customer|carrier|courier|competitor)s? (?:probably |clearly )?"
    r"(?:lost|claimed|did not|didn't|made|wanted|was trying|were trying|are trying|misunderstood)|(?:buyers|customers) like this"
    r"|amazon(?:'s)? (?:system|algorithm) (?:made|flagged)|(?:outside|beyond) (?:of )?our control|not (?:in|under) our control",
    re.IGNORECASE,
)


def mechanism_check(text: str) -> tuple[str | None, float]:
    """Why a root cause is not a mechanism (None when it is), and a 0–1 score of how close it is."""
    if not text.strip() or _UNKNOWN_CAUSE.search(text):
        return "No root cause is stated, so none can be specific.", 0.0
    first = split_sentences(text)[0]
    strong, weak = len(_STRONG_GAP.findall(text)), len(_WEAK_GAP.findall(text))
    gap = strong >= 1 or weak >= 2
    details = bool(_DETAIL.search(text))
    vague = _VAGUE.search(text)
    restated = bool(_VIOLATION.search(first)) and strong < 2
    external = _EXTERNAL.search(" ".join(split_sentences(text)[:2]))
    words = len(text.split())
    parts = [gap, details, words >= 15, not vague or strong >= 1, not restated, not external]
    score = sum(parts) / len(parts)
    if external:
        return (
            f"The root cause is put on others ({_quote(external.group(0), 40)}) instead of a gap in your own process.",
            score,
        )
    if restated:
        return "The root cause restates the violation instead of saying why it happened.", score
    if vague and not strong:
        return (
            f"The root cause is vague ({_quote(vague.group(0), 40)}) with no detail of who, what or how.",
            score,
        )
    if not gap or not details or words < 15:
        missing = (
            "what was missing or wrong"
            if not gap
            else "who or what was involved"
            if not details
            else "enough detail"
        )
        return f"The root cause does not say {missing}.", score
    return None, score


def root_cause_specific(ctx: ScoringInput) -> CriterionResult:
    """The cause names a mechanism (which check, rule, control, tool or knowledge was missing, and how)."""
    name = "root_cause_specific"
    text = " ".join(c for c in ctx.root_causes if c)
    problem, score = mechanism_check(text)
    if problem:
        return _result(name, False, score, problem, [text] if text else [])
    return _result(
        name,
        True,
        score,
        "The root cause names a mechanism: what was missing and how it let this happen.",
        [text],
    )


GENERIC_MEASURE = re.compile(
    r"follow (?:all )?(?:of )?(?:amazon(?:'s)? )?(?:polic|rules|guidelines|terms)|comply with (?:all )?(?:amazon(?:'s)? )?"
    r"polic|be (?:more )?careful|pay (?:more |close )?attention|(?:will )?(?:not|never) happen again|do (?:our|my) best"
    r"|take (?:this|it) (?:very )?seriously|more vigilant|work harder|better customer service"
    r"|improve (?:the )?(?:quality(?: control)?|our products|product quality|customer service)"
    r"|remind(?:ed)? (?:our|the|all) (?:team|staff|employees)|monitor (?:our )?(?:\w+ ){0,3}regularly",
    re.IGNORECASE,
)


_NOT_A_MEASURE = re.compile(
    r"\b(?:sorry|apologi|hope|thank|confident|appreciate|please|grateful|regards|sincerely|trust that)\b"
    r"|\bthis (?:closes|addresses|answers|covers|fixes|means)\b",
    re.IGNORECASE,
)


def prevention_measures(seg: Segmented, topic: int | None = None) -> list[str]:
    """Each preventive measure: a bullet, or a sentence of a prevention paragraph. Intros, thanks,
    hopes and apologies that end up in the section are not measures."""
    measures = []
    for block in seg.section_blocks("prevention", topic):
        # A bullet is a measure; in a paragraph, only sentences that describe an ongoing rule are.
        pieces = (
            [block.text]
            if block.bullet
            else [p for p in split_sentences(block.text) if CUES["prevention"].search(p)]
        )
        for piece in pieces:
            if (
                piece.rstrip().endswith(":")
                or len(piece.split()) < 5
                or _NOT_A_MEASURE.search(piece)
            ):
                continue
            measures.append(piece)
    return measures


def prevention_matches_root_cause(ctx: ScoringInput) -> CriterionResult:
    """Every preventive measure answers the stated root cause; no unrelated or generic filler."""
    name = "prevention_matches_root_cause"
    unrelated: list[str] = []
    checked = 0
    for topic in range(ctx.seg.topics):
        cause = ctx.root_causes[topic] or " ".join(ctx.root_causes)
        measures = prevention_measures(ctx.seg, topic if ctx.seg.topics > 1 else None)
        if ctx.seg.topics > 1 and not measures:
            measures = prevention_measures(ctx.seg) if topic == 0 else []
        if not measures:
            continue
        checked += len(measures)
        if not cause:
            unrelated += measures
            continue
        targets = [cause, *split_sentences(cause)]
        if len(cause.split()) < 25:  # a thin cause: judge the measures against the incident too
            targets += ctx.seg.sentences("issue", topic if ctx.seg.topics > 1 else None)
        scores = [max(relatedness([m], t)[0] for t in targets) for m in measures]
        for measure, score in zip(measures, scores, strict=True):
            generic = GENERIC_MEASURE.search(measure)
            if score < PREVENTION_LINK or (generic and score < PREVENTION_LINK + 0.15):
                unrelated.append(measure)
    if not checked:
        return _result(name, False, 0.0, "No preventive measures are given.")
    if not any(ctx.root_causes):
        return _result(
            name,
            False,
            0.0,
            "There is no root cause for the preventive measures to answer.",
            unrelated,
        )
    score = 1 - len(unrelated) / checked
    if unrelated:
        return _result(
            name,
            False,
            score,
            f"{len(unrelated)} of {checked} preventive measures do not answer the root cause, e.g. {_quote(unrelated[0])}.",
            unrelated,
        )
    return _result(name, True, 1.0, f"All {checked} preventive measures answer the root cause.", [])


_WHEN = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|december|yesterday|last "
    r"(?:week|month)|\d{1,2}/\d{1,2})\b",
    re.IGNORECASE,
)
_POLICY = re.compile(
    r"polic|guideline|code of conduct|\brules\b|agreement|terms|standards?\b|requirement|target|violat|condition",
    re.IGNORECASE,
)


def issue_defined(ctx: ScoringInput) -> CriterionResult:
    """The incident is stated: what happened, when, which orders/ASINs (where the notice names them), which policy."""
    name = "issue_defined"
    issue = ctx.seg.section_text("issue") or next(
        (b.text for b in ctx.seg.blocks if b.section not in ("other", "closing")), ""
    )
    opening = " ".join(b.text for b in ctx.seg.blocks[:4])
    notice_ids = [*ctx.notice.order_ids, *ctx.notice.asins] if ctx.notice else []
    letter_ids = ORDER_ID.findall(ctx.text) + ASIN.findall(ctx.text)
    what = len(issue.split()) >= 12
    when = bool(find_dates(issue) or _WHEN.search(issue) or find_dates(opening))
    which = bool(set(notice_ids) & set(letter_ids)) if notice_ids else True
    policy = bool(
        _POLICY.search(ctx.text) or rule_scores(ctx.text)
    )  # "trademark complaint" names the policy too
    parts = {
        "what happened": what,
        "when": when,
        "which orders or ASINs": which,
        "which policy": policy,
    }
    missing = [part for part, ok in parts.items() if not ok]
    score = 1 - len(missing) / len(parts)
    passed = what and which and policy and (when or bool(letter_ids))
    if passed:
        return _result(
            name,
            True,
            score,
            "The issue is stated: what, when, which orders or ASINs and which policy."
            if not missing
            else f"The issue is stated (missing only: {missing[0]}).",
            [issue],
        )
    return _result(
        name,
        False,
        score,
        f"The issue is not clearly defined: missing {', '.join(missing)}.",
        [issue],
    )


_ROLE_PATTERN = re.compile("|".join(f"(?:{pattern})" for pattern, _ in ROLES), re.IGNORECASE)
_DOCUMENT = re.compile(
    r"invoice|receipt|screenshot|photo|record|log|report|certificate|contract|agreement|letter|statement|confirmation|checklist",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b\w+ed\b|\b(?:sent|made|took|wrote|set|put|built|began|paid|bought|got|gave|told|found|held|met|ran|rewrote|shut|cut|left)\b",
    re.IGNORECASE,
)


def actions_taken(seg: Segmented) -> list[str]:
    """What the letter says was already done: the actions section, plus 'we <did something>'
    statements made elsewhere (an upload listed under documents, a deletion under disclosures).
    One entry per paragraph or bullet, since a paragraph's date covers its sentences."""
    entries = []
    for block in seg.blocks:
        if block.section in ("issue", "root_cause", "closing", "other", "prevention"):
            continue
        text = block.text
        if block.section != "actions" and not CUES["actions"].search(text):
            continue
        if (
            len(text.split()) < 4
            or text.rstrip().endswith(":")
            or (_NOT_A_MEASURE.search(text) and not find_dates(text))
        ):
            continue
        entries.append(text)
    return entries


def verifiable_details(ctx: ScoringInput) -> CriterionResult:
    """Dates, IDs, roles, counts and documents; the actions already taken are past tense and dated."""
    name = "verifiable_details"
    actions = actions_taken(ctx.seg)
    dated = [a for a in actions if find_dates(a)]
    past = [a for a in actions if _PAST.search(a)]
    specifics = (
        len(find_dates(ctx.text))
        + len(ORDER_ID.findall(ctx.text) + ASIN.findall(ctx.text))
        + len(_ROLE_PATTERN.findall(ctx.text))
        + len(NUMBER.findall(mask_ids_and_dates(ctx.text)))
        + len(_DOCUMENT.findall(ctx.text))
    )
    share = len(dated) / len(actions) if actions else 0.0
    score = (
        min(share / 0.5, 1.0)
        + min(specifics / 6, 1.0)
        + (len(past) / len(actions) if actions else 0.0)
    ) / 3
    undated = [a for a in actions if a not in dated]
    if not actions:
        return _result(name, False, score, "No actions already taken are described.")
    if not dated or share < 0.5:
        return _result(
            name,
            False,
            score,
            f"{len(undated)} of {len(actions)} actions taken have no date.",
            undated,
        )
    if specifics < 4:
        return _result(
            name,
            False,
            score,
            "Too few checkable details (dates, IDs, roles, counts, documents).",
            [],
        )
    return _result(
        name,
        True,
        score,
        f"{len(dated)} of {len(actions)} actions are dated; {specifics} checkable details in all.",
        undated,
    )


def notice_coverage(ctx: ScoringInput) -> CriterionResult:
    """Every item the notice asks for is answered (n/a without a notice or when it asks for nothing)."""
    name = "notice_coverage"
    if ctx.notice is None:
        return _not_applicable(name, "Not applicable: no notice was given.")
    if not ctx.notice.required_items:
        return _not_applicable(name, "Not applicable: the notice asks for nothing specific.")
    results = assess_coverage(ctx.seg, ctx.notice, ctx.root_causes)
    # Information Amazon demands (third parties, accounts, live reviews) must be given, not alluded to.
    missing = [
        r
        for r in results
        if r.status == "missing" or (r.status == "weak" and r.item.kind == "disclosure")
    ]
    weak = [r for r in results if r.status == "weak" and r not in missing]
    score = sum({"covered": 1.0, "weak": 0.5, "missing": 0.0}[r.status] for r in results) / len(
        results
    )
    if missing:
        return _result(
            name,
            False,
            score,
            f"{len(missing)} of {len(results)} items the notice asks for are not answered, e.g. {_quote(missing[0].item.text, 70)}.",
            [r.item.text for r in missing],
        )
    if weak:
        return _result(
            name,
            True,
            score,
            f"All {len(results)} items are answered; {len(weak)} only weakly, e.g. {_quote(weak[0].item.text, 70)}.",
            [r.item.text for r in weak],
        )
    return _result(
        name, True, score, f"All {len(results)} items the notice asks for are answered.", []
    )


_CASE_REFERENCE = re.compile(
    r"case (?:id|number|#|no\.?)\s*:?\s*\d{6,}|\bcase \d{8,}|as (?:i|we) (?:said|mentioned|explained|stated) in (?:my|our) "
    r"(?:previous|last|earlier|other)",
    re.IGNORECASE,
)


def professional_tone(ctx: ScoringInput) -> CriterionResult:
    """No pleading, no business promotion, no blaming buyers or Amazon, no capitals, no case references."""
    name = "professional_tone"
    problems: list[tuple[str, str]] = []
    for label, pattern in (
        ("pleading", PLEADING),
        ("business promotion", PROMOTION),
        ("blame", BLAME),
        ("references to other cases", _CASE_REFERENCE),
    ):
        for sentence in split_sentences(ctx.text):
            if pattern.search(sentence):
                problems.append((label, sentence))
    problems += [("capital-letter shouting", s) for s in shouting(ctx.text)]
    if problems:
        kinds = list(dict.fromkeys(label for label, _ in problems))
        return _result(
            name,
            False,
            1 - min(1.0, 0.25 * len(problems)),
            f"Unprofessional tone: {', '.join(kinds)}.",
            [s for _, s in problems],
        )
    return _result(name, True, 1.0, "Factual tone: no pleading, promotion, blame or shouting.", [])


def no_fabrication(ctx: ScoringInput) -> CriterionResult:
    """Every order ID, ASIN, date and number in the letter appears in the seller's inputs."""
    name = "no_fabrication"
    if not ctx.sources or not ctx.sources.strip():
        return _not_applicable(
            name, "Not applicable: no notice or story was given to check facts against."
        )
    invented = unsupported_facts(ctx.text, ctx.sources)
    if invented:
        shown = ", ".join(dict.fromkeys(f.text for f in invented[:4]))
        return _result(
            name,
            False,
            0.0,
            f"{len(invented)} fact(s) are not in the notice or story: {shown}.",
            [f.text for f in invented],
        )
    return _result(
        name, True, 1.0, "Every order ID, ASIN, date and number comes from the notice or story.", []
    )


_PLACEHOLDER = re.compile(
    r"\[[^\]\n]{0,80}\]|\bX{3,}\b|\bTBD\b|\bTBC\b|<[^<>\n]{1,40}>|\{\{[^}]*\}\}|_{4,}|\bN/?A\b(?= *[:\]])|\blorem ipsum\b",
    re.IGNORECASE,
)


def no_placeholders(ctx: ScoringInput) -> CriterionResult:
    name = "no_placeholders"
    found = [
        m.group(0)
        for m in _PLACEHOLDER.finditer(ctx.text)
        if not re.fullmatch(r"\[\d+\]", m.group(0))
    ]
    if found:
        return _result(
            name, False, 0.0, f"{len(found)} placeholder(s) left, e.g. {found[0][:60]}.", found
        )
    return _result(name, True, 1.0, "No placeholders are left.", [])


def length(ctx: ScoringInput) -> CriterionResult:
    name = "length"
    count = len(ctx.text)
    if count > ctx.char_limit:
        return _result(
            name,
            False,
            max(0.0, 1 - (count - ctx.char_limit) / ctx.char_limit),
            f"{count:,} characters; the limit is {ctx.char_limit:,}.",
        )
    return _result(name, True, 1.0, f"{count:,} characters, within the {ctx.char_limit:,} limit.")


CRITERION_FUNCTIONS: dict[str, Callable[[ScoringInput], CriterionResult]] = {
    "single_root_cause": single_root_cause,
    "root_cause_specific": root_cause_specific,
    "prevention_matches_root_cause": prevention_matches_root_cause,
    "issue_defined": issue_defined,
    "verifiable_details": verifiable_details,
    "notice_coverage": notice_coverage,
    "professional_tone": professional_tone,
    "no_fabrication": no_fabrication,
    "no_placeholders": no_placeholders,
    "length": length,
}
assert tuple(CRITERION_FUNCTIONS) == CRITERIA


def score_appeal(
    text: str,
    *,
    notice: Notice | None = None,
    story: str | None = None,
    char_limit: int = 6000,
) -> Scorecard:
    """Score any appeal. Pass the notice (parsed) and the seller's story to judge coverage and facts."""
    language = detect_language(text)
    seg = segment(text)
    sources = "\n".join(part for part in (notice.text if notice else None, story) if part) or None
    ctx = ScoringInput(text, seg, notice, sources, char_limit, find_root_causes(seg))
    criteria = {}
    for name, function in CRITERION_FUNCTIONS.items():
        if language not in ("en", "unknown") and name not in LANGUAGE_FREE:
            criteria[name] = CriterionResult(
                name=name,
                passed=None,
                score=None,
                reason=f"Not judged: the appeal is in {NAMES.get(language, language)} and this check reads English.",
                gate=name in GATE_CRITERIA,
            )
        else:
            criteria[name] = function(ctx)
    judged = [r.score for r in criteria.values() if r.applicable and r.score is not None]
    return Scorecard(
        criteria=criteria,
        total=sum(judged) / len(judged) if judged else 0.0,
        gates_passed=all(criteria[name].passed is True for name in GATE_CRITERIA),
        language=language,
        char_count=len(text),
        char_limit=char_limit,
    )
