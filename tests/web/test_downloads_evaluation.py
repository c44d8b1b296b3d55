"""Downloads of a stored 绩效自评: who may, and the links (their content: tests/golden)."""

from decimal import Decimal

import pytest

from jixiao.core.scoring import is_rated
from jixiao.web.monitoring import scoring
from jixiao.web.monitoring.models import EvaluationEntry, SelfEvaluation
from jixiao.web.targets import convert


@pytest.fixture
def xinfang(xinfang, approve):
    """信访事项经费, approved: monitoring and evaluation measure approved targets."""
    return approve(xinfang)


GOAL_ACTUAL = "全年劝返接送到位，两会期间驻点无非正常上访。"
REASON = "下半年人手不足；明年增配专人。"


@pytest.fixture
def evaluation(xinfang, cast):
    ev = SelfEvaluation.objects.create(table=xinfang, budget_initial=Decimal(181000),
                                       budget_full_year=Decimal(181000), spent=Decimal(171950),
                                       goal_actual=GOAL_ACTUAL, updated_by=cast.alice)
    for row in scoring.indicator_rows(xinfang):
        if is_rated(convert.core_indicator(row)):
            # the four rated 效益 indicators share 30 points: 达成 with full marks
            EvaluationEntry.objects.create(evaluation=ev, indicator=row, rating="met", rating_score=Decimal("7.5"))
        elif row.name == "接返工作任务完成率":  # 100% wanted, 95% done
            EvaluationEntry.objects.create(evaluation=ev, indicator=row, actual="95%", deviation_analysis=REASON)
        else:
            EvaluationEntry.objects.create(evaluation=ev, indicator=row, actual=row.annual_text)
    return ev


def test_refused_for_other_units_and_without_evaluation(client, cast, evaluation, xinfang):
    client.force_login(cast.bob)
    for fmt in ("xlsx", "pdf", "docx"):
        assert client.get(f"/tables/{xinfang.pk}/evaluation/download/{fmt}/").status_code == 404
    client.force_login(cast.alice)
    evaluation.delete()
    assert client.get(f"/tables/{xinfang.pk}/evaluation/download/xlsx/").status_code == 404
    assert client.get(f"/tables/{xinfang.pk}/evaluation/download/json/").status_code == 404


def test_sheet_page_links_the_downloads(client, cast, evaluation, xinfang):
    client.force_login(cast.alice)
    page = client.get(f"/tables/{xinfang.pk}/evaluation/sheet/").content.decode()
    for fmt in ("xlsx", "pdf", "docx"):
        assert f'href="/tables/{xinfang.pk}/evaluation/download/{fmt}/"' in page
    evaluation.delete()
    assert "/evaluation/download/" not in client.get(f"/tables/{xinfang.pk}/evaluation/sheet/").content.decode()
