"""The 项目支出绩效自评表 page: the core's official layout (shared with the Excel and PDF writers),
each indicator line paired with its stored row and its scored result (for the explanation)."""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.core.evaluation_layout import EvaluationSheet, ScoreRow, evaluation_sheet
from jixiao.core.scoring import RATING_LABELS, IndicatorResult, TableResult
from jixiao.web.monitoring import scoring
from jixiao.web.targets import convert


@dataclass
class SheetLine:
    row: object  # targets.Indicator
    cells: ScoreRow  # what the official layout prints (block points, merged-cell spans)
    result: IndicatorResult

    @property
    def actual(self) -> str:
        if self.result.status == "not_applicable":
            return "不适用"
        return self.cells.actual or RATING_LABELS.get(self.result.rating, "")


def sheet(evaluation, rows, result: TableResult) -> tuple[EvaluationSheet, list[SheetLine]]:
    layout = evaluation_sheet(convert.core_table(evaluation.table, rows), result,
                              execution=scoring.execution_of(evaluation), goal_actual=evaluation.goal_actual)
    return layout, [SheetLine(*line) for line in zip(rows, layout.rows, result.indicators)]
