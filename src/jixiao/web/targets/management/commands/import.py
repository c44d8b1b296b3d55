from django.conf import settings
from django.core.management.base import CommandError

from jixiao.core.io import read_document, target_tables
from jixiao.core.model import ReadError
from jixiao.web.management import JixiaoCommand
from jixiao.web.targets import importer


class Command(JixiaoCommand):
    help = "导入项目绩效目标表（公开文本、JSON、Excel 或 PDF）；每个文件一个事务，重复导入不会产生重复数据"

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--unit", help="用款单位名称（覆盖文件中的用款单位）")
        parser.add_argument("--year", type=int, help="预算年度（覆盖文件中的年度）")

    def handle(self, *args, files, unit=None, year=None, **options):
        failed = 0
        for path in files:
            try:
                report = importer.import_document(target_tables(read_document(path, settings.JIXIAO_LIMITS)), unit=unit, year=year, source=str(path))
            except (ReadError, importer.ImportRefused) as e:
                message = f"{e}（该文件未导入任何表）" if isinstance(e, importer.ImportRefused) else str(e)
                if len(files) == 1:  # the one line says it all
                    raise CommandError(message, returncode=2) from None
                self.stderr.write(message)
                failed += 1
                continue
            self.stdout.write(f"{path}: {report.summary()}")
            if options["verbosity"] > 1:
                for outcome, t, pk in report.outcomes:
                    self.stdout.write(f"  {importer.OUTCOME_LABELS[outcome]}  {t.unit}  {t.year}  {t.name}")
        if failed:
            raise CommandError(f"{failed} 个文件未能导入", returncode=2)
