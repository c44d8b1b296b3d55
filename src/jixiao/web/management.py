"""The base of Jixiao's management commands: a refusal is one Chinese line on stderr, nothing else.

Django prints a ``CommandError`` as ``CommandError: …``; a user of ``jixiao import`` should read only
the message (which file, what is wrong). ``--traceback`` still shows the traceback for developers.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError


class JixiaoCommand(BaseCommand):
    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except CommandError as e:
            if options.get("traceback") or not self._called_from_command_line:
                raise
            self.stderr.write(str(e))
            sys.exit(e.returncode)
