"""Arabic text for matching: spelling normalisation with offsets back, number words, date words.

Arabic news and Telegram posts spell one word several ways: hamza on the alef or not (أحمد /
احمد), final yeh written as alef maqsura (على / علي), taa marbuta as heh (قرية / قريه),
tatweel stretching a word for layout (الـحشد), vowel marks on some words only, Eastern Arabic
or Persian digits (٢٢ / ۲۲ / 22), and Persian keyboard letters in Iraqi posts (ی, ک).
:func:`normalize_for_matching` folds these so lexicons and gazetteers match every spelling.
It is for matching only: evidence offsets always point into the original text, which
:class:`Normalized` maps back to.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from orbat.nlp.dates import Granularity

__all__ = [
    "Normalized",
    "is_arabic_text",
    "normalize_for_matching",
    "normalize_with_offsets",
    "parse_arabic_number",
    "resolve_arabic_date",
    "script_language",
]

# -- spelling --------------------------------------------------------------------------------

# One character for one character: the text keeps its length through these.
_FOLDS: dict[str, str] = {
    "أ": "ا",  # alef with hamza above
    "إ": "ا",  # alef with hamza below
    "آ": "ا",  # alef with madda
    "ٱ": "ا",  # alef wasla
    "ى": "ي",  # alef maqsura written for final yeh (على / علي)
    "ة": "ه",  # taa marbuta written as heh in informal spelling
    "ی": "ي",  # Farsi yeh (Persian keyboards, common in Iraqi posts)
    "ک": "ك",  # keheh (same)
    "٫": ".",  # Arabic decimal separator
    "٬": ",",  # Arabic thousands separator
    **{chr(0x0660 + d): str(d) for d in range(10)},  # Eastern Arabic digits ٠-٩
    **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits ۰-۹
}
# Characters dropped: they change how a word looks, never which word it is.
_DROPPED_RANGES: tuple[tuple[int, int], ...] = (
    (0x0610, 0x061A),  # honorific and Quranic signs above letters
    (0x061C, 0x061C),  # Arabic letter mark (bidi)
    (0x0640, 0x0640),  # tatweel (الـحشد)
    (0x064B, 0x065F),  # harakat: tanween, fatha, damma, kasra, shadda, sukun, combining hamza
    (0x0670, 0x0670),  # superscript (dagger) alef
    (0x06D6, 0x06DC),  # Quranic annotation marks
    (0x06DF, 0x06E8),
    (0x06EA, 0x06ED),
    (0x200B, 0x200F),  # zero-width space/joiners, LRM/RLM: Telegram posts are full of them
    (0x202A, 0x202E),  # bidi embeddings and overrides
    (0x2066, 0x2069),  # bidi isolates
    (0xFEFF, 0xFEFF),  # zero-width no-break space
)
_TABLE: dict[int, str | None] = {ord(k): v for k, v in _FOLDS.items()} | {
    code: None for low, high in _DROPPED_RANGES for code in range(low, high + 1)
}
# Presentation forms (ﻻ, ﷲ, ﺃ...) from PDFs and old encoders: spelled out by NFKC, which may
# turn one character into several.
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised text and, for each of its characters, where it came from in the original.

    ``origin[i]`` is the index in the original text of the character that gave ``text[i]``;
    ``origin[len(text)]`` is the original's length. Dropped characters (marks, tatweel) belong
    to the letter before them.
    """

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` came from.

        The span takes in the marks that follow its last letter, so evidence for "قتل"
        found in "قَتَلَ" covers the whole written word.
        """
        if start >= end:
            return self.origin[start], self.origin[start]
        return self.origin[start], max(self.origin[end], self.origin[end - 1] + 1)


def normalize_for_matching(text: str) -> str:
    """``text`` with Arabic spelling variants folded, for matching (never for display).

    1. Presentation forms are spelled out (``ﻻ`` → ``لا``).
    2. Alef variants (أ إ آ ٱ) → ا, ى → ي, ة → ه, Farsi ی/ک → ي/ك, Eastern Arabic and
       Persian digits → ASCII digits, Arabic decimal/thousands separators → ``.``/``,``.
    3. Harakat (U+064B-U+065F), dagger alef (U+0670), Quranic marks, tatweel and invisible
       direction and joiner characters are dropped.

    Latin text is unchanged. Use :func:`normalize_with_offsets` to map matches back.
    """
    if text.isascii():
        return text
    if _PRESENTATION.search(text):
        text = _PRESENTATION.sub(lambda m: unicodedata.normalize("NFKC", m[0]), text)
    return text.translate(_TABLE)


def normalize_with_offsets(text: str) -> Normalized:
    """:func:`normalize_for_matching`'s text, with each character's index in ``text``."""
    if text.isascii():
        return Normalized(text, tuple(range(len(text) + 1)))
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        # Same steps as normalize_for_matching, one character at a time.
        spelled = unicodedata.normalize("NFKC", char) if _PRESENTATION.match(char) else char
        folded = spelled.translate(_TABLE)
        out.append(folded)
        origin.extend([index] * len(folded))
    origin.append(len(text))
    return Normalized("".join(out), tuple(origin))


# Runs of what is not an (Arabic) letter, deleted to count the letters left: one regex
# step per run, not per character.
_NOT_ARABIC_LETTERS = re.compile(r"[^\u0621-\u064a\u0671-\u06d3\ufb50-\ufdff\ufe70-\ufefe]+")
_NOT_LETTERS = re.compile(r"[\W\d_]+")
# Letters of Persian, Kurdish (Sorani) and Urdu that Arabic does not use: a text rich in them
# is in another language written in Arabic script.
_NOT_ARABIC = re.compile(r"[پچژگڤۆێڵڕەٹڈڑںھۓ]")


def is_arabic_text(text: str, share: float = 0.6) -> bool:
    """True when most letters of ``text`` are Arabic script and none betray another language.

    A cheap test of the script on the first 1,000 characters (not a language identifier):
    the Telegram reader uses it to tag posts ``ar``. Persian and Kurdish letters (پ چ ژ گ ۆ
    ێ ...) make it False.
    """
    sample = text[:1000]
    if sample.isascii():
        return False
    letters = len(_NOT_LETTERS.sub("", sample))
    if not letters:
        return False
    arabic = len(_NOT_ARABIC_LETTERS.sub("", sample))
    foreign = len(_NOT_ARABIC.findall(sample))
    return arabic / letters >= share and foreign <= arabic // 200


def script_language(text: str) -> str | None:
    """``"ar"`` for a text in Arabic script (:func:`is_arabic_text`), else ``None`` (unknown):
    the language a document is stored with when its source says none."""
    return "ar" if is_arabic_text(text) else None


# -- numbers ---------------------------------------------------------------------------------

# Number words as news and casualty reports write them, in both genders and the cases that
# change the ending (اثنان / اثنين); spellings are normalised when the table is built.
_UNIT_WORDS: dict[int, tuple[str, ...]] = {
    0: ("صفر",),
    1: ("واحد", "واحدة", "أحد", "إحدى"),
    2: ("اثنان", "اثنين", "اثنتان", "اثنتين", "اثنا", "اثني", "اثنتا", "اثنتي"),
    3: ("ثلاث", "ثلاثة"),
    4: ("أربع", "أربعة"),
    5: ("خمس", "خمسة"),
    6: ("ست", "ستة"),
    7: ("سبع", "سبعة"),
    8: ("ثمان", "ثماني", "ثمانية"),
    9: ("تسع", "تسعة"),
    10: ("عشر", "عشرة"),
}
_TEN_WORDS: dict[int, tuple[str, ...]] = {
    20: ("عشرون", "عشرين"),
    30: ("ثلاثون", "ثلاثين"),
    40: ("أربعون", "أربعين"),
    50: ("خمسون", "خمسين"),
    60: ("ستون", "ستين"),
    70: ("سبعون", "سبعين"),
    80: ("ثمانون", "ثمانين"),
    90: ("تسعون", "تسعين"),
}
_HUNDRED = ("مئة", "مائة")
_TWO_HUNDRED = ("مئتان", "مئتين", "مائتان", "مائتين")
_THOUSAND = ("ألف", "آلاف")
_TWO_THOUSAND = ("ألفان", "ألفين")
# Kinds of number word, for the composition rules in parse_arabic_number.
_UNIT, _TENS, _HUNDREDS, _TIMES_HUNDRED, _TIMES_THOUSAND, _THOUSANDS = range(6)


def _number_lexicon() -> dict[str, tuple[int, int]]:
    """Normalised word → (kind, value), compounds such as ثلاثمئة included."""
    lexicon: dict[str, tuple[int, int]] = {}
    for value, words in _UNIT_WORDS.items():
        lexicon |= dict.fromkeys(words, (_UNIT, value))
    for value, words in _TEN_WORDS.items():
        lexicon |= dict.fromkeys(words, (_TENS, value))
    lexicon |= dict.fromkeys(_HUNDRED, (_TIMES_HUNDRED, 100))
    lexicon |= dict.fromkeys(_TWO_HUNDRED, (_HUNDREDS, 200))
    for value in range(3, 10):
        stem = _UNIT_WORDS[value][0]  # ثلاث, أربع ... the form written joined to مئة
        lexicon |= {stem + w: (_HUNDREDS, value * 100) for w in _HUNDRED}
    lexicon |= dict.fromkeys(_THOUSAND, (_TIMES_THOUSAND, 1000))
    lexicon |= dict.fromkeys(_TWO_THOUSAND, (_THOUSANDS, 2000))
    return {normalize_for_matching(w): kv for w, kv in lexicon.items()}


_NUMBER_WORDS = _number_lexicon()
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")


def _number_word(token: str) -> tuple[tuple[int, int], bool] | None:
    """A token's (kind, value) and whether it carried the conjunction و ("and")."""
    if _DIGITS.fullmatch(token):
        return (_UNIT, int(token.replace(",", ""))), False
    if token in _NUMBER_WORDS:
        return _NUMBER_WORDS[token], False
    if token.startswith("و") and token[1:] in _NUMBER_WORDS:
        return _NUMBER_WORDS[token[1:]], True
    return None


def parse_arabic_number(text: str) -> int | None:
    """The integer an Arabic number phrase writes, or ``None`` when it is not one.

    Digits in any script ("٢٢", "۲۲", "1,300", "١٬٣٠٠") and number words in either gender
    and case: "ثلاثة" 3, "خمسة عشر" 15, "ثلاثة وعشرون" 23, "مئة وخمسون" 150, "ثلاثمائة"
    300, "ثلاثة آلاف" 3000, "ألفان" 2000.

    1. Normalise the spelling and split on spaces; a standalone "و" is a separator.
    2. Read the words left to right, as Arabic composes numbers: units before tens joined by
       "و", a unit then عشر/عشرة is a teen, a unit then مئة/ألف multiplies it.
    3. Any word that is not a number word makes the whole phrase ``None``: vague words
       (عشرات "dozens", عدة "several") are for the casualty coder, not for this function.
    """
    # 1. tokens
    tokens = [t for t in normalize_for_matching(text).split() if t != "و"]
    if not tokens:
        return None
    total = 0  # thousands already closed
    current = 0  # the part below a thousand being built
    last: tuple[int, int] | None = None
    # 2. compose
    for token in tokens:
        found = _number_word(token)
        if found is None:
            return None  # 3. not a number phrase
        (kind, value), joined = found
        last_unit = last is not None and last[0] == _UNIT and not joined
        if kind == _UNIT and value == 10 and last_unit and last and 1 <= last[1] <= 9:
            current += 10  # خمسة عشر: fifteen
        elif kind == _TIMES_HUNDRED and last_unit and last and 1 <= last[1] <= 9:
            current += last[1] * 100 - last[1]  # ثلاث مئة: three hundred
        elif kind == _TIMES_THOUSAND:
            total += (current or 1) * 1000  # ثلاثة آلاف, ألف
            current = 0
        elif kind == _THOUSANDS:
            total += value
        else:
            current += value
        last = (kind, value)
    return total + current


# -- dates -----------------------------------------------------------------------------------

# The Syriac month names of Iraq, Syria, Lebanon and Jordan, as the Gregorian names dateparser
# reads (it knows only the Egyptian/Gulf set).
_LEVANTINE_MONTHS: dict[str, str] = {
    "كانون الثاني": "يناير",
    "شباط": "فبراير",
    "آذار": "مارس",
    "نيسان": "أبريل",
    "أيار": "مايو",
    "حزيران": "يونيو",
    "تموز": "يوليو",
    "آب": "أغسطس",
    "أيلول": "سبتمبر",
    "تشرين الأول": "أكتوبر",
    "تشرين الثاني": "نوفمبر",
    "كانون الأول": "ديسمبر",
}
# Hijri months (Umm al-Qura calendar), as Arabic posts write them: 1-12.
_HIJRI_MONTHS: dict[str, int] = {
    "محرم": 1,
    "صفر": 2,
    "ربيع الأول": 3,
    "ربيع الاول": 3,
    "ربيع الثاني": 4,
    "ربيع الآخر": 4,
    "جمادى الأولى": 5,
    "جمادى الاولى": 5,
    "جمادى الآخرة": 6,
    "جمادى الثانية": 6,
    "رجب": 7,
    "شعبان": 8,
    "رمضان": 9,
    "شوال": 10,
    "ذو القعدة": 11,
    "ذي القعدة": 11,
    "ذو الحجة": 12,
    "ذي الحجة": 12,
}
# Days back from the post for relative words (after normalisation, prefixes stripped).
_RELATIVE_DAYS: dict[str, int] = {
    "اليوم": 0,
    "الليلة": 0,
    "أمس": 1,
    "البارحة": 1,
    "ليلة أمس": 1,
    "الليلة الماضية": 1,
    "أول أمس": 2,
    "أول من أمس": 2,
    "أمس الأول": 2,
}
_WEEKDAYS: dict[str, int] = {
    "الاثنين": 0,
    "الثلاثاء": 1,
    "الأربعاء": 2,
    "الخميس": 3,
    "الجمعة": 4,
    "السبت": 5,
    "الأحد": 6,
}
# Words before a date that say nothing about the day: prepositions, "on the day of", and the
# part of the day ("dawn today", "Tuesday evening").
_LEADING = (
    "في",
    "يوم",
    "بتاريخ",
    "تاريخ",
    "فجر",
    "صباح",
    "ظهر",
    "عصر",
    "مساء",
    "ليل",
    "خلال",
)


def _n(text: str) -> str:
    return normalize_for_matching(text)


_HIJRI_MONTH = {_n(k): v for k, v in _HIJRI_MONTHS.items()}
# "١٥ رجب ١٤٤٥ هـ", "15 رجب": a day, a Hijri month, perhaps a Hijri year (13xx-15xx).
_HIJRI_DATE = re.compile(
    r"^(?P<day>\d{1,2})\s+(?P<month>"
    + "|".join(sorted(map(re.escape, _HIJRI_MONTH), key=len, reverse=True))
    + r")(?:\s+(?P<year>1[3-5]\d\d))?(?:\s*(?:ه|هـ|للهجره|هجري|هجريه))?\.?$"
)
_MONTH_SWAP = re.compile(
    r"(?<!\w)(" + "|".join(sorted(map(_n, _LEVANTINE_MONTHS), key=len, reverse=True)) + r")(?!\w)"
)
_MONTH_TO_GREGORIAN = {_n(k): v for k, v in _LEVANTINE_MONTHS.items()}
# "مارس/آذار 2024", "آذار (مارس)": both names of one month, once they are the same name.
_DOUBLE_MONTH = re.compile(r"(?<!\w)([^\W\d_]+)\s*(?:/|\(\s*)\1(?:\s*\))?(?!\w)")
_RELATIVE = {_n(k): v for k, v in _RELATIVE_DAYS.items()}
_WEEKDAY = re.compile(
    r"(?:(?:اليوم|يوم)\s+)?(?P<day>"
    + "|".join(map(_n, _WEEKDAYS))
    + r")(?:\s+(?P<last>الماضي|المنصرم|الفائت))?"
)
_WEEKDAY_VALUE = {_n(k): v for k, v in _WEEKDAYS.items()}
_LEADING_WORDS = re.compile(r"^(?:(?:" + "|".join(map(_n, _LEADING)) + r")\s+)+")


def resolve_arabic_date(text: str, published: dt.date) -> tuple[dt.date, Granularity] | None:
    """The day (or week, month) an Arabic date phrase names, seen from a post of ``published``.

    "أمس" is the day before the post, "أول أمس" two days before, "الثلاثاء" the latest
    Tuesday on or before it ("الثلاثاء الماضي" a week earlier when the post is a Tuesday),
    "١٢ آذار ٢٠٢٤" and "12 مارس" a day, "مايو 2023" a month (its first day).

    1. Normalise the spelling (digits to ASCII) and drop leading words that do not change
       the day ("في", "يوم", "فجر", "مساء"...).
    2. Relative day words and weekday names: resolved here, as orbat resolves English ones
       (dateparser reads a weekday on the post's own weekday as a week earlier).
    3. A Hijri date ("١٥ رجب ١٤٤٥ هـ") is converted from the Umm al-Qura calendar
       (hijridate); without a year, the latest on or before the post. Syriac month names
       (كانون الثاني, آذار, تموز...) become the Gregorian names dateparser reads, and
       "مارس/آذار" one name.
    4. The rest is dateparser's, in Arabic, relative to the post and preferring the past.
    """
    # 1. normalise
    phrase = " ".join(normalize_for_matching(text).split())
    phrase = _LEADING_WORDS.sub("", phrase)
    if not phrase:
        return None
    # 2. relative words and weekdays
    if phrase in _RELATIVE:
        return published - dt.timedelta(days=_RELATIVE[phrase]), "day"
    if weekday := _WEEKDAY.fullmatch(phrase):
        back = (published.weekday() - _WEEKDAY_VALUE[weekday["day"]]) % 7
        if back == 0 and weekday["last"]:
            back = 7
        return published - dt.timedelta(days=back), "day"
    # 3. Hijri dates, then Syriac month names
    if hijri := _HIJRI_DATE.match(phrase):
        return _from_hijri(hijri, published)
    phrase = _MONTH_SWAP.sub(lambda m: _MONTH_TO_GREGORIAN[m[1]], phrase)
    phrase = _DOUBLE_MONTH.sub(r"\1", phrase)
    # 4. dateparser
    return _dateparser(phrase, published)


def _from_hijri(match: re.Match[str], published: dt.date) -> tuple[dt.date, Granularity] | None:
    """The Gregorian day of a Hijri date; a year-less one is the latest on or before the
    post."""
    from hijridate import Gregorian, Hijri

    day, month = int(match["day"]), _HIJRI_MONTH[match["month"]]
    years = (
        [int(match["year"])]
        if match["year"]
        else [Gregorian.fromdate(published).to_hijri().year - back for back in (0, 1)]
    )
    for year in years:
        try:
            found = Hijri(year, month, day).to_gregorian()
        except (ValueError, OverflowError):
            return None  # a day the month does not have, or outside Umm al-Qura's range
        if match["year"] or found <= published:
            return dt.date(found.year, found.month, found.day), "day"
    return None


@functools.lru_cache(maxsize=64)
def _parser(published: dt.date) -> Any:
    from dateparser.date import DateDataParser  # slow import: only when a date is asked for

    settings = {
        "RELATIVE_BASE": dt.datetime(published.year, published.month, published.day),
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "DATE_ORDER": "DMY",
    }
    return DateDataParser(languages=["ar"], settings=settings)


@functools.lru_cache(maxsize=4096)
def _dateparser(phrase: str, published: dt.date) -> tuple[dt.date, Granularity] | None:
    try:
        data = _parser(published).get_date_data(phrase)
    except (ValueError, TypeError, OverflowError, AttributeError, KeyError):
        return None
    if data.date_obj is None:
        return None
    day: dt.date = data.date_obj.date()
    period = str(data.period)
    if period == "month":
        return day.replace(day=1), "month"
    if period == "year":
        return day.replace(month=1, day=1), "year"
    if period == "week":
        return day - dt.timedelta(days=day.weekday()), "week"
    return day, "day"
