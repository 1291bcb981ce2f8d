"""Chrome removal: whole lines, repeats, source lists, trims and inline fragments."""

from __future__ import annotations

import re

import pytest

from orbat.clean.chrome import INLINE_CHROME, LINE_CHROME, clean_text, is_chrome_line, remove_chrome

BODY = "The militia said on Tuesday that it had attacked the convoy near the border crossing."


@pytest.mark.parametrize(
    "line",
    [
        "logo",
        "Orange background",
        "Try Our AI Features",
        "Explore what Daily8 AI can do for you:",
        "Comments",
        "No comments yet...",
        "No comments:",
        "Post a Comment",
        "Related Articles",
        "DOWNLOAD THE APP",
        "Get Started Now: Download the App",
        "app-storeplay-store",
        "Get a short url",
        "]]>",
        ".",
        "HIGHLIGHT",
        "Read more: Drone attack targets outskirts of Erbil province",
        "The full text of this article is available to subscribers.",
        "Please login or register to request subscription information from MEMRI",
        "An image containing text, indoorDescription automatically generated",
        "Automatically generated TextDescription",
        "* A terrorist group banned in Russia and many other countries.",
    ],
)
def test_chrome_lines(line: str) -> None:
    assert is_chrome_line(line)


@pytest.mark.parametrize(
    "line",
    [
        BODY,
        "Attempt to undermine US Ambassador",
        "[1] Telegram, May 7, 2022.",
        # long paragraphs are content even when they mention a chrome phrase
        "Officials told residents to download the app run by the ministry " + "and wait " * 20,
    ],
)
def test_content_lines(line: str) -> None:
    assert not is_chrome_line(line)


def test_every_rule_compiles_and_says_why() -> None:
    for pattern, why in LINE_CHROME:
        re.compile(pattern)
        assert len(why) > 10
    for needle, pattern, why in INLINE_CHROME:
        # the needle must be in every text the pattern matches, or the rule never runs
        assert needle in pattern.replace("\\s*", "").replace("\\b", "")
        assert len(why) > 10


def test_paywall_and_syndication_notices_name_the_outlet() -> None:
    cleaned = remove_chrome(
        [
            "The following report is now a complementary offering to MEMRI’s Jihad and "
            "Terrorism Threat Monitor (JTTM). For JTTM subscription information, Click here.",
            BODY,
        ]
    )
    assert cleaned.paragraphs == [BODY]
    assert cleaned.outlets == ["MEMRI"]


def test_repeats_of_header_and_body_lines_are_dropped() -> None:
    caption = "Members of the Nujaba Movement during a military parade in Baghdad (X)"
    cleaned = remove_chrome([caption, caption, BODY, "HIGHLIGHT", BODY], header=[caption])
    assert cleaned.paragraphs == [BODY]


def test_source_list_is_cut_out() -> None:
    cleaned = remove_chrome(
        [BODY, "SOURCES", "Al Aalem, “How will Iraq participate?” 12/2/24", "No comments:"]
    )
    assert cleaned.paragraphs == [BODY]
    assert cleaned.sources == ["Al Aalem, “How will Iraq participate?” 12/2/24"]


def test_a_sources_subheading_with_paragraphs_after_it_stays() -> None:
    long_paragraph = BODY + " " + BODY * 8
    cleaned = remove_chrome([BODY, "Sources", long_paragraph])
    assert cleaned.sources == []
    assert cleaned.paragraphs == [BODY, "Sources", long_paragraph]


def test_head_and_tail_trims() -> None:
    cleaned = remove_chrome(
        [
            "Middle East",
            BODY,
            "Iran’s Supreme Leader Criticizes US Over Ukraine Crisis",
            BODY + " 2",
            "The “Axis of Resistance” is hypocritical, not “anti-imperialist”",
        ]
    )
    assert cleaned.paragraphs == [
        BODY,
        "Iran’s Supreme Leader Criticizes US Over Ukraine Crisis",
        BODY + " 2",
    ]


def test_summary_bullets_and_footnotes_stay() -> None:
    lines = ["  • Iraqi forces hit by the airstrike had not made contact", BODY, "[1] Telegram."]
    assert remove_chrome(lines).paragraphs == [
        "• Iraqi forces hit by the airstrike had not made contact",
        BODY,
        "[1] Telegram.",
    ]


def test_inline_chrome() -> None:
    text = (
        "This is the way you behave. New MEE newsletter: Jerusalem Dispatch Sign up to get the "
        "latest insights and analysis on Israel-Palestine, alongside Turkey Unpacked and other "
        "MEE newsletters Who now will trust the word of America? We asked a panel Read More » "
        "Iran had regular forces."
    )
    assert clean_text(text) == (
        "This is the way you behave. Who now will trust the word of America? "
        "We asked a panel Iran had regular forces."
    )
