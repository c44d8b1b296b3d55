"""Fonts shipped with Jixiao (see README.txt for origin and licence)."""

from pathlib import Path

CJK_FONT = Path(__file__).with_name("wqy-microhei.ttf")
