"""`planqa ingest`, `planqa docs` and `planqa remove`: the stored documents."""

from __future__ import annotations

import argparse
import json
import sys

from planqa.settings import BUNDLED_SAMPLE, settings_from_args


class RichProgress:
    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.console = Console(stderr=True)
        self._columns = (
            TextColumn("{task.description:<10}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        self._factory = Progress
        self._bar = None
        self._task = None

    def start(self, phase: str, total: int) -> None:
        self._bar = self._factory(*self._columns, console=self.console, transient=False)
        self._bar.start()
        self._task = self._bar.add_task(phase, total=total)

    def extend(self, n: int) -> None:
        if self._bar is not None:
            task = self._bar.tasks[0]
            self._bar.update(self._task, total=(task.total or 0) + n)

    def advance(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.advance(self._task, n)

    def note(self, message: str) -> None:
        self.console.print(f"[yellow]{message}[/yellow]")

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def cmd_ingest(args: argparse.Namespace) -> int:
    from ingest import ingest_paths

    settings = settings_from_args(args)
    report = ingest_paths(settings, args.paths or [BUNDLED_SAMPLE], RichProgress())
    for path, reason in report.failed:
        print(f"FAILED  {path}: {reason}", file=sys.stderr)
    print(
        f"documents: {len(report.added)} added, {len(report.replaced)} replaced, "
        f"{len(report.unchanged)} unchanged, {len(report.failed)} failed | chunks: {report.chunks} | "
        f"indicator rows: {report.indicators} | facts: {report.facts} | {report.seconds:.1f} s "
        f"(embedding {report.embed_seconds:.1f} s) | {report.chunks_per_second:.1f} chunks/s "
        f"[{settings.embedding_backend}]"
    )
    return 1 if report.failed and not (report.added or report.replaced or report.unchanged) else 0


def cmd_docs(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from planqa.stores import SqlStore

    settings = settings_from_args(args)
    docs = SqlStore(settings.sqlalchemy_url).documents()
    if args.json:
        print(json.dumps([d.model_dump(mode="json", exclude={"clean_text"}) for d in docs], ensure_ascii=False))
        return 0
    if not docs:
        print(f"No documents in {settings.resolved_data_dir}. Run `planqa ingest PATH`.")
        return 0
    table = Table("doc_id", "title", "region", "date", "chunks", "indicators", "facts")
    for d in docs:
        table.add_row(
            d.doc_id, d.title[:48], d.region, str(d.report_date or ""), str(d.n_chunks), str(d.n_indicators),
            str(d.n_facts),
        )
    Console().print(table)
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from ingest.pipeline import Ingestor
    from planqa.embedding.model import LazyEmbeddings

    settings = settings_from_args(args)
    ingestor = Ingestor(settings, LazyEmbeddings(settings))  # one ingestor (one store connection) for all ids
    missing = [d for d in args.doc_ids if not ingestor.remove(d)]
    for d in missing:
        print(f"no document {d}; see `planqa docs`", file=sys.stderr)
    return 1 if missing else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ingest", help="add reports (.txt .md .docx .pdf .html, or folders) to the stores")
    p.add_argument("paths", nargs="*", help="files or folders; none = the bundled sample report")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("docs", help="list stored documents")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_docs)

    p = sub.add_parser("remove", help="delete documents everywhere (see `planqa docs` for ids)")
    p.add_argument("doc_ids", nargs="+")
    p.set_defaults(func=cmd_remove)
