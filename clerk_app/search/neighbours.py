"""Deletion neighbourhoods (SymSpell): find the vocabulary tokens near a typed key without
comparing it with every token.

Why: comparing a key with the whole vocabulary costs ~1 µs a token; a real archive of a
million people holds 50,000–300,000 distinct name tokens, so a three-word query would spend
80–650 ms just finding typo neighbours. Instead the store keeps, for every token, the token
and each of its one-letter deletions (name_variant); a key's own variants then find, with one
index lookup, every token at edit distance 1 (substitution, insertion, deletion,
transposition) and many at distance 2. Only those few candidates are scored with OSA.

With `depth` 2 (what search uses) the key's two-letter deletions are asked as well, which adds
most tokens at distance 2 (not two substitutions) and some at 3.
"""

from __future__ import annotations

from collections.abc import Iterable


def deletions(word: str, depth: int = 1) -> set[str]:
    """The word and every string made by deleting up to `depth` letters from it (non-empty)."""
    out = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))} - out
        out |= frontier
    out.discard("")
    return out


def variant_rows(tokens: Iterable[str]) -> list[tuple[str, str]]:
    """(variant, token) rows of name_variant for these vocabulary tokens."""
    return [(v, t) for t in tokens for v in sorted(deletions(t))]


def unseen_bound(key: str) -> float:
    """Highest OSA similarity a token the lookup did not find can have: it lies at distance 2
    or more (every token at distance 1 is found), and at best is two letters longer."""
    return 1.0 - 2 / (len(key) + 2)
