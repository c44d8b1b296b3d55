import sys

from django.conf import settings
from django.core.management.base import CommandError

from jixiao.core.model import ReadError
from jixiao.web.management import JixiaoCommand
from jixiao.web.targets import importer
from jixiao.web.targets.stream_import import import_stream


class Command(JixiaoCommand):
    help = ("导入项目绩效目标表（公开文本、JSON、Excel 或 PDF）；每个文件一个事务，重复导入不会产生重复数据；"
            "公开文本、JSON 和本系统导出的 Excel 分批读取和保存，大文件占用的内存不随表数增长")

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--unit", help="用款单位名称（覆盖文件中的用款单位）")
        parser.add_argument("--year", type=int, help="预算年度（覆盖文件中的年度）")

    def handle(self, *args, files, unit=None, year=None, **options):
        failed = 0
        verbose = options["verbosity"] > 1
        for path in files:
            bar = _Progress(path, self.stderr) if options["verbosity"] > 0 and sys.stderr.isatty() else None
            try:
                report = import_stream(path, unit=unit, year=year, source=str(path), limits=settings.JIXIAO_LIMITS,
                                       progress=bar, keep_tables=verbose)
            except (ReadError, importer.ImportRefused) as e:
                if bar:
                    bar.clear()
                message = f"{e}（该文件未导入任何表）" if isinstance(e, importer.ImportRefused) else str(e)
                if len(files) == 1:  # the one line says it all
                    raise CommandError(message, returncode=2) from None
                self.stderr.write(message)
                failed += 1
                continue
            if bar:
                bar.clear()
            self.stdout.write(f"{path}: {report.summary()}")
            for outcome, t_unit, t_year, name in report.tables:
                self.stdout.write(f"  {importer.OUTCOME_LABELS[outcome]}  {t_unit}  {t_year}  {name}")
        if failed:
            raise CommandError(f"{failed} 个文件未能导入", returncode=2)


class _Progress:
    """A one-line progress bar on a terminal: share of the file read and tables stored."""

    WIDTH = 30

    def __init__(self, path, out):
        self.path, self.out = path, out

    def __call__(self, done: int, total: int, tables: int) -> None:
        share = done / total if total else 1
        filled = int(share * self.WIDTH)
        self.out.write(f"\r{self.path} [{'#' * filled}{'.' * (self.WIDTH - filled)}] {share:4.0%}  已读 {tables} 张表",
                       ending="")
        self.out.flush()

    def clear(self) -> None:
        self.out.write("\r\033[K", ending="")
        self.out.flush()
