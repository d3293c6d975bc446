"""A plan against its outcome, in words only (a verdict adds no figure): by the indicator's direction, and by
the sign of a change ("降低4%左右" against "下降1.2%" is a target missed, whatever the indicator)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from planqa.figures import parse_figure
from planqa.patterns import FIGURE_TEXT, TURN_VERB
from qa_service.evidence import RowEvidence
from qa_service.vocabulary import vocabulary

if TYPE_CHECKING:
    from qa_service.compose import PartAnswer

FALL_BEFORE = re.compile(r"(?:下降|减少|降低|回落|下滑|收窄)(?:了)?$")  # said right before a figure: it fell
# "由前三年分别上升4.9％、5.5％、0.2％，转为下降1.2%", "由上年的52%提高到55%": the figures before the turn are
# other years', the year's own figure comes after it
TURNED = re.compile(rf"(?:由|从)[^。；]*?(?={TURN_VERB})")


def direction_of(name: str) -> str:
    found = vocabulary().find_indicators(name)
    return found[0][1].direction if found else "higher"


def is_year(text: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d{2}\s*年?", text.strip()))


def own_figures(fragment: str) -> str:
    """The part of a fragment that states the year's own figures: after "由…转为", if it says so."""
    turned = TURNED.search(fragment)
    return fragment[turned.end() :] if turned and re.search(r"\d", fragment[turned.end() :]) else fragment


def verdict(plan: float, actual: float, direction: str, lang: str, noun: str = "目标", change: bool = False) -> str:
    """An unemployment rate under its ceiling is within the plan, not "below" it. A change compared by its sign
    (a fall is negative) says only met or missed: "above the target" of a fall would read both ways."""
    en = "plan" if noun == "计划" else "target"
    if direction == "none":
        return ""
    met = actual <= plan if direction in ("lower", "ceiling") else actual >= plan
    if change:
        words = (f"完成{noun}", f"met the {en}") if met else (f"未完成{noun}", f"did not meet the {en}")
    elif direction in ("lower", "ceiling"):
        words = (f"控制在{noun}以内", f"within the {en}") if met else (f"高于{noun}", f"above the {en}")
    else:
        words = (f"完成{noun}", f"met the {en}") if met else (f"低于{noun}", f"below the {en}")
    return words[1] if lang == "en" else words[0]


def row_verdict(row: RowEvidence, lang: str) -> str:
    for actual in (c for c in row.cells if c.kind == "actual" and c.value is not None):
        plans = [c for c in row.cells if c.kind != "actual" and c.year == actual.year and c.value is not None]
        if plans:
            said = verdict(plans[0].value, actual.value, direction_of(row.indicator), lang, noun="计划")
            return (f" ({said})" if lang == "en" else f"，{said}") if said else ""
    return ""


def comparison(parts: list[PartAnswer], lang: str) -> list[str]:
    """"目标…实际…": the outcome against the target, when both were found for the same indicator."""
    plans = [p for p in parts if p.question.intent == "plan" and p.sentences and p.question.indicators]
    actuals = [p for p in parts if p.question.intent == "actual" and p.sentences and p.question.indicators]
    for plan in plans:
        for actual in actuals:
            ind = plan.question.indicators[0]
            if actual.question.indicators[0] is not ind:
                continue
            planned = _values(plan.sentences[0].fragment)[:1]
            # like with like: a growth target against the growth achieved, never against the level ("5696亿元")
            achieved = [v for v in _values(actual.sentences[0].fragment) if planned and v[1] == planned[0][1]]
            if not planned or not achieved:
                continue
            (p_val, _, p_fell), (a_val, _, a_fell) = planned[0], achieved[0]
            said = verdict(p_val, a_val, ind.direction, lang, change=p_fell or a_fell)
            if said:
                return [f"the outcome {said}" if lang == "en" else f"实际{said}"]
    return []


def _values(fragment: str) -> list[tuple[float, str, bool]]:
    """The fragment's own figures with their units ("%" for ％ too) and whether each is a fall (then negative),
    years left out."""
    fragment = own_figures(fragment)
    out = []
    for m in FIGURE_TEXT.finditer(fragment):
        if not is_year(m.group(0)):
            fig = parse_figure(m.group(0))
            fell = bool(FALL_BEFORE.search(fragment[max(0, m.start() - 4) : m.start()]))
            if fig.value is not None:
                out.append((-fig.value if fell else fig.value, (fig.unit or "").replace("％", "%"), fell))
    return out
