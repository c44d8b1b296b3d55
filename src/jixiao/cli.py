"""The ``jixiao`` console command."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from jixiao import commands


def core_commands() -> dict[str, str]:
    return {
        m.name.replace("_", "-"): f"{commands.__name__}.{m.name}"
        for m in pkgutil.iter_modules(commands.__path__)
        if not m.name.startswith("_")
    }


def core_parser(name: str) -> tuple[argparse.ArgumentParser, object]:
    """The argument parser of a database-free subcommand, and its module."""
    module = importlib.import_module(core_commands()[name])
    parser = argparse.ArgumentParser(prog=f"jixiao {name}", description=module.HELP)
    module.add_arguments(parser)
    return parser, module


def _setup_django() -> None:
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    import django

    django.setup()


def django_commands() -> list[str]:
    """The Django management commands that Jixiao's own apps add (``import``, ``alerts``, …)."""
    _setup_django()
    from django.core.management import get_commands

    return sorted(name for name, app in get_commands().items() if app.startswith("jixiao."))


def django_parser(name: str) -> argparse.ArgumentParser:
    """A Jixiao management command's own arguments, without Django's common options."""
    from django.core.management import load_command_class

    _setup_django()
    from django.core.management import get_commands

    command = load_command_class(get_commands()[name], name)
    parser = argparse.ArgumentParser(prog=f"jixiao {name}", description=command.help)
    command.add_arguments(parser)
    return parser


def _run_django(argv: list[str]) -> int:
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    from jixiao.environment import SettingError

    try:
        settings.INSTALLED_APPS  # a bad environment variable: one line, not a traceback
    except SettingError as e:
        print(f"配置错误：{e}", file=sys.stderr)
        return 2
    try:
        execute_from_command_line(["jixiao", *argv])
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stdout = open(os.devnull, "w")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    table = core_commands()
    if argv and argv[0] in table:
        parser, module = core_parser(argv[0])
        args = parser.parse_args(argv[1:])
        try:
            return module.run(args) or 0
        except BrokenPipeError:
            return 0
    if not argv or argv[0] in ("-h", "--help", "help"):
        print("用法 usage: jixiao COMMAND [ARGS]（jixiao COMMAND --help 说明各命令的参数）\n")
        print("不需要数据库的命令：")
        for name, path in sorted(table.items()):
            print(f"  {name:<12} {importlib.import_module(path).HELP}")
        print("\n使用数据库的命令：")
        for name in django_commands():
            print(f"  {name:<12} {django_parser(name).description}")
        print("\n其他命令交给 Django 管理命令（migrate、createsuperuser 等）")
        return 0
    return _run_django(argv)


if __name__ == "__main__":
    sys.exit(main())
