from django.urls import path

from jixiao.web.monitoring.views import evaluation, monitoring

app_name = "monitoring"
urlpatterns = [
    path("monitoring/", monitoring.overview, name="overview"),
    path("tables/<int:pk>/monitoring/", monitoring.report, name="report"),
    path("evaluations/", evaluation.summary, name="evaluation_summary"),
    path("tables/<int:pk>/evaluation/", evaluation.evaluation_form, name="evaluation"),
    path("tables/<int:pk>/evaluation/preview/", evaluation.evaluation_preview, name="evaluation_preview"),
    path("tables/<int:pk>/evaluation/sheet/", evaluation.evaluation_sheet, name="evaluation_sheet"),
    path("tables/<int:pk>/evaluation/json/", evaluation.evaluation_json, name="evaluation_json"),
]
