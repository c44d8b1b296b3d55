import sys

from django.core.management.base import BaseCommand, CommandError

from jixiao.web.targets.exports import FORMATS
from jixiao.web.targets.queries import core_tables, tables_of


class Command(BaseCommand):
    help = "导出某年度（可限定用款单位）的项目绩效目标表，默认输出 JSON 到标准输出"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="预算年度")
        parser.add_argument("--unit", help="用款单位名称")
        parser.add_argument("--format", choices=sorted(FORMATS), default="json")
        parser.add_argument("--output", "-o", help="输出文件（JSON 默认标准输出；xlsx/pdf 必须指定）")

    def handle(self, *args, year, unit=None, format="json", output=None, **options):
        tables = core_tables(tables_of(year, unit))
        if not tables:
            raise CommandError(f"没有{year}年{('“' + unit + '”的') if unit else ''}目标表", returncode=2)
        writer, binary = FORMATS[format]
        if binary and not output:
            raise CommandError(f"--format {format} 需要用 --output 指定输出文件", returncode=2)
        if output:
            with open(output, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as dest:
                writer(tables, dest, unit=unit, year=year)
        else:
            try:
                writer(tables, sys.stdout, unit=unit, year=year)
                sys.stdout.flush()
            except BrokenPipeError:  # `jixiao export … | head`
                sys.stdout = None
