import sys


from jixiao.web.backup import archive
from jixiao.web.management import JixiaoCommand


class Command(JixiaoCommand):
    help = "把 jixiao backup 写的备份恢复到新建并已 migrate 的空数据库（SQLite 与 PostgreSQL 之间均可）"

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="jixiao backup 写的 .zip 备份文件")

    def handle(self, *args, file, **options):
        try:
            manifest = archive.restore(file)
        except archive.BackupError as e:
            self.stderr.write(f"{file}: {e}（未恢复任何数据）")
            sys.exit(2)
        rows = sum(m["rows"] for m in manifest["models"])
        self.stdout.write(f"已从 {file} 恢复 {len(manifest['models'])} 个数据表，共 {rows:,} 行"
                          f"（备份于 {manifest['created'][:19].replace('T', ' ')} UTC）")
