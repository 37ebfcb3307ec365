"""Person search as a service: expand, retrieve, rerank, log the access.

Typo neighbours come from the store's deletion-neighbourhood table at every search, so the
service keeps no vocabulary in memory (a real archive's may hold 300,000 tokens) and always
sees the latest import.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime

from clerk_app.core.ports import AccessEntry, UnitOfWork
from clerk_app.core.search_types import Candidate, RankedCandidate, SearchFilters, SearchResult
from clerk_app.search.plan import Tier, WordTokens, tiers
from clerk_app.search.rank import (
    EXPAND_THRESHOLD,
    RELAXED_THRESHOLD,
    YEAR_BONUS,
    ParsedQuery,
    expand_words,
    parse_query,
    rerank,
)

CANDIDATES = 200
RELAX_BELOW = 0.75  # run the looser fallback only when the best score is below this
MIN_SCORE = 0.6  # below this a candidate is noise: e.g. only the given name of two words matched


class PersonSearch:
    def __init__(
        self, uow_factory: Callable[[], UnitOfWork], actor: str, workstation: str | None = None
    ) -> None:
        self._uow = uow_factory
        self._actor = actor
        self._workstation = workstation

    def search(
        self, text: str, filters: SearchFilters | None = None, limit: int = 20
    ) -> SearchResult:
        filters = filters or SearchFilters()
        query = parse_query(text)
        with self._uow() as uow:
            result = SearchResult(text)
            if query.words:
                result = self._run(uow, text, query, filters, limit)
            uow.access_log.add(
                AccessEntry(
                    at=datetime.now(UTC),
                    actor=self._actor,
                    workstation=self._workstation,
                    action="search",
                    query=text,
                    filters=filters.as_dict() | {"limit": limit},
                    result_count=len(result.hits),
                )
            )
            uow.commit()
        return result

    def _run(self, uow, text, query, filters, limit) -> SearchResult:  # type: ignore[no-untyped-def]
        neighbours = uow.search.neighbours
        words = expand_words(query.words, neighbours, EXPAND_THRESHOLD)
        n = len(words)
        ranked: list[RankedCandidate] = []
        _retrieve(uow, query, words, filters, n if n < 3 else n - 1, limit, ranked)
        relaxed = False
        if not ranked or ranked[0].score < RELAX_BELOW:
            relaxed = True
            words = expand_words(query.words, neighbours, RELAXED_THRESHOLD)
            _retrieve(uow, query, words, filters, 1, limit, ranked)
        top = [r for r in ranked if r.score >= MIN_SCORE][:limit]
        details = uow.search.hits([r.id for r in top])
        hits = [dataclasses.replace(details[r.id], score=r.score, matches=r.matches) for r in top]
        expanded = {w.text: list(t.near) for w, t in zip(query.words, words, strict=True)}
        return SearchResult(text, hits, expanded, relaxed)


def _retrieve(  # type: ignore[no-untyped-def]
    uow,
    query: ParsedQuery,
    words: list[WordTokens],
    filters: SearchFilters,
    min_words: int,
    limit: int,
    ranked: list[RankedCandidate],
) -> None:
    """Ask the index tier by tier (search/plan.py) for up to CANDIDATES more rows than
    `ranked` holds, rerank them into `ranked` (kept sorted), and stop early once `limit` rows
    score above anything a later tier could add."""
    plan = tiers(words, min_words)
    bonus = YEAR_BONUS if query.birth_year is not None else 0.0
    ceiling = [0.0] * (len(plan) + 1)  # best score of any row a tier from here on may add
    for i in range(len(plan) - 1, -1, -1):
        ceiling[i] = max(plan[i].best + bonus, ceiling[i + 1])
    seen = {r.id for r in ranked}
    added = 0

    def fetch(tier: Tier, room: int) -> list[Candidate]:
        return uow.search.candidates(tier.match, filters, room, seen)

    def keep(new: list[Candidate]) -> None:
        nonlocal added
        if new:
            added += len(new)
            seen.update(c.id for c in new)
            ranked.extend(rerank(query, new, explain=limit))
            ranked.sort(key=lambda r: (-r.score, r.id))

    i = 0
    while i < len(plan):
        room = CANDIDATES - added
        # scores are rounded to 4 places: the margin keeps a tie from being decided by order
        settled = sum(1 for r in ranked[:limit] if r.score > ceiling[i] + 1e-4)
        if room <= 0 or settled >= limit:
            break
        tier = plan[i]
        last = i
        while last + 1 < len(plan) and plan[last + 1].words == tier.words:
            last += 1
        if tier.level > 0 and last > i:
            # the loosest level of these words often holds only a few rows: then one request
            # gives every level at once; when it is cut by the limit, go level by level
            new = fetch(plan[last], room)
            if len(new) < room:
                keep(new)
                i = last + 1
                continue
        keep(fetch(tier, room))
        i += 1
