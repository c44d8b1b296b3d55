"""Moving tables through the review workflow in tests, as reviewers would."""


def approve(table, reviewer):
    """Approve ``table`` (submitted, then 审核通过 with a kept version): it may then be monitored and evaluated."""
    from jixiao.web.review import services
    from jixiao.web.targets.models import TargetTable

    TargetTable.objects.filter(pk=table.pk).update(status="submitted")
    table.refresh_from_db()
    services.approve(table, reviewer)
    return table
