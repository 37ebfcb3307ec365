"""The order in which person search asks the index for candidates, best-matching token sets
first, each request bounded, and when it may stop.

Why tiers and not one big ranked query: one AND-of-OR query over every typo variant, ordered
by bm25, made SQLite score and sort every row sharing any expanded token (35,000 rows hold
"ivanovich"), which cost up to 300 ms; and bm25 favours rare tokens, so typo neighbours
crowded out the exact name (Kalda Toomas filled the 200 places, Kallas Toomas was never
looked at). Instead the rerank gets the rows of a sequence of ever looser tiers, each asked
for in id order with a LIMIT (nothing is scored in SQL, so the cost stays bounded):

1. all query words, each by its exact keys only;
2. all words, with one, then two, … of them widened to their typo neighbours;
3. (three or more words) every set of n − 1 words, heaviest first, the same way;
4. (the relaxed pass only) smaller sets, down to single words.

A word with no exact key in the vocabulary always takes its neighbours. Each tier carries the
best rerank score a row first found by it can reach, so the search stops as soon as it holds
enough rows that no later tier can beat (search/rank.py scores the same way). Pure Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from clerk_app.core.search_types import TokenMatch

MISSING_FIELD_SCORE = 0.7  # a field the record lacks is "unknown", not "wrong" (the rerank's)
MAX_PLANNED_WORDS = 5  # more words (rare) are still reranked, but not used to plan tiers


@dataclass(frozen=True)
class WordTokens:
    """What one query word may match in the index, and how well."""

    exact: tuple[str, ...]  # vocabulary tokens equal to one of the word's keys
    near: tuple[str, ...]  # exact ones plus typo neighbours (a superset of exact)
    weight: int  # the word's share of the rerank score (its key's length)
    near_best: float  # best similarity of a near token that is not exact (0 if none)
    outside: float  # similarity bound of every vocabulary token not in `near`


@dataclass(frozen=True)
class Tier:
    match: TokenMatch
    best: float  # highest rerank score (before a birth-year bonus) of a row this tier adds
    words: tuple[int, ...]  # the query words it asks for
    level: int  # how many of them are widened to their typo neighbours


def tiers(words: Sequence[WordTokens], min_words: int) -> list[Tier]:
    """Token matches from strictest to loosest; none repeats an earlier one.

    Sets of words go from all words down to `min_words` words (heaviest sets first); within a
    set, level k widens k of the words that have exact keys (in any of the ways, one match).
    """
    planned = sorted(range(len(words)), key=lambda i: -words[i].weight)[:MAX_PLANNED_WORDS]
    planned.sort()
    n = len(planned)
    total = sum(w.weight for w in words) or 1
    seen: set[TokenMatch] = set()
    out: list[Tier] = []
    for size in range(n, max(min_words, 1) - 1, -1):
        subsets = sorted(
            combinations(planned, size),
            key=lambda s: (-sum(words[i].weight for i in s), s),
        )
        for subset in subsets:
            widenable = [i for i in subset if words[i].exact and words[i].near != words[i].exact]
            # a row this subset's tiers find matched no larger set: every other word scores
            # at most its outside bound (or the missing-field floor)
            base = sum(
                words[i].weight
                * (
                    (1.0 if words[i].exact else _near(words[i]))
                    if i in subset
                    else max(words[i].outside, MISSING_FIELD_SCORE)
                    if i in planned
                    else 1.0  # never asked for, so not bounded
                )
                for i in range(len(words))
            )
            losses = sorted(words[i].weight * (1.0 - _near(words[i])) for i in widenable)
            for level in range(len(widenable) + 1):
                alternatives = []
                for widened in combinations(widenable, level):
                    groups = tuple(
                        words[i].near if (i in widened or not words[i].exact) else words[i].exact
                        for i in subset
                    )
                    if all(groups):
                        alternatives.append(groups)
                match = TokenMatch(tuple(alternatives))
                if alternatives and match not in seen:
                    seen.add(match)
                    # a row new at this level lacks the exact token of `level` widened words
                    best = (base - sum(losses[:level])) / total
                    out.append(Tier(match, best, subset, level))
    return out


def _near(word: WordTokens) -> float:
    return max(word.near_best, MISSING_FIELD_SCORE)
