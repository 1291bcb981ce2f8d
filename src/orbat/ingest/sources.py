"""Turn paths, folders and stdin into inputs, pick each one's reader, and report every problem."""

from __future__ import annotations

import logging
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from orbat.errors import IngestError
from orbat.ingest.base import Input, Reader, ReadOptions, Record, one_line
from orbat.ingest.delimited import read_csv
from orbat.ingest.detect import sniff_file
from orbat.ingest.feeds import read_feed
from orbat.ingest.html import read_html
from orbat.ingest.pdf import read_pdf
from orbat.ingest.tabular import read_json, read_jsonl
from orbat.ingest.telegram import read_telegram
from orbat.ingest.telegram_html import read_telegram_html
from orbat.ingest.text import read_text
from orbat.ingest.warc import read_warc
from orbat.models import Skip

__all__ = ["READERS", "STDIN", "iter_files", "read_file", "read_inputs"]

_LOGGER = logging.getLogger(__name__)

STDIN = "-"

# Every built-in reader, by the format name that detection returns and ReadOptions.format takes.
READERS: dict[str, Reader] = {
    "csv": read_csv,
    "html": read_html,
    "json": read_json,
    "jsonl": read_jsonl,
    "pdf": read_pdf,
    "rss": read_feed,
    "telegram": read_telegram,
    "telegram-html": read_telegram_html,
    "text": read_text,
    "warc": read_warc,
}


def read_inputs(paths: Iterable[str], options: ReadOptions | None = None) -> Iterator[Record]:
    """Read every input named in ``paths``: RawDocuments, and a Skip for every problem.

    ``paths`` are files, folders (read recursively, in sorted order, hidden entries skipped)
    or ``"-"`` for standard input. Nothing here raises for a bad input: each problem becomes a
    one-line ``Skip`` and the run goes on; records read before an error are still yielded.
    """
    options = options or ReadOptions()
    if options.format is not None and options.format not in READERS:
        known = ", ".join(sorted(READERS))
        raise ValueError(f"unknown format {options.format!r}; known: {known}")
    for name in paths:
        if name == STDIN:
            yield from _read_stdin(options)
            continue
        path = Path(name).expanduser()
        origin = str(path.resolve())
        if path.is_dir():
            for file in iter_files(path):
                yield from read_file(file, options)
        elif path.exists():
            yield from read_file(path, options)
        else:
            yield Skip(origin, "no such file or folder")


def iter_files(folder: Path) -> Iterator[Path]:
    """The files under ``folder``, recursively and sorted, without hidden files or folders.

    Symbolic links are followed, but each real folder and file is visited once, known by its
    device and inode: a link to ``.`` or ``..`` made the walk endless (two ``.`` links in one
    folder: 2^40 paths) or read every file again through each level of the loop.
    """
    seen: set[tuple[int, int]] = set()
    try:
        root = folder.stat()
    except OSError:
        return
    seen.add((root.st_dev, root.st_ino))
    # A stack of open listings, not recursion: a deep tree must not hit the recursion limit.
    stack = [_listing(folder)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        try:
            info = entry.stat()  # follows links; a dangling link or a loop of links raises
        except OSError:
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen:
            continue
        seen.add(key)
        if stat.S_ISDIR(info.st_mode):
            stack.append(_listing(entry))
        elif stat.S_ISREG(info.st_mode):
            yield entry


def _listing(folder: Path) -> Iterator[Path]:
    """The entries of ``folder``, sorted, hidden ones left out; none when it cannot be listed."""
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        entries = []
    return (entry for entry in entries if not entry.name.startswith("."))


def read_file(path: Path, options: ReadOptions, origin: str | None = None) -> Iterator[Record]:
    """Every record of one file, errors turned into Skips.

    1. Detect the format (unless ``options.format`` forces one).
    2. Run its reader, passing on what it yields as it goes.
    3. Turn an error into a Skip after whatever was read before it; a file that yields
       nothing at all becomes Skip("no articles found").
    """
    origin = origin or str(path.resolve())
    produced = False
    try:
        # 1. Detect.
        sniffed = sniff_file(path)
        fmt = options.format or sniffed.format
        source = Input(path=path, origin=origin, gzipped=sniffed.gzipped)
        # 2. Read.
        for record in READERS[fmt](source, options):
            produced = True
            yield record
    except IngestError as err:
        # 3. A known problem with the input.
        produced = True
        yield Skip(origin, one_line(err))
    except OSError as err:
        produced = True
        yield Skip(origin, f"cannot read: {one_line(err.strerror or err)}")
    except RecursionError:
        produced = True
        yield Skip(origin, "input nested too deeply to parse")
    except Exception as err:  # a reader bug must not end a run of thousands of files
        produced = True
        # The skip has one line; the traceback, needed to fix the reader, goes to the log.
        _LOGGER.exception("reader failed on %s", origin)
        yield Skip(origin, f"reader failed: {type(err).__name__}: {one_line(err)}")
    if not produced:
        yield Skip(origin, "no articles found")


def _read_stdin(options: ReadOptions) -> Iterator[Record]:
    """Standard input, spooled to a temporary file so it can be sniffed and streamed."""
    with tempfile.TemporaryDirectory(prefix="orbat-stdin-") as tmp:
        spool = Path(tmp) / "stdin"
        try:
            with spool.open("wb") as out:
                shutil.copyfileobj(sys.stdin.buffer, out)
        except (OSError, ValueError, AttributeError) as err:
            yield Skip(STDIN, f"cannot read standard input: {one_line(err)}")
            return
        yield from read_file(spool, options, origin=STDIN)
