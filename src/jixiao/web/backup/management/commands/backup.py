import sys
from pathlib import Path


from jixiao.private_files import reason
from jixiao.web.backup import archive
from jixiao.web.management import JixiaoCommand


class Command(JixiaoCommand):
    help = "把数据库的全部内容（目标表及其版本和状态、运行监控、绩效自评、审核意见、通知、用户和单位、修改记录……）备份到一个 .zip 文件，附清单和校验和"

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="备份文件（.zip），已存在时不覆盖")

    def handle(self, *args, file, **options):
        path = Path(file)
        if path.exists():
            self.stderr.write(f"{path}: 文件已存在，未覆盖（请换一个文件名）")
            sys.exit(2)
        partial = path.with_name(path.name + ".partial")
        try:
            manifest = archive.write_backup(partial)
        except OSError as e:
            partial.unlink(missing_ok=True)
            self.stderr.write(f"{path}: 无法写入备份（{reason(e)}）")
            sys.exit(2)
        partial.rename(path)  # a half-written archive never carries the final name
        rows = sum(m["rows"] for m in manifest["models"])
        self.stdout.write(f"已备份到 {path}：{len(manifest['models'])} 个数据表，共 {rows:,} 行")
