import json
import os
import signal
import socket
import subprocess
import sys

from jixiao.private_files import reason
from jixiao.web.management import JixiaoCommand

# The job worker started beside the server (django-tasks' database worker, web/jobs), when installed.
WORKER_COMMAND = "worker"
MAX_WORKER_RESTARTS = 5


def worker_arguments() -> list[str]:
    return ["-m", "jixiao.cli", WORKER_COMMAND, "--no-reload"]


def default_workers() -> int:
    """Two processes per core and one more: one waits on the database while another computes."""
    return 2 * (os.cpu_count() or 1) + 1


def positive(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"应为正整数，而不是“{text}”")
    return value


class Command(JixiaoCommand):
    help = ("以生产用 WSGI 服务器运行本系统：gunicorn 多进程（每个进程多线程），静态文件由系统自身提供"
            "（启动时收集，长期缓存），并在旁边启动一个后台任务进程")

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=positive, default=default_workers(),
                            help="服务进程数（默认为 CPU 核数 × 2 + 1）")
        parser.add_argument("--threads", type=positive, default=4, help="每个服务进程的线程数（默认 4）")
        parser.add_argument("--server", choices=("gunicorn", "waitress"), default="gunicorn",
                            help="gunicorn（默认，多进程）或 waitress（单进程，仅用于比较或无 fork 的系统）")
        parser.add_argument("--no-worker", action="store_true", help="不启动后台任务进程（任务进程另行运行时）")

    def handle(self, *args, host, port, workers, threads, server, no_worker, **options):
        try:
            listening = socket.create_server((host, port), backlog=1024)
        except OSError as e:
            self.stderr.write(f"无法在 {host}:{port} 上启动服务（{reason(e)}）")
            sys.exit(2)
        fd = listening.fileno()
        os.set_inheritable(fd, True)
        settings = {"host": host, "port": listening.getsockname()[1], "fd": fd, "workers": workers,
                    "threads": threads, "server": server}
        web = subprocess.Popen([sys.executable, "-m", "jixiao.web.serving", json.dumps(settings)], pass_fds=[fd])
        listening.close()  # the server process holds it now
        worker = None if no_worker else self.start_worker()
        sys.exit(self.supervise(web, worker))

    def start_worker(self):
        from django.core.management import get_commands

        if WORKER_COMMAND not in get_commands():
            return None
        # Its messages go to stderr with the server's log: stdout carries only the line saying where
        # the site listens (scripts and tests read it).
        return subprocess.Popen([sys.executable, *worker_arguments()], stdout=sys.stderr.fileno())

    def supervise(self, web, worker) -> int:
        """Waits for the server; a worker that dies is started again; on a signal (Ctrl+C, systemd's
        stop) both are stopped, and with the server gone the worker is stopped too."""
        stopping, restarts = False, 0

        def stop(signum, frame):
            nonlocal stopping
            stopping = True
            for child in (web, worker):
                if child is not None and child.poll() is None:
                    child.send_signal(signal.SIGTERM)

        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, stop)
        try:
            while True:
                pid, status = os.wait()
                if pid == web.pid:
                    web.returncode = os.waitstatus_to_exitcode(status)
                    return 0 if stopping else max(web.returncode, 0) or 1
                if worker is not None and pid == worker.pid:
                    worker.returncode = os.waitstatus_to_exitcode(status)
                    if not stopping and restarts < MAX_WORKER_RESTARTS:
                        restarts += 1
                        self.stderr.write(f"后台任务进程已退出（退出码 {worker.returncode}），重新启动")
                        worker = self.start_worker()
                    elif not stopping:
                        self.stderr.write(f"后台任务进程已退出 {restarts + 1} 次，不再重新启动；网站照常服务")
                        worker = None
        finally:
            for child in (web, worker):
                if child is not None and child.poll() is None:
                    child.terminate()
                    child.wait()
