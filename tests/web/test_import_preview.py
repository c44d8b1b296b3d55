"""The import preview: what an update would change, warned when the file predates a web edit."""

import io
import re
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.core.io import read_document
from jixiao.core.xlsx import write_xlsx
from jixiao.demo import DEMO_DOCUMENT
from jixiao.web.targets.models import TargetTable
from tests.web.forms import edit_data


def demo_file(name="demo.txt"):
    return SimpleUploadedFile(name, DEMO_DOCUMENT.read_bytes())


def web_edit(client, table, annual="≥6次"):
    """On the edit page: 维稳宣传活动次数 ≥4次 → ``annual``, budget 150000 → 180000."""
    def change(rows):
        rows[1]["annual_target"] = annual

    data = edit_data(table, change)
    data["budget"] = "180000"
    assert client.post(f"/tables/{table.pk}/edit/", data).status_code == 302


def dated_xlsx(tables, when: str) -> bytes:
    """The tables as the export workbook, claiming to have been saved at ``when`` (ISO, UTC)."""
    buffer = io.BytesIO()
    write_xlsx(tables, buffer)
    source, out = zipfile.ZipFile(io.BytesIO(buffer.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + when.encode(), data)
            target.writestr(info, data)
    return out.getvalue()


def weiwen(cast):
    return TargetTable.objects.get(project__name="维稳专项经费（常）")


def test_reimporting_the_original_shows_which_web_edits_it_would_undo(client, cast, tmp_var):
    client.force_login(cast.alice)
    table = weiwen(cast)
    web_edit(client, table)
    html = client.post("/tables/upload/", {"document": demo_file()}).content.decode()
    assert "新增 0 张、更新 1 张，11 张与已保存的相同" in html
    assert "1 项基本信息修改；指标修改 1 项" in html
    diff = html[html.index("《维稳专项经费（常）》将要改变的内容"):]
    assert re.search(r"年度预算金额（元）</th><td class=\"before\">180,000</td><td class=\"after\">150,000</td>", diff)
    assert re.search(r"数量指标／维稳宣传活动次数.*?当年度指标值</td><td class=\"before\">≥6次</td>"
                     r"<td class=\"after\">≥4次</td>", diff, re.S)
    # a text file has no date of its own: the preview names the web edit instead
    assert "此表在网页上修改过（最后一次：" in html and "（Alice）" in html and "文件里没有保存日期" in html
    table.refresh_from_db()
    assert table.budget == 180000  # nothing stored by the preview


def test_file_older_than_the_web_edit_is_flagged(client, cast, tmp_var):
    client.force_login(cast.alice)
    table = weiwen(cast)
    demo = read_document(DEMO_DOCUMENT).tables
    web_edit(client, table)
    old = dated_xlsx(demo, "2024-03-01T08:00:00Z")
    html = client.post("/tables/upload/", {"document": SimpleUploadedFile("2024年目标表.xlsx", old)}).content.decode()
    assert "有 1 张表在网页上修改过" in html
    assert "文件保存于 2024-03-01 16:00，早于网页上的最后一次修改" in html  # shown in Beijing time


def test_file_saved_after_the_web_edit_shows_the_diff_without_warning(client, cast, tmp_var):
    client.force_login(cast.alice)
    web_edit(client, weiwen(cast))
    newer = dated_xlsx(read_document(DEMO_DOCUMENT).tables, "2099-01-01T00:00:00Z")
    html = client.post("/tables/upload/", {"document": SimpleUploadedFile("新.xlsx", newer)}).content.decode()
    assert "更新 1 张" in html and "数量指标／维稳宣传活动次数" in html
    assert "早于网页上的最后一次修改" not in html and "在网页上修改过" not in html


def test_an_import_after_the_web_edit_is_not_a_web_edit_any_more(client, cast, tmp_var):
    client.force_login(cast.alice)
    table = weiwen(cast)
    web_edit(client, table)
    client.post("/tables/upload/", {"document": demo_file()})
    assert client.post("/tables/upload/", {"confirm": "1"}).status_code == 302
    web_edit_undone = TargetTable.objects.get(pk=table.pk)
    assert web_edit_undone.budget == 150000
    table.refresh_from_db()
    def change(rows):
        rows[0]["annual_target"] = "99%"
    assert client.post(f"/tables/{table.pk}/edit/", edit_data(table, change)).status_code == 302
    # the file is re-imported again: the latest web change is newer than the last import
    html = client.post("/tables/upload/", {"document": demo_file()}).content.decode()
    assert "在网页上修改过" in html and "99%" in html


def test_several_files_at_once_and_a_zip(client, cast, tmp_var):
    client.force_login(cast.alice)
    demo = read_document(DEMO_DOCUMENT).tables
    first, second = io.BytesIO(), io.BytesIO()
    write_xlsx(demo[:5], first)
    write_xlsx(demo[5:], second)
    html = client.post("/tables/upload/", {"document": [SimpleUploadedFile("前五张.xlsx", first.getvalue()),
                                                        SimpleUploadedFile("其余.xlsx", second.getvalue())]}).content.decode()
    assert "预览：2 个文件" in html and "读到 12 张目标表" in html and "12 张与已保存的相同" in html
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as z:
        z.writestr("目标表/前五张.xlsx", first.getvalue())
        z.writestr("目标表/其余.xlsx", second.getvalue())
        z.writestr("__MACOSX/._前五张.xlsx", b"junk")
    html = client.post("/tables/upload/", {"document": SimpleUploadedFile("全部.zip", packed.getvalue())}).content.decode()
    assert "全部.zip／前五张.xlsx" in html and "全部.zip／其余.xlsx" in html and "读到 12 张目标表" in html
    assert len(list((tmp_var / "uploads").iterdir())) == 2
    assert client.post("/tables/upload/", {"confirm": "1"}).status_code == 302
    assert not list((tmp_var / "uploads").iterdir())


def test_the_same_table_in_two_files_is_refused(client, cast, tmp_var):
    client.force_login(cast.alice)
    response = client.post("/tables/upload/", {"document": [demo_file("a.txt"), demo_file("b.txt")]})
    assert response.status_code == 400
    assert "同时出现在“a.txt”和“b.txt”中" in response.content.decode()


def test_too_many_files_are_refused_before_reading(client, cast, tmp_var, settings):
    from dataclasses import replace

    settings.JIXIAO_LIMITS = replace(settings.JIXIAO_LIMITS, max_files=2)
    client.force_login(cast.alice)
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as z:
        for n in range(3):
            z.writestr(f"{n}.txt", "x")
    response = client.post("/tables/upload/", {"document": SimpleUploadedFile("多.zip", packed.getvalue())})
    assert response.status_code == 400
    assert "压缩文件中的文件数超过 2 个文件（可由 JIXIAO_MAX_FILES 调整）" in response.content.decode()
    broken = client.post("/tables/upload/", {"document": SimpleUploadedFile("坏.zip", b"PK not a zip")})
    assert broken.status_code == 400 and "坏.zip" in broken.content.decode() and "不是有效的 .zip" in broken.content.decode()
