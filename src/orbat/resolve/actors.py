"""Actor resolution: names and running text → a pack's canonical actors, spelling-insensitively."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache
from typing import Any

import ahocorasick
from rapidfuzz import fuzz, process

from orbat.packs import Actor, Alias, Pack, load_pack
from orbat.resolve.actor_matches import ActorMatch, ActorMention, Method
from orbat.resolve.actor_names import (
    ARTICLES,
    actor_key,
    fold,
    is_acronym,
    literal_form,
    loose_form,
    name_tokens,
    plain_form,
    starts_upper,
    text_keys,
    with_article,
    word_pattern,
)

__all__ = [
    "COMPONENT",
    "ActorMatch",
    "ActorMention",
    "ActorResolver",
    "Method",
    "actor_key",
    "default_resolver",
    "resolve_name",
]

#: Versioned name stored with every mention and match this resolver produces.
COMPONENT = "orbat.resolve.actors.v1"


# Scores by method: an exact alias is certain; a key match differs only in transliteration;
# a descriptor is a rule ("Iran-backed militias" → Militia (Pro-Iran)), right but coarse; a weak
# alias (acronym) is only as good as the support the text gives it.
_SCORES = {"exact": 1.0, "key": 0.95, "descriptor": 0.85, "acronym_supported": 0.9}
_UNSUPPORTED_WEAK = 0.6
#: Combined fuzzy similarity (0-1) below which a fuzzy candidate is dropped.
FUZZY_THRESHOLD = 0.82
#: Characters either side of a mention searched for cue words and country words.
_WINDOW = 300

_TRAILING_GENERIC = frozenset({"group", "militia", "militias", "fighters", "members", "forces"})
_PARENS = re.compile(r"\s*\(([^)]*)\)\s*")
_BREAKS = re.compile(r"[,;:()\[\]]")  # a name found across these was never written


_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)$")


@dataclass(frozen=True, slots=True)
class _Entry:
    """One name the resolver knows: an alias of some actors, or a descriptor phrase.

    ``literal`` names (descriptors, ACLED's own names) are English, not transliterations:
    they match only as written (case and accents aside), never by skeleton key, so
    "Reuters" is not "rioters" and "former" is not "farmers".
    """

    name: str
    actors: tuple[str, ...]
    weak: bool
    cues: tuple[str, ...]
    descriptor: bool
    acronym: bool
    proper: bool
    literal: bool


def _close(surface: str, entry: _Entry) -> bool:
    """Whether a key match is a spelling of the alias, not another word with its skeleton."""
    if entry.literal:
        return literal_form(surface) == literal_form(entry.name)
    # A weak alias is ambiguous already: only a near spelling counts ("rebel" for "rebels",
    # not "Kamal" of Albu Kamal for "Komala", a Kurdish party).
    floor = _WEAK_SPELLING if entry.weak else _SPELLING
    return fuzz.ratio(loose_form(surface), loose_form(entry.name)) >= floor


_SPELLING, _WEAK_SPELLING = 70, 85


class ActorResolver:
    """Resolve names to a pack's actors, and find actor names in running text.

    Steps for a name (:meth:`resolve`): exact alias → transliteration key (:func:`actor_key`)
    → descriptor rule → fuzzy score with generic words (``generic_words`` of the pack)
    down-weighted. Text scanning (:meth:`find_mentions`) runs one Aho-Corasick pass over the
    word keys of the text, so spelling variants are found with exact offsets.
    """

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self._actors = {actor.id: actor for actor in pack.actors}
        self._order = {actor.id: i for i, actor in enumerate(pack.actors)}
        self._generic = frozenset(fold(w) for w in pack.generic_words)
        entries: list[_Entry] = []
        for actor in pack.actors:
            entries.extend(self._alias_entry(actor, alias) for alias in actor.aliases)
            # ACLED's names of state forces carry their period ("Military Forces of Turkey
            # (2016-)"); people, and ACLED's own dashboards, often leave it off.
            for alias in actor.aliases:
                bare = _PERIOD.sub("", alias.name)
                if alias.lang == "acled" and bare != alias.name:
                    entries.append(self._alias_entry(actor, replace(alias, name=bare)))
        for descriptor in pack.descriptors:
            for phrase in descriptor.phrases:
                entries.append(
                    _Entry(phrase, descriptor.actors, False, (), True, False, False, True)
                )
        self._exact: dict[str, list[_Entry]] = {}
        self._keys: dict[str, list[_Entry]] = {}
        self._acronyms: dict[str, list[_Entry]] = {}
        for entry in entries:
            if entry.acronym:
                self._acronyms.setdefault(entry.name, []).append(entry)
                continue
            self._exact.setdefault(plain_form(entry.name), []).append(entry)
            key = actor_key(entry.name)
            if key:
                self._keys.setdefault(key, []).append(entry)
        self._automaton = self._build_automaton()
        # Keys of the names that identify an actor on their own, for weak-alias support.
        self._strong = {
            actor.id: frozenset(
                actor_key(a.name)
                for a in actor.aliases
                if not a.weak and not is_acronym(a.name) and len(actor_key(a.name)) > 3
            )
            for actor in pack.actors
        }
        self._acronym_re = (
            re.compile(
                r"(?<![\w.])("
                + "|".join(sorted(map(re.escape, self._acronyms), key=len, reverse=True))
                + r")(?![\w])"
            )
            if self._acronyms
            else None
        )
        fuzzy = [(e, self._distinctive(e.name)) for es in self._keys.values() for e in es]
        # (A literal name matches only as written: no near spelling either.)
        self._fuzzy = [(e, d) for e, d in fuzzy if not e.descriptor and not e.literal and d]
        self._fuzzy_choices = [d for _, d in self._fuzzy]

    @staticmethod
    def _alias_entry(actor: Actor, alias: Alias) -> _Entry:
        acronym = is_acronym(alias.name) and alias.lang != "acled"
        words = [w for w in re.split(r"[\s\-‑–]+", alias.name) if w.casefold() not in ARTICLES]
        first = words[0][:1] if words else ""
        proper = alias.script == "Latn" and first.isupper() and alias.lang != "acled"
        literal = alias.lang == "acled" or alias.literal
        return _Entry(
            alias.name, (actor.id,), alias.weak, alias.cues, False, acronym, proper, literal
        )

    def _build_automaton(self) -> Any:
        auto = ahocorasick.Automaton()
        for key, entries in self._keys.items():
            auto.add_word("\x1f" + key.replace(" ", "\x1f") + "\x1f", (key, entries))
        if len(auto) == 0:
            return None
        auto.make_automaton()
        return auto

    def _distinctive(self, name: str) -> str:
        words = [t for t in name_tokens(name) if not t.article]
        kept = [plain_form(t.raw).replace("'", "") for t in words if t.key not in self._generic]
        return " ".join(re.sub(r"(.)\1+", r"\1", w) for w in kept)

    # ------------------------------------------------------------------ ranking helpers
    def _country_of(self, context: str | None) -> str | None:
        """The country whose cue words the context names most often, if any (on a tie, the
        one the pack lists first)."""
        if not context:
            return None
        pattern, countries_of = self._country_words
        hits = dict.fromkeys(self.pack.countries, 0)
        for match in pattern.finditer(plain_form(context)):
            for country in countries_of[match.group()]:
                hits[country] += 1
        best = max(hits, key=hits.__getitem__, default=None)
        return best if best is not None and hits[best] else None

    @cached_property
    def _country_words(self) -> tuple[re.Pattern[str], dict[str, list[str]]]:
        """One pattern for every country's cue words (longest first, whole words), and the
        countries each word stands for: one pass over a context, not one per word."""
        countries_of: dict[str, list[str]] = {}
        for country, words in self.pack.countries.items():
            for word in words:
                countries_of.setdefault(plain_form(word), []).append(country)
        alternatives = sorted(countries_of, key=len, reverse=True)
        pattern = rf"\b(?:{'|'.join(map(re.escape, alternatives))})\b" if alternatives else "(?!)"
        return re.compile(pattern), countries_of

    def _rank(self, actor_ids: Iterable[str], context: str | None, when: str | None) -> list[str]:
        """Candidate actors ordered by context country, activity on ``when``, then pack order."""
        return self._rank_in(actor_ids, self._country_of(context), when)

    def _rank_in(
        self, actor_ids: Iterable[str], country: str | None, when: str | None
    ) -> list[str]:
        ids = list(dict.fromkeys(actor_ids))

        def order(actor_id: str) -> tuple[int, int, int]:
            actor = self._actors[actor_id]
            off_country = int(country is not None and actor.country not in (None, country))
            inactive = int(when is not None and not actor.active_on(when))
            return (inactive, off_country, self._order[actor_id])

        return sorted(ids, key=order)

    def _supported(self, entry: _Entry, text: str, start: int, end: int, keys: str) -> bool:
        """A weak alias counts when a cue word is near it or the text names the actor in full.

        ``keys`` is ``" " + actor_key(text) + " "``, computed once per text.
        """
        window = plain_form(text[max(0, start - _WINDOW) : end + _WINDOW])
        if any(word_pattern(cue).search(window) for cue in entry.cues):
            return True
        return any(f" {key} " in keys for a in entry.actors for key in self._strong[a])

    def _match(self, actor_id: str, score: float, method: Method, alias: str) -> ActorMatch:
        actor = self._actors[actor_id]
        return ActorMatch(actor_id, actor.name, actor.acled_name, round(score, 4), method, alias)

    # ------------------------------------------------------------------ names
    def resolve(
        self, mention: str, context: str | None = None, *, when: str | None = None
    ) -> list[ActorMatch]:
        """Candidate actors for ``mention``, best first (empty when nothing fits).

        1. If ``context`` holds the mention, a longer name around it wins ("Hezbollah" after
           "Kataib" in the context is Kata'ib Hezbollah; alone it is Lebanese Hezbollah).
        2. Exact alias (case-insensitive; acronyms case-sensitive) → ``exact``/``acronym``.
        3. Same :func:`actor_key` → ``key``; a descriptor phrase → ``descriptor``.
        4. Fuzzy similarity of the distinctive words → ``fuzzy``.
        Per-country and per-period actors sharing a name are ordered by the country the
        context points to and by ``when`` (ISO date).
        """
        mention = " ".join(mention.split()).strip("\"'“”‘’.,;:")
        if not mention:
            return []
        found = self._resolve_name(mention, context, when)
        position = {
            a: i for i, a in enumerate(self._rank((m.actor_id for m in found), context, when))
        }
        ranked = sorted(found, key=lambda m: (-m.score, position[m.actor_id]))
        # 1.
        expanded = self._expand(mention, context) if context else []
        return self._dedupe(expanded + ranked)

    def _expand(self, mention: str, context: str) -> list[ActorMatch]:
        """The longer name the mention is part of, when every occurrence of it in the context
        sits inside one ("Hezbollah" cut out of "Kataib Hezbollah")."""
        occurrences = [
            m.start()
            for m in re.finditer(
                rf"(?<!\w){re.escape(plain_form(mention))}(?!\w)", plain_form(context)
            )
        ]
        if not occurrences or len(plain_form(context)) != len(context):
            return []
        hits = [h for h in self.find_mentions(context) if len(h.surface) > len(mention)]
        covering = []
        for at in occurrences:
            inside = [h for h in hits if h.start <= at and at + len(mention) <= h.end]
            if not inside:
                return []
            covering.append(inside[0])
        hit = covering[0]
        return [self._match(hit.actor_id, hit.score, hit.method, hit.surface)]

    def _variants(self, mention: str) -> list[str]:
        """The mention and cleaner forms: no "(IS)" parenthetical, no leading "the", no
        trailing "group"/"militia" ("Islamic State (IS) group" → "Islamic State")."""
        out = [mention]
        bare = _PARENS.sub(" ", mention).strip()
        words = bare.split()
        if words and words[0].casefold() == "the":
            words = words[1:]
        out.append(" ".join(words))
        while len(words) > 1 and words[-1].casefold() in _TRAILING_GENERIC:
            words = words[:-1]
            out.append(" ".join(words))
        return list(dict.fromkeys(v for v in out if v))

    def _resolve_name(
        self, mention: str, context: str | None, when: str | None
    ) -> list[ActorMatch]:
        text = context or mention
        keys = f" {actor_key(text)} "
        found: list[ActorMatch] = []
        for variant in self._variants(mention):
            # 2.
            for entry in self._acronyms.get(variant, ()):
                ok = not entry.weak or self._supported(entry, text, 0, len(text), keys)
                score = _SCORES["acronym_supported"] if ok else _UNSUPPORTED_WEAK
                score = 1.0 if not entry.weak else score
                for actor_id in self._rank(entry.actors, context, when):
                    found.append(self._match(actor_id, score, "acronym", entry.name))
            for entry in self._exact.get(plain_form(variant), ()):
                method: Method = "descriptor" if entry.descriptor else "exact"
                for actor_id in self._rank(entry.actors, context, when):
                    found.append(self._match(actor_id, _SCORES[method], method, entry.name))
            # 3.
            for entry in self._keys.get(actor_key(variant), ()):
                if entry.literal and not _close(variant, entry):
                    continue
                method = "descriptor" if entry.descriptor else "key"
                for actor_id in self._rank(entry.actors, context, when):
                    found.append(self._match(actor_id, _SCORES[method], method, entry.name))
            if found:
                return found
        # 4.
        return self._fuzzy_matches(self._variants(mention)[-1], context, when)

    def _fuzzy_matches(
        self, mention: str, context: str | None, when: str | None
    ) -> list[ActorMatch]:
        distinctive = self._distinctive(mention)
        if not distinctive:
            return []
        full = plain_form(mention)
        best: dict[str, tuple[float, str]] = {}
        hits = process.extract(
            distinctive, self._fuzzy_choices, scorer=fuzz.ratio, score_cutoff=70, limit=20
        )
        for _, similarity, index in hits:
            entry, _ = self._fuzzy[index]
            overall = fuzz.token_sort_ratio(full, plain_form(entry.name)) / 100
            score = 0.85 * similarity / 100 + 0.15 * overall
            if score < FUZZY_THRESHOLD:
                continue
            for actor_id in entry.actors:
                if score > best.get(actor_id, (0.0, ""))[0]:
                    best[actor_id] = (score, entry.name)
        ranked = self._rank(best, context, when)
        ranked.sort(key=lambda a: -best[a][0])
        return [self._match(a, 0.9 * best[a][0], "fuzzy", best[a][1]) for a in ranked]

    @staticmethod
    def _dedupe(matches: Sequence[ActorMatch]) -> list[ActorMatch]:
        """First match per actor, in the given order (already best first)."""
        seen: dict[str, ActorMatch] = {}
        for match in matches:
            seen.setdefault(match.actor_id, match)
        return list(seen.values())

    # ------------------------------------------------------------------ running text
    def find_mentions(
        self, text: str, *, when: str | None = None, context: str | None = None
    ) -> list[ActorMention]:
        """Actor names in ``text`` with exact offsets: longest non-overlapping matches.

        ``context`` is the text ``text`` stands in (its article): an actor named in full
        there supports a weak alias here ("Islamic State (IS)" in the lead, "IS-controlled
        territory" two sentences on).

        1. Scan the word keys of the text for every alias and descriptor key.
        2. Scan the raw text, case-sensitively, for acronym aliases.
        3. Drop weak aliases the text does not support, and capitalised aliases found in
           lower case ("hashed out" is not the Hashd).
        4. Keep the longest matches that do not overlap; resolve each to one actor by the
           country words near it (then in the whole text) and ``when``.
        """
        candidates: list[tuple[int, int, _Entry]] = []
        # 1.
        tokens = name_tokens(text)
        kept = [t for t in tokens if not t.article and t.key]
        if self._automaton is not None and kept:
            stream, starts = "\x1f", {}
            for i, token in enumerate(kept):
                starts[len(stream) - 1] = i
                stream += token.key + "\x1f"
            for end_index, (key, entries) in self._automaton.iter(stream):
                first = starts[end_index - len(key) - 1]
                last = first + key.count(" ")
                start, end = kept[first].start, kept[last].end
                start = with_article(text, tokens, start)
                candidates.extend((start, end, entry) for entry in entries)
        # 2.
        if self._acronym_re is not None:
            for m in self._acronym_re.finditer(text):
                candidates.extend((m.start(), m.end(), e) for e in self._acronyms[m.group(1)])
        # 3.
        # The article's keys hold the sentence's own: one string, built once per article.
        keys = text_keys(context) if context is not None else text_keys(text)
        accepted = []
        for start, end, entry in candidates:
            surface = text[start:end]
            if entry.proper and not starts_upper(surface, entry.name):
                continue
            if _BREAKS.search(surface) and not _BREAKS.search(entry.name):
                continue  # "in northern Iraq, military said": two phrases, not "Iraqi military"
            if not entry.acronym and not _close(surface, entry):
                continue
            if entry.weak and not self._supported(entry, text, start, end, keys):
                continue
            accepted.append((start, end, entry))
        # 4. Longest first; at equal span a name over a descriptor, the alias spelt as written
        # over one that only shares its key.
        accepted.sort(
            key=lambda c: (
                c[0] - c[1],
                c[2].descriptor,
                plain_form(text[c[0] : c[1]]) != plain_form(c[2].name),
                c[0],
            )
        )
        taken: list[tuple[int, int, _Entry]] = []
        for start, end, entry in accepted:
            if all(end <= s or start >= e for s, e, _ in taken):
                taken.append((start, end, entry))
        # Names shared by several actors (per-country Islamic State) arrive as one entry each.
        same_span: dict[tuple[int, int, bool], list[str]] = {}
        for start, end, entry in accepted:
            same_span.setdefault((start, end, entry.descriptor), []).extend(entry.actors)
        mentions = []
        # The country words near a mention decide, else the whole text's (counted once).
        text_country = cache(lambda: self._country_of(text))
        for start, end, entry in sorted(taken, key=lambda c: c[0]):
            near = text[max(0, start - _WINDOW) : end + _WINDOW]
            country = self._country_of(near) or text_country()
            actor_id = self._rank_in(same_span[(start, end, entry.descriptor)], country, when)[0]
            method: Method = (
                "descriptor"
                if entry.descriptor
                else "acronym"
                if entry.acronym
                else "exact"
                if plain_form(text[start:end]) == plain_form(entry.name)
                else "key"
            )
            if entry.weak:
                score = _SCORES["acronym_supported"]
            else:
                score = 1.0 if method == "acronym" else _SCORES[method]
            mentions.append(ActorMention(start, end, text[start:end], actor_id, score, method))
        return mentions


def default_resolver(pack: Pack | str | None = None) -> ActorResolver:
    """The resolver over ``pack``, or over ``load_pack(pack)`` for a name (default: the
    selected pack), built once per process and pack."""
    return _resolver_for(pack if isinstance(pack, Pack) else load_pack(pack))


@lru_cache(maxsize=4)
def _resolver_for(pack: Pack) -> ActorResolver:
    return ActorResolver(pack)


def resolve_name(
    name: str, context: str | None = None, *, pack: str | None = None
) -> dict[str, Any]:
    """The best actor for ``name`` as a JSON-able dict, for ``orbat resolve``.

    Keys: ``id``, ``name``, ``acled_name``, ``kind``, ``country``, ``inter``, ``score``,
    ``method`` (all None when nothing matched) and ``alternatives``, the other candidates
    as ``{id, name, acled_name, score, method}``.
    """
    resolver = default_resolver(pack)
    matches = resolver.resolve(name, context)
    fields = ("id", "name", "acled_name", "kind", "country", "inter", "score", "method")
    result: dict[str, Any] = {"query": name, **dict.fromkeys(fields), "alternatives": []}
    if matches:
        best, actor = matches[0], resolver.pack.actor(matches[0].actor_id)
        result.update({f: getattr(actor, f) for f in fields[:6]}, score=best.score)
        result["method"] = best.method
        result["alternatives"] = [
            {"id": m.actor_id, "name": m.name, "acled_name": m.acled_name}
            | {"score": m.score, "method": m.method}
            for m in matches[1:]
        ]
    return result
