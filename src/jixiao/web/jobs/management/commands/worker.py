import threading

from django.db import DatabaseError, connection
from django_tasks_db.management.commands.db_worker import Command as DbWorker

from jixiao.web.jobs import running

REQUEUE_SECONDS = 30


HELP = {  # db_worker's options, in Chinese
    "queue_name": "处理的队列，逗号分隔；'*' 为全部（默认 default）",
    "exclude_queues": "不处理的队列，逗号分隔（与 --queue-name='*' 同用）",
    "interval": "队列为空时每隔几秒查看一次（默认 1）",
    "batch": "运行完已排队的任务后退出",
    "reload": "代码改变时重新启动（仅供开发；默认随 DEBUG）",
    "backend_name": "使用的任务后端（默认 default）",
    "startup_delay": "启动时不随机等待片刻",
    "max_tasks": "运行这么多个任务后退出",
    "worker_id": "后台程序的名称，在所有后台程序中唯一（默认随机生成）",
}


class Command(DbWorker):
    help = ("运行后台任务（导出、导入、备份）的后台程序；可在多台机器上各运行几个。启动时和之后每半分钟把"
            "因后台程序中断而停在“进行中”的任务重新排队")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        for action in parser._actions:
            action.help = HELP.get(action.dest, action.help)

    def handle(self, *args, **options):
        stop = threading.Event()

        def requeue():
            try:
                while not stop.wait(REQUEUE_SECONDS):
                    try:
                        running.requeue_stale()
                        running.remove_old_results()
                    except DatabaseError:  # the database is away for a moment: try again next time
                        continue
            finally:
                connection.close()

        running.requeue_stale()
        running.remove_old_results()
        threading.Thread(target=requeue, daemon=True).start()
        try:
            return super().handle(*args, **options)
        finally:
            stop.set()
