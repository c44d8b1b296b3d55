import sys


from jixiao.private_files import reason
from jixiao.web.management import JixiaoCommand


class Command(JixiaoCommand):
    help = "以生产用 WSGI 服务器（waitress）运行本系统，静态文件由系统自身提供"

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--threads", type=int, default=8)

    def handle(self, *args, host, port, threads, **options):
        from django.conf import settings
        from waitress.server import create_server

        from jixiao.web.wsgi import application

        # Behind a reverse proxy: take the client's address and https from its X-Forwarded-* headers
        # (waitress drops them from anyone else).
        proxy = {"trusted_proxy": settings.TRUSTED_PROXY, "trusted_proxy_count": settings.PROXY_COUNT,
                 "trusted_proxy_headers": "x-forwarded-for x-forwarded-proto"} if settings.TRUSTED_PROXY else {}
        try:
            server = create_server(application, host=host, port=port, threads=threads, ident="jixiao", **proxy)
        except OSError as e:
            self.stderr.write(f"无法在 {host}:{port} 上启动服务（{reason(e)}）")
            sys.exit(2)
        # Said once the socket listens (port 0 picks a free one and says which).
        self.stdout.write(f"服务已启动：http://{host}:{server.effective_port}/ （按 Ctrl+C 停止）")
        self.stdout.flush()
        try:
            server.run()
        except KeyboardInterrupt:
            server.close()
