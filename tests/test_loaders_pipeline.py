from __future__ import annotations

import shutil
import zipfile

import pytest
from conftest import SAMPLE, HashEmbeddings

from ingest.loaders import load_file
from ingest.pipeline import Ingestor
from planqa.errors import CorruptFileError, EmptyDocumentError, UnsupportedFileError


def test_docx_with_table(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("某市 2025 年国民经济和社会发展计划草案")
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate([["主要指标", "2024年预计完成", "2025年计划"], ["1. 地区生产总值增速", "5.2%", "5%左右"],
                             ["2. 粮食总产量", "120 万吨", "121 万吨"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "plan.docx"
    d.save(str(path))
    text = load_file(path).text
    assert "1. 地区生产总值增速\t5.2%\t5%左右" in text


def test_gbk_text_and_html(tmp_path):
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("地区生产总值增长 6%。".encode("gbk"))
    assert "地区生产总值增长 6%" in load_file(gbk).text
    html = tmp_path / "r.html"
    html.write_text("<html><body><h1>报告</h1><p>进出口总额达 108 亿元。</p><table><tr><td>指标</td><td>2024年</td></tr>"
                    "<tr><td>进出口</td><td>5%</td></tr></table></body></html>", encoding="utf-8")
    text = load_file(html).text
    assert "进出口总额达 108 亿元。" in text and "进出口\t5%" in text


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("empty.txt", b"", EmptyDocumentError),
        ("blank.txt", b"   \n\n ", EmptyDocumentError),
        ("binary.txt", b"\x00\x01\x02" * 100, CorruptFileError),
        ("broken.pdf", b"%PDF-1.4 this is not a pdf", CorruptFileError),
        ("broken.docx", b"PK not a zip", CorruptFileError),
        ("table.xlsx", b"data", UnsupportedFileError),
    ],
)
def test_bad_files_get_clear_errors(tmp_path, name, content, error):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(error):
        load_file(path)


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(51 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(CorruptFileError, match="limit"):
        load_file(path)


def test_docx_zip_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\0" * (210 * 1024 * 1024))
    with pytest.raises(CorruptFileError, match="zip bomb"):
        load_file(path)


def test_ingest_sample_then_noop_then_replace_then_remove(settings, fake_embeddings, tmp_path):
    ingestor = Ingestor(settings, fake_embeddings)
    copy = tmp_path / "report.txt"
    shutil.copy(SAMPLE, copy)
    first = ingestor.ingest([copy])
    assert len(first.added) == 1 and first.indicators == 36 and first.facts > 100 and first.chunks > 40
    doc = ingestor.sql.documents()[0]
    assert doc.region == "株洲市天元区"
    assert ingestor.vectors.collection.count() == doc.n_chunks

    again = ingestor.ingest([copy])
    assert again.unchanged == [str(copy)] and not again.added

    copy.write_text(SAMPLE.read_text(encoding="utf-8").replace("108 亿元", "109 亿元"), encoding="utf-8")
    changed = ingestor.ingest([copy])
    assert changed.replaced == [str(copy)]
    docs = ingestor.sql.documents()
    assert len(docs) == 1 and docs[0].doc_id != doc.doc_id
    assert ingestor.vectors.doc_ids() == {docs[0].doc_id}
    assert any(f.value_text == "109 亿元" for f in ingestor.sql.facts())

    assert ingestor.remove(docs[0].doc_id)
    assert ingestor.sql.documents() == [] and ingestor.vectors.collection.count() == 0


def test_same_text_twice_in_one_run_is_stored_once(settings, fake_embeddings, tmp_path):
    for name in ("a.txt", "b.md"):
        shutil.copy(SAMPLE, tmp_path / name)
    report = Ingestor(settings, fake_embeddings).ingest([tmp_path / "a.txt", tmp_path / "b.md"])
    assert len(report.added) == 1 and report.unchanged == [str(tmp_path / "b.md")]


def test_folder_with_bad_files_ingests_the_good_ones(settings, fake_embeddings, tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SAMPLE, folder / "sub" / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.xlsx").write_bytes(b"x")
    report = Ingestor(settings, fake_embeddings).ingest([folder])
    assert len(report.added) == 1
    assert {p.rsplit("/", 1)[-1] for p, _ in report.failed} == {"empty.txt", "notes.xlsx"}
    assert all(reason for _, reason in report.failed)


def test_crash_before_commit_leaves_previous_state(settings, fake_embeddings, tmp_path, monkeypatch):
    ingestor = Ingestor(settings, fake_embeddings)
    ingestor.ingest([SAMPLE])
    before = ingestor.sql.stats()
    other = tmp_path / "other.txt"
    other.write_text(SAMPLE.read_text(encoding="utf-8").replace("天元区", "芦淞区"), encoding="utf-8")

    def boom(*_a, **_k):
        raise RuntimeError("simulated crash")

    monkeypatch.setattr(ingestor.sql, "replace_document", boom)
    report = ingestor.ingest([other])
    assert report.failed and not report.added
    assert ingestor.sql.stats() == before
    monkeypatch.undo()
    assert ingestor.collect_orphans() == 1  # vectors written before the crash are collected
    assert ingestor.vectors.doc_ids() == ingestor.sql.doc_ids()
    assert ingestor.ingest([other]).added


def test_report_counts_time_inside_the_model_for_each_ingestor(settings, fake_embeddings, tmp_path):
    first = Ingestor(settings, fake_embeddings)
    assert first.ingest([SAMPLE]).embed_seconds > 0
    other = tmp_path / "other.txt"
    other.write_text(SAMPLE.read_text(encoding="utf-8").replace("天元区", "芦淞区"), encoding="utf-8")
    second = Ingestor(settings, fake_embeddings, sql=first.sql, vectors=first.vectors)
    report = second.ingest([other])
    assert report.added and 0 < report.embed_seconds <= report.seconds


def test_a_report_is_embedded_in_one_large_call_and_chunks_per_second_are_reported(settings, tmp_path):
    """Small calls cost padding and per-call overhead: the backend must see the whole report to sort it."""
    calls: list[int] = []

    class Counting(HashEmbeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            calls.append(len(texts))
            return super().embed_documents(texts)

    report = Ingestor(settings, Counting()).ingest([SAMPLE])
    assert calls == [report.chunks] and report.chunks > settings.embedding_batch_size
    assert report.chunks_per_second == pytest.approx(report.chunks / report.seconds)


def test_files_are_read_while_earlier_ones_embed_and_the_bar_counts_every_chunk(settings, tmp_path, monkeypatch):
    """Reading is Python and the model is not: the last file must be read before the first one's embedding ends."""
    import threading

    import ingest.pipeline as pipeline

    folder = tmp_path / "reports"
    folder.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    for i, region in enumerate(["天元区", "芦淞区", "荷塘区"]):
        (folder / f"{i}.txt").write_text(text.replace("天元区", region), encoding="utf-8")
    last_read = threading.Event()
    read_in: set[str] = set()
    real_prepare = pipeline.prepare_file

    def prepare(path, *args):
        read_in.add(threading.current_thread().name)
        try:
            return real_prepare(path, *args)
        finally:
            if path.name == "2.txt":
                last_read.set()

    monkeypatch.setattr(pipeline, "prepare_file", prepare)
    overlapped: list[bool] = []

    class Waiting(HashEmbeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            if not overlapped:
                overlapped.append(last_read.wait(timeout=30))
            return super().embed_documents(texts)

    class Bar(pipeline.Progress):
        total = done = 0

        def extend(self, n: int) -> None:
            self.total += n

        def advance(self, n: int = 1) -> None:
            self.done += n

    bar = Bar()
    report = Ingestor(settings, Waiting()).ingest([folder], bar)
    assert overlapped == [True] and threading.current_thread().name not in read_in
    assert len(report.added) == 3 and bar.total == bar.done == report.chunks
