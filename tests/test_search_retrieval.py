"""Bounded, tiered candidate retrieval on the real store (SQLite FTS5 and PostgreSQL GIN).

The search may stop early (search/plan.py); these tests show it returns exactly what an
exhaustive search over every tier would, that SQLite and PostgreSQL give the same hits, and
that a very common name still finds the exact record among many near spellings.
"""

from __future__ import annotations

import random

import pytest

from clerk_app.core.search_types import SearchFilters
from clerk_app.core.services import person_search
from clerk_app.core.services.import_records import import_records
from clerk_app.core.services.person_search import PersonSearch
from clerk_app.demo import generate_archive
from clerk_app.search.plan import tiers
from clerk_app.search.rank import (
    EXPAND_THRESHOLD,
    RELAXED_THRESHOLD,
    expand_words,
    parse_query,
    rerank,
)
from clerk_app.search.translit import ru_to_et, ru_to_lv
from clerk_app.store.database import open_database
from clerk_app.store.uow import SqlUnitOfWork
from tests.factories import person

PERSONS = 2500


def _demo(engine) -> list:  # type: ignore[no-untyped-def]
    people, rows = [], []
    for ident, records in generate_archive(PERSONS, seed=7, payroll=False):
        people.append(ident)
        rows.extend(records)
    report = import_records(lambda: SqlUnitOfWork(engine), rows, source="demo", actor="t")
    assert report.committed
    return people


def _queries(people: list, n: int) -> list[str]:  # type: ignore[type-arg]
    rng = random.Random(3)
    out = []
    for ident in rng.sample(people, n):
        words = [ident.surname, ident.given_name]
        if ident.patronymic and rng.random() < 0.4:
            words.append(ident.patronymic)
        style = rng.random()
        if ident.origin == "ru" and style < 0.3:
            words = [ru_to_et(w) for w in words]
        elif ident.origin == "ru" and style < 0.5:
            words = [ru_to_lv(w, ident.gender) for w in words]
        if rng.random() < 0.4:  # one typo
            i = rng.randrange(len(words))
            w = words[i]
            if len(w) > 3:
                j = rng.randrange(1, len(w) - 1)
                words[i] = w[:j] + w[j + 1 :]
        out.append(" ".join(words))
    return [*out, "Tmm Hillar", "Zzyzx Quabble", "Ivanov", "Иванов Иван Иванович 1950"]


def _exhaustive(engine, text: str, limit: int) -> list[tuple[str, float]]:  # type: ignore[no-untyped-def]
    """Every row of every tier, reranked: what the bounded search must reproduce."""
    query = parse_query(text)
    with SqlUnitOfWork(engine) as uow:
        ranked: dict[int, object] = {}

        def every_tier(threshold: float, min_words: int) -> None:
            words = expand_words(query.words, uow.search.neighbours, threshold)
            for tier in tiers(words, min_words):
                for c in uow.search.candidates(tier.match, SearchFilters(), 10**9, ranked.keys()):
                    ranked[c.id] = c

        n = len(query.words)
        every_tier(EXPAND_THRESHOLD, n if n < 3 else n - 1)
        scored = rerank(query, list(ranked.values()))  # type: ignore[arg-type]
        if not scored or scored[0].score < person_search.RELAX_BELOW:
            every_tier(RELAXED_THRESHOLD, 1)
            scored = rerank(query, list(ranked.values()))  # type: ignore[arg-type]
        top = [r for r in scored if r.score >= person_search.MIN_SCORE][:limit]
        hits = uow.search.hits([r.id for r in top])
        return [(hits[r.id].record_id, r.score) for r in top]


@pytest.fixture
def demo_search(engine):  # type: ignore[no-untyped-def]
    people = _demo(engine)
    return people, PersonSearch(lambda: SqlUnitOfWork(engine), actor="t")


def test_early_stop_returns_what_the_exhaustive_search_returns(
    engine, demo_search, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    people, search = demo_search
    monkeypatch.setattr(person_search, "CANDIDATES", 10**9)  # only the early stop bounds it
    for text in _queries(people, 60):
        got = [(h.record_id, h.score) for h in search.search(text, limit=10).hits]
        assert got == _exhaustive(engine, text, 10), text


def test_sqlite_and_postgresql_give_the_same_hits(tmp_path, pg_url) -> None:  # type: ignore[no-untyped-def]
    results = []
    for url in (f"sqlite:///{tmp_path / 'a.db'}", pg_url):
        engine = open_database(url)
        people = _demo(engine)
        search = PersonSearch(lambda e=engine: SqlUnitOfWork(e), actor="t")
        results.append(
            [
                [(h.record_id, h.score) for h in search.search(q, limit=10).hits]
                for q in _queries(people, 40)
            ]
        )
        engine.dispose()
    assert results[0] == results[1]
    assert sum(1 for r in results[0] if r) >= 35  # the queries do find people


def test_common_name_finds_the_exact_record_among_many_near_spellings(engine) -> None:  # type: ignore[no-untyped-def]
    """bm25 ranked rare tokens first: 250 'Kalda Toomas' filled the 200 places and 'Kallas
    Toomas' (the common surname) was never looked at. Tiers ask for exact tokens first."""
    given_names = ["Mari", "Jaan", "Peeter", "Tiit", "Malle"] * 300
    rows = [person(f"K{i}", "Kallas", g, sheets=str(i + 1)) for i, g in enumerate(given_names)]
    rows += [person(f"D{i}", "Kalda", "Toomas", sheets=str(i + 1)) for i in range(250)]
    rows += [person(f"I{i}", "Иванов", "Иван", "Иванович", sheets=str(i + 1)) for i in range(300)]
    rows += [
        person("TARGET", "Kallas", "Toomas", born="1950"),
        person("IVAN-P", "Иванов", "Иван", "Петрович", born="1931"),
    ]
    import_records(lambda: SqlUnitOfWork(engine), rows, source="t", actor="t")
    search = PersonSearch(lambda: SqlUnitOfWork(engine), actor="t")
    hits = search.search("Toomas Kallas", limit=10).hits
    assert hits[0].record_id == "TARGET" and hits[0].score == 1.0
    assert all(h.record_id.startswith("D") for h in hits[1:])  # then the near spelling
    ivan = [h.record_id for h in search.search("Ivanov Ivan Petrovich", limit=10).hits]
    assert ivan[0] == "IVAN-P"
    typo = [h.record_id for h in search.search("Kalas Tomas", limit=10).hits]
    assert "TARGET" in typo
