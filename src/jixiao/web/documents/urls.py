from django.urls import path

from jixiao.web.documents import reports, versions, views

app_name = "documents"
urlpatterns = [
    path("tables/<int:pk>/download/<str:fmt>/", views.table_file, name="table"),
    path("tables/download/<str:fmt>/", views.tables_file, name="tables"),
    path("tables/template/<str:fmt>/", views.blank_template, name="template"),
    path("tables/<int:pk>/evaluation/download/<str:fmt>/", views.evaluation_file, name="evaluation"),
    path("tables/<int:pk>/monitoring/download/<str:fmt>/", reports.monitoring_report_file, name="monitoring"),
    path("review/report/download/<str:fmt>/", reports.review_report_file, name="review_report"),
    path("versions/<int:pk>/download/<str:fmt>/", versions.version_file, name="version"),
]
