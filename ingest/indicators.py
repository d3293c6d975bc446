"""Indicator tables ("主要指标" × 2023年计划 / 2023年预计完成 / 2024年计划/区计划 ...) into typed rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planqa.figures import is_value_cell, parse_figure
from planqa.records import IndicatorRow

NUMBERING = re.compile(r"^(?:\d{1,2}[.．、]\s*|[（(]\d{1,2}[）)]\s*|[一二三四五六七八九十]+、\s*)")
SUB_ROW = re.compile(r"^(?:其中[：:]\s*|#\s*)")
YEAR = re.compile(r"((?:19|20)\d{2})\s*年?")


@dataclass
class TableLine:
    cells: list[str]
    text: str
    start: int
    end: int


@dataclass
class Table:
    title: str
    header: list[TableLine]
    rows: list[TableLine]
    columns: list[str] = field(default_factory=list)  # header path per value column (index 1..)


def find_tables(text: str) -> list[Table]:
    """Runs of tab-separated lines; the nearest short line above is the table's title."""
    tables: list[Table] = []
    run: list[TableLine] = []
    title = ""
    last_plain = ""
    offset = 0
    for line in text.split("\n") + [""]:
        if "\t" in line:
            if not run:
                title = last_plain
            run.append(TableLine(line.split("\t"), line, offset, offset + len(line)))
        else:
            if run:
                table = _build(title, run)
                if table:
                    tables.append(table)
                run = []
            if line.strip() and len(line.strip()) <= 80:
                last_plain = line.strip()
        offset += len(line) + 1
    return tables


def _build(title: str, lines: list[TableLine]) -> Table | None:
    first_data = next(
        (i for i, ln in enumerate(lines) if any(is_value_cell(c) for c in ln.cells[1:]) and ln.cells[0].strip()),
        None,
    )
    if first_data is None:
        return None
    header, rows = lines[:first_data], lines[first_data:]
    width = max(len(ln.cells) for ln in lines)
    grid = [[" ".join(c.split()).replace(" ", "") for c in ln.cells] + [""] * (width - len(ln.cells)) for ln in header]
    for r in range(len(grid)):
        for c in range(2, width):
            below = any(grid[k][c] for k in range(r + 1, len(grid)))
            if not grid[r][c] and below:
                grid[r][c] = grid[r][c - 1]  # a cell spanning the columns under it
    columns = [""] + ["/".join(grid[r][c] for r in range(len(grid)) if grid[r][c]) for c in range(1, width)]
    return Table(title=title, header=header, rows=rows, columns=columns)


def _column_meaning(path: str) -> tuple[int | None, str, str]:
    year_match = YEAR.search(path)
    year = int(year_match.group(1)) if year_match else None
    if re.search(r"完成|实际|实绩|预计", path):
        kind = "actual"
    elif "目标" in path:
        kind = "target"
    else:
        kind = "plan"
    parts = path.split("/")
    scope = parts[-1] if len(parts) > 1 else ""
    return year, kind, scope


def indicator_rows(doc_id: str, table: Table) -> list[IndicatorRow]:
    out: list[IndicatorRow] = []
    for line in table.rows:
        name = " ".join(line.cells[0].split())
        if not name:
            continue
        written = SUB_ROW.sub("", NUMBERING.sub("", name))
        norm = re.sub(r"\s+", "", written)
        for index, cell in enumerate(line.cells[1:], start=1):
            if not cell.strip() or index >= len(table.columns) or not table.columns[index]:
                continue
            figure = parse_figure(cell)
            year, kind, scope = _column_meaning(table.columns[index])
            out.append(
                IndicatorRow(
                    doc_id=doc_id,
                    indicator=written,
                    indicator_norm=norm,
                    column=table.columns[index],
                    year=year,
                    kind=kind,
                    scope=scope,
                    value_text=figure.text,
                    value=figure.value,
                    unit=figure.unit,
                    qualifier=figure.qualifier,
                    table_title=table.title,
                    row_text=line.text,
                    start=line.start,
                    end=line.end,
                )
            )
    return out
