"""Every public address of the site, one hop from here to the code that serves it."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.static import serve

from config import views
from procedures.sitemaps import sitemaps

# Patients' pages: English at these addresses, Spanish at the same ones under /es/
# (config/language.py says why the address alone decides the language).
urlpatterns = i18n_patterns(
    path("", include("procedures.urls")),
    path("", include("appointments.urls")),
    prefix_default_language=False,
)

urlpatterns += [
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
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"
