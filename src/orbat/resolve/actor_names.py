"""Forms of an actor's name that the resolver compares: words with their offsets, a
transliteration-insensitive key per word (:func:`fold`) and per name (:func:`actor_key`), and
the plain, loose and literal forms of the exact and near steps."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from orbat.nlp.marks import strip_marks

__all__ = [
    "ARTICLES",
    "Token",
    "actor_key",
    "fold",
    "is_acronym",
    "literal_form",
    "loose_form",
    "name_tokens",
    "plain_form",
    "starts_upper",
    "text_keys",
    "with_article",
    "word_pattern",
]

_APOSTROPHES = "'`ʼʻʿʾ‘’´"
_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u0640"
# A word: letters or digits, with combining marks, Arabic harakat/tatweel and inner apostrophes
# ("Kata'ib"); hyphens and other punctuation separate words.
_WORD = re.compile(rf"[^\W_][\w{_MARKS}]*(?:[{_APOSTROPHES}][^\W_][\w{_MARKS}]*)*")
_POSSESSIVE = re.compile(rf"[{_APOSTROPHES}]s$", re.I)
# Arabic articles: "al"/"el" always; assimilated forms ("ash-Shuhada", "as-Sham") only when
# hyphen-attached, because "as", "at", "an" are also English words.
ARTICLES = frozenset({"al", "el", "il", "ul", "the"})
_ASSIMILATED = frozenset(
    {"ad", "ar", "as", "ash", "at", "az", "an", "ath", "adh", "ed", "er", "es", "ez", "et", "en"}
)
_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9.&-]{1,11}$")
_ARABIC_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ء": None}
)
_VOWELS = frozenset("aeiou")


def _is_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def _fold_arabic(token: str) -> str:
    token = re.sub(f"[{_MARKS}]", "", token).translate(_ARABIC_FOLD)
    # The article is written joined: "الحشد" = "حشد". Short words keep it ("الله" is a name).
    return token[2:] if token.startswith("ال") and len(token) > 4 else token


def _fold_latin(token: str) -> str:
    """A consonant skeleton of one transliterated word: equal for its common spellings.

    1. Lowercase without diacritics or apostrophes; a plural -s goes ("Brigades" = "Brigade").
    2. Spelling conventions fold: ch→sh (French "Hached"), q→k, c→k, z→s, ph→f.
    3. Ta marbuta: a final -ah/-at goes to -a ("Harakah" = "Harakat" = "Haraka").
    4. A y after a vowel is a glide ("Sayyid" = "Said", "Zaynab" = "Zainab").
    5. Vowels after the first letter go (transliterations disagree mostly on vowels:
       "Kataib" = "Kataeb", "Hezbollah" = "Hizballah"); an initial vowel becomes "a".
    6. Doubled letters collapse ("Haqq" = "Haq").
    """
    # 1.
    word = strip_marks(token).casefold()
    for mark in _APOSTROPHES:
        word = word.replace(mark, "")
    if len(word) >= 5 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    # 2.
    word = word.replace("isation", "ization").replace("ch", "sh").replace("ph", "f")
    word = word.replace("q", "k").replace("c", "k").replace("z", "s")
    # 3.
    if len(word) >= 5 and word[-2:] in ("ah", "at"):
        word = word[:-1]
    # 4. (doubles first, so "Sayyid" loses both glides like "Sayid")
    word = re.sub(r"(?<=[aeiou])y", "", re.sub(r"(.)\1+", r"\1", word))
    # 5.
    if not word:
        return word
    head = "a" if word[0] in _VOWELS else word[0]
    word = head + "".join(ch for ch in word[1:] if ch not in _VOWELS)
    # 6.
    return re.sub(r"(.)\1+", r"\1", word)


@lru_cache(maxsize=1 << 16)
def fold(token: str) -> str:
    # Cached: news repeats its words, and folding one is dozens of string operations.
    return _fold_arabic(token) if _is_arabic(token) else _fold_latin(token)


class Token(NamedTuple):
    """One word of a name or a text (a tuple: an article's thousands are built fast)."""

    start: int
    end: int
    raw: str
    key: str
    article: bool


def name_tokens(text: str) -> tuple[Token, ...]:
    """Words of ``text`` with their offsets and keys; article words are flagged, not dropped."""
    return _text_tokens(text) if len(text) > _LONG_TEXT else _tokens(text)


#: A text this long is an article (or a good part of one), not a name or a sentence.
_LONG_TEXT = 1000


@lru_cache(maxsize=16)
def _text_tokens(text: str) -> tuple[Token, ...]:
    # Cached apart from names and sentences, which would push it out: an article's whole text
    # is read for names by both resolvers of the event and the statement extractors.
    return _tokens(text)


def _tokens(text: str) -> tuple[Token, ...]:
    found = []
    matches = list(_WORD.finditer(text))
    for i, m in enumerate(matches):
        raw = m.group()
        end = m.end()
        possessive = _POSSESSIVE.search(raw)
        if possessive and len(raw) > 3:
            raw, end = raw[: possessive.start()], m.start() + possessive.start()
        low = raw.casefold()
        hyphened = text[end : end + 1] in "-‑–" and end < len(text)
        last = i == len(matches) - 1
        article = not last and (low in ARTICLES or (hyphened and low in _ASSIMILATED))
        found.append(Token(m.start(), end, raw, fold(raw), article))
    return tuple(found)


def actor_key(name: str) -> str:
    """A transliteration-insensitive key: equal for spellings of the same name.

    Articles ("al-", "el-", "ash-", "the") drop out and every word is reduced by
    :func:`_fold_latin` or, in Arabic script, by alef/ya/ta marbuta/hamza folding with
    harakat and tatweel removed. So "Kata'ib Hizballah", "Kataeb Hezbollah" and
    "Kataib Hizbullah" share a key, and "الحشد الشعبي" matches "حشد الشعبى".
    """
    return " ".join(t.key for t in name_tokens(name) if not t.article and t.key)


def plain_form(text: str) -> str:
    """Case-, diacritic- and spacing-insensitive form for the exact step."""
    text = strip_marks(text).casefold()
    for mark in _APOSTROPHES:
        text = text.replace(mark, "'")
    return " ".join(text.split())


@lru_cache(maxsize=4096)
def word_pattern(word: str) -> re.Pattern[str]:
    """``word`` as a whole word in :func:`plain_form` text."""
    return re.compile(rf"\b{re.escape(plain_form(word))}\b")


def is_acronym(name: str) -> bool:
    return bool(_ACRONYM.match(name)) and any(ch.isalpha() for ch in name)


def loose_form(text: str) -> str:
    """Plain form without apostrophes, hyphens, plural -s or doubled letters."""
    words = re.split(r"[\s\-‑–/]+", plain_form(text).replace("'", ""))
    words = [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words if w]
    return re.sub(r"(.)\1+", r"\1", " ".join(w for w in words if w not in ARTICLES))


def literal_form(text: str) -> str:
    """Plain form with only case, accents and apostrophes forgiven: "iraqi-militias" in a URL
    slug is not the phrase "Iraqi militias", nor is "an Iraqi militia" (an apposition)."""
    return plain_form(text).replace("'", "")


def starts_upper(surface: str, alias: str) -> bool:
    """A capitalised alias matches only capitalised text (or text in capitals throughout)."""
    first = next((ch for ch in surface if ch.isalpha()), "")
    if first.isupper():
        return True
    # "al-Hashd": the article may be lower case; the name after it must not be.
    words = [w for w in re.split(r"[\s\-‑–]+", surface) if w]
    significant = [w for w in words if w.casefold() not in ARTICLES]
    return bool(significant) and significant[0][:1].isupper()


def with_article(text: str, tokens: Sequence[Token], start: int) -> int:
    """Extend a match at ``start`` left over a hyphen-attached article of ``tokens``:
    "al-Hashd", not "Hashd"."""
    for token in tokens:
        if token.end + 1 == start and token.article and text[token.end] in "-‑–":
            return token.start
    return start


@lru_cache(maxsize=8)
def text_keys(text: str) -> str:
    """The word keys of a whole text, each between spaces (" islamic state "), once per text
    (every sentence of an article asks whether the article names an actor in full)."""
    return " " + " ".join(t.key for t in name_tokens(text) if not t.article and t.key) + " "
