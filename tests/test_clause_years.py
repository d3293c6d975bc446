"""A question of two clauses may ask each of its own year: "…2031年实际增长多少？2032年计划增长多少？" asks the
outcome of one year and the target of the next. A clause that only names reports ("（见2032年和2033年报告）")
asks no year of its own."""

from __future__ import annotations

from qa_service.query import analyse


def test_each_clause_keeps_its_own_year():
    q = analyse("2032年政府工作报告中，2031年国内生产总值实际增长多少？2032年计划增长多少？")
    assert [(p.years, p.intent) for p in q.parts] == [([2031], "actual"), ([2032], "plan")]


def test_a_clause_naming_reports_borrows_the_asked_year():
    q = analyse("2031年粮食产量的目标和实际完成情况各是多少？（分别见2031年和2032年政府工作报告）")
    assert {tuple(p.years) for p in q.parts} == {(2031,)}
