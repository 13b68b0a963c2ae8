"""The corpus's timeline: per year, the dates covering it and the passages with such a date,
and the same for the dates whose year the text states, counted as the dates are written.

A date adds one to each year from its first to its last: kept as the changes at the two ends
(+1 at the first year, -1 after the last), a date costs the same whether it is a day or a
millennium, and the years are summed up once at the end. A passage counts once in a year
however many of its dates cover it: its dates' spans are joined where they overlap first."""

from collections import Counter
from collections.abc import Iterator
from operator import itemgetter

COLUMNS = ("dates", "passages", "stated_dates", "stated_passages")
PASSAGE, YEAR_START, YEAR_END, ANCHOR = 1, 10, 11, 12  # in a row of the dates table


def joined(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Half-open spans (a first year and the year after the last; or a passage's characters)
    in order, overlapping ones joined."""
    if len(spans) < 2:
        return spans
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


class Timeline:
    def __init__(self):
        self.changes = {column: Counter() for column in COLUMNS}

    def merge(self, changes: dict[str, Counter]) -> None:
        """Another timeline's changes (a batch's, counted by its worker) added to these."""
        for column, counts in changes.items():
            self.changes[column].update(counts)

    def remove(self, dates: list[tuple]) -> None:
        """Rows of the dates table taken out of the corpus, each passage's together."""
        self.add(dates, sign=-1)

    def add(self, dates: list[tuple], sign: int = 1) -> dict[int, list[tuple[int, int]]]:
        """Rows of the dates table, each passage's together; returns the years each passage's
        dates cover, as joined spans, for the passages they cover any."""
        spans = {column: [] for column in COLUMNS}  # (first year, the year after the last)
        covered = {}
        passage, passage_dates, passage_stated = None, [], []
        for row in [*dates, (None,) * (ANCHOR + 1)]:  # the last passage ends at the sentinel
            if row[PASSAGE] != passage:
                if passage_dates:
                    covered[passage] = joined(passage_dates)
                    spans["passages"] += covered[passage]
                    spans["dates"] += passage_dates
                    spans["stated_dates"] += passage_stated
                    spans["stated_passages"] += joined(passage_stated)
                passage, passage_dates, passage_stated = row[PASSAGE], [], []
            if row[YEAR_START] is None:
                continue
            span = (row[YEAR_START], row[YEAR_END] + 1)
            passage_dates.append(span)
            if row[ANCHOR] is None:
                passage_stated.append(span)
        for column in COLUMNS:  # counted in C, once a batch
            starts = Counter(map(itemgetter(0), spans[column]))
            ends = Counter(map(itemgetter(1), spans[column]))
            self.changes[column].update(starts if sign > 0 else ends)
            self.changes[column].subtract(ends if sign > 0 else starts)
        return covered

    def rows(self) -> Iterator[dict]:
        """A row for each year some date covers, in order; of a timeline with dates taken
        out, each year whose counts change, by how much."""
        points = sorted(set().union(*self.changes.values()))
        running = dict.fromkeys(COLUMNS, 0)
        for point, following in zip(points, points[1:], strict=False):
            for column in COLUMNS:
                running[column] += self.changes[column][point]
            if any(running.values()):
                for year in range(point, following):
                    yield {"year": year, **running}
