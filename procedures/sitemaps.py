"""/sitemap.xml: published procedures and the other public pages, in both languages, at SITE_URL."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from procedures.views import live_procedures


class SiteUrlSitemap(Sitemap):
    """Addresses built from SITE_URL, never from the request's Host header; each page in
    English and in Spanish, each listing the other as its alternate (hreflang)."""

    i18n = True
    alternates = True
    x_default = True

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme


class ProcedureSitemap(SiteUrlSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        # Addresses as published (an unpublished change of address is not live yet).
        return sorted(live_procedures(), key=lambda procedure: procedure.slug)

    def lastmod(self, procedure):
        return procedure.live_revision.published_at


class PublicPagesSitemap(SiteUrlSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return [
            "procedures:home",
            "procedures:list",
            "appointments:callback_request",
            "procedures:language_help",
        ]

    def location(self, name):
        return reverse(name)


sitemaps = {"procedures": ProcedureSitemap, "pages": PublicPagesSitemap}
