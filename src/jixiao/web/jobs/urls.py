from django.urls import path

from jixiao.web.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/state/", views.job_state, name="state"),
    path("<int:pk>/cancel/", views.job_cancel, name="cancel"),
    path("<int:pk>/download/", views.job_download, name="download"),
    path("export/", views.start_export, name="export"),
    path("import/", views.start_import, name="import"),
    path("backup/", views.start_backup, name="backup"),
    path("library/", views.start_library, name="library"),
    path("unit-check/", views.start_unit_check, name="unit_check"),
]
