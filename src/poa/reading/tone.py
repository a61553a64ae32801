"""Wording that does not belong in an appeal: pleading, business promotion, blame, shouting.

Shared by the `professional_tone` criterion and by the offline drafter, which leaves such
sentences of the seller's story out of the letter.
"""

from __future__ import annotations

import re

from poa.text.plain import split_sentences

PLEADING = re.compile(
    r"\b(?:please (?:give|grant|allow|reconsider|reinstate|restore|help|forgive|understand|accept (?:our|my) apolog)"
    r"|(?:another|one more|second|last) chance|\bbeg(?:ging)?\b|(?:feed|support|provide for) (?:my|our) (?:family|children|kids)"
    r"|(?:think of|for the sake of) (?:my|our) famil(?:y|ies)|livelihood|depends? on (?:this|amazon|selling)|desperate|\bhumbly\b|we are (?:just )?a small"
    r"|we love amazon|(?:only|main) (?:source of )?income|lose everything|devastat|heartbroken|we promise|i promise"
    r"|sincerely apologi[sz]e)",
    re.IGNORECASE,
)
# Of pleading, an appeal to family, livelihood or despair weakens a letter at once; a request for
# another chance or a promise only when the letter keeps making it.
HARD_PLEADING = re.compile(
    r"\bbeg(?:ging)?\b|(?:feed|support|provide for) (?:my|our) (?:family|children|kids)|(?:think of|for the sake of) (?:my|our) "
    r"famil(?:y|ies)|livelihood|depends? on (?:this|amazon|selling)|desperate|(?:only|main) (?:source of )?income"
    r"|lose everything|devastat|heartbroken",
    re.IGNORECASE,
)
SOFT_PLEADING = re.compile(
    r"\b(?:please (?:give|grant|allow|reconsider|reinstate|restore|help|forgive|understand)|(?:another|one more|second|last) "
    r"chance|\bhumbly\b|we are (?:just )?a small|we love amazon|we promise|i promise)",
    re.IGNORECASE,
)
PROMOTION = re.compile(
    r"(?:top|best)[- ]?(?:rated|selling|seller)|\d[\d,]*\+? (?:happy|satisfied|loyal) customers|\d+(?:\.\d+)?% positive"
    r"|(?:our|with|have|has) (?:a )?five[- ]star (?:rating|feedback)|\d[\d,]* (?:five[- ]star|5[- ]star|positive) (?:ratings|reviews)"
    r"|years of (?:excellent|great|outstanding|flawless|perfect)|award[- ]winning|excellent (?:track )?record"
    r"|(?:perfect|flawless|spotless|clean) (?:record|history|account)|(?:high|premium)[- ]quality products"
    r"|we are (?:a |an )?(?:trusted|reputable|leading|successful|established)|customers love"
    r"|we have always been (?:a |an )?(?:reliable|trusted|good|honest|responsible)",
    re.IGNORECASE,
)
BLAME = re.compile(
    r"(?:the|this|that|some|many|these|most) (?:buyers?|customers?)(?:'s)? (?:lied|(?:is|was|are|were) (?:lying|wrong|mistaken|"
    r"dishonest|abusive|confused|trying)|abused|tried to|wanted (?:a )?free|falsely|made (?:a )?false|did not read|misused"
    r"|damaged|(?:do|does|did) not (?:know|understand|read)|(?:just|simply|only) want|leave complaints)"
    r"|(?:fraudulent|dishonest|abusive|lying) (?:buyers?|customers?)|complain\w* (?:just|simply|only) to get"
    r"|\bcompetitors?\b.{0,40}(?:report|attack|sabotag|false|fake)"
    r"|\b(?:brand|rights owner|competitor|buyer|customer|amazon)\b.{0,30}\b(?:is|are|was|were) (?:using|abusing|misusing) "
    r"(?:complaints|the system|amazon|reports)|push (?:resellers|sellers|us) off"
    r"|amazon(?:'s)? (?:mistake|error|fault|system (?:error|failure)|algorithm)|not our fault"
    r"|(?:carrier|supplier|courier)(?:'s)? fault|\bblame\b|\bunfair(?:ly)?\b|wrongly (?:accused|flagged)|ridiculous",
    re.IGNORECASE,
)
# Arguing with the decision or defending the record instead of explaining the failure.
SELF_JUSTIFICATION = re.compile(
    r"\bin (?:our|my) defen[cs]e\b|(?:this|the|your) (?:decision|suspension|deactivation|complaint|removal|warning)"
    r" (?:is|was|seems) (?:unfair|unjust|wrong|a mistake|an error|unreasonable|not justified|baseless)"
    r"|\b(?:we|i) (?:do not|don't) (?:understand|see) why (?:we|our|my|this)\b|\bdid nothing wrong\b"
    r"|\b(?:other|many|all) (?:sellers|competitors) (?:do|are doing|sell) the same\b|\bwe (?:were|are) (?:only|just) "
    r"(?:following|doing what)|\bwe have (?:always|never) (?:been|had|received)\b[^.]{0,40}\b(?:complaint|problem|issue|"
    r"violation|warning)s?\b|\b(?:it is|it's|this is) not (?:our|my) (?:fault|responsibility)\b"
    r"|\bwe must (?:point out|stress|emphasi[sz]e)\b|\b(?:thousands of|other|many) sellers (?:use|do|sell|have)\b"
    r"|\bshould not have been (?:removed|deactivated|suspended|blocked)\b"
    r"|\b(?:do not|don't) (?:believe|think|feel)\b[^.]{0,60}\bshould (?:have been|be) (?:removed|deactivated|suspended)",
    re.IGNORECASE,
)
# A company's legal name in capitals ("HUAXIN ELECTRONIC TECHNOLOGY CO LTD") and capital headings
# ("ROOT CAUSE ANALYSIS") are how many sellers write names and titles, not shouting.
_LEGAL_NAME = re.compile(
    r"(?:\b[A-Z][A-Z&.'-]+\s+){0,6}(?:LTD|LLC|INC|GMBH|CO|CORP|LIMITED|SRL|SAS|SPA|PLC|BV|AG|KG|SL|SA|LLP|PTE)\b\.?"
)
_CAPITAL_HEADING = re.compile(r"^[^a-z\n]{1,80}[^a-z\n.!?]$", re.MULTILINE)
# Acronyms and company suffixes are not shouting; emphasis words in capitals are, even alone.
ACRONYMS = frozenset(
    [
        "FBA",
        "FBM",
        "ASIN",
        "ASINS",
        "ODR",
        "LSR",
        "EPA",
        "FDA",
        "UPS",
        "USPS",
        "DHL",
        "SKU",
        "SKUS",
        "EU",
        "UK",
        "USA",
        "US",
        "ID",
        "IP",
        "LOA",
        "SDS",
        "CPSC",
        "VAT",
        "PDF",
        "API",
        "CEO",
        "HR",
        "QC",
        "SOP",
        "DOT",
        "CE",
        "UL",
        "FCC",
        "RMA",
        "OTC",
        "PPC",
        "LLC",
        "LTD",
        "INC",
        "GMBH",
        "SRL",
        "SAS",
        "SPA",
        "PLC",
        "BV",
        "URL",
        "SMS",
        "DPD",
        "GLS",
        "TNT",
        "EAN",
        "UPC",
        "GTIN",
        "ISBN",
    ]
)
EMPHASIS = frozenset(
    [
        "NOT",
        "NEVER",
        "ALWAYS",
        "ALL",
        "NO",
        "SCAM",
        "FAKE",
        "LIE",
        "LIES",
        "LYING",
        "WRONG",
        "FREE",
        "GENUINE",
        "AUTHENTIC",
        "NOTHING",
        "EVERYTHING",
        "IMMEDIATELY",
        "URGENT",
        "PLEASE",
        "HONEST",
        "REAL",
        "ONLY",
        "VERY",
        "UNFAIR",
    ]
)
EMOTION = re.compile(
    r"\b(?:stress(?:ful|ed)?|worried|scared|afraid|panic|shocked|upset|angry|frustrat\w*|nightmare|crying|can'?t sleep)\b",
    re.IGNORECASE,
)


