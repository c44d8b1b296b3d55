from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "以生产用 WSGI 服务器（waitress）运行本系统，静态文件由系统自身提供"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host, port, threads, **options):
        from waitress import serve

        from jixiao.web.wsgi import application

        self.stdout.write(f"服务已启动：http://{host}:{port}/ （按 Ctrl+C 停止）")
        self.stdout.flush()
        serve(application, host=host, port=port, threads=threads, ident="jixiao")
