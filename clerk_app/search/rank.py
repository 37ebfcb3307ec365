"""Typo expansion against the name vocabulary, and the rerank that orders candidates.

Why a rerank: the index proposes a few hundred rows that share some expanded token; without
scoring every query word against the record's tokens, hit@10 drops from ~98 % to ~79 %
(name-matching.md §6). OSA rather than Levenshtein, so a transposition (Avgsut) is one edit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from clerk_app.core.search_types import Candidate, Match, RankedCandidate
from clerk_app.search.fold import query_keys, split_words
from clerk_app.search.neighbours import deletions, unseen_bound
from clerk_app.search.plan import MISSING_FIELD_SCORE, WordTokens

EXPAND_THRESHOLD = 0.7
RELAXED_THRESHOLD = 0.55
EXPAND_LIMIT = 25
# letters deleted from a key to look up its neighbours: with the store's one-letter deletions
# of every token this finds all tokens at distance 1 and those at 2 or 3 that need at most one
# deletion on the token's side (two typed typos: Shcerbakof for Щербаков)
EXPAND_DEPTH = 2
YEAR_BONUS = 0.05
YEAR_PENALTY = 0.1

_YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


@dataclass(frozen=True)
class QueryWord:
    text: str
    keys: tuple[str, ...]  # fold first, then alternative readings

    @property
    def weight(self) -> int:
        return max(len(self.keys[0]), 1)


@dataclass(frozen=True)
class ParsedQuery:
    words: tuple[QueryWord, ...]
    birth_year: int | None  # a four-digit year typed into the query


def parse_query(text: str) -> ParsedQuery:
    words: list[QueryWord] = []
    year: int | None = None
    for raw in split_words(text):
        if _YEAR.match(raw):
            year = int(raw)
            continue
        keys = tuple(k for k in query_keys(raw) if k)
        if keys:
            words.append(QueryWord(raw, keys))
    return ParsedQuery(tuple(words), year)


# variants -> the vocabulary tokens having any of them (SearchIndex.neighbours)
Neighbours = Callable[[Collection[str]], Collection[str]]


def expand_words(
    words: Sequence[QueryWord],
    neighbours: Neighbours,
    threshold: float,
    depth: int = EXPAND_DEPTH,
) -> list[WordTokens]:
    """Per query word, the vocabulary tokens it may stand for: its exact keys, and those plus
    the typo neighbours within `threshold` (OSA similarity), at most EXPAND_LIMIT per key.

    Candidates come from one deletion-neighbourhood lookup (search/neighbours.py) for all keys
    of all words, whatever the vocabulary size.
    """
    keys = {k for w in words for k in w.keys}
    variants: set[str] = set()
    for k in keys:
        variants |= deletions(k, depth)
    found = sorted(set(neighbours(variants))) if keys else []
    known = set(found)
    out: list[WordTokens] = []
    for word in words:
        near: dict[str, float] = {}
        outside = threshold
        for key in word.keys:
            hits = process.extract(
                key,
                found,
                scorer=OSA.normalized_similarity,
                score_cutoff=threshold,
                limit=EXPAND_LIMIT,
            )
            if key in known:
                near.setdefault(key, 1.0)
            for token, score, _i in hits:
                near[token] = max(float(score), near.get(token, 0.0))
            # tokens left out: below the threshold, cut by the limit, or never found
            cut = float(hits[-1][1]) if len(hits) >= EXPAND_LIMIT else 0.0
            outside = max(outside, cut, unseen_bound(key))
        exact = tuple(k for k in dict.fromkeys(word.keys) if k in known)
        ordered = sorted(near, key=lambda t: (-near[t], t))
        near_best = max((near[t] for t in ordered if t not in exact), default=0.0)
        out.append(
            WordTokens(exact, tuple(ordered) or (word.keys[0],), word.weight, near_best, outside)
        )
    return out


def rerank(
    query: ParsedQuery, candidates: Sequence[Candidate], explain: int | None = None
) -> list[RankedCandidate]:
    """Score each candidate: weighted mean over query words of their best token similarity;
    best first (ties by id), the `explain` best (default all) with the tokens that matched.

    Each record token serves one query word at most (no "Ivanov Ivanov" double counting):
    when two words would take the same token, a greedy assignment decides. Vectorised over
    all candidates, because 200 candidates a query is the common case.
    """
    if not query.words or not candidates:
        return []
    words = query.words
    keys = sorted({k for w in words for k in w.keys})
    tokens = sorted({t for c in candidates for t in c.tokens})
    sim = process.cdist(keys, tokens, scorer=OSA.normalized_similarity, dtype="float32")
    key_row = {k: i for i, k in enumerate(keys)}
    token_col = {t: i for i, t in enumerate(tokens)}
    # best similarity of each query word (over its alternative keys) to each token; one extra
    # column of -1 pads candidates with fewer tokens
    word_sim = np.full((len(words), len(tokens) + 1), -1.0, dtype=np.float32)
    for wi, w in enumerate(words):
        word_sim[wi, :-1] = sim[[key_row[k] for k in w.keys]].max(axis=0)
    width = max(len(c.tokens) for c in candidates)
    cols = np.full((len(candidates), width), len(tokens), dtype=np.intp)
    for ci, cand in enumerate(candidates):
        cols[ci, : len(cand.tokens)] = [token_col[t] for t in cand.tokens]
    block = word_sim[:, cols]  # words × candidates × token slots
    choice = block.argmax(axis=2)  # each word's best token slot, per candidate
    best = np.take_along_axis(block, choice[:, :, None], axis=2)[:, :, 0].astype(np.float64)
    best = np.maximum(best, 0.0)  # a record without tokens (only the padding) scores 0
    # a candidate where two words chose the same token is assigned greedily instead
    clash = np.zeros(len(candidates), dtype=bool)
    for a in range(len(words)):
        for b in range(a + 1, len(words)):
            clash |= choice[a] == choice[b]
    for ci in np.flatnonzero(clash).tolist():
        best[:, ci], choice[:, ci] = _greedy(block[:, ci, : len(candidates[ci].tokens)])
    # a field the record lacks is "unknown": its lowest-scoring words get at least 0.7
    present = np.array([c.fields_present for c in candidates])
    missing = len(words) - present
    if (missing > 0).any():
        rank = np.argsort(np.argsort(best, axis=0, kind="stable"), axis=0, kind="stable")
        lift = rank < missing[None, :]
        best = np.where(lift, np.maximum(best, MISSING_FIELD_SCORE), best)
    weights = np.array([w.weight for w in words], dtype=np.float64)
    scores = (best * weights[:, None]).sum(axis=0) / weights.sum()
    if query.birth_year is not None:
        for ci, cand in enumerate(candidates):
            if cand.birth_year is not None:
                near = abs(cand.birth_year - query.birth_year) <= 2
                scores[ci] += YEAR_BONUS if near else -YEAR_PENALTY
    scores_l = [round(x, 4) for x in scores.tolist()]
    order = sorted(range(len(candidates)), key=lambda ci: (-scores_l[ci], candidates[ci].id))
    shown = len(order) if explain is None else explain
    ranked: list[RankedCandidate] = []
    for rank_no, ci in enumerate(order):
        cand = candidates[ci]
        matches: tuple[Match, ...] = ()
        if rank_no < shown:
            n_tok = len(cand.tokens)
            matches = tuple(
                Match(w.text, cand.tokens[slot], round(float(best[wi, ci]), 3))
                for wi, (w, slot) in enumerate(zip(words, choice[:, ci].tolist(), strict=True))
                if slot < n_tok
            )
        ranked.append(RankedCandidate(cand.id, scores_l[ci], matches))
    return ranked


def _greedy(block: np.ndarray) -> tuple[list[float], list[int]]:
    """Assign tokens to words best pair first, one token per word and word per token; a word
    left without a token scores 0 and gets the slot past the last token (no match shown)."""
    rows = block.tolist()
    pairs = sorted(
        ((score, wi, ti) for wi, row in enumerate(rows) for ti, score in enumerate(row)),
        reverse=True,
    )
    score = [0.0] * len(rows)
    slot = [len(rows[0]) if rows else 0] * len(rows)  # "no token" marker (>= token count)
    used_w: set[int] = set()
    used_t: set[int] = set()
    for s, wi, ti in pairs:
        if wi in used_w or ti in used_t:
            continue
        used_w.add(wi)
        used_t.add(ti)
        score[wi], slot[wi] = s, ti
    return score, slot
