"""kill -9 in the middle of an ingest, with a real subprocess and real stores."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from pathlib import Path

from conftest import SAMPLE, HashEmbeddings

from ingest.pipeline import Ingestor
from qa_service.service import QAService

SLOW = Path(__file__).with_name("slow_ingest.py")


def test_kill_dash_nine_mid_ingest_keeps_previous_state(settings, tmp_path):
    embeddings = HashEmbeddings()
    Ingestor(settings, embeddings).ingest([SAMPLE])
    service = QAService(settings, embeddings)
    before = service.sql.stats()
    assert "-6.6%" in service.ask("2023年进出口完成情况如何？").answer

    other = tmp_path / "other.txt"
    other.write_text(SAMPLE.read_text(encoding="utf-8").replace("天元区", "芦淞区").replace("108 亿元", "99 亿元"), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(SLOW), str(settings.data_dir), str(other)],
                            stdout=subprocess.PIPE, text=True)
    answers: list[str] = []
    stop = threading.Event()

    def ask_while_ingesting() -> None:
        while not stop.is_set():
            answers.append(service.ask("2023年进出口完成情况如何？").answer)

    asker = threading.Thread(target=ask_while_ingesting)
    batches = 0
    for line in proc.stdout:
        if line.startswith("batch"):
            batches += 1
            if batches == 1:
                asker.start()
            if batches == 3:  # vectors of the new document are half written
                proc.send_signal(signal.SIGKILL)
                break
    proc.wait(timeout=30)
    stop.set()
    asker.join(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    assert answers and all("-6.6%" in a and "108" in a for a in answers)  # kept answering during the ingest

    after = QAService(settings, embeddings)
    assert after.sql.stats() == before  # the killed document is invisible
    assert "108" in after.ask("2023年进出口完成情况如何？").answer

    half = Ingestor(settings, embeddings)
    assert half.vectors.doc_ids() - half.sql.doc_ids()  # the killed ingest had written some vectors
    report = half.ingest([other])  # the next ingest completes and cleans up
    assert report.added == [str(other)]
    final = Ingestor(settings, embeddings)
    assert final.vectors.doc_ids() == final.sql.doc_ids() and len(final.sql.doc_ids()) == 2
