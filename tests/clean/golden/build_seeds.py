"""Rebuild seeds.json from hand-picked raw line numbers and hand-typed metadata.

Run from the repository root: ``python tests/clean/golden/build_seeds.py``. Nothing here
calls ``segment``: titles, dates, outlets and URLs were typed from reading the seed files,
and the first/last 60 characters come from the raw lines a reader picks as each body's
first and last paragraph.
"""

from __future__ import annotations

import json
import pathlib

SEEDS = pathlib.Path("src/orbat/examples/seeds")


def raw_lines(name):
    return (SEEDS / name).read_text().splitlines()


F0, F1, F2, F3, F4 = (p.name for p in sorted(SEEDS.glob("*.txt")))
IWN = "https://iraqwarnews.net/"
MEMRI_CHROME = [
    "The following report is now",
    "For JTTM subscription information",
    "Please login or register",
    "The full text of this article is available to subscribers",
    "]]>",
]
rows = [
    # file, index, title, published, published_raw, source, url,
    # first body line, last body line(s), chrome that must be gone, extra keys
    (
        F0,
        1,
        "Militia targets Syrians in Iraq accused of supporting HTS crackdown",
        "2025-03-12",
        "12-03-2025",
        "The National",
        None,
        8,
        8,
        [
            "logo",
            "The National12-03-2025",
            "Orange background",
            "Try Our AI Features",
            "Explore what Daily8 AI can do for you",
            "No comments yet",
            "Related Articles",
            "By allowing Israel to bomb Iran",
        ],
        {},
    ),
    (
        F0,
        2,
        "By allowing Israel to bomb Iran, Trump is pushing Tehran to go nuclear",
        None,
        "5 hours ago",
        "Middle East Eye",
        None,
        33,
        33,
        [
            "time5 hours ago",
            "• Middle East Eye",
            "Read More »",
            "Sign up to get the latest insights",
            "US judge rejects release",
        ],
        {},
    ),
    (
        F0,
        3,
        "US judge rejects release of pro-Palestinian activist Khalil",
        None,
        "a day ago",
        "Gulf Today",
        None,
        46,
        46,
        ["timea day ago", "• Gulf Today", "Iraq and Syria strengthen ties"],
        {"original_source": "Reuters"},
    ),
    (
        F0,
        4,
        "Iraq and Syria strengthen ties with reopening of key border crossing",
        None,
        "a day ago",
        "The National",
        None,
        59,
        59,
        [
            "timea day ago",
            "DOWNLOAD THE APP",
            "Download the App",
            "Ready to dive into the world",
            "app-storeplay-store",
        ],
        {},
    ),
    (
        F1,
        1,
        "Iraqi militias launch smear campaign against US and UK",
        "2022-06-02",
        "Thu, 02 Jun 2022 07:00:00 +0000",
        "Iraq War News",
        IWN + "iraqi-militias-launch-smear-campaign-against-us-and-uk/",
        3,
        27,
        [*MEMRI_CHROME, "https://", "[…]", "Iraqi militias – Iraq War News", "wordpress.org"],
        {"original_source": "MEMRI"},
    ),
    (
        F1,
        2,
        "Pro-Iraqi militia outlet offers free weapons to Palestinians",
        "2022-05-08",
        "Sun, 08 May 2022 07:00:00 +0000",
        "Iraq War News",
        IWN + "pro-iraqi-militia-outlet-offers-free-weapons-to-palestinians/",
        40,
        57,
        [*MEMRI_CHROME, "https://", "[…]"],
        {"original_source": "MEMRI"},
    ),
    (
        F1,
        3,
        "Iraqi militias smuggle weapons to Russia via Iran – Middle East Monitor",
        "2022-04-13",
        "Wed, 13 Apr 2022 16:43:00 +0000",
        "Iraq War News",
        IWN + "iraqi-militias-smuggle-weapons-to-russia-via-iran-middle-east-monitor/",
        68,
        86,
        ["]]>", "https://", "[…]", "is hypocritical, not “anti-imperialist”"],
        {"original_source": "Middle East Monitor"},
    ),
    (
        F1,
        4,
        "Sadr calls for majority government and “liquidation” of Iraqi militias",
        "2021-11-18",
        "Thu, 18 Nov 2021 21:47:55 +0000",
        "Iraq War News",
        IWN + "sadr-calls-for-majority-government-and-liquidation-of-iraqi-militias/",
        94,
        134,
        ["]]>", "https://", "[…]"],
        {},
    ),
    (
        F1,
        5,
        "Iraqi militias: US behind assassination attempt on prime minister",
        "2021-11-08",
        "Mon, 08 Nov 2021 08:00:00 +0000",
        "Iraq War News",
        IWN + "iraqi-militias-us-behind-assassination-attempt-on-prime-minister/",
        143,
        [185, 190],
        [
            *MEMRI_CHROME,
            "Description automatically generated",
            "Automatically generated TextDescription",
            "An image containing text",
            "https://",
        ],
        {"original_source": "MEMRI"},
    ),
    (
        F1,
        6,
        "Iraqi militias continue to threaten US forces in Iraq",
        "2021-11-03",
        "Wed, 03 Nov 2021 15:30:01 +0000",
        "Iraq War News",
        IWN + "iraqi-militias-continue-to-threaten-us-forces-in-iraq/",
        199,
        [208, 210],
        [*MEMRI_CHROME, "https://"],
        {"original_source": "MEMRI"},
    ),
    (
        F1,
        7,
        "Iraqi militias claim to attack eight US logistics convoys in 24 hours",
        "2021-08-26",
        "Thu, 26 Aug 2021 15:57:00 +0000",
        "Iraq War News",
        IWN + "iraqi-militias-claim-to-attack-eight-us-logistics-convoys-in-24-hours/",
        221,
        243,
        ["Get a short url", "18:57 GMT", "A terrorist group banned in Russia", "]]>", "https://"],
        {"original_source": "Sputnik"},
    ),
    (
        F1,
        8,
        "IS kills 3 Iraqi militias",
        "2021-08-22",
        "Sun, 22 Aug 2021 07:00:00 +0000",
        "Iraq War News",
        IWN + "is-kills-3-iraqi-militias/",
        254,
        270,
        ["]]>", "https://", "[…]"],
        {},
    ),
    (
        F1,
        9,
        "Soleimani’s assassination was supposed to weaken the Iraqi militias. "
        "Instead, they flex their muscles.",
        "2021-08-04",
        "Wed, 04 Aug 2021 07:00:00 +0000",
        "Iraq War News",
        IWN + "soleimanis-assassination-was-supposed-to-weaken-the-iraqi-militias-"
        "instead-they-flex-their-muscles/",
        277,
        [325, 327],
        ["]]>", "https://", "[…]"],
        {"original_source": "POLITICO"},
    ),
    (
        F1,
        10,
        "Iran calls on Iraqi militias to attack US, as Pentagon asserts right to self-defense",
        "2021-07-14",
        "Wed, 14 Jul 2021 07:00:00 +0000",
        "Iraq War News",
        IWN
        + "iran-calls-on-iraqi-militias-to-attack-us-as-pentagon-asserts-right-to-self-defense/",
        334,
        382,
        ["]]>", "https://", "[…]", "Read more:"],
        {"original_source": "Kurdistan 24"},
    ),
    (
        F2,
        1,
        "Iran-backed Iraqi militias say won’t be silent over alleged US strike",
        "2018-06-26",
        "26 June 2018",
        None,
        None,
        8,
        25,
        ["Updated 26 June 2018", "(REUTERS)", "Ankara meddling"],
        {},
    ),
    (
        F2,
        2,
        "Ankara meddling in South Caucasian conflict sparks wide criticism",
        "2020-09-28",
        "28 September 2020",
        None,
        None,
        35,
        63,
        ["Updated 28 September 2020", "(AFP)", "HIGHLIGHT", "Daesh"],
        {"original_source": "Arab News"},
    ),
    (
        F3,
        1,
        None,
        None,
        None,
        None,
        None,
        1,
        5,
        ["SOURCES", "No comments:", "Post a Comment", "12/2/24", "Al Aalem"],
        {"sources_list": list(raw_lines(F3)[6:13])},
    ),
    (
        F4,
        1,
        "Rare Moment of Doubt Between Iran, Iraqi Allies",
        None,
        None,
        None,
        None,
        12,
        54,
        ["TT", "Members of the “Nujaba Movement”", "Former Regime Elements"],
        {},
    ),
    (
        F4,
        2,
        "Former Regime Elements, Drug Traffickers Targeted in Western Homs and Damascus Campaigns",
        None,
        None,
        None,
        None,
        69,
        87,
        ["TT", "The Anti-Narcotics Department seizes", "Rare Moment of Doubt"],
        {"original_source": "Asharq Al-Awsat"},
    ),
]
out = []
for f, idx, title, pub, pub_raw, source, url, l1, l2, chrome, extra in rows:
    lines = raw_lines(f)
    # The cleaned text joins paragraphs with a blank line; where the last paragraph is
    # shorter than 60 characters, the tail spans the paragraphs listed by hand.
    tail = l2 if isinstance(l2, list) else [l2]
    first = lines[l1 - 1].strip()
    last = "\n\n".join(lines[n - 1].strip() for n in tail)
    rec = {
        "file": f,
        "index": idx,
        "title": title,
        "published": pub,
        "published_raw": pub_raw,
        "source": source,
        "url": url,
        "first60": first[:60],
        "last60": last[-60:],
        "chrome_absent": chrome,
    }
    rec.update(extra)
    out.append(rec)
pathlib.Path("tests/clean/golden/seeds.json").write_text(
    json.dumps(out, ensure_ascii=False, indent=1) + "\n"
)
