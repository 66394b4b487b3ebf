"""Settings shared by every environment. Everything that varies comes from the environment."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

from django.utils.csp import CSP

from config.email_url import mailer_from_url
from config.env import BASE_DIR, env

# Everything this machine keeps: the SQLite file, caches, uploads, collected static files.
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)

SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

# The public address of the site, used for canonical links, the sitemap and
# links in staff emails (never taken from the request's Host header).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Spanish beside English in the content models' columns; before the admin, as it asks.
    "modeltranslation",
    "staff.apps.StaffAdminConfig",  # Django's admin, asking staff for a second factor
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "phonenumber_field",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "staff",
    "procedures",
    "appointments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A NUL in the query string or a cookie: 400 before anything takes it to the database.
    "config.nul_characters.RefuseNulCharactersMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A browser that prefers Spanish, arriving at the English home, goes to /es/.
    "config.language.HomeLanguageMiddleware",
    # Anonymous visitors get public pages from the "pages" cache.
    "config.page_cache.PublicPageCacheMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The page's language from its address (/es/...); English everywhere else.
    "config.language.PatientLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Signs out a staff session past its limits, saying why (a message).
    "staff.session_limits.StaffSessionLimitsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: turns a paused sign-in into the page that says so.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "procedures.context_processors.clinic",
            ],
        },
    },
]

# Database: SQLite in var/ unless DATABASE_URL says otherwise (the path is quoted,
# since django-environ unquotes it).
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{quote(str(VAR_DIR / 'db.sqlite3'))}")
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web workers, task worker) share one file: write-ahead
    # logging lets readers and a writer work at once, and IMMEDIATE
    # transactions wait for the lock instead of failing half-way.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caches. "default" holds small shared values; "pages" holds rendered public
# pages and is cleared whenever an editor saves. Both must be shared by every
# web worker: files in var/cache, or Redis when REDIS_URL is set (the pages
# cache then uses the next Redis database, so clearing it touches nothing else).
REDIS_URL = env.str("REDIS_URL", default="")
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=3600)


def _redis_database(url: str, offset: int) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0) + offset
    return urlunsplit(parts._replace(path=f"/{number}"))


if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis_database(REDIS_URL, 0),
            "KEY_PREFIX": "neec",
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis_database(REDIS_URL, 1),
            "KEY_PREFIX": "neec-pages",
            "TIMEOUT": PAGE_CACHE_SECONDS,
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache" / "default",
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache" / "pages",
            "TIMEOUT": PAGE_CACHE_SECONDS,
        },
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Patients read the public site in English (at today's addresses) or in Spanish (the same
# addresses under /es/). Staff screens stay in English.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates on patients' pages ("November 20, 2026" / "20 de noviembre de 2026").
FORMAT_MODULE_PATH = ["config.formats"]
# Content models keep a Spanish column beside each English one (procedures/translation.py).
# An empty Spanish field shows the English, and the page says so (procedures/translated.py).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en",)}
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Uploaded pictures are served by the proxy in front, with headers of their own
# (docs/deploy.md); SERVE_MEDIA=true has Django serve them instead (`make run` does).
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=False)
# Uploads get the process's umask (077 in production: 0600 files, 0700 folders) rather
# than Django's default chmod to 0644, which would let every local user read them.
FILE_UPLOAD_PERMISSIONS = None
FILE_UPLOAD_DIRECTORY_PERMISSIONS = None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Largest illustration an editor may upload.
MAX_IMAGE_UPLOAD_BYTES = env.int("MAX_IMAGE_UPLOAD_BYTES", default=5 * 1024 * 1024)
# Any picture that size is held in memory, then written as a new file, which takes the
# media folder's access-control entries (nginx reads pictures through one: docs/deploy.md).
# A larger upload would go through a temporary file moved into place, keeping its 0600.
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_IMAGE_UPLOAD_BYTES + 256 * 1024

# Email: EMAIL_URL, see config/email_url.py. Console output when unset.
MAILERS = {"default": mailer_from_url(env.str("EMAIL_URL", default="console://"))}
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="New England Endovascular Center <no-reply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
STAFF_NOTIFICATION_EMAILS = env.list("STAFF_NOTIFICATION_EMAILS", default=[])

# Background tasks: stored in the database, run by `manage.py run_worker` (db_worker
# with this many threads: emails sent at a time), kept this many days once finished.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
TASK_WORKER_THREADS = env.int("TASK_WORKER_THREADS", default=4)
TASK_RESULT_RETENTION_DAYS = env.int("TASK_RESULT_RETENTION_DAYS", default=7)

# Callback requests.
CALLBACK_RATE_LIMIT = env.str("CALLBACK_RATE_LIMIT", default="5/h")
# A proxy in front (nginx, a load balancer) sets X-Forwarded-Proto and appends the
# client's address to X-Forwarded-For; the rate limit then counts by that address.
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
CALLBACK_RETENTION_DAYS = env.int("CALLBACK_RETENTION_DAYS", default=180)
CALLBACK_MIN_FILL_SECONDS = env.int("CALLBACK_MIN_FILL_SECONDS", default=3)
# Records of who saw which patient are kept this many calendar years: HIPAA's
# documentation period, and not one a deployment may shorten, so not from the environment.
ACCESS_RECORD_RETENTION_YEARS = 6
# First wait before an email is tried again; it doubles on each failure.
NOTIFICATION_RETRY_SECONDS = env.int("NOTIFICATION_RETRY_SECONDS", default=30)
# The sweep re-sends any notification still unsent after this many minutes.
NOTIFICATION_SWEEP_MINUTES = env.int("NOTIFICATION_SWEEP_MINUTES", default=5)
# A staff email still unsent this many minutes after the request came in is late:
# /healthz and the admin's home page (for superusers) say so.
NOTIFICATION_LATE_MINUTES = env.int("NOTIFICATION_LATE_MINUTES", default=15)

CRISPY_ALLOWED_TEMPLATE_PACKS = ["patient_forms"]
CRISPY_TEMPLATE_PACK = "patient_forms"
PHONENUMBER_DEFAULT_REGION = "US"
PHONENUMBER_DEFAULT_FORMAT = "NATIONAL"

# Security headers for every response. No inline script or style anywhere,
# and nothing loaded from another origin.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "config.views.csrf_failure"
# Error reports never carry what a patient typed: see config/error_reports.py.
DEFAULT_EXCEPTION_REPORTER_FILTER = "config.error_reports.PatientSafeExceptionReporterFilter"

# Browser features no page of this site uses, turned off for every page.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "clipboard-read",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "gamepad",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "otp-credentials",
        "payment",
        "picture-in-picture",
        "publickey-credentials-create",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
}

# Staff sign-in (the staff app): a password, then a code from an authenticator app.
LOGIN_URL = "admin:login"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a paused user name or address first
    "django.contrib.auth.backends.ModelBackend",
]
OTP_TOTP_ISSUER = "New England Endovascular Center"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin never shows a device's secret key
# Staff sessions end after this long without a request, and this long in all.
STAFF_IDLE_MINUTES = env.int("STAFF_IDLE_MINUTES", default=30)
STAFF_SESSION_HOURS = env.int("STAFF_SESSION_HOURS", default=12)
SESSION_COOKIE_AGE = STAFF_SESSION_HOURS * 3600
# Who to call when signing in is paused (shown on that page).
IT_CONTACT = env.str("IT_CONTACT", default="the clinic's IT contact")

# Failed sign-ins (django-axes, see staff/lockout.py): a user name is paused after
# 5 failures and a client address after 20, within 15 minutes, for 15 minutes.
SIGN_IN_FAILURE_LIMITS = {"username": 5, "ip_address": 20}
AXES_LOCKOUT_PARAMETERS = list(SIGN_IN_FAILURE_LIMITS)
AXES_HANDLER = "staff.lockout.StaffLockoutHandler"
AXES_FAILURE_LIMIT = "staff.lockout.whole_limit"
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_CALLABLE = "staff.lockout.paused_page"
AXES_CLIENT_IP_CALLABLE = "config.client_address.client_address"
# Trying while paused does not move the end of the pause that the page announced.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Log lines name the user name tried and the address (never the password, which
# axes always masks); what is masked here is also masked in stored form data.
AXES_SENSITIVE_PARAMETERS = ["code"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    # A request refused with a 4xx is the client's doing: a warning line, no traceback.
    "filters": {"client_errors": {"()": "config.client_errors.ClientErrorsAsWarnings"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["client_errors"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Failed sign-ins are warnings: user name tried, address, time (see staff/lockout.py).
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
