"""`planqa ui`: the Streamlit chat."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from planqa.settings import Settings


def cmd_ui(args: argparse.Namespace) -> int:
    if args.data_dir:
        os.environ["PLANQA_DATA_DIR"] = args.data_dir
    app = Path(__file__).with_name("app.py")
    command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.headless", "true",
               "--browser.gatherUsageStats", "false", "--client.toolbarMode", "minimal", "--server.port", str(args.port),
               "--server.address", args.host,
               # The uploader states and enforces the same limit as the API (not Streamlit's 200 MB).
               "--server.maxUploadSize", str(Settings().max_upload_mb)]
    # Become streamlit rather than wait on it, so stopping `planqa ui` stops the server too.
    os.execv(sys.executable, command)
    return 0  # not reached


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ui", help="start the Streamlit chat UI")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8501)
    p.set_defaults(func=cmd_ui)
