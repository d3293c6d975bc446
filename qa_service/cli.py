"""`planqa ask`, `planqa serve` and `planqa keys`."""

from __future__ import annotations

import argparse
import json
import os
import sys

from planqa.settings import settings_from_args


def cmd_ask(args: argparse.Namespace) -> int:
    from qa_service.service import QAService

    service = QAService(settings_from_args(args))
    response = service.ask(args.question, top_k=args.top_k)
    if args.json:
        print(json.dumps(response.model_dump(mode="json"), ensure_ascii=False, indent=2))
        return 0
    print(response.answer)
    for c in response.citations:
        print(f"  [{c.id}] {c.title} | {c.section}\n      {c.text}  ({c.doc_id}:{c.start}-{c.end})")
    return 0 if response.found else 3


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    if args.data_dir:
        os.environ["PLANQA_DATA_DIR"] = args.data_dir
    uvicorn.run(
        "qa_service.app:app", host=args.host, port=args.port, workers=args.workers, log_level="info"
    )
    return 0


def cmd_keys(args: argparse.Namespace) -> int:
    import secrets

    from qa_service.security import MIN_ADMIN_KEY_CHARS, hash_key, weak_admin_key

    key = args.key or secrets.token_urlsafe(24)
    if not args.key:
        print(f"key (give this to the client, it is not stored): {key}", file=sys.stderr)
    elif args.role == "admin" and weak_admin_key(key):
        # The server sees only the hash, so the length rule can be enforced only here.
        print(f"error: an admin key needs at least {MIN_ADMIN_KEY_CHARS} characters and must not be a common "
              "value; omit KEY to get a random one", file=sys.stderr)
        return 2
    print(f"{args.role}:sha256:{hash_key(key)}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ask", help="answer one question with citations")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="print the full response as JSON")
    p.add_argument("--top-k", type=int, default=None)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("serve", help="start the HTTP API (OpenAPI docs at /docs)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("keys", help="make an API key entry for PLANQA_API_KEYS (stores only its hash)")
    p.add_argument("action", choices=["hash"])
    p.add_argument("key", nargs="?", help="the key; a random one is made when omitted")
    p.add_argument("--role", choices=["reader", "admin"], default="reader")
    p.set_defaults(func=cmd_keys)
