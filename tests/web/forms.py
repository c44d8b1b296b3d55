"""Building edit-page submissions as the browser would send them."""

from jixiao.web.targets.forms import TableForm


def edit_data(table, change=None) -> dict:
    """The edit form of ``table`` as loaded, with ``change(rows)`` applied to its indicator rows."""
    facts = {k: ("" if v is None else v) for k, v in TableForm.initial_for(table).items()}
    rows = [
        {"id": r.id, "category": r.category, "name": r.name, "period_target": r.period_text,
         "annual_target": r.annual_text, "ORDER": r.position}
        for r in table.indicators.all()
    ]
    if change:
        change(rows)
    data = dict(facts)
    data.update({"ind-TOTAL_FORMS": len(rows), "ind-INITIAL_FORMS": len(rows), "ind-MIN_NUM_FORMS": 0,
                 "ind-MAX_NUM_FORMS": 1000})
    for n, row in enumerate(rows):
        for key, value in row.items():
            if key == "DELETE" and not value:
                continue
            data[f"ind-{n}-{key}"] = "" if value is None else value
    return data
