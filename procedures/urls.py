from django.urls import path

from procedures import language_help, views

app_name = "procedures"

urlpatterns = [
    path("", views.home, name="home"),
    path("procedures/", views.procedure_list, name="list"),
    path("procedures/<slug:slug>/", views.procedure_detail, name="detail"),
    path("language-help/", language_help.language_help, name="language_help"),
]
