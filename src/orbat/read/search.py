"""Full-text search with its cost bounded whatever the query or the article (web and CLI).

A query typed into the search box is untrusted input, and so is a stored article. Two costs
grew with the square of their size (issue 17): FTS5 matches a query's phrases against each
other once per hit, so 250 × "the" took a minute; and FTS5's ``snippet()`` scores every hit
of an article against every other, so one common word in a 49 MB article took minutes, in C,
where no signal or timeout can stop it. Here:

1. the query's terms are deduplicated (as FTS5 would tokenize them: case, accents and
   punctuation aside) and capped at :data:`MAX_TERMS`;
2. the database only ranks the matches (``bm25``, linear in the hits) and hands back the
   first :data:`SCAN_CHARS` characters of each article;
3. the snippet is cut here, in one pass over those characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, text

from orbat.store import DocumentStore, fts5_query

__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_TERMS",
    "SCAN_CHARS",
    "SNIPPET_WORDS",
    "Term",
    "document_hits",
    "fold",
    "match_expression",
    "query_terms",
    "snippet",
]

#: Longest query the search box, the API and the document listing accept.
MAX_QUERY_CHARS = 1_000
#: Distinct words or "phrases" of a query that count; the rest are ignored.
MAX_TERMS = 32
#: Characters of an article read to cut its snippet (the match may lie further on).
SCAN_CHARS = 200_000
#: Words in a snippet (FTS5's ``snippet()`` was asked for 12).
SNIPPET_WORDS = 12
#: Words shown before the first match in a snippet.
_LEAD = 3

# As the store splits a query: a "quoted phrase" or a run of non-space characters.
_TERM = re.compile(r'"[^"]*"|\S+')
# A word as FTS5's unicode61 tokenizer sees it: letters and digits (the underscore separates).
_WORD = re.compile(r"[^\W_]+")

_SQLITE_HITS = text(
    "SELECT d.id, d.title, d.published, d.source, substr(d.text, 1, :scan) AS head "
    "FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid "
    "WHERE documents_fts MATCH :q ORDER BY bm25(documents_fts) LIMIT :n"
)


@dataclass(frozen=True, slots=True)
class Term:
    """One word or phrase of a query: as typed (for the database) and as folded words."""

    text: str
    words: tuple[str, ...]


def fold(word: str) -> str:
    """``word`` as the FTS5 index holds it: casefolded, accents removed."""
    word = word.casefold()
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def query_terms(query: str) -> list[Term]:
    """The distinct terms of ``query``, at most :data:`MAX_TERMS`, in the order typed.

    Terms that fold to the same words ("the", "The", "the,") are one term; terms without a
    word ("---") match nothing in FTS5 and are dropped, which leaves the result unchanged.
    """
    terms: list[Term] = []
    seen: set[tuple[str, ...]] = set()
    for token in _TERM.findall(query):
        typed = token.strip('"').replace('"', "")
        words = tuple(fold(w) for w in _WORD.findall(typed))
        if not words or words in seen:
            continue
        seen.add(words)
        terms.append(Term(typed, words))
        if len(terms) == MAX_TERMS:
            break
    return terms


def match_expression(terms: Sequence[Term]) -> str:
    """The terms as a query the store's full-text search takes (each one quoted, ANDed)."""
    return " ".join(f'"{t.text}"' for t in terms)


def document_hits(engine: Engine, terms: Sequence[Term], *, limit: int) -> list[dict[str, Any]]:
    """The best-ranked articles matching every term, each with a snippet."""
    if not terms:
        return []
    expression = match_expression(terms)
    if engine.dialect.name != "sqlite":
        # PostgreSQL ranks with ts_rank and cuts with ts_headline (the store's query).
        return [
            _hit(r, getattr(r, "snippet", None))
            for r in DocumentStore(engine).snippets(expression, limit=limit)
        ]
    with engine.connect() as conn:
        rows = conn.execute(
            _SQLITE_HITS, {"q": fts5_query(expression), "n": limit, "scan": SCAN_CHARS}
        ).all()
    return [_hit(r, snippet(r.head or "", terms)) for r in rows]


def _hit(row: Any, cut: str | None) -> dict[str, Any]:
    published = row.published
    return {
        "id": row.id,
        "title": row.title,
        "published": published.isoformat() if hasattr(published, "isoformat") else published,
        "source": row.source,
        "snippet": cut,
    }


def snippet(article: str, terms: Sequence[Term]) -> str:
    """About :data:`SNIPPET_WORDS` words of ``article`` around its densest match, [marked].

    One pass over the first :data:`SCAN_CHARS` characters: a window of words slides along,
    counting the distinct query words in it; the first window holding the most wins, and
    the scan stops once a window holds them all. With no match there (it lies further on,
    or only the title matched) the snippet is the article's first words.
    """
    wanted = {w for t in terms for w in t.words}
    head = article[:SCAN_CHARS]
    # 1. Slide the window; ``before`` keeps the words just left of it, for context.
    window: deque[tuple[int, str | None]] = deque()
    before: deque[tuple[int, str | None]] = deque(maxlen=_LEAD)
    counts: Counter[str] = Counter()
    best, start = 0, 0
    for match in _WORD.finditer(head):
        word = fold(match.group())
        hit = word if word in wanted else None
        window.append((match.start(), hit))
        if hit:
            counts[hit] += 1
        if len(window) > SNIPPET_WORDS:
            left = window.popleft()
            before.append(left)
            if left[1]:
                counts[left[1]] -= 1
                if not counts[left[1]]:
                    del counts[left[1]]
        if hit and len(counts) > best:
            best = len(counts)
            # 2. Start a few words before the window's first match.
            words = [*before, *window]
            first = next(i for i, (_, h) in enumerate(words) if h)
            start = words[max(0, first - _LEAD)][0]
            if best == len(wanted):
                break
    # 3. Cut SNIPPET_WORDS words from there, marking the query's words.
    parts: list[str] = []
    pos = end = start
    marked = False
    for n, match in enumerate(_WORD.finditer(head, start)):
        if n == SNIPPET_WORDS:
            break
        gap, word = head[pos : match.start()], match.group()
        if fold(word) not in wanted:
            parts += [gap, word]
            marked = False
        elif marked and len(gap) <= 2:
            # "[Jurf al-Sakhar]", not "[Jurf] [al]-[Sakhar]".
            parts[-1] = parts[-1][:-1] + gap + word + "]"
        else:
            parts += [gap, f"[{word}]"]
            marked = True
        pos = end = match.end()
    else:
        # The article (or the window) ended first: keep its closing punctuation.
        parts.append(head[pos:])
        end = len(head)
    cut = " ".join("".join(parts).split())
    return ("… " if start else "") + cut + (" …" if end < len(article) else "")
