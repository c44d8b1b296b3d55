import shutil
import sys
from pathlib import Path

from django.core.management.base import CommandError
from tqdm import tqdm

from jixiao.web.jobs import exports, running
from jixiao.web.jobs.models import Job, JobStatus, Kind
from jixiao.web.management import JixiaoCommand

KINDS = {"xlsx": Kind.EXPORT_XLSX, "pdf-zip": Kind.EXPORT_PDF_ZIP}


class Command(JixiaoCommand):
    help = ("导出一个年度（可限定主管部门或用款单位）的全部目标表：xlsx（含汇总表，逐表写入，内存不随表数增长）"
            "或 pdf-zip（每表一个 PDF 的压缩包），并显示进度条；--background 交给后台程序（jixiao worker）运行")

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, metavar="YEAR", help="预算年度")
        parser.add_argument("output", metavar="OUT", help="输出文件（已存在时不覆盖）")
        parser.add_argument("--department", help="主管部门名称")
        parser.add_argument("--unit", help="用款单位名称")
        parser.add_argument("--format", choices=sorted(KINDS), default="xlsx")
        parser.add_argument("--background", action="store_true",
                            help="只排队，由后台程序运行；任务出现在网页“后台任务”中")

    def handle(self, *args, year, output, department=None, unit=None, format="xlsx", background=False, **options):
        out = Path(output)
        if out.exists():
            raise CommandError(f"{out}: 文件已存在，未覆盖（请换一个文件名）", returncode=2)
        params = {"year": year, **({"department": department} if department else {}), **({"unit": unit} if unit else {})}
        if not exports.selected_tables(params).exists():
            raise CommandError(f"没有可导出的目标表：{exports.title(params)}", returncode=2)
        job = running.create(KINDS[format], params=params, description=exports.title(params))
        if background:
            running.enqueue(job)
            self.stdout.write(f"已排队：后台任务 {job.pk}（{job.description}），由 jixiao worker 运行")
            return
        bar = tqdm(desc=job.description, unit="表", file=sys.stderr, disable=None)

        def show(done, total):
            bar.total = total
            bar.update(done - bar.n)

        job = running.execute(job.pk, listener=show)
        bar.close()
        if job.status != JobStatus.DONE:
            raise CommandError(job.error or job.get_status_display(), returncode=2)
        shutil.move(running.result_path(job), out)
        Job.objects.filter(pk=job.pk).update(result_file="")  # written to OUT, nothing left to download
        self.stdout.write(f"已导出 {job.total} 张目标表到 {out}")
