"""Run the reading, checking and preparing of an import's rows in a second process.

Why: one process spent about half of each row's time reading the spreadsheet, validating the
row and preparing it for the store (values, content hash, fold keys), and the other half
writing it; on two cores the halves can overlap, but not in threads (the GIL). The parser
process streams prepared rows (plain tuples, cheap to pickle) in batches through a pipe,
running ahead of the writer by a few batches at most, so memory stays flat.

The writing side stays one transaction in the calling process: all-or-nothing is unchanged.
An exception in the parser (a file that turns undecodable half-way) is re-raised in the
caller, a parser process that dies reads as ParserProcessError, and leaving the block early
(an error while writing) stops the parser.

    with parallel_items(partial(table_items, path, "NRV"), prepare_item) as items:
        import_records(uow_factory, items, ...)

`source` and `prepare` must be picklable (module-level functions, functools.partial of them):
the parser is started with "spawn", which is safe in a threaded GUI process and the only
method on Windows.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import pickle
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from multiprocessing.connection import Connection
from pathlib import Path

from clerk_app.core.records import PersonRow
from clerk_app.imports.errors import ImportIssue
from clerk_app.imports.parser import parse_rows
from clerk_app.imports.table import open_table

PARALLEL_MIN_ROWS = 20_000  # below this the parser process's start-up (~0.5 s) is not repaid
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
    conn: Connection,
    batch: int,
    ahead: int,
) -> None:
    """Parse and prepare on this thread; a sender thread writes the pipe, so parsing runs up
    to `ahead` messages ahead of a writer that is busy (a blocking write would stall it)."""
    # this short-lived process makes millions of short-lived tuples and no cycles: the cyclic
    # collector's passes cost ~8 % of its time, so run them rarely
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)
    outbox: queue.Queue[bytes | None] = queue.Queue(maxsize=ahead)

    def send() -> None:
        while (blob := outbox.get()) is not None:
            conn.send_bytes(blob)

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    try:
        buf: list[object] = []
        for item in source():
            buf.append(prepare(item))
            if len(buf) >= batch:
                outbox.put(pickle.dumps(("items", buf), pickle.HIGHEST_PROTOCOL))
                buf = []
        if buf:
            outbox.put(pickle.dumps(("items", buf), pickle.HIGHEST_PROTOCOL))
        outbox.put(pickle.dumps(("done", None)))
    except BaseException as exc:  # every failure goes to the caller
        try:
            blob = pickle.dumps(("error", exc))
        except Exception:  # an unpicklable exception still gets through
            blob = pickle.dumps(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
        outbox.put(blob)
    outbox.put(None)
    sender.join()
    conn.close()


def import_items(
    source: Callable[[], Iterable[object]], expected_rows: int, prepare: Callable[[object], object]
) -> AbstractContextManager[Iterable[object]]:
    """The items of `source()`: prepared in a parser process when about `expected_rows` or more
    rows make it pay (PARALLEL_MIN_ROWS), else read in this process as they are."""
    if expected_rows >= PARALLEL_MIN_ROWS:
        return parallel_items(source, prepare)
    return nullcontext(source())


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
    reader, writer = ctx.Pipe(duplex=False)
    proc = ctx.Process(
        target=_parse_in_child,
        args=(source, prepare, writer, batch, ahead),
        name="clerk-import-parser",
        daemon=True,  # never outlives the importing process
    )
    proc.start()
    writer.close()  # the child holds the only write end: its death reads as end of file

    def items() -> Iterator[object]:
        while True:
            try:
                kind, payload = pickle.loads(reader.recv_bytes())
            except (EOFError, OSError):  # OSError: it died half-way through a message
                proc.join(timeout=10)
                raise ParserProcessError(
                    f"the import's parser process ended unexpectedly (exit code {proc.exitcode})"
                ) from None
            if kind == "items":
                yield from payload
            elif kind == "error":
                raise payload
            else:
                return

    try:
        yield items()
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join(timeout=10)
        reader.close()
