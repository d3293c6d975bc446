"""UI feedback (thumbs with question, answer, citations) → a gold-set draft a person reviews."""

from __future__ import annotations

import json
import re
from pathlib import Path

from planqa.patterns import FIGURE_ANSWER


def feedback_to_gold(source: Path, target: Path) -> int:
    items = []
    for n, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        answer = re.sub(r"\[\d+\]", "", record.get("answer", ""))
        good = record.get("vote") == "up"
        citations = record.get("citations") or []
        items.append(
            {
                "id": f"fb{n:04d}",
                "question": record["question"],
                "answer_all": [[m.group(0).replace(" ", "")] for m in FIGURE_ANSWER.finditer(answer) if good][:4],
                "evidence_any": [citations[0]["text"]] if good and citations else [],
                "found": bool(record.get("found")) if good else True,
                "kind": "feedback",
                "review": "confirmed by a thumbs-up" if good else "thumbs-down: write the right answer and evidence",
            }
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    return len(items)
