"""The stored 绩效自评 of a table, scored by the core, written as 自评表 (.xlsx/.pdf) or report (.docx)."""

from __future__ import annotations

from django.http import Http404, HttpResponse

from jixiao.core.scoring import ScoringError
from jixiao.web.documents.files import attachment
from jixiao.web.monitoring import scoring
from jixiao.web.monitoring.models import SelfEvaluation
from jixiao.web.targets import convert


def evaluation_file(table, fmt: str) -> HttpResponse:
    evaluation = SelfEvaluation.objects.filter(table=table).first()
    if evaluation is None:
        raise Http404("这张目标表还没有填报绩效自评")
    rows = scoring.indicator_rows(table)
    entries = {e.indicator_id: e for e in evaluation.entries.all()}
    rules = scoring.evaluation_rules(evaluation)
    label = scoring.rules_label(rules)
    try:
        result = scoring.evaluate(evaluation, rows, entries, rules)
    except ScoringError as err:
        return HttpResponse(f"绩效自评有错误，无法生成文件：{err.message}", status=409,
                            content_type="text/plain; charset=utf-8")
    core = convert.core_table(table, rows)
    execution = scoring.execution_of(evaluation)

    def write(buffer):
        if fmt == "xlsx":
            from jixiao.core.xlsx import write_self_evaluation_xlsx

            write_self_evaluation_xlsx(core, result, buffer, execution=execution, goal_actual=evaluation.goal_actual,
                                       rules=label)
        elif fmt == "pdf":
            from jixiao.core.pdf import write_self_evaluation_pdf

            write_self_evaluation_pdf(core, result, buffer, execution=execution, goal_actual=evaluation.goal_actual,
                                       rules=label)
        else:
            from jixiao.core.docx_report import write_self_evaluation_docx

            write_self_evaluation_docx(core, result, buffer, execution=execution, goal_actual=evaluation.goal_actual,
                                       rules=label)

    name = f"{core.name}{table.year}年度" + ("绩效自评报告" if fmt == "docx" else "项目支出绩效自评表")
    return attachment(write, fmt, name, f"evaluation-{table.pk}")
