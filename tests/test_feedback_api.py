"""Reader feedback through the API into the database, and out again as a gold-set draft; the outline route."""

from __future__ import annotations

import argparse
import json

from fastapi.testclient import TestClient

from qa_service.api import create_app


def test_feedback_is_stored_replaced_and_becomes_a_gold_draft(fake_service, settings, tmp_path, monkeypatch):
    record = {"turn_id": "t1", "vote": "down", "question": "天元区的常住人口是多少？", "answer": "报告没有提到。",
              "found": False, "citations": []}
    with TestClient(create_app(lambda: fake_service, settings)) as c:
        assert c.post("/feedback", json=record).status_code == 201
        assert c.post("/feedback", json={**record, "comment": "第3页有"}).status_code == 201
        assert c.post("/feedback", json={**record, "vote": "maybe"}).status_code == 422
        outline = c.get(f"/documents/{fake_service.documents[0].doc_id}/outline").json()["data"]
        assert c.get("/documents/nope/outline").json()["error"]["type"] == "not_found"
    stored = fake_service.sql.feedback()
    assert len(stored) == 1 and stored[0]["comment"] == "第3页有" and stored[0]["found"] is False
    assert any(s.startswith("一、") for s in outline) and len(outline) == len(set(outline))

    from eval.cli import cmd_from_feedback

    monkeypatch.setenv("PLANQA_DATA_DIR", str(settings.data_dir))
    out = tmp_path / "draft.jsonl"
    assert cmd_from_feedback(argparse.Namespace(feedback=None, out=str(out), data_dir=None)) == 0
    (item,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert item["question"] == record["question"] and "第3页有" in item["review"]
