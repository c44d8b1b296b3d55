import io
import sys

from django.core.management.base import CommandError

from jixiao.web.management import JixiaoCommand
from jixiao.web.targets.exports import FORMATS
from jixiao.web.targets.queries import core_tables, tables_of


class Command(JixiaoCommand):
    help = ("导出某年度（可限定用款单位）的项目绩效目标表。JSON 默认写到标准输出；xlsx（含汇总表）和 "
            "pdf（公开用，每表一页）写到 --output 指定的文件，或在标准输出被重定向时写到标准输出"
            "（例如 jixiao export --year 2024 --format pdf > 目标表.pdf）")

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="预算年度")
        parser.add_argument("--unit", help="用款单位名称")
        parser.add_argument("--format", choices=sorted(FORMATS), default="json")
        parser.add_argument("--output", "-o", help="输出文件；不指定时写到标准输出（xlsx/pdf 仅当标准输出被重定向到文件或管道时）")

    def handle(self, *args, year, unit=None, format="json", output=None, **options):
        stored = tables_of(year, unit)
        tables = core_tables(stored)
        statuses = [t.get_status_display() for t in stored.order_by("project__unit__name", "project__name")]
        if not tables:
            raise CommandError(f"没有{year}年{('“' + unit + '”的') if unit else ''}目标表", returncode=2)
        writer, binary = FORMATS[format]
        stdout = sys.stdout
        if binary and not output and stdout.isatty():
            raise CommandError(f"--format {format} 是二进制文件：请用 --output 指定输出文件，或重定向标准输出", returncode=2)
        if output:
            with open(output, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as dest:
                writer(tables, dest, unit=unit, year=year, statuses=statuses)
        else:
            dest = getattr(stdout, "buffer", stdout) if binary else stdout
            try:
                if binary:  # the writers seek, a pipe cannot: write the whole file at once
                    buffer = io.BytesIO()
                    writer(tables, buffer, unit=unit, year=year, statuses=statuses)
                    dest.write(buffer.getvalue())
                else:
                    writer(tables, dest, unit=unit, year=year, statuses=statuses)
                dest.flush()
            except BrokenPipeError:  # `jixiao export … | head`
                sys.stdout = None
