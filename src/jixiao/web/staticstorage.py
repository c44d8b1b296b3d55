"""Static files as `jixiao serve` collects them: each name carries its content's hash (browsers keep
them a year) and each is stored gzip-compressed beside it for browsers that accept gzip."""

from __future__ import annotations

import re
from pathlib import Path

from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage

HASHED = re.compile(r"\.[0-9a-f]{12}\.[^/]+$")


class HashedStaticStorage(CompressedManifestStaticFilesStorage):
    def create_compressor(self, **kwargs) -> Compressor:
        # gzip only: brotli at its best level takes minutes for the bundled 4.6 MB CJK font on a busy
        # two-core machine, every browser accepts gzip, and brotli would save about a sixth more.
        return Compressor(use_brotli=False, **kwargs)

    def compress_files(self, paths):
        """Only the hashed names (the pages link to no other), and each once: a name carries its
        content's hash, so the .gz an earlier start wrote beside it is still right."""
        fresh = [p for p in paths if HASHED.search(p) and not Path(self.path(p) + ".gz").exists()]
        yield from super().compress_files(fresh)
