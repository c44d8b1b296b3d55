"""`jixiao evaluate` on the JSON built from the stored evaluation gives the web page's numbers."""

import json
from argparse import Namespace

import pytest
from django.urls import reverse

from jixiao.commands import evaluate

from .test_evaluation_demo import ENTRIES, GRADE, TOTAL, form_data
@pytest.fixture
def xinfang(xinfang, approve):
    """信访事项经费, approved: monitoring and evaluation measure approved targets."""
    return approve(xinfang)


def test_json_download_scores_like_the_page(client, cast, xinfang, tmp_path, capsys):
    client.force_login(cast.alice)
    url = reverse("monitoring:evaluation", args=[xinfang.pk])
    assert client.post(url, {**form_data(xinfang), "save": "1"}).status_code == 302
    page = client.get(reverse("monitoring:evaluation_sheet", args=[xinfang.pk])).context["result"]

    download = client.get(reverse("monitoring:evaluation_json", args=[xinfang.pk]))
    assert download.status_code == 200
    path = tmp_path / "evaluation.json"
    path.write_bytes(download.content)
    assert evaluate.run(Namespace(file=str(path), reverse_formula="linear")) == 0
    (cli,) = json.loads(capsys.readouterr().out)["tables"]

    assert (cli["score"], cli["grade"]) == (str(page.total), page.grade) == (str(TOTAL), GRADE)
    assert cli["budget"]["score"] == str(page.budget.score) == "9.50"
    assert [(i["weight"], i["score"], i["status"]) for i in cli["indicators"]] == \
        [(str(r.weight), str(r.score), r.status) for r in page.indicators]
    assert [i["score"] for i in cli["indicators"]] == [expected for *_, expected in ENTRIES]
    assert [i["explanation"] for i in cli["indicators"]] == [r.explanation for r in page.indicators]
