"""How many rows a page shows: every list of projects, tables, indicators or entries pages at
PAGE_SIZE; a page of per-unit summaries, each row counting a unit's tables and their reports,
pages at UNITS_PER_PAGE (20 units of a province's 100 tables each: 2,000 tables counted a page)."""

PAGE_SIZE = 50
UNITS_PER_PAGE = 20
