"""The upload page reads each file in a child process under JIXIAO_PARSE_CEILING: a hostile workbook
or a ceiling hit is a 400 with the one-line Chinese refusal; nothing is stored or kept pending.
(The memory ceiling itself is tested in tests/core/test_parse_worker.py.)"""

import sys
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from jixiao.demo import DEMO_DOCUMENT
from jixiao.parse_worker import Ceiling
from jixiao.web.targets.models import TargetTable

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import hostile  # noqa: E402


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


def upload(client, name: str, data: bytes):
    return client.post("/tables/upload/", {"document": SimpleUploadedFile(name, data)})


def test_the_merged_range_workbook_is_refused_without_growing_the_server(client, cast, tmp_var):
    client.force_login(cast.alice)
    before = peak_mb()
    response = upload(client, "合并区域.xlsx", hostile.merged_workbook("A1:XFD1048576"))
    assert response.status_code == 400
    assert "合并区域.xlsx: 没有找到绩效目标表或自评表" in response.content.decode()
    assert peak_mb() - before < 100
    assert client.post("/tables/upload/", {"confirm": "1"}).status_code == 302  # nothing pending


@override_settings(JIXIAO_PARSE_CEILING=Ceiling(seconds=0.01, memory_mb=512))
def test_a_parse_over_the_time_ceiling_is_refused(client, cast, tmp_var):
    client.force_login(cast.alice)
    # 3,600 tables (6.8 MB): reading them takes far longer than the ceiling on any machine; the demo's
    # twelve alone were read within 0.01 s once the reader got faster.
    response = upload(client, "demo.txt", DEMO_DOCUMENT.read_bytes() * 300)
    assert response.status_code == 400
    assert "demo.txt: 文件超出限制：解析超时（超过 0.01 秒）" in response.content.decode()
    assert TargetTable.objects.count() == 12  # the cast's demo, nothing added or changed
