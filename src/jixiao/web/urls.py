from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="targets:list", permanent=False)),
    path("accounts/", include("jixiao.web.accounts.urls")),
    path("tables/", include("jixiao.web.targets.urls")),
    path("review/", include("jixiao.web.review.urls")),
    path("library/", include("jixiao.web.library.urls")),
    path("rules/", include("jixiao.web.rules.urls")),
    path("gongkai/", include("jixiao.web.portal.urls")),
    path("evidence/", include("jixiao.web.evidence.urls")),
    path("results/", include("jixiao.web.results.urls")),
    path("api/v1/", include("jixiao.web.api.urls")),
    path("jobs/", include("jixiao.web.jobs.urls")),
    path("", include("jixiao.web.monitoring.urls")),
    path("", include("jixiao.web.documents.urls")),
    path("", include("jixiao.web.dashboards.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]
