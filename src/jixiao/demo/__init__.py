"""The bundled demo document: twelve 2024 target tables of 东坑镇综合治理办公室, as published."""

from pathlib import Path

DEMO_DOCUMENT = Path(__file__).with_name("dongkeng-zongzhiban-2024-targets.txt")
