from django.urls import path

from jixiao.web.review import views
from jixiao.web.review.models import Kind

app_name = "review"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("queue/", views.queue, name="queue"),
    path("report/", views.report, name="report"),
    path("notifications/<int:pk>/", views.open_notification, name="notification"),
    path("notifications/read-all/", views.read_all, name="read_all"),
    path("tables/<int:pk>/explain/", views.explain, name="explain"),
    path("versions/<int:pk>/", views.version_detail, name="version"),
    path("comments/<int:pk>/reply/", views.reply, name="reply"),
]
# The same four transitions for every kind; a table's URL names have no prefix (review:approve),
# the others are prefixed by their kind (review:monitoring_approve).
TRANSITIONS = {"comment": views.comment, "return": views.return_subject, "approve": views.approve,
               "new-version": views.new_version}
for kind, prefix, names in ((Kind.TABLE, "tables", ""), (Kind.MONITORING, "monitoring", "monitoring_"),
                            (Kind.EVALUATION, "evaluation", "evaluation_")):
    urlpatterns += [
        path(f"{prefix}/<int:pk>/{step}/", view, {"kind": kind.value}, name=names + step.replace("-", "_"))
        for step, view in TRANSITIONS.items()
    ]
