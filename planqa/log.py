"""Logging for the processes PlanQA starts; configured once, by the entry points (the CLI, the served app)."""

from __future__ import annotations

import logging

_configured = False


def configure_logging(level: int = logging.WARNING) -> None:
    """Warnings and errors to stderr, one line each; a second call changes nothing."""
    global _configured
    if _configured:
        return
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", datefmt="%H:%M:%S")
    _configured = True
