"""Documents written in traditional characters, read in simplified ones.

Some pages reach a reader in traditional script (a site's converter, a Hong Kong or Taiwan style
template). The labels, level names and result words the readers know are simplified, and so are the
names a user searches for; a document whose text is largely traditional is converted whole with
OpenCC's Traditional→Simplified table (the maintained converter, phrase-aware), and the repair is a
warning. A simplified document with a stray traditional form (於, 甚麼 in a name) is left as written.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A document is converted when at least this share of its Chinese characters change under t2s:
# traditional pages run at 25–40 %, simplified ones at 0 (a stray form or two).
SHARE = 0.05
_HAN = re.compile(r"[\u4e00-\u9fff]")
REPAIR = "文档为繁体字，已转换为简体字读取"
SAMPLES, SAMPLE_CHARS = 8, 2000


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str | None:
    """The text in simplified characters when it is written in traditional script, else None. The
    script is told from a sample spread over the text, so a long simplified document costs little."""
    if not text or not _traditional(_sample(text)):
        return None
    return convert(text)


def _traditional(text: str) -> bool:
    han = len(_HAN.findall(text))
    if not han:
        return False
    converted = convert(text)
    changed = sum(1 for a, b in zip(text, converted) if a != b) if len(converted) == len(text) else han
    return changed >= han * SHARE


def _sample(text: str) -> str:
    """The whole of a short text; of a long one, SAMPLES pieces of SAMPLE_CHARS spread evenly over it."""
    if len(text) <= SAMPLES * SAMPLE_CHARS:
        return text
    step = len(text) // SAMPLES
    return "".join(text[n * step:n * step + SAMPLE_CHARS] for n in range(SAMPLES))


def convert(text: str) -> str:
    """One piece of a document already found to be traditional, in simplified characters (text that
    cannot be encoded, a lone surrogate from a damaged file, is left as it is)."""
    if not text:
        return text
    try:
        return _converter().convert(text)
    except UnicodeEncodeError:
        return text
