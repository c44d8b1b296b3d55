from django.urls import path

from jixiao.web.results import views

app_name = "results"
urlpatterns = [
    path("", views.report, name="report"),
    path("tables/<int:pk>/", views.decide, name="decide"),
    path("tables/<int:pk>/panel/", views.panel, name="panel"),
    path("tables/<int:pk>/carried/", views.carried, name="carried"),
]
