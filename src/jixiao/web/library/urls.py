from django.urls import path

from jixiao.web.library import views, years

app_name = "library"
urlpatterns = [
    path("", views.entry_list, name="list"),
    path("compare/", views.entry_compare, name="compare"),
    path("propose/", views.entry_propose, name="propose"),
    path("build/", views.library_build, name="build"),
    path("suggest/", views.suggest, name="suggest"),
    path("similar/<int:pk>/", views.similar, name="similar"),
    path("entries/<str:code>/", views.entry_detail, name="detail"),
    path("entries/<str:code>/edit/", views.entry_edit, name="edit"),
    path("entries/<str:code>/decide/", views.entry_decide, name="decide"),
    path("projects/<int:pk>/years/", years.project_years, name="years"),
    path("projects/<int:pk>/years/confirm/", years.confirm_same_project, name="confirm_project"),
    path("projects/<int:pk>/years/next/", years.next_year, name="next_year"),
]
