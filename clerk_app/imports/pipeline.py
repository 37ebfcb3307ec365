"""Run the reading, checking and preparing of an import's rows in a second process.

Why: one process spent about half of each row's time reading the spreadsheet, validating the
row and preparing it for the store (values, content hash, fold keys), and the other half
writing it; on two cores the halves can overlap, but not in threads (the GIL). The parser
process streams prepared rows (plain tuples, cheap to pickle) in batches through a bounded
queue, so it runs ahead of the writer by a few batches and memory stays flat.

The writing side stays one transaction in the calling process: all-or-nothing is unchanged.
An exception in the parser (a file that turns undecodable half-way) is re-raised in the
caller; leaving the block early (a bad row, an error while writing) stops the parser.

    with parallel_items(partial(table_items, path, "NRV"), prepare_item) as items:
        import_records(uow_factory, items, ...)

`source` and `prepare` must be picklable (module-level functions, functools.partial of them):
the parser is started with "spawn", which is safe in a threaded GUI process and the only
method on Windows.
"""

from __future__ import annotations

import multiprocessing as mp
import pickle
import queue
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from clerk_app.core.records import PersonRow
from clerk_app.imports.errors import ImportIssue
from clerk_app.imports.parser import parse_rows
from clerk_app.imports.table import open_table

PARALLEL_MIN_ROWS = 20_000  # below this the parser process's start-up (~0.3 s) is not repaid
BATCH = 1000  # rows per message
AHEAD = 8  # messages the parser may run ahead of the writer


def table_items(path: str | Path, default_archive: str | None) -> Iterator[PersonRow | ImportIssue]:
    """The parsed rows of an import file (what `clerk import persons` imports)."""
    with open_table(path) as table:
        yield from parse_rows(table.rows(), default_archive)  # type: ignore[arg-type]


class ParserProcessError(RuntimeError):
    """The parser process ended without finishing (killed, out of memory)."""


def _parse_in_child(
    source: Callable[[], Iterable[object]],
    prepare: Callable[[object], object],
    out: mp.Queue,  # type: ignore[type-arg]
    batch: int,
) -> None:
    try:
        buf: list[object] = []
        for item in source():
            buf.append(prepare(item))
            if len(buf) >= batch:
                out.put(("items", pickle.dumps(buf, pickle.HIGHEST_PROTOCOL)))
                buf = []
        if buf:
            out.put(("items", pickle.dumps(buf, pickle.HIGHEST_PROTOCOL)))
        out.put(("done", b""))
    except BaseException as exc:  # every failure goes to the caller
        try:
            blob = pickle.dumps(exc)
        except Exception:  # an unpicklable exception still gets through
            blob = pickle.dumps(RuntimeError(f"{type(exc).__name__}: {exc}"))
        out.put(("error", blob))


@contextmanager
def parallel_items(
    source: Callable[[], Iterable[object]],
    prepare: Callable[[object], object],
    *,
    batch: int = BATCH,
    ahead: int = AHEAD,
) -> Iterator[Iterator[object]]:
    """Iterate prepare(item) for the items of source(), computed in a parser process."""
    ctx = mp.get_context("spawn")
    out: mp.Queue = ctx.Queue(maxsize=ahead)  # type: ignore[type-arg]
    proc = ctx.Process(
        target=_parse_in_child, args=(source, prepare, out, batch), name="clerk-import-parser"
    )
    proc.daemon = True  # never outlives the importing process
    proc.start()

    def items() -> Iterator[object]:
        while True:
            try:
                kind, blob = out.get(timeout=0.5)
            except queue.Empty:
                if not proc.is_alive():
                    raise ParserProcessError(
                        f"the import's parser process ended unexpectedly (exit code "
                        f"{proc.exitcode})"
                    ) from None
                continue
            if kind == "items":
                yield from pickle.loads(blob)
            elif kind == "error":
                raise pickle.loads(blob)
            else:
                return

    try:
        yield items()
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join(timeout=10)
        out.close()
        out.cancel_join_thread()
