"""A report names a measure once for the figures that follow: "集装箱航线147条、吞吐量2329万标准箱" gives the
container throughput, "单产连续3年居首位，总产量达到853.2亿斤" after a word on 粮食 the grain output. The
head of the indicator's name ("集装箱", "粮食") is said in an earlier clause of the sentence and a later clause
opens with the measure ("吞吐量", "总产量") and its figure. Checked with the head written in; quoted as written."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from qa_service.vocabulary import Indicator

# the measures a report leaves the head off: amounts of one thing, never a thing of their own
MEASURE_TAILS = ("总产量", "总产", "产量", "吞吐量", "总里程", "里程", "总额", "总量")


def spelled_out(indicators: Sequence[Indicator], text: str) -> tuple[str, Callable[[str], str]]:
    """(the sentence with the elided head written in, a function that takes a fragment of it back to the words
    of the sentence); the sentence unchanged when it names every indicator or leaves none's head off."""
    for ind in indicators:
        if any(form.lower() in text.lower() for form in ind.forms):
            continue
        for form in ind.forms:
            tail = next((t for t in MEASURE_TAILS if form.endswith(t) and len(form) - len(t) >= 2), None)
            if tail is None:
                continue
            head = form[: -len(tail)]
            m = re.search(rf"{re.escape(head)}[^。；;]*?[、，,]\s*(?={re.escape(tail)}[^、，,；;。]*?\d)", text)
            if m:
                at = m.end()
                return text[:at] + head + text[at:], lambda fragment, h=head, t=tail: fragment.replace(h + t, t, 1)
    return text, lambda fragment: fragment
