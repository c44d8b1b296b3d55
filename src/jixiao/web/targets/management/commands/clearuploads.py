
from jixiao.web.management import JixiaoCommand
from jixiao.web.targets import uploads


class Command(JixiaoCommand):
    help = "删除超过保留期限（默认一天）仍未确认导入的上传预览文件（可由 cron 每天运行）"

    def handle(self, *args, **options):
        self.stdout.write(f"已删除 {uploads.remove_stale()} 个过期的上传预览文件")
