from django.urls import path

from jixiao.web.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("tables/<int:pk>/", views.table, name="table"),
    path("tables/<int:pk>/<str:fmt>/", views.table_file, name="table_file"),
    path("evaluations/<int:pk>/", views.evaluation, name="evaluation"),
    path("evaluations/<int:pk>/<str:fmt>/", views.evaluation_download, name="evaluation_file"),
]
