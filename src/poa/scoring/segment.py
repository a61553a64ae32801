"""Find the parts of any appeal: issue, root cause, actions taken, prevention, documents.

Appeals come in every style: Markdown or bold headings, "Root cause:" labels, numbered sections,
bullets, or plain paragraphs with no headings at all. Recognised headings decide the section of
what follows; text under no (or an unknown) heading is classified paragraph by paragraph from its
wording; a sentence that plainly belongs elsewhere (a weekly check inside "Steps taken") moves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from poa.text.facts import ASIN, ORDER_ID, find_dates
from poa.text.plain import BULLET, clean_line, split_sentences

SECTIONS = ("issue", "root_cause", "actions", "prevention", "info", "documents", "closing", "other")

HEADING_RULES: list[tuple[str, str]] = [
    (
        "closing",
        r"^(?:regards|sincerely|thank you|thanks|best|kind regards|best regards|respectfully|yours)\b",
    ),
    (
        "root_cause",
        r"root[- ]cause|\bcauses?\b|^why\b|why (?:this|it|the \w+) (?:happened|occurred)|what (?:caused|went wrong)|reason"
        r"|explanation|how (?:the|this) (?:error|mistake|problem) (?:arose|happened)"
        r"|how (?:this|it) happened|relationship between|how the accounts|the link\b|how .* (?:are |were )?(?:linked|connected)",
    ),
    (
        "prevention",
        r"prevent|future|going forward|long[- ]term|systemic|recurr|to ensure|safeguard|measures|changes (?:we|to)"
        r"|new (?:process|controls?)|controls?\b|stop (?:this|it) from",
    ),
    (
        "actions",
        r"action|corrective|immediate|steps (?:we )?(?:have )?taken|what we (?:have )?(?:done|did)|resolution|resolv"
        r"|remediat|\bfix|done so far|steps taken|what we changed|changes made",
    ),
    ("documents", r"document|evidence|attach|supporting|proof|enclos|invoices?\b"),
    (
        "info",
        r"information (?:you )?(?:requested|asked)|third[- ]part|accounts? used|methods?|disclos|shared information"
        r"|contact (?:details|information)|answers? to|reviews? still",
    ),
    (
        "issue",
        r"issue|incident|what happened|background|summary|overview|problem|violation|situation|complaint|notice|details?",
    ),
]
_HEADING_RULES = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in HEADING_RULES]
MIXED_HEADING = re.compile(
    r"action.{0,30}prevent|prevent.{0,30}action|taken and (?:will|planned)", re.IGNORECASE
)
TOPIC_HEADING = re.compile(r"^(?:issue|topic|problem|part)\s*(?:#\s*)?\d+\b", re.IGNORECASE)

CUES: dict[str, re.Pattern[str]] = {
    "root_cause": re.compile(
        r"\broot cause\b|\bbecause\b|\bcaused\b|\bthe reason\b|\bdue to\b|\bas a result of\b|\bwithout (?:any |a |anyone )?"
        r"(?:check|review|approval|training|verif|telling|knowing)|\bno (?:one|process|check|review|rule|step|procedure|system|"
        r"control|training|way)\b|\bnobody\b|\bdid(?:n't| not) (?:know|check|review|verify|realise|realize|have|tell|train)\b"
        r"|\bwas(?:n't| not) (?:trained|checked|reviewed|aware|told)\b|\bnever (?:checked|reviewed|trained|told|verified)\b"
        r"|\brelied on\b|\bhappened because\b|\bthis (?:was|is) why\b|\bonly (?:checked|reviewed)\b|\bso the\b",
        re.IGNORECASE,
    ),
    "actions": re.compile(
        r"\b(?:we|i|our team|he|she|they)\s+(?:have\s+|had\s+|then\s+|also\s+|immediately\s+)?(?:removed|deleted|refunded|"
        r"replaced|stopped|cancell?ed|terminated|contacted|sent|updated|changed|rewrote|disabled|ended|destroyed|corrected|"
        r"edited|issued|asked|filed|retrained|trained|reviewed|audited|checked|recalled|closed|revoked|withdrew|relisted|"
        r"created|submitted|obtained|switched|moved|searched|fixed|turned off|set|uploaded|provided|paid|signed|hired|"
        r"wrote|informed|completed|registered|opened|installed|added|introduced|appointed|relabell?ed|inspected|tested|"
        r"returned|disposed|quarantined|began|started)\b",
        re.IGNORECASE,
    ),
    "prevention": re.compile(
        r"\bwill\b|\bgoing forward\b|\bfrom now on\b|\bin (?:the )?future\b|\bevery (?:day|week|month|quarter|year|order|"
        r"new|time|message|listing|shipment|reply|insert|product|morning|evening|supplier|batch|unit|return)\b|\b(?:daily|weekly|"
        r"monthly|quarterly|annually|yearly)\b|\bbefore (?:each|every|any)\b|\bprevent\b|\bnow (?:only|must|requires?|"
        r"checks?|reviews?|approves?|comes?|goes?|uses?|has|have)\b|\bnew (?:process|procedure|rule|policy|checklist)\b"
        r"|\bno longer\b|\bensure\b|\bfrom (?:this|that) (?:date|day) on\b|\b(?:is|are) now\b|\bany (?:change|new|future)\b"
        r"|\bafter (?:each|every|any)\b",
        re.IGNORECASE,
    ),
    "issue": re.compile(
        r"\bnotice\b|\bwarning\b|\bdeactivat|\bviolat|\bpolicy\b|\bguidelines\b|\bcomplain|\bwe received\b|\bremoved (?:our|the|my) "
        r"listing|\bsuspend|\bflagged\b",
        re.IGNORECASE,
    ),
    "documents": re.compile(
        r"\battach|\benclos|\bwe can provide\b|\bcopies of\b|\bplease find\b", re.IGNORECASE
    ),
}
ENUMERATION = re.compile(
    r"^(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth|fifth|finally|lastly|another|also|next)\b",
    re.IGNORECASE,
)
INLINE = "\u0000inline"  # marks a heading given as a label at the start of a paragraph
_GREETING = re.compile(r"^(?:dear|hello|hi|to whom|attn|subject:|re:)\b", re.IGNORECASE)


@dataclass
class Block:
    """A paragraph or a bullet item, with the section and topic it belongs to."""

    text: str
    section: str
    heading: str | None = None
    bullet: bool = False
    topic: int = 0
    numbered: bool = False  # "1.", "b)": an enumeration, not just a bullet


@dataclass
class Segmented:
    text: str
    blocks: list[Block] = field(default_factory=list)
    headings: list[tuple[str, str]] = field(default_factory=list)  # (heading, section)
    topics: int = 1

    def section_blocks(self, section: str, topic: int | None = None) -> list[Block]:
        return [
            b for b in self.blocks if b.section == section and (topic is None or b.topic == topic)
        ]

    def section_text(self, section: str, topic: int | None = None) -> str:
        return "\n".join(b.text for b in self.section_blocks(section, topic))

    def sentences(self, section: str | None = None, topic: int | None = None) -> list[str]:
        blocks = self.blocks if section is None else self.section_blocks(section, topic)
        return [s for b in blocks for s in split_sentences(b.text)]

    def runs(self, section: str) -> int:
        """How many separate stretches of the letter belong to `section` (a heading restating
        itself, like "Root cause" then "The root cause was:", is one stretch)."""
        count, inside = 0, False
        for block in self.blocks:
            if block.section == section and not inside:
                count += 1
            inside = block.section == section
        return count


def heading_section(text: str) -> str:
    for name, pattern in _HEADING_RULES:
        if pattern.search(text):
            return name
    return "other"


def _split_heading(raw: str, next_line: str) -> tuple[str, str] | None:
    """(heading, rest of line) when the line is a heading or starts with a section label."""
    line = raw.strip()
    bare = clean_line(line)
    if not bare:
        return None
    if line.startswith("#") or (
        line.startswith(("**", "__")) and line.rstrip(":").endswith(("**", "__"))
    ):
        return bare.rstrip(":"), ""
    label = re.match(
        r"^(?:\*\*|__)?([A-Z][\w /&'()-]{2,60}?)(?:\*\*|__)?:(?:\*\*|__)?\s*(.*)$", line
    )
    known_label = label and (heading_section(label.group(1)) != "other" or not label.group(2))
    if known_label and len(label.group(1).split()) <= 8 and not ORDER_ID.search(label.group(1)):
        return label.group(1).strip(), label.group(2).strip()
    numbered = re.match(
        r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]|\d{1,2}(?:\.\d{1,2})+|[A-H][.)]|[IVX]{1,4}\.)\s+(.{3,90})$",
        line,
    )  # "2.", "2)", "2.3", "B.", "IV."
    if numbered:
        text = clean_line(numbered.group(1))
        if (
            len(text.split()) <= 10
            and not text.endswith((".", ";", ","))
            and not ORDER_ID.search(text)
        ):
            return text.rstrip(":"), ""
    dashed = re.match(
        r"^(.{3,90}?)\s*[-–—]+$", bare
    )  # "Actions we have taken to resolve the issues -"
    if dashed and heading_section(dashed.group(1)) != "other":
        return dashed.group(1), ""
    words = bare.split()
    # "What actions have I taken to fix the late shipment rate?" heads its part as a label would
    if (
        bare.endswith("?")
        and len(words) <= 16
        and heading_section(bare) not in ("other", "closing")
    ):
        return bare, ""
    short = len(words) <= 8 and not bare.endswith((".", ",", ";", "!", "?"))
    # A short unpunctuated line is a heading if it names a section, or if a paragraph follows it
    # directly (an unknown heading such as "Explanation of the mismatch").
    candidate = (
        short
        and bare[:1].isupper()
        and not _GREETING.match(bare)
        and heading_section(bare) != "closing"
    )
    names_section = heading_section(bare) != "other"
    opens_paragraph = len(next_line.split()) >= 8 and not re.search(r"\d", bare)
    if candidate and (names_section or opens_paragraph):
        return bare.rstrip(":"), ""
    return None


_NUMBERED = re.compile(
    r"^\s*(?:\(?\d{1,2}[.)]|\(?[a-hA-H][.)]|\([ivx]+\)|[①-⑳]|[（(]\d{1,2}[）)]|\d{1,2}[、．])"
)


def _blocks(text: str) -> list[tuple[str, str, str | None]]:
    """(text, bullet kind, heading-or-None) per paragraph, bullet item or heading line; the kind
    is "" for a paragraph, "number" for an enumerated item, "dash" for any other bullet."""
    lines = text.splitlines()
    result: list[tuple[str, str, str | None]] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            result.append((" ".join(paragraph), "", None))
            paragraph.clear()

    for index, raw in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if not raw.strip():
            flush()
            continue
        heading = _split_heading(raw, following)
        if heading:
            flush()
            # "Root cause: our agent …" labels only its own paragraph; a heading line covers what follows.
            result.append(("", "", heading[0] + (INLINE if heading[1] else "")))
            if heading[1]:
                paragraph.append(heading[1])
            continue
        inner = BULLET.sub("", raw, count=1).strip() if BULLET.match(raw) else ""
        if inner.endswith(":") and len(inner.split()) <= 10 and heading_section(inner) != "other":
            flush()  # "– The root cause(s) of the policy violation:": the notice's heading, copied
            result.append(("", "", clean_line(inner).rstrip(":")))
            continue
        if BULLET.match(raw):
            flush()
            kind = "number" if _NUMBERED.match(raw) else "dash"
            result.append((clean_line(BULLET.sub("", raw, count=1)), kind, None))
            continue
        previous = result[-1] if result else None
        wrapped = (
            previous
            and previous[1]
            and not paragraph
            and (
                raw.startswith((" ", "\t"))
                or raw.lstrip()[:1].islower()
                or not previous[0].rstrip().endswith((".", "!", "?", ":", ";"))
            )
        )
        if previous and wrapped:  # a bullet item wrapped over several lines
            result[-1] = (f"{previous[0]} {clean_line(raw)}", previous[1], None)
            continue
        paragraph.append(clean_line(raw))
    flush()
    return result


def classify_paragraph(text: str, first: bool) -> str:
    """The section a paragraph under no recognised heading most likely belongs to."""
    if _GREETING.match(text) and len(text) < 60:
        return "other"
    if heading_section(text) == "closing" and len(text) < 80:
        return "closing"
    scores = {name: len(pattern.findall(text)) for name, pattern in CUES.items()}
    dated = len(find_dates(text))
    scores["actions"] += min(dated, 3) if scores["actions"] else 0
    scores["issue"] += 2 * bool(ORDER_ID.search(text) or ASIN.search(text)) + (2 if first else 0)
    if re.search(r"\broot cause\b", text, re.IGNORECASE):
        scores["root_cause"] += 3
    best = max(scores.items(), key=lambda item: item[1])
    return best[0] if best[1] > 0 else "other"


def _sentence_moves(block: Block) -> list[Block]:
    """Inside 'actions', an ongoing-rule sentence is prevention; inside 'prevention', nothing moves."""
    if block.section != "actions" or block.bullet:
        if (
            block.section == "actions"
            and block.bullet
            and CUES["prevention"].search(block.text)
            and not find_dates(block.text)
        ):
            return [Block(block.text, "prevention", block.heading, True, block.topic)]
        return [block]
    moved: list[Block] = []
    for sentence in split_sentences(block.text):
        prevention = CUES["prevention"].search(sentence) and not find_dates(sentence)
        section = "prevention" if prevention else "actions"
        if moved and moved[-1].section == section:
            moved[-1].text += " " + sentence
        else:
            moved.append(Block(sentence, section, block.heading, False, block.topic))
    return moved


def segment(text: str) -> Segmented:
    result = Segmented(text=text)
    section: str | None = None
    heading: str | None = None
    topic = 0
    seen_content = False
    inline_scope = (
        False  # the current section came from an inline label: it ends with its paragraph
    )
    list_scope: str | None = None  # the section a "…the following:" sentence opened for its list
    for body, bullet, found_heading in _blocks(text):
        if found_heading is not None:
            inline_scope = found_heading.endswith(INLINE)
            list_scope = None
            heading = found_heading.removesuffix(INLINE)
            if TOPIC_HEADING.match(heading):
                topic = topic + 1 if seen_content or topic else 0
                result.topics = max(result.topics, topic + 1)
                named = heading_section(re.sub(TOPIC_HEADING, "", heading))
                section = named if named not in ("other", "issue") else "issue"
            elif MIXED_HEADING.search(heading):
                section = "actions"  # "Actions and prevention": each sentence finds its side below
            else:
                named = heading_section(heading)
                section = None if named == "other" else named
            result.headings.append((heading, section or "other"))
            continue
        if not body:
            continue
        # "Thank you for your notice." opening a letter is a courtesy, not its closing
        opening_thanks = re.match(r"(?:thank|thanks)\b", body, re.IGNORECASE) and not any(
            b.section not in ("other", "closing") for b in result.blocks
        )
        if (
            heading_section(body) == "closing"
            and len(body) < 120
            and not bullet
            and not opening_thanks
        ):
            section = "closing"
        if list_scope and not (bullet or ENUMERATION.match(body)):
            list_scope = None  # the list an intro sentence opened has ended
        if (
            not bullet
            and body.rstrip().endswith(":")
            and heading_section(body) not in ("other", "closing", "issue")
        ):
            # "After a careful investigation we found several root causes:" labels itself and the list after it.
            list_scope = heading_section(body)
            result.blocks.append(Block(body, list_scope, heading, False, topic))
            seen_content = True
            continue
        if list_scope:
            result.blocks.append(
                Block(body, list_scope, heading, bool(bullet), topic, bullet == "number")
            )
            continue
        if section is None or (
            section == "issue"
            and not bullet
            and CUES["root_cause"].search(body)
            and re.search(r"\broot cause\b", body, re.I)
        ):
            label = classify_paragraph(body, first=not seen_content)
        else:
            label = section
        if label == "closing" and opening_thanks:
            label = "other"
        elif label == "closing":
            section = "closing"
        if inline_scope and not bullet:
            section, inline_scope = None, False
        block = Block(body, label, heading, bool(bullet), topic, bullet == "number")
        result.blocks += _sentence_moves(block) if label in ("actions",) else [block]
        if label not in ("other",):
            seen_content = True
    _position_prior(result)
    return result


def _position_prior(result: Segmented) -> None:
    """With no root cause found, an unlabelled paragraph right after the issue is most likely it."""
    if any(b.section == "root_cause" for b in result.blocks):
        return
    for previous, block in zip(result.blocks, result.blocks[1:], strict=False):
        if (
            block.section == "other"
            and previous.section == "issue"
            and len(block.text.split()) >= 15
        ):
            block.section = "root_cause"
            return
