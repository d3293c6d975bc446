"""Indicator tables ("主要指标" × 2023年计划 / 2023年预计完成 / 2024年计划/区计划 ...) into typed rows."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planqa.figures import is_value_cell, parse_figure
from planqa.patterns import YEAR_MAYBE_NIAN
from planqa.records import IndicatorRow

NUMBERING = re.compile(r"^(?:\d{1,2}[.．、]\s*|[（(]\d{1,2}[）)]\s*|[一二三四五六七八九十]+、\s*)")
SUB_ROW = re.compile(r"^(?:其中[：:]\s*|#\s*)")


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
    columns: list[str] = field(default_factory=list)  # header path per column
    name_col: int = 0  # the column naming the indicator (after a 序号 column, say)
    unit_col: int | None = None  # a 单位 column, whose unit applies to bare numbers in the row
    value_cols: list[int] = field(default_factory=list)


NON_VALUE_HEADER = re.compile(r"单位|序号|编号|备注|说明|属性|类别|类型|指标名称|^指标$|^项目$")


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
    columns = ["/".join(grid[r][c] for r in range(len(grid)) if grid[r][c]) for c in range(width)]
    name_col = _name_column(rows, width)
    unit_col = next((c for c in range(width) if "单位" in columns[c]), None)
    value_cols = [c for c in range(name_col + 1, width) if columns[c] and not NON_VALUE_HEADER.search(columns[c])]
    return Table(title, header, rows, columns, name_col, unit_col, value_cols)


def _name_column(rows: list[TableLine], width: int) -> int:
    """The first column most of whose cells are words, not figures (skips a 序号 column)."""
    for c in range(width):
        cells = [ln.cells[c].strip() if c < len(ln.cells) else "" for ln in rows]
        wordy = sum(1 for cell in cells if cell and not is_value_cell(cell) and not cell.isdigit())
        if wordy >= 0.6 * len(cells):
            return c
    return 0


def _column_meaning(path: str) -> tuple[int | None, str, str]:
    year_match = YEAR_MAYBE_NIAN.search(path)
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
        cells = line.cells + [""] * (len(table.columns) - len(line.cells))
        name = " ".join(cells[table.name_col].split())
        if not name:
            continue
        written = SUB_ROW.sub("", NUMBERING.sub("", name))
        norm = re.sub(r"\s+", "", written)
        row_unit = cells[table.unit_col].strip() if table.unit_col is not None else ""
        for index in table.value_cols:
            cell = cells[index]
            if not cell.strip():
                continue
            figure = parse_figure(cell)
            if row_unit and figure.value is not None and not figure.unit:
                number = figure.text[: len(figure.text) - len(figure.qualifier)].rstrip()
                figure = parse_figure(f"{number}{row_unit}{figure.qualifier}")
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
