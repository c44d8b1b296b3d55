"""Every form control on the fill-in pages has a programmatic label naming the indicator and the field."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

CONTROLS = {"input", "select", "textarea"}


class Controls(HTMLParser):
    """Form controls with their accessible name (aria-label, <label for>, or the wrapping <label>'s text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.controls = []  # dicts: tag, attrs, row (attrs of the enclosing <tr>), wrapped (label texts)
        self.label_for: dict[str, list[str]] = {}
        self.labels: list[dict] = []  # open <label>s: {"for", "text", "controls"}
        self.rows: list[dict] = []
        self.in_options = 0

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "label":
            self.labels.append({"for": attrs.get("for"), "text": [], "controls": []})
        elif tag == "tr":
            self.rows.append(attrs)
        elif tag in CONTROLS or (tag == "button" and "aria-label" in attrs):
            control = {"tag": tag, "attrs": attrs, "row": self.rows[-1] if self.rows else {}, "wrapped": []}
            self.controls.append(control)
            if self.labels:
                self.labels[-1]["controls"].append(control)
            if tag in ("select", "textarea"):
                self.in_options += 1

    def handle_endtag(self, tag):
        if tag == "label" and self.labels:
            label = self.labels.pop()
            text = "".join(label["text"]).strip()
            if label["for"]:
                self.label_for.setdefault(label["for"], []).append(text)
            for control in label["controls"]:
                control["wrapped"].append(text)
        elif tag == "tr" and self.rows:
            self.rows.pop()
        elif tag in ("select", "textarea") and self.in_options:
            self.in_options -= 1

    def handle_data(self, data):
        if self.labels and not self.in_options:
            self.labels[-1]["text"].append(data)

    def name_of(self, control) -> str:
        attrs = control["attrs"]
        names = [attrs.get("aria-label", "")]
        names += self.label_for.get(attrs.get("id", ""), [])
        names += control["wrapped"]
        return next((n.strip() for n in names if n.strip()), "")

    def visible(self):
        return [c for c in self.controls if c["attrs"].get("type") != "hidden"]


def controls_on(client, user, url) -> Controls:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    parser = Controls()
    parser.feed(response.content.decode())
    return parser


def assert_all_labelled(page: Controls):
    unlabelled = [(c["tag"], c["attrs"].get("name")) for c in page.visible() if not page.name_of(c)]
    assert unlabelled == []


def indicator_controls(page: Controls, names: dict[int, str]):
    """(indicator name, accessible name) of each control in a row marked data-indicator."""
    return [(names[int(c["row"]["data-indicator"])], page.name_of(c))
            for c in page.visible() if c["row"].get("data-indicator")]


@pytest.fixture
def indicator_names(xinfang):
    return {i.pk: i.name for i in xinfang.indicators.all()}


@pytest.mark.parametrize("page_name, per_indicator, examples", [
    ("monitoring:report", 6, ["信访宣传制品单价 截至目前完成值", "信访宣传制品单价 完成目标可能性", "预算执行 截至目前执行数"]),
    ("monitoring:evaluation", 4, ["信访宣传制品单价 实际完成值", "信访宣传制品单价 不适用", "全年执行数（B）"]),
])
def test_fill_in_controls_name_their_indicator(client, cast, xinfang, approve, indicator_names, page_name,
                                               per_indicator, examples):
    page = controls_on(client, cast.alice, reverse(page_name, args=[approve(xinfang).pk]))
    assert_all_labelled(page)
    rows = indicator_controls(page, indicator_names)
    assert len(rows) >= per_indicator * len(indicator_names)
    assert all(label.startswith(name + " ") for name, label in rows)
    labels = {page.name_of(c) for c in page.visible()}
    assert set(examples) <= labels


def test_edit_page_controls_are_labelled(client, cast, xinfang, indicator_names):
    page = controls_on(client, cast.alice, reverse("targets:edit", args=[xinfang.pk]))
    assert_all_labelled(page)
    row_controls = [c for c in page.visible() if "edit-row" in c["row"].get("class", "")]
    by_row = {}
    for c in row_controls:
        by_row.setdefault(id(c["row"]), []).append(c)
    rows = list(by_row.values())
    assert len(rows) == len(indicator_names) + 1  # the empty row in <template> too
    for controls in rows:
        subject = next(c["attrs"].get("value", "") for c in controls if c["attrs"].get("name", "").endswith("-name"))
        subject = subject or "新指标"
        assert {page.name_of(c) for c in controls} == {
            f"{subject} {field}" for field in ("上移", "下移", "二级指标", "三级指标", "实施周期指标值", "当年度指标值", "删除")
        }
    assert "信访宣传制品单价 删除" in {page.name_of(c) for c in row_controls}
