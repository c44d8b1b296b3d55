from django.urls import path

from jixiao.web.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("charts/", views.finance, name="finance"),
    path("charts/units/<int:pk>/", views.unit, name="unit"),
    path("tables/<int:pk>/charts/", views.project, name="project"),
    path("digest/", views.digest, name="digest"),
]
