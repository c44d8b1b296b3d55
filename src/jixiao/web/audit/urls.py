from django.urls import path

from jixiao.web.audit import views

app_name = "audit"
urlpatterns = [
    path("tables/<int:pk>/history/", views.table_history, name="table_history"),
]