def shouting(text: str) -> list[str]:
    """Sentences that use capitals for emphasis (quoted text, codes and acronyms aside)."""
    found = []
    text = _CAPITAL_HEADING.sub(
        lambda m: "" if len(m.group(0).split()) <= 8 and "!" not in m.group(0) else m.group(0), text
    )
    text = _LEGAL_NAME.sub(" ", text)
    for sentence in split_sentences(re.sub(r"[\"“][^\"”]{0,80}[\"”]", " ", text)):
        # standalone capitalised words only: codes such as TWL-BAMB-6PK or ORV-0112 are not shouting
        caps = [
            w
            for w in re.findall(r"(?<![\w-])[A-Z]{2,}(?![\w-])", sentence)
            if w not in ACRONYMS and not re.fullmatch(r"X+", w)  # "XXX" is a blank, not a shout
        ]
        if len(caps) >= 3 or any(w in EMPHASIS for w in caps) or (caps and "!" in sentence):
            found.append(sentence)
    return found


def says_nothing_of_fact(sentence: str) -> bool:
    """A plea, a boast or an emotion: weak in a letter, but no claim about the business either
    (blame is a claim, and is checked as one)."""
    return bool(PLEADING.search(sentence) or PROMOTION.search(sentence) or EMOTION.search(sentence))


def unprofessional(sentence: str) -> bool:
    """Would this sentence of a seller's story weaken an appeal?"""
    return bool(
        PLEADING.search(sentence)
        or PROMOTION.search(sentence)
        or BLAME.search(sentence)
        or EMOTION.search(sentence)
        or shouting(sentence)
    )
