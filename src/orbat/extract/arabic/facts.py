"""Dates and death tolls in an Arabic sentence, read from its normalised tokens.

Dates resolve against the post's date through :func:`orbat.nlp.arabic.resolve_arabic_date`
(relative words, weekdays, Syriac/Hijri/Gregorian month names, via dateparser); death tolls
read numbers in digits (any script) or words through :func:`orbat.nlp.arabic.parse_arabic_number`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from orbat.extract.arabic.lexicon import ArabicLexicon
from orbat.extract.arabic.text import ReadText, Sentence, Token
from orbat.nlp.arabic import parse_arabic_number, resolve_arabic_date

__all__ = ["sentence_date", "sentence_toll"]

# "٢١-١-٢٠٢٤", "21/1/2024" (after normalisation digits are ASCII): day, month, year.
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})(?!\d)")
_YESTERDAY = frozenset({"امس", "البارحه"})
_TODAY = frozenset({"اليوم", "الليله"})
_WEEKDAYS = frozenset({"الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "الاحد"})
_LAST = frozenset({"الماضي", "المنصرم", "الفائت"})
_NUMBER_WINDOW = 3


def sentence_date(text: ReadText, sentence: Sentence, published: dt.date) -> dt.date | None:
    """The day a sentence dates its event to, or ``None`` when it names no day.

    1. A numeric date ("٢١-١-٢٠٢٤") is taken as day-month-year.
    2. Else a day and month name ("٢٦ تشرين الأول ٢٠٢٣", "12 مارس", Hijri "١٥ رجب ١٤٤٥ هـ").
    3. Else the first day word: "أمس" / "أول أمس" (the day before / two days before, also
       when a weekday follows: "أمس الاثنين"), a weekday ("الثلاثاء [الماضي]"), "اليوم".
    """
    body = text.norm.text[sentence.start : sentence.end]
    # 1.
    if m := _NUMERIC_DATE.search(body):
        try:
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        except ValueError:
            pass
    tokens = text.tokens[sentence.first : sentence.last]
    # 2.
    for k, token in enumerate(tokens):
        if token.text.isdigit() and len(token.text) <= 2 and k + 1 < len(tokens):
            for width in (4, 3, 2):  # "26 تشرين الأول 2023", "15 رجب 1445 هـ", "12 مارس"
                phrase = " ".join(t.text for t in tokens[k : k + width])
                found = resolve_arabic_date(phrase, published)
                if found is not None and found[1] == "day" and found[0] <= published:
                    return found[0]
    # 3.
    for k, token in enumerate(tokens):
        word = token.text.removeprefix("و")
        if word in _YESTERDAY:
            before = tokens[k - 1].text if k else ""
            return published - dt.timedelta(days=2 if before == "اول" else 1)
        if word in _WEEKDAYS:
            last = k + 1 < len(tokens) and tokens[k + 1].text in _LAST
            found = resolve_arabic_date(word + (" الماضي" if last else ""), published)
            if found is not None:
                return found[0]
        if word in _TODAY:
            following = tokens[k + 1].text if k + 1 < len(tokens) else ""
            if following not in _WEEKDAYS:
                return published
    return None


def _number_at(tokens: Sequence[Token], k: int) -> tuple[int, int] | None:
    """The number written from token ``k`` on, and how many tokens it takes."""
    for width in range(_NUMBER_WINDOW, 0, -1):
        if k + width > len(tokens):
            continue
        value = parse_arabic_number(" ".join(t.text for t in tokens[k : k + width]))
        if value is not None:
            return value, width
    return None


def sentence_toll(text: ReadText, sentence: Sentence, lexicon: ArabicLexicon) -> int | None:
    """The lowest death toll a sentence gives, or ``None`` when it gives none.

    A number after a killed word ("مقتل ثلاثة", "قتل ١٢ متظاهراً"), skipping filler
    ("قتل فيه ثلاثة"); a dual ("مقتل جنديين") or a singular victim ("مقتل مواطن") after one;
    a number before a killed-after word ("٣ قتلى"); a dead noun in the dual ("شهيدين").
    Wounded figures (جرحى, إصابة) are never read: they follow no killed word.
    """
    tokens = text.tokens
    figures: list[int] = []
    stop = sentence.last
    for i, phrase in lexicon.tolls.find(tokens, sentence.first, stop):
        kind = phrase.value
        if kind == "killed_dual":
            figures.append(2)
        elif kind == "after" and i > sentence.first:
            number = _number_before(tokens, i, sentence.first)
            if number is not None:
                figures.append(number)
        elif kind == "before":
            figure = _figure_after(tokens, i + len(phrase), stop, lexicon)
            if figure is not None:
                figures.append(figure)
    return min(figures) if figures else None


def _number_before(tokens: Sequence[Token], i: int, first: int) -> int | None:
    for width in range(1, _NUMBER_WINDOW + 1):
        if i - width < first:
            break
        value = parse_arabic_number(" ".join(t.text for t in tokens[i - width : i]))
        if value is not None:
            return value
    return None


def _figure_after(tokens: Sequence[Token], k: int, stop: int, lexicon: ArabicLexicon) -> int | None:
    """The figure written after a killed word at token ``k``, filler words skipped."""
    while k < stop and _is_filler(tokens, k, lexicon):
        k += 1
    if k >= stop:
        return None
    if number := _number_at(tokens[:stop], k):
        return number[0]
    matched = lexicon.tolls.match_at(tokens, k, stop)
    if matched is not None and matched.value in ("dual", "killed_dual"):
        return 2
    if matched is not None and matched.value == "singular":
        return 1
    return None


def _is_filler(tokens: Sequence[Token], k: int, lexicon: ArabicLexicon) -> bool:
    word = lexicon.tolls.match_at(tokens, k, k + 1)
    return word is not None and word.value == "skip"
