"""`jixiao parse` and `jixiao summary` as a user runs them."""

import json
import subprocess
import sys

from jixiao.demo import DEMO_DOCUMENT

JIXIAO = [sys.executable, "-m", "jixiao.cli"]


def run(*args, **kw):
    return subprocess.run([*JIXIAO, *args], capture_output=True, text=True, **kw)


def test_parse_demo_prints_json_and_warnings(tmp_path):
    result = run("parse", str(DEMO_DOCUMENT))
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert len(data["tables"]) == 12
    assert sum(len(t["indicators"]) for t in data["tables"]) == 132
    assert f"{DEMO_DOCUMENT}:208: 警告（综治中心绩效奖励）" in result.stderr

    out = tmp_path / "demo.json"
    out.write_text(result.stdout, encoding="utf-8")
    again = run("parse", "-q", str(out))
    assert again.returncode == 0 and again.stderr == ""
    assert json.loads(again.stdout) == data


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    cases = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 8,
        "notes.txt": "会议纪要\n无表格\n".encode(),
        "broken.json": b'{"tables": [',
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        result = run("parse", str(path))
        assert result.returncode == 2, name
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"{path}:"), (name, result.stderr)
        assert "Traceback" not in result.stderr
    missing = run("parse", str(tmp_path / "nope.txt"))
    assert missing.returncode == 2 and "文件不存在" in missing.stderr


def test_summary_prints_every_table():
    result = run("summary")
    assert result.returncode == 0
    assert "【信访事项经费】" in result.stdout and "绩效指标：20 个" in result.stdout
    assert "共 12 张项目绩效目标表，132 个三级指标。" in result.stdout


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(3 * 1024 * 1024)  # sparse: no time spent writing
    result = subprocess.run([*JIXIAO, "parse", str(big)], capture_output=True, text=True, env={"JIXIAO_MAX_FILE_MB": "2", "PATH": "/usr/bin"})
    assert result.returncode == 2
    assert "文件过大" in result.stderr and result.stderr.count("\n") == 1


def test_a_bad_limit_setting_is_one_line_not_a_traceback():
    env = {"JIXIAO_MAX_FILE_MB": "lots", "PATH": "/usr/bin"}
    result = subprocess.run([*JIXIAO, "parse", "whatever.txt"], capture_output=True, text=True, env=env)
    assert result.returncode == 2
    assert result.stderr == "配置错误：环境变量 JIXIAO_MAX_FILE_MB 的值“lots”无效：应为 不小于 1 的整数\n"
