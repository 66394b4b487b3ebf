from django.urls import path

from appointments import views

app_name = "appointments"

urlpatterns = [
    path("request-a-callback/", views.callback_request, name="callback_request"),
    path("request-a-callback/received/", views.callback_received, name="callback_received"),
]
