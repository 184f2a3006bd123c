"""A dataset's rows, read one at a time, into its `Table` (columns, row count, preview) and its
units of rows, within the row and cell limits.

CSV, XLSX and ODS readers all feed rows here as they stream them, so a sheet is never held
whole: only its text per unit, its first rows and its counts. The limits count every cell
a reader hands over, empty or not, across all the sheets of a file, so a sheet that claims
ten million cells costs the worker the time to count up to the limit and no more.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from library.errors import ExtractionError
from library.indexing.units import row_line, slug, span_end
from library.models import Location, Table

# Rows shown on a dataset's page, and kept with its record.
PREVIEW_ROWS = 20
# A preview cell longer than this is cut (the whole text is still indexed).
_PREVIEW_CELL_CHARS = 200
_MAX_CAPTIONS = 5


@dataclass(frozen=True)
class TableLimits:
    """Most rows and cells one file may hold (`Settings.max_rows`, `max_cells`)."""

    max_rows: int = 1_000_000
    max_cells: int = 2_000_000


@dataclass
class Budget:
    """What a file has used of its limits so far, shared by its sheets."""

    limits: TableLimits
    rows: int = 0
    cells: int = 0

    def spend(self, cells: int, *, rows: int = 1) -> None:
        """Count `rows` rows of `cells` cells each.

        Raises:
            ExtractionError: `too-large` once over either limit.
        """
        self.rows += rows
        self.cells += cells * rows
        if self.rows > self.limits.max_rows:
            raise ExtractionError(
                "too-large", f"more than {self.limits.max_rows:,} rows (the limit, max_rows)"
            )
        if self.cells > self.limits.max_cells:
            raise ExtractionError(
                "too-large", f"more than {self.limits.max_cells:,} cells (the limit, max_cells)"
            )

    def check_declared(self, rows: int, columns: int, sheet: str) -> None:
        """Refuse at once a sheet whose own dimension says it is over the limits."""
        if rows > self.limits.max_rows or rows * columns > self.limits.max_cells:
            raise ExtractionError(
                "too-large",
                f"sheet {sheet!r} declares {rows:,} rows by {columns:,} columns, more than "
                f"the limits ({self.limits.max_rows:,} rows, {self.limits.max_cells:,} cells)",
            )


@dataclass
class _Unit:
    first: int
    last: int
    lines: list[str] = field(default_factory=list)


class TableBuilder:
    """One sheet (or a CSV), row by row: the first non-blank row is its header."""

    def __init__(self, name: str, budget: Budget) -> None:
        self.name = name
        self.budget = budget
        self.columns: tuple[str, ...] | None = None
        self.header_row = 0
        self.rows = 0
        self.preview: list[tuple[str, ...]] = []
        self.units: list[_Unit] = []
        # One-cell rows above the header ("Spending over £500, April 2025"): the sheet's
        # caption, not its columns, when a wider row follows.
        self.captions: list[tuple[int, str]] = []

    def _start(self, number: int, cells: Sequence[str], line: str) -> None:
        self.columns = _trimmed(cells)
        self.header_row = number
        lines = [text for _, text in self.captions] + [line]
        self.units.append(_Unit(self.captions[0][0] if self.captions else number, number, lines))

    def add(
        self, number: int, cells: Sequence[str], *, counted: int | None = None, repeat: int = 1
    ) -> None:
        """Row `number` (1-based, as the sheet shows it) with its cells as text. `counted`
        is how many cells it stands for, when a reader collapsed repeated cells; `repeat`
        how many times the row itself is repeated (rows `number`, `number + 1`...)."""
        width = len(cells) if counted is None else counted
        self.budget.spend(width, rows=repeat)  # all of them, before any is read
        line = row_line(cells)
        if not line:
            return
        for n in range(number, number + repeat):
            self._row(n, cells, line)

    def _row(self, number: int, cells: Sequence[str], line: str) -> None:
        if self.columns is None:
            if sum(1 for c in cells if c.strip()) > 1:
                self._start(number, cells, line)
                return
            if len(self.captions) < _MAX_CAPTIONS:
                self.captions.append((number, line))  # a title above the header, perhaps
                return
            self.finish()  # a one-column table, then
        self._data_row(number, cells, line)

    def _data_row(self, number: int, cells: Sequence[str], line: str) -> None:
        assert self.columns is not None
        self.rows += 1
        if len(self.preview) < PREVIEW_ROWS:
            width = max(len(self.columns), len(_trimmed(cells)))
            self.preview.append(tuple(_preview_cell(c) for c in _padded(cells, width)))
        unit = self.units[-1]
        header_only = unit.last == self.header_row
        if not header_only and span_end(number) != span_end(unit.last):
            unit = _Unit(number, number)
            self.units.append(unit)
        unit.last = number
        unit.lines.append(line)

    @property
    def caption(self) -> str | None:
        """The first one-cell row above the header: how the sheet titles itself."""
        first = self.units[0] if self.units else None
        if first is None or first.first == self.header_row:
            return None
        return first.lines[0]

    def finish(self) -> None:
        """A sheet of one-cell rows only: its first row is its header after all."""
        if self.columns is None and self.captions:
            (number, line), rest = self.captions[0], self.captions[1:]
            self.captions = []
            self._start(number, [line], line)
            for later, text in rest:
                self._data_row(later, [text], text)

    def table(self) -> Table | None:
        self.finish()
        if self.columns is None:
            return None
        return Table(self.name, self.columns, self.rows, tuple(self.preview))

    def located_units(self) -> list[tuple[Location, str]]:
        """Each unit's location and text. A sheet in one unit is "Sheet: NAME"; a longer one
        "Sheet: NAME, rows 2-500"; a CSV's are "Rows 2-500" (the header row in the first)."""
        self.finish()
        out: list[tuple[Location, str]] = []
        whole = len(self.units) == 1
        for unit in self.units:
            first = self.header_row + 1 if unit is self.units[0] and self.rows else unit.first
            span = f"{first}-{unit.last}" if unit.last > first else f"{first}"
            word = "rows" if unit.last > first else "row"
            if self.name and whole:
                location = Location(f"Sheet: {self.name}", f"sheet-{slug(self.name, 'sheet')}")
            elif self.name:
                location = Location(
                    f"Sheet: {self.name}, {word} {span}",
                    f"sheet-{slug(self.name, 'sheet')}-rows-{first}-{unit.last}",
                )
            else:
                location = Location(f"{word.capitalize()} {span}", f"rows-{first}-{unit.last}")
            out.append((location, "\n".join(unit.lines)))
        return out


def _trimmed(cells: Sequence[str]) -> tuple[str, ...]:
    values = [c.strip() for c in cells]
    while values and not values[-1]:
        values.pop()
    return tuple(values)


def _padded(cells: Sequence[str], width: int) -> list[str]:
    values = list(cells[:width])
    return values + [""] * (width - len(values))


def _preview_cell(value: str) -> str:
    text = " ".join(value.split())
    return text if len(text) <= _PREVIEW_CELL_CHARS else text[: _PREVIEW_CELL_CHARS - 1] + "…"
