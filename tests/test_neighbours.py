"""Typo neighbours by deletion lookup (search/neighbours.py, the name_variant table)."""

from __future__ import annotations

import random

from alembic import command
from alembic.script import ScriptDirectory
from rapidfuzz.distance import OSA
from sqlalchemy import text

from clerk_app.core.services.import_records import import_records
from clerk_app.search.neighbours import deletions, unseen_bound, variant_rows
from clerk_app.search.rank import EXPAND_DEPTH, expand_words, parse_query
from clerk_app.store.database import alembic_config, make_engine, upgrade
from clerk_app.store.uow import SqlUnitOfWork
from tests.factories import PEOPLE, person


def _random_vocabulary(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    base = ["ivanov", "petrova", "serbakov", "tamm", "kalnin", "ozol", "aleksandrovic", "ian"]
    vocab = set(base)
    while len(vocab) < n:
        w = list(rng.choice(base))
        for _ in range(rng.randrange(1, 4)):
            op, i = rng.randrange(3), rng.randrange(len(w))
            if op == 0 and len(w) > 2:
                del w[i]
            elif op == 1:
                w.insert(i, rng.choice("aeiknorstv"))
            else:
                w[i] = rng.choice("aeiknorstv")
        vocab.add("".join(w))
    return sorted(vocab)


def test_lookup_finds_every_token_within_one_edit_and_bounds_the_rest() -> None:
    vocab = _random_vocabulary(3000, 1)
    by_variant: dict[str, set[str]] = {}
    for variant, token in variant_rows(vocab):
        by_variant.setdefault(variant, set()).add(token)
    rng = random.Random(2)
    for key in [*rng.sample(vocab, 150), "ivnaov", "serbkaov", "zzz", "ivanovv"]:
        found = set()
        for v in deletions(key, EXPAND_DEPTH):
            found |= by_variant.get(v, set())
        for token in vocab:
            distance = OSA.distance(key, token)
            if distance <= 1:
                assert token in found, (key, token)
            if token not in found:
                assert OSA.normalized_similarity(key, token) <= unseen_bound(key) + 1e-9


def test_expansion_marks_exact_keys_and_ranks_neighbours() -> None:
    vocab = ["serbakov", "serbakova", "sterbakov", "petr", "petrov", "piotr"]

    def neighbours(variants):  # type: ignore[no-untyped-def]
        return [t for t in vocab if deletions(t) & set(variants)]

    shcherbakov, typo = expand_words(parse_query("Shcherbakov Ptr").words, neighbours, 0.7)
    assert shcherbakov.exact == ("serbakov",)
    assert shcherbakov.near[0] == "serbakov" and "serbakova" in shcherbakov.near
    assert typo.exact == () and typo.near[0] == "petr"  # one deletion away: 0.75


def test_import_and_rebuild_keep_name_variant_complete(engine) -> None:  # type: ignore[no-untyped-def]
    factory = lambda: SqlUnitOfWork(engine)  # noqa: E731
    import_records(factory, PEOPLE, source="t", actor="t")
    import_records(factory, [person("N1", "Озолс", "Янис")], source="t", actor="t")

    def stored() -> set[tuple[str, str]]:
        with engine.connect() as conn:
            return {tuple(r) for r in conn.execute(text("SELECT variant, token FROM name_variant"))}

    def expected() -> set[tuple[str, str]]:
        with engine.connect() as conn:
            tokens = list(conn.execute(text("SELECT token FROM name_vocab")).scalars())
        return set(variant_rows(tokens))

    assert ("zol", "ozol") in stored() and stored() == expected()
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM name_variant"))
    with SqlUnitOfWork(engine) as uow:
        uow.search.rebuild(force=True)
        uow.commit()
    assert stored() == expected()
    with SqlUnitOfWork(engine) as uow:
        assert "ozol" in uow.search.neighbours(["zol", "nothing"])


def test_migration_fills_name_variant_from_an_existing_vocabulary(db_url) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(db_url)
    cfg = alembic_config(engine)
    before = ScriptDirectory.from_config(cfg).get_revision("0003").down_revision
    if engine.dialect.name == "postgresql":  # the fixture's database is already at head
        command.downgrade(cfg, before)
    else:
        command.upgrade(cfg, before)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO name_vocab (token) VALUES ('tamm'), ('ivanov')"))
    upgrade(engine)
    with engine.connect() as conn:
        rows = set(conn.execute(text("SELECT variant, token FROM name_variant")).all())
    assert rows == set(variant_rows(["tamm", "ivanov"]))
    engine.dispose()
