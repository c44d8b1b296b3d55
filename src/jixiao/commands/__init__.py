"""Subcommands of the ``jixiao`` console command that need no database.

Each module defines ``HELP`` (one line), ``add_arguments(parser)`` and ``run(args) -> int``; the
CLI discovers them by module name (``parse.py`` is ``jixiao parse``). Anything else is passed on to
Django's management commands.
"""
