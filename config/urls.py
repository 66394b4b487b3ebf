"""Every public address of the site, one hop from here to the code that serves it."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.static import serve

from config import views
from procedures.sitemaps import sitemaps

urlpatterns = [
    path("", include("procedures.urls")),
    path("", include("appointments.urls")),
    path("admin/", admin.site.urls),  # the staff site: staff/admin_site.py
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

handler400 = "config.views.bad_request"
handler403 = "config.views.permission_denied"
handler500 = "config.views.server_error"
