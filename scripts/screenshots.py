"""Screenshots of the everyday pages at 1366 px and 375 px (`make screenshots` → docs/screenshots/).

A throw-away database in a temporary directory gets the demo (`jixiao setupdemo`); 信访事项经费 is
approved, then its 运行监控 and 绩效自评 are filled in the browser as a unit's staff would. The app is
served by `jixiao serve` on a free port and Chromium (Debian's /usr/bin/chromium) takes each page.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
JIXIAO = Path(sys.executable).with_name("jixiao")
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
WIDTHS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 375, "height": 812}}
PROJECT = "信访事项经费"
APPROVE = f"""
from django.contrib.auth.models import User
from jixiao.web.review import services
from jixiao.web.targets.models import TargetTable
table = TargetTable.objects.get(project__name="{PROJECT}")
TargetTable.objects.filter(pk=table.pk).update(status="submitted")
table.refresh_from_db()
services.approve(table, User.objects.get(username="shenhe"))
print(table.pk)
"""


def run(env, *args) -> str:
    return subprocess.run([str(JIXIAO), *args], env=env, check=True, capture_output=True, text=True).stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, seconds: int = 180) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"服务没有在 {seconds} 秒内启动：{url}") from None
            time.sleep(0.5)


def shrink(path: Path) -> None:
    """256 colours are plenty for a page of text and lines, at a third of the size in the repository."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def fill_monitoring(page, base, pk):
    page.goto(f"{base}/tables/{pk}/monitoring/")
    page.fill("input[name=spent]", "52000")
    rows = page.locator("#monitoring-indicators tbody tr")
    for n in range(rows.count()):
        row = rows.nth(n)
        target = row.locator("td[data-label=年度指标值]").inner_text().strip()
        expected = row.locator("input[name^=expected-]")
        if expected.count() and expected.is_editable():
            expected.fill(target.lstrip("≥≤") if n != 7 else "60%")
        rating = row.locator("select[name^=expected_rating-]")
        if rating.count():
            rating.select_option(index=1)
    page.click("button[name=save]")
    page.wait_for_selector(".messages")


def fill_evaluation(page, base, pk):
    page.goto(f"{base}/tables/{pk}/evaluation/")
    page.fill("input[name=budget_full_year]", "181000")
    page.fill("input[name=spent]", "172500")
    rows = page.locator("#evaluation-indicators tbody tr")
    for n in range(rows.count()):
        row = rows.nth(n)
        target = row.locator("td[data-label=年度指标值]").inner_text().strip()
        actual = row.locator("input[name^=actual-]")
        if actual.count() and actual.is_editable():  # not those counted from 佐证记录
            actual.fill(target.lstrip("≥≤") if n != 7 else "72%")
        rating = row.locator("select[name^=rating-]")
        if rating.count():
            rating.select_option(index=1)
    page.locator("textarea[name^=deviation_analysis-]").nth(7).fill("上半年专职人员调离，疏导工作未全部完成；明年一季度配齐人员。")
    page.click("button[name=save]")
    page.wait_for_selector(".messages")


def main() -> int:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="jixiao-screenshots-") as var:
        env = {**os.environ, "JIXIAO_VAR": var}
        env.pop("DATABASE_URL", None)
        run(env, "migrate", "--noinput", "-v0")
        run(env, "setupdemo")
        pk = int(run(env, "shell", "-c", APPROVE).split()[-1])
        password = json.loads((Path(var) / "demo-accounts.json").read_text())["danwei"]
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen([str(JIXIAO), "serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(f"{base}/accounts/login/")
            pages = {"list": "/tables/", "table": f"/tables/{pk}/", "monitoring": f"/tables/{pk}/monitoring/",
                     "evaluation": f"/tables/{pk}/evaluation/", "evaluation-sheet": f"/tables/{pk}/evaluation/sheet/"}
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                for label, viewport in WIDTHS.items():
                    context = browser.new_context(viewport=viewport, locale="zh-CN", device_scale_factor=1)
                    page = context.new_page()
                    page.set_default_timeout(60000)
                    page.goto(f"{base}/accounts/login/")
                    page.fill("input[name=username]", "danwei")
                    page.fill("input[name=password]", password)
                    page.click("button[type=submit]")
                    page.wait_for_url(lambda url: "/accounts/login/" not in url)
                    if label == "desktop":
                        fill_monitoring(page, base, pk)
                        fill_evaluation(page, base, pk)
                    for name, path in pages.items():
                        page.goto(base + path)
                        page.wait_for_load_state("networkidle")
                        shot = OUT / f"{name}-{viewport['width']}.png"
                        page.screenshot(path=str(shot), full_page=True)
                        shrink(shot)
                        print(f"{shot.relative_to(ROOT)}  {page.evaluate('document.documentElement.scrollHeight')} px 高")
                    context.close()
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
