from django.urls import path

from jixiao.web.review import views

app_name = "review"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("queue/", views.queue, name="queue"),
    path("report/", views.report, name="report"),
    path("notifications/<int:pk>/", views.open_notification, name="notification"),
    path("notifications/read-all/", views.read_all, name="read_all"),
    path("tables/<int:pk>/explain/", views.explain, name="explain"),
    path("tables/<int:pk>/comment/", views.comment, name="comment"),
    path("tables/<int:pk>/return/", views.return_table, name="return"),
    path("tables/<int:pk>/approve/", views.approve, name="approve"),
    path("tables/<int:pk>/new-version/", views.new_version, name="new_version"),
    path("versions/<int:pk>/", views.version_detail, name="version"),
    path("comments/<int:pk>/reply/", views.reply, name="reply"),
]
for kind in ("monitoring", "evaluation"):  # review.models.Kind
    urlpatterns += [
        path(f"{kind}/<int:pk>/comment/", views.subject_comment, {"kind": kind}, name=f"{kind}_comment"),
        path(f"{kind}/<int:pk>/return/", views.subject_return, {"kind": kind}, name=f"{kind}_return"),
        path(f"{kind}/<int:pk>/approve/", views.subject_approve, {"kind": kind}, name=f"{kind}_approve"),
        path(f"{kind}/<int:pk>/new-version/", views.subject_new_version, {"kind": kind}, name=f"{kind}_new_version"),
    ]
