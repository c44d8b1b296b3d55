from django.urls import path

from jixiao.web.rules import recheck, views

app_name = "rules"
urlpatterns = [
    path("", views.settings_page, name="settings"),
    path("recheck/", recheck.recheck_page, name="recheck"),
    path("unit/<int:pk>/", views.choose, {"kind": "unit"}, name="choose_unit"),
    path("department/<int:pk>/", views.choose, {"kind": "department"}, name="choose_department"),
]
