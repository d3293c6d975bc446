from __future__ import annotations

import json

from eval.feedback import feedback_to_gold
from eval.gold import GoldItem, answer_correct, citation_support, evidence_rank
from eval.harness import metrics, run
from eval.report import write_report


def item(**kw) -> GoldItem:
    base = {"id": "q", "question": "2023年进出口完成情况如何？", "answer_all": [["-6.6%"], ["108亿元", "108 亿元"]],
            "evidence_any": ["预计全年进出口总额达 108 亿元"], "found": True, "kind": "table", "lang": "zh"}
    return GoldItem(**{**base, **kw})


CITES = [{"id": 1, "text": "4. 进出口总额增速\t8%左右\t-6.6%", "title": "天元区报告", "source": "x"},
         {"id": 2, "text": "……，预计全年进出口总额达 108 亿元。", "title": "天元区报告", "source": "x"}]


def test_scoring_ignores_whitespace_and_needs_every_group():
    assert answer_correct(item(), "完成-6.6%，达 108亿元", True)
    assert not answer_correct(item(), "完成-6.6%", True)
    assert not answer_correct(item(), "-6.6% 108亿元", False)
    assert answer_correct(item(found=False, answer_all=[]), "没有", False)
    assert evidence_rank(item(), CITES) == 2
    assert evidence_rank(item(doc_any=["北京"]), CITES) is None
    assert citation_support("-6.6%[1]，108 亿元[2]", CITES) == 1.0
    assert citation_support("-6.6%[1]，118 亿元[2]", CITES) == 0.5


def test_a_figure_matches_whole_and_a_ranges_dash_is_no_minus_sign():
    from eval.gold import contains_whole

    assert not contains_whole("下降-6.6%", "6.6%") and not contains_whole("增长16%", "6%")
    assert contains_whole("从2013年10月1日-2015年12月31日", "2015年12月31日")
    assert contains_whole("用3-5年时间", "5年") and not contains_whole("为-5年", "5年")


def test_metrics_and_report(tmp_path):
    answers = {"a": {"answer": "-6.6% 108 亿元", "found": True, "citations": CITES},
               "b": {"answer": "没有", "found": False, "citations": []}}
    items = [item(id="a"), item(id="b", kind="unanswerable", found=False, answer_all=[], evidence_any=[])]
    results = run(items, lambda i: answers[i.id])
    summary = metrics(results)
    assert summary["overall"]["answer_correct"] == 1.0 and summary["overall"]["evidence_hit@1"] == 0.0
    assert summary["overall"]["evidence_hit@3"] == 1.0 and summary["by_kind"]["unanswerable"]["not_found_recall"] == 1.0
    write_report(results, summary, {"bm25-jieba": {"evidence_hit@1": 0.5, "evidence_hit@3": 1.0, "evidence_hit@5": 1.0}}, tmp_path)
    assert {p.name for p in tmp_path.iterdir()} >= {"report.md", "report.html", "results.jsonl", "metrics.json", "chart.png"}
    assert "bm25-jieba" in (tmp_path / "report.md").read_text(encoding="utf-8")


def test_feedback_becomes_a_gold_draft(tmp_path):
    source = tmp_path / "feedback.jsonl"
    rows = [{"vote": "up", "question": "研发强度多少？", "answer": "根据报告：全社会研发投入强度达到 4.1%[1]。", "found": True,
             "citations": [{"text": "坚持创新驱动发展战略，全社会研发投入强度达到 4.1%。"}]},
            {"vote": "down", "question": "人口多少？", "answer": "……", "found": False, "citations": []}]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    assert feedback_to_gold(source, tmp_path / "draft.jsonl") == 2
    drafts = [json.loads(line) for line in (tmp_path / "draft.jsonl").read_text(encoding="utf-8").splitlines()]
    assert drafts[0]["answer_all"] == [["4.1%"]] and drafts[0]["evidence_any"]
    assert "thumbs-down" in drafts[1]["review"]
    GoldItem(**{k: v for k, v in drafts[0].items() if k != "review"})
