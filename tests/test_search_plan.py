"""The retrieval plan (search/plan.py): tier order, and the score bounds that let a search stop
early. The bounds are checked against the rerank itself: no row a tier can add may score above
its tier's bound."""

from __future__ import annotations

from itertools import combinations

from clerk_app.core.search_types import Candidate
from clerk_app.search.neighbours import deletions
from clerk_app.search.plan import WordTokens, tiers
from clerk_app.search.rank import expand_words, parse_query, rerank


def _w(exact: tuple[str, ...], near: tuple[str, ...], weight: int) -> WordTokens:
    return WordTokens(exact, near, weight, near_best=0.8 if len(near) > len(exact) else 0.0,
                      outside=0.7)  # fmt: skip


def test_exact_first_then_widened_then_fewer_words() -> None:
    a = _w(("ivanov",), ("ivanov", "ivanova"), 6)
    b = _w(("ivan",), ("ivan", "ian"), 4)
    c = _w(("petrovic",), ("petrovic", "petrovna"), 8)
    plan = tiers([a, b, c], min_words=2)
    first = plan[0]
    assert first.words == (0, 1, 2) and first.level == 0
    assert first.match.alternatives == ((("ivanov",), ("ivan",), ("petrovic",)),)
    # one word widened, in any of the three ways: one request
    assert plan[1].level == 1 and len(plan[1].match.alternatives) == 3
    assert plan[3].level == 3  # all three widened
    subsets = [t.words for t in plan if len(t.words) == 2]
    assert subsets[0] == (0, 2)  # the heaviest pair (ivanov + petrovic) first
    assert {len(t.words) for t in plan} == {3, 2}  # never single words in the normal pass
    assert len({t.match for t in plan}) == len(plan)  # nothing asked twice
    # bounds never grow within a set of words
    for words in {t.words for t in plan}:
        bests = [t.best for t in plan if t.words == words]
        assert bests == sorted(bests, reverse=True)
    assert plan[0].best == 1.0


def test_a_word_without_exact_key_always_takes_its_neighbours() -> None:
    a = _w(("kallas",), ("kallas", "kalda"), 6)
    typo = _w((), ("tomas", "toma"), 5)
    plan = tiers([a, typo], min_words=1)
    assert plan[0].match.alternatives == ((("kallas",), ("tomas", "toma")),)
    assert plan[0].best < 1.0
    singles = [t for t in plan if len(t.words) == 1]
    assert [t.words for t in singles[:1]] == [(0,)]  # relaxed pass: single words, heaviest first


def test_many_words_plan_stays_small() -> None:
    words = [_w((f"w{i}",), (f"w{i}", f"v{i}"), 5 + i) for i in range(9)]
    plan = tiers(words, min_words=1)
    assert len(plan) < 300  # only the five heaviest words are planned
    assert all(len(t.words) <= 5 for t in plan)


def test_bounds_hold_for_every_row_a_tier_can_add() -> None:
    """Brute force on a small vocabulary: every record made of vocabulary tokens that a tier
    would return (and no earlier tier) scores at most the tier's bound."""
    vocab_tokens = ["ivanov", "ivanova", "ivanovic", "ivan", "iva", "ian", "petr", "petrov",
                    "petrovic", "petrovna", "sergei", "serge"]  # fmt: skip

    def vocab(variants):  # type: ignore[no-untyped-def]
        return [t for t in vocab_tokens if deletions(t) & set(variants)]

    for text in ("Ivanov Ivan Petrovich", "Ivanv Petr", "Ivanov Ivan", "Iavn Petrovic Ivanova"):
        query = parse_query(text)
        words = expand_words(query.words, vocab, 0.7)
        n = len(words)
        plan = tiers(words, n if n < 3 else n - 1)
        records = [tuple(combo) for size in (1, 2, 3) for combo in combinations(vocab_tokens, size)]
        for present in (1, 2, 3):
            cands = [Candidate(i, r, present, None) for i, r in enumerate(records)]
            scores = {r.id: r.score for r in rerank(query, cands)}
            for cand in cands:
                first = next((t for t in plan if _matches(t.match.alternatives, cand)), None)
                if first is not None:
                    assert scores[cand.id] <= first.best + 1e-4, (text, cand, first)


def _matches(alternatives, cand: Candidate) -> bool:  # type: ignore[no-untyped-def]
    tokens = set(cand.tokens)
    return any(all(tokens & set(g) for g in groups) for groups in alternatives)
