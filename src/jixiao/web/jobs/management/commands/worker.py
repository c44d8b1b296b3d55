import threading

from django.db import DatabaseError, connection
from django_tasks_db.management.commands.db_worker import Command as DbWorker

from jixiao.web.jobs import running

REQUEUE_SECONDS = 30


class Command(DbWorker):
    help = ("运行后台任务（导出、导入、备份）的后台程序；可在多台机器上各运行几个。启动时和之后每半分钟把"
            "因后台程序中断而停在“进行中”的任务重新排队")

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
