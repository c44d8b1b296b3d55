from django.urls import path

from jixiao.web.targets import views

app_name = "targets"
urlpatterns = [
    path("", views.table_list, name="list"),
    path("new/", views.table_new, name="new"),
    path("<int:pk>/", views.table_detail, name="detail"),
    path("<int:pk>/edit/", views.table_edit, name="edit"),
    path("<int:pk>/delete/", views.table_delete, name="delete"),
    path("<int:pk>/history/", views.table_history, name="history"),
    path("check-target/", views.check_target, name="check_target"),
    path("units/", views.unit_search, name="units"),
    path("upload/", views.upload, name="upload"),
    path("upload/cancel/", views.upload_cancel, name="upload_cancel"),
]
