from django.urls import path

from jixiao.web.evidence import views

app_name = "evidence"
urlpatterns = [
    path("", views.record_list, name="list"),
    path("new/", views.record_new, name="new"),
    path("<int:pk>/", views.record_detail, name="detail"),
    path("<int:pk>/edit/", views.record_edit, name="edit"),
    path("<int:pk>/delete/", views.record_delete, name="delete"),
    path("<int:pk>/attachments/", views.attachment_add, name="attach"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment"),
    path("attachments/<int:pk>/delete/", views.attachment_delete, name="attachment_delete"),
    path("indicators/<int:pk>/", views.indicator_evidence, name="indicator"),
]
