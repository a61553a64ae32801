"""Which language an appeal is written in, from common words and scripts (no model needed)."""

from __future__ import annotations

import re

STOPWORDS = {
    "en": "the and of to we our was were is are for that this with on have has not from be by it",
    "it": "il la di che e per non una sono abbiamo nostro nostra del della dei le gli con al alla è",
    "de": "der die das und ist nicht wir unser unsere den dem mit von für auf ein eine zu es haben wurde",
    "fr": "le la les et des est nous notre nos pour que une dans pas avec sur par au du ce été avons",
    "es": "el la los las y de que en nuestro nuestra para con por una no es hemos fue del se al",
    "pt": "o a os as e de que em nosso nossa para com por uma não é foi do da dos temos",
    "nl": "de het een en van is niet wij ons onze voor met op dat dit zijn hebben werd te",
}
_WORDS = {language: set(words.split()) for language, words in STOPWORDS.items()}
NAMES = {
    "en": "English",
    "it": "Italian",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "pt": "Portuguese",
    "nl": "Dutch",
    "ja": "Japanese",
    "zh": "Chinese",
    "unknown": "an unknown language",
}


def detect_language(text: str) -> str:
    """ISO code of the text's language: en, it, de, fr, es, pt, nl, ja, zh or unknown."""
    kana = len(re.findall(r"[\u3040-\u30ff]", text))
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    letters = len(re.findall(r"[A-Za-zÀ-ÿ]", text))
    if kana + han > letters * 0.3:
        return "ja" if kana > 0.1 * (kana + han) else "zh"
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    if not words:
        return "unknown"
    counts = {
        language: sum(word in vocabulary for word in words)
        for language, vocabulary in _WORDS.items()
    }
    best, hits = max(counts.items(), key=lambda item: item[1])
    return best if hits >= max(3, 0.08 * len(words)) else "unknown"
