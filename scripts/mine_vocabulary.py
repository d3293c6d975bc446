"""Mine the indicator vocabulary from a folder of reports: how many documents use each form of each
indicator in qa_service/data/vocabulary.toml, and the frequent prose-fact subjects it does not cover yet.

    .venv/bin/python scripts/mine_vocabulary.py ../shared/corpus [--store DATA_DIR] [--top 40]

Prints numbers only; a person decides what goes into the vocabulary file (and notes where it came from)."""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

from planqa.text import decode_text
from qa_service.vocabulary import vocabulary

LEAD = re.compile(r"^(?:全省|全市|全区|全国|全年|预计|其中|累计|实现|完成|新增|力争)+")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="reports (.txt) to count in, e.g. ../shared/corpus")
    parser.add_argument("--store", type=Path, help="a PlanQA data dir whose prose facts to mine for new subjects")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    texts = [decode_text(p.read_bytes()) for p in sorted(args.folder.rglob("*.txt"))]
    print(f"{len(texts)} documents\n")
    vocab = vocabulary()
    for ind in vocab.indicators:
        counts = ", ".join(f"{form} {sum(form in t for t in texts)}" for form in ind.forms)
        print(f"{ind.name} [{ind.direction}]: {counts}")
    if args.store:
        from planqa.settings import Settings
        from planqa.stores import SqlStore

        sql = SqlStore(Settings(data_dir=args.store).sqlalchemy_url)
        subjects: Counter[str] = Counter()
        for fact in sql.facts():
            subject = LEAD.sub("", fact.subject)[-12:]
            if subject and not vocab.find_indicators(subject):
                subjects[subject] += 1
        print(f"\nfrequent fact subjects no indicator covers (top {args.top}):")
        for subject, n in subjects.most_common(args.top):
            print(f"  {n:5d}  {subject}")


if __name__ == "__main__":
    main()
