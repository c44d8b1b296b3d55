"""The ``jixiao`` console command."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from jixiao import commands


def _core_commands() -> dict[str, str]:
    return {
        m.name.replace("_", "-"): f"{commands.__name__}.{m.name}"
        for m in pkgutil.iter_modules(commands.__path__)
        if not m.name.startswith("_")
    }


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
    table = _core_commands()
    if argv and argv[0] in table:
        module = importlib.import_module(table[argv[0]])
        parser = argparse.ArgumentParser(prog=f"jixiao {argv[0]}", description=module.HELP)
        module.add_arguments(parser)
        args = parser.parse_args(argv[1:])
        try:
            return module.run(args) or 0
        except BrokenPipeError:
            return 0
    if not argv or argv[0] in ("-h", "--help", "help"):
        print("用法 usage: jixiao COMMAND [ARGS]\n")
        for name, path in sorted(table.items()):
            print(f"  {name:<12} {importlib.import_module(path).HELP}")
        print("\n  其他命令交给 Django 管理命令 (migrate, createsuperuser, import, export, serve, …)")
        return 0
    return _run_django(argv)


if __name__ == "__main__":
    sys.exit(main())
