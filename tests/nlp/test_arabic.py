"""Arabic spelling normalisation (with offsets back to the original), numbers and dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orbat.nlp.arabic import (
    is_arabic_text,
    normalize_for_matching,
    normalize_with_offsets,
    parse_arabic_number,
    resolve_arabic_date,
)

pytestmark = pytest.mark.issue(16)


@pytest.mark.parametrize(
    ("written", "normal"),
    [
        ("أحمد", "احمد"),
        ("إطلاق", "اطلاق"),
        ("آمرلي", "امرلي"),
        ("ٱلله", "الله"),
        ("على", "علي"),
        ("قرية", "قريه"),
        ("الـحـشـد", "الحشد"),
        ("الحَشْدُ الشَّعْبِيُّ", "الحشد الشعبي"),
        ("هٰذا", "هذا"),
        ("٢٢ قتيلاً", "22 قتيلا"),
        ("۱۲۳ کیلومتر", "123 كيلومتر"),  # Persian digits and letters typed in Iraq
        ("١٬٣٠٠ و٢٫٥", "1,300 و2.5"),
        ("\u200fعاجل\u200c", "عاجل"),  # direction mark and zero-width joiner
        ("ﻻ", "لا"),  # lam-alef presentation form
        ("Ain al-Asad", "Ain al-Asad"),
    ],
)
def test_normalize_for_matching(written: str, normal: str) -> None:
    assert normalize_for_matching(written) == normal
    assert normalize_with_offsets(written).text == normal


def test_offsets_point_into_the_original() -> None:
    original = "استهدفَ مُجاهدونا قاعدةَ عين الأسد بـ٣ طائرات"
    normal = normalize_with_offsets(original)
    assert normal.text == "استهدف مجاهدونا قاعده عين الاسد ب3 طائرات"
    start = normal.text.index("عين الاسد")
    s, e = normal.span(start, start + len("عين الاسد"))
    assert original[s:e] == "عين الأسد"
    # A match ending on a letter takes in that letter's vowel mark.
    s, e = normal.span(0, len("استهدف"))
    assert original[s:e] == "استهدفَ"
    # Tatweel before a digit belongs to the letter before it; the digit maps to itself.
    digit = normal.text.index("3")
    assert original[slice(*normal.span(digit, digit + 1))] == "٣"
    assert normal.span(3, 3) == (3, 3)


_ALPHABET = st.sampled_from(
    list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي أإآٱىةـًٌٍَُِّْٰ٠١٢٣٤٥٦٧٨٩۰۱۲۳ab 1\u200f\u200c")
)


@given(text=st.lists(_ALPHABET, max_size=40).map("".join), data=st.data())
def test_every_normalised_span_maps_back(text: str, data: st.DataObject) -> None:
    normal = normalize_with_offsets(text)
    assert normal.text == normalize_for_matching(text)
    assert len(normal.origin) == len(normal.text) + 1
    start = data.draw(st.integers(0, len(normal.text)))
    end = data.draw(st.integers(start, len(normal.text)))
    s, e = normal.span(start, end)
    assert normalize_for_matching(text[s:e]) == normal.text[start:end]


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("واحد", 1),
        ("اثنان", 2),
        ("اثنين", 2),
        ("ثلاثة", 3),
        ("أربعة", 4),
        ("ثماني", 8),
        ("عشرة", 10),
        ("أحد عشر", 11),
        ("اثنا عشر", 12),
        ("خمسة عشر", 15),
        ("عشرون", 20),
        ("عشرين", 20),
        ("ثلاثة وعشرون", 23),
        ("خمسة و عشرين", 25),
        ("مئة", 100),
        ("مائة", 100),
        ("مئة وخمسون", 150),
        ("مئتان", 200),
        ("ثلاثمائة", 300),
        ("ثلاث مئة", 300),
        ("ألف", 1000),
        ("ألفان", 2000),
        ("ثلاثة آلاف", 3000),
        ("ألف ومئتان وخمسون", 1250),
        ("عشرة آلاف", 10000),
        ("٢٢", 22),
        ("۲۲", 22),
        ("١٬٣٠٠", 1300),
        ("1,300", 1300),
        ("٣ آلاف", 3000),
        ("ثلاثةٌ", 3),  # a case ending written out
    ],
)
def test_number_words(phrase: str, value: int) -> None:
    assert parse_arabic_number(phrase) == value


@pytest.mark.parametrize("phrase", ["", "عشرات", "عدة", "ثلاثة جنود", "قتلى"])
def test_not_a_number(phrase: str) -> None:
    assert parse_arabic_number(phrase) is None


# A post of Tuesday 12 March 2024.
POSTED = dt.date(2024, 3, 12)


@pytest.mark.parametrize(
    ("phrase", "day", "granularity"),
    [
        ("اليوم", dt.date(2024, 3, 12), "day"),
        ("فجر اليوم", dt.date(2024, 3, 12), "day"),
        ("أمس", dt.date(2024, 3, 11), "day"),
        ("مساء أمس", dt.date(2024, 3, 11), "day"),
        ("الليلة الماضية", dt.date(2024, 3, 11), "day"),
        ("أول أمس", dt.date(2024, 3, 10), "day"),
        ("الثلاثاء", dt.date(2024, 3, 12), "day"),
        ("يوم الأحد", dt.date(2024, 3, 10), "day"),
        ("الثلاثاء الماضي", dt.date(2024, 3, 5), "day"),
        ("١٠ آذار ٢٠٢٤", dt.date(2024, 3, 10), "day"),
        ("10 مارس 2024", dt.date(2024, 3, 10), "day"),
        ("٥ مارس/آذار ٢٠٢٤", dt.date(2024, 3, 5), "day"),
        ("في 7 تشرين الأول 2023", dt.date(2023, 10, 7), "day"),
        ("3 كانون الثاني", dt.date(2024, 1, 3), "day"),
        ("٢٠ تموز", dt.date(2023, 7, 20), "day"),  # no year: the latest past one
        ("١١/٣/٢٠٢٤", dt.date(2024, 3, 11), "day"),
        ("أيار 2023", dt.date(2023, 5, 1), "month"),
        # Hijri (Umm al-Qura): 1 Ramadan 1445 was 11 March 2024, 1 Muharram 1446 7 July 2024
        ("١ رمضان ١٤٤٥ هـ", dt.date(2024, 3, 11), "day"),
        ("1 محرم 1446", dt.date(2024, 7, 7), "day"),
        ("٩ ذو الحجة ١٤٤٤ للهجرة", dt.date(2023, 6, 27), "day"),
        ("10 شوال", dt.date(2023, 4, 30), "day"),  # no year: Shawwal 1445 is still to come
    ],
)
def test_date_words(phrase: str, day: dt.date, granularity: str) -> None:
    assert resolve_arabic_date(phrase, POSTED) == (day, granularity)


@pytest.mark.parametrize("phrase", ["", "في", "قاعدة عين الأسد", "31 رجب 1445"])
def test_not_a_date(phrase: str) -> None:
    assert resolve_arabic_date(phrase, POSTED) is None


def test_is_arabic_text() -> None:
    assert is_arabic_text("عاجل | انفجارات في محيط قاعدة عين الأسد")
    assert is_arabic_text("🔴 عاجل: قصف على القائم (Al-Qaim) فجر اليوم")
    assert not is_arabic_text("BREAKING: explosions near Ain al-Asad")
    assert not is_arabic_text("گزارش‌ها از حمله پهپادی به پایگاه خبر می‌دهند")  # Persian
    assert not is_arabic_text("")
