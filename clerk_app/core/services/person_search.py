"""Person search as a service: expand, retrieve, rerank, log the access.

One PersonSearch lives as long as its caller (the app, the CLI command, the benchmark) and
keeps the name vocabulary in memory, reloading it only when the store's vocabulary grew.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import UTC, datetime

from clerk_app.core.ports import AccessEntry, UnitOfWork
from clerk_app.core.search_types import RankedCandidate, SearchFilters, SearchResult
from clerk_app.search.rank import (
    EXPAND_THRESHOLD,
    RELAXED_THRESHOLD,
    Vocabulary,
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
        self._vocab: Vocabulary | None = None
        self._vocab_size = -1

    def _vocabulary(self, uow: UnitOfWork) -> Vocabulary:
        size = uow.search.vocabulary_size()
        if self._vocab is None or size != self._vocab_size:
            self._vocab = Vocabulary(uow.search.vocabulary())
            self._vocab_size = size
        return self._vocab

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
        vocab = self._vocabulary(uow)
        groups = expand_words(query.words, vocab, EXPAND_THRESHOLD)
        need = len(groups) if len(groups) < 3 else len(groups) - 1
        ranked = rerank(query, uow.search.candidates(groups, filters, need, CANDIDATES))
        relaxed = False
        if not ranked or ranked[0].score < RELAX_BELOW:
            relaxed = True
            loose = expand_words(query.words, vocab, RELAXED_THRESHOLD)
            more = uow.search.candidates(loose, filters, 1, CANDIDATES)
            seen = {r.id for r in ranked}
            extra = rerank(query, [c for c in more if c.id not in seen])
            ranked = sorted([*ranked, *extra], key=lambda r: (-r.score, r.id))
            groups = loose
        top: list[RankedCandidate] = [r for r in ranked if r.score >= MIN_SCORE][:limit]
        details = uow.search.hits([r.id for r in top])
        hits = [dataclasses.replace(details[r.id], score=r.score, matches=r.matches) for r in top]
        expanded = {w.text: g for w, g in zip(query.words, groups, strict=True)}
        return SearchResult(text, hits, expanded, relaxed)
