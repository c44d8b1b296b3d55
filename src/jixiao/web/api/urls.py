from django.urls import path

from jixiao.web.api import views
from jixiao.web.api.api import api

urlpatterns = [
    path("docs/", views.docs, name="api-docs"),
    path("", api.urls),
    path("<path:rest>", views.unknown),
]
