"""A clause that gives the urban and the rural side their figures in turn ("城镇和农村居民人均可支配收入分别
增长4.3%、5.3%"): each side is shown its own figure, in the order the reports write the sides."""

from __future__ import annotations

import re

SIDES = ("城镇", "农村")  # 城乡 is written urban first
JOINT = re.compile(r"城乡|城镇(?:居民)?[和与、]农村")
LISTED = re.compile(r"分别(增长|下降|达到|达|为|是)?([^，,。；;]*)")


def respective(indicator_name: str, fragment: str) -> str:
    """The side's own figure with the word before the list ("增长5.3%"); "" when the clause is not such a list."""
    side = next((i for i, s in enumerate(SIDES) if indicator_name.startswith(s)), None)
    listed = LISTED.search(fragment)
    if side is None or not listed or not JOINT.search(fragment[: listed.start()]):
        return ""
    figures = [f.strip() for f in re.split(r"[、和]", listed.group(2)) if f.strip()]
    return f"{listed.group(1) or ''}{figures[side]}" if len(figures) == len(SIDES) else ""
