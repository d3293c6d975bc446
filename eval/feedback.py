"""Reader feedback (votes with question, answer, citations, comment) → a gold-set draft a person reviews."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from planqa.patterns import FIGURE_ANSWER


def read_jsonl(source: Path) -> list[dict]:
    """The older feedback.jsonl the UI wrote before feedback moved into the database."""
    return [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]


def records_to_gold(records: Iterable[dict], target: Path) -> int:
    items = []
    for n, record in enumerate(records, start=1):
        answer = re.sub(r"\[\d+\]", "", record.get("answer", ""))
        good = record.get("vote") == "up"
        citations = record.get("citations") or []
        review = "confirmed by a thumbs-up" if good else "thumbs-down: write the right answer and evidence"
        if record.get("comment"):
            review += f"; reader's comment: {record['comment']}"
        items.append(
            {
                "id": f"fb{n:04d}",
                "question": record["question"],
                "answer_all": [[m.group(0).replace(" ", "")] for m in FIGURE_ANSWER.finditer(answer) if good][:4],
                "evidence_any": [citations[0]["text"]] if good and citations else [],
                "found": bool(record.get("found")) if good else True,
                "kind": "feedback",
                "review": review,
            }
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    return len(items)


def feedback_to_gold(source: Path, target: Path) -> int:
    return records_to_gold(read_jsonl(source), target)
