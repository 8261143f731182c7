"""One settings module; everything that differs between machines comes from the environment."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("FAZHI_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", False)
# The development key only works with DEBUG or under tests; production must set DJANGO_SECRET_KEY.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me")
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

DOMAIN_APPS = [
    "fazhi.core",
    "fazhi.accounts",
    "fazhi.areas",
    "fazhi.people",
    "fazhi.grid",
    "fazhi.mediation",
    "fazhi.petitions",
    "fazhi.publicity",
    "fazhi.training",
    "fazhi.counsel",
    "fazhi.ledger",
    "fazhi.documents",
    "fazhi.decisions",
    "fazhi.enforcement",
    "fazhi.disclosure",
    "fazhi.leadership",
    "fazhi.figures",
    "fazhi.imports",
    "fazhi.reports",
    "fazhi.portal",
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "template_partials",
    "axes",
    "auditlog",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    *DOMAIN_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "fazhi.core.middleware.PublicBodyLimitMiddleware",  # before anything reads a public request's body
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "fazhi.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "fazhi.core.middleware.AuditContextMiddleware",  # auditlog's, with the address from core.addresses.client_ip
    "fazhi.accounts.middleware.SecondFactorRequiredMiddleware",
    "fazhi.accounts.middleware.PasswordChangeRequiredMiddleware",
    "fazhi.core.security.NoStoreForSignedInMiddleware",
    "fazhi.accounts.middleware.IdleSessionMiddleware",
    # A form posted twice saves once; after the sign-in steps (its token: see the template builtin below).
    "fazhi.core.idempotency.FormTokenMiddleware",
    # Axes must be last: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

FORM_RENDERER = "fazhi.core.forms.BootstrapFormRenderer"
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "fazhi.core.context_processors.navigation",
            ],
            # fazhi.core.idempotency's {% csrf_token %} adds each form's one-time token beside Django's CSRF field.
            "builtins": ["template_partials.templatetags.partials", "fazhi.core.idempotency"],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
# SQLite by default (embedded, under var/); DATABASE_URL=postgres://… switches to PostgreSQL.
SQLITE_PATH = VAR_DIR / "fazhi.sqlite3"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers wait for the lock instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# A restarted database is noticed at the next request instead of failing it with a dead connection.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A worker keeps its connection between requests: opening one cost PostgreSQL as much as serving a page
# (docs/performance.md). The health check above makes a kept connection that the database dropped reconnect first.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("FAZHI_DB_CONN_MAX_AGE", 60))
# The figures statements are prepared on PostgreSQL (fazhi/core/metrics.py says why; no other query is). Behind a
# PgBouncer older than 1.21 in transaction mode, FAZHI_DB_PREPARE=0 turns that off.
POSTGRES_OPTIONS = {"prepare_threshold": 0 if os.environ.get("FAZHI_DB_PREPARE", "1") != "0" else None}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["OPTIONS"] = dict(POSTGRES_OPTIONS)
# A streaming read replica (fazhi/core/dbrouter.py): safe requests read from it, writes go to the primary, and a
# user who has just written reads from the primary for FAZHI_READ_PRIMARY_SECONDS. Unset: nothing changes.
FAZHI_READ_PRIMARY_SECONDS = int(os.environ.get("FAZHI_READ_PRIMARY_SECONDS", 5))
FAZHI_REPLICA_RETRY_SECONDS = int(os.environ.get("FAZHI_REPLICA_RETRY_SECONDS", 10))
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"], conn_health_checks=True)
    DATABASES["replica"]["OPTIONS"] = {"connect_timeout": 2, **POSTGRES_OPTIONS}
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # tests use one database under both names
    DATABASE_ROUTERS = ["fazhi.core.dbrouter.ReplicaRouter"]
    MIDDLEWARE.insert(1, "fazhi.core.dbrouter.ReadYourWritesMiddleware")

# One cache shared by every gunicorn worker, so the public site's per-address rate limits (django-ratelimit) count
# across processes; `manage.py createcachetable` makes its table (make install runs it).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "fazhi_cache"}}

# --- Accounts and security (GB/T 22239-2019 身份鉴别; values per docs/law.md SEC-18) -------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "fazhi.accounts.backends.PostBackend",
]
# Argon2id (argon2-cffi) at OWASP's minimum m=19 MiB, t=2, p=1 (fazhi/accounts/hashers.py says why) first; the others
# only verify older hashes, which are upgraded at the next login (as are Argon2 hashes with other parameters).
PASSWORD_HASHERS = [
    "fazhi.accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "fazhi.accounts.validators.PasswordPolicyValidator", "OPTIONS": {"min_length": 8, "min_classes": 3}},
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# 口令定期更换 (GB/T 22239-2019 身份鉴别 a): a password older than this many days must be changed at the next request;
# unset or 0: no maximum age. A new password never repeats the last 5 (fazhi/accounts/password_history.py).
FAZHI_PASSWORD_MAX_AGE_DAYS = int(os.environ.get("FAZHI_PASSWORD_MAX_AGE_DAYS", 0)) or None
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:workbench"
LOGOUT_REDIRECT_URL = "accounts:login"

AXES_FAILURE_LIMIT = int(os.environ.get("FAZHI_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = float(os.environ.get("FAZHI_LOCKOUT_HOURS", 0.25))  # 15 minutes
# Failures lock the pair (account, client address): a stranger guessing from elsewhere locks only their own address
# out of that account, never the holder at their desk (security review, low: anyone could lock a known account).
# The attempt cap per account and address still stops guessing (GB/T 22239-2019 8.1.4.1 身份鉴别 b).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ENABLED = env_bool("FAZHI_AXES_ENABLED", True)
# The client address of audit entries, login records and rate limits: one function (fazhi/core/addresses.py) that
# believes X-Forwarded-For only as far as these proxies wrote it (comma-separated addresses or CIDR networks; empty:
# no proxy, the socket's address). GB/T 22239-2019 8.1.4.3 安全审计 b).
FAZHI_TRUSTED_PROXIES = [p.strip() for p in os.environ.get("FAZHI_TRUSTED_PROXIES", "").split(",") if p.strip()]
AXES_CLIENT_IP_CALLABLE = "fazhi.core.addresses.client_ip"
RATELIMIT_IP_META_KEY = "fazhi.core.addresses.client_ip"
# An exact 身份证号 search tells whether a number is registered: per user at most this many an hour, each audited
# (fazhi/people/id_lookup.py).
FAZHI_ID_LOOKUP_RATE = os.environ.get("FAZHI_ID_LOOKUP_RATE", "30/h")
# Second factor (TOTP, django-otp): the three admin roles must pass it after the password (GB/T 22239-2019 身份鉴别
# d, docs/law.md SEC-14/SEC-18). On unless DEBUG, so `make run` and its demo accounts stay usable without phones.
FAZHI_REQUIRE_ADMIN_OTP = env_bool("FAZHI_REQUIRE_ADMIN_OTP", not DEBUG)
OTP_TOTP_ISSUER = "法治乡镇工作平台"

SESSION_COOKIE_AGE = int(os.environ.get("FAZHI_IDLE_MINUTES", 30)) * 60
# The 30 minutes are idle time, not time since login: IdleSessionMiddleware renews a used session once a minute.
FAZHI_SESSION_TOUCH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("FAZHI_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_HTTPONLY = True  # pages and htmx send the token from the template (base.html hx-headers), never from JS
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Production (FAZHI_SECURE_COOKIES=1, served over HTTPS): redirect to HTTPS and send HSTS for a year.
SECURE_SSL_REDIRECT = env_bool("FAZHI_SSL_REDIRECT", SESSION_COOKIE_SECURE)
SECURE_HSTS_SECONDS = int(os.environ.get("FAZHI_HSTS_SECONDS", 31536000 if SESSION_COOKIE_SECURE else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env_bool("FAZHI_HSTS_PRELOAD", SECURE_HSTS_SECONDS > 0)
if env_bool("FAZHI_BEHIND_PROXY", False):  # TLS ends at the reverse proxy (nginx), which sets X-Forwarded-Proto
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Content-Security-Policy (django-csp): no inline or third-party scripts; everything is served from this host.
# Inline style attributes remain allowed (templates use them for widths); scripts never are.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],  # the API documentation (Redoc) runs a worker from a blob
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Audit trail (操作留痕) ------------------------------------------------------------------
AUDITLOG_LOGENTRY_MODEL = "core.AuditEntry"
# auditlog's own migrations would create its unused default table (with a foreign key to users that blocks
# PostgreSQL's TRUNCATE in transactional tests); our AuditEntry replaces it, so the app is left unmigrated.
MIGRATION_MODULES = {"auditlog": None}
AUDITLOG_INCLUDE_ALL_MODELS = True
AUDITLOG_EXCLUDE_TRACKING_MODELS = (
    "sessions",
    "contenttypes",
    "axes",
    "auditlog",
    "core.auditentry",
    "core.auditchainhead",
    "admin",
)
AUDITLOG_EXCLUDE_TRACKING_FIELDS = ("password", "last_login", "token_hash")
# TOTP devices are audited (enrolment, failed attempts) but their secret key never enters the trail.
AUDITLOG_INCLUDE_TRACKING_MODELS = ({"model": "otp_totp.totpdevice", "exclude_fields": ["key"]},)
AUDITLOG_STORE_JSON_CHANGES = True
# Hash chain over the audit trail (fazhi/core/audit.py): SM3 (国密, GB/T 32905-2016) or SHA256.
AUDIT_HASH_ALGORITHM = os.environ.get("FAZHI_AUDIT_HASH", "SM3")
# The audit chain is keyed (HMAC, fazhi/core/audit.py) with secrets kept out of the database, so that whoever can
# write the database cannot recompute it: FAZHI_AUDIT_KEY="id:secret[,oldid:oldsecret…]", the first key writes, all
# verify (rotation: docs/deployment.md). GB/T 22239-2019 8.1.4.3 安全审计 c). The default is for development only.
AUDIT_KEYS = os.environ.get("FAZHI_AUDIT_KEY", "dev1:dev-only-audit-chain-key")
# The chain head is signed (Ed25519) by `manage.py audit_sign_head` into files under the backup directory, so that a
# rewrite by someone holding FAZHI_AUDIT_KEY is still caught: FAZHI_AUDIT_HEAD_KEY (base64 of a 32-byte private key)
# only where heads are signed; FAZHI_AUDIT_HEAD_PUBLIC_KEY (base64, 32 bytes) is all `audit_verify` needs
# (docs/security.md). The default is for development only.
AUDIT_HEAD_SIGNING_KEY = os.environ.get("FAZHI_AUDIT_HEAD_KEY", "ZGV2LW9ubHktYXVkaXQtaGVhZC1zaWduaW5nLWtleSE=")
AUDIT_HEAD_PUBLIC_KEY = os.environ.get("FAZHI_AUDIT_HEAD_PUBLIC_KEY", "")

# --- Language and time ------------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ----------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
MEDIA_URL = "/media/"
# Request bodies (docs/deployment.md sets nginx's client_max_body_size to match): form fields beyond 10 MB are refused
# by Django (400), files above 2.5 MB are spooled to disk rather than held in memory, and the public site refuses a
# body over FAZHI_PUBLIC_MAX_BODY_MB (3 photos of 8 MB and the form) from its Content-Length with 413, unread.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
FAZHI_PUBLIC_PREFIX = "public"
FAZHI_PUBLIC_MAX_BODY_BYTES = int(os.environ.get("FAZHI_PUBLIC_MAX_BODY_MB", 30)) * 1024 * 1024
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    # Removes the partial file of an upload that fails halfway (a full disk); otherwise Django's own.
    "default": {"BACKEND": "fazhi.core.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- API --------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # A person's browser session first; integrations (集成账号) send a bearer token (fazhi/accounts/tokens.py).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "fazhi.accounts.tokens.ServiceTokenAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["fazhi.accounts.tokens.ServiceAccountRateThrottle"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "法治乡镇工作平台 API",
    "DESCRIPTION": "fazhi — rule-of-law township platform. Every endpoint is scoped to the caller's areas.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Input and output apart: a write-only field (a session's cadre ids) is required in a request, never in an answer.
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "REDOC_DIST": "SIDECAR",  # served locally: township intranets have no internet
    # A choice set shared by two components needs a name of its own, or `check --deploy` warns (W001).
    "ENUM_NAME_OVERRIDES": {
        "ReportStatusEnum": "fazhi.reports.choices.ReportStatus",
        "AspectResultEnum": "fazhi.documents.choices.AspectResult",
        "ResidentStatusEnum": "fazhi.people.choices.ResidentStatus",
    },
}

# --- Background work (Django Tasks API backport) --------------------------------------------
# Production runs `manage.py db_worker`; tests and `make run` execute tasks immediately unless told otherwise.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("FAZHI_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

# --- Field encryption (个人信息保护法 第五十一条: 加密、去标识化) -------------------------------
# FAZHI_FIELD_KEYS="id1:<base64 32 bytes>,id2:<…>" — the first key encrypts, all of them decrypt (rotation).
# FAZHI_FIELD_HASH_KEY keys the blind index used for exact search. The defaults are for development only.
FIELD_ENCRYPTION_KEYS = os.environ.get("FAZHI_FIELD_KEYS", "dev1:ZGV2LW9ubHktZmllbGQta2V5LTMyLWJ5dGVzLS0tLS0=")
FIELD_ENCRYPTION_CIPHER = os.environ.get("FAZHI_FIELD_CIPHER", "AES-GCM")  # or "SM4-GCM" (国密)
FIELD_HASH_KEY = os.environ.get("FAZHI_FIELD_HASH_KEY", "dev-only-blind-index-key")

# --- Backups (数据备份与恢复, fazhi/core/backup.py) ----------------------------------------------
# FAZHI_BACKUP_KEY encrypts the archives; keep it apart from the backups. The default is for development only.
BACKUP_KEY = os.environ.get("FAZHI_BACKUP_KEY", "dev-only-backup-key")
BACKUP_CIPHER = os.environ.get("FAZHI_BACKUP_CIPHER", "AES-256-GCM")  # or "SM4-GCM" (国密)
BACKUP_DIR = Path(os.environ.get("FAZHI_BACKUP_DIR", VAR_DIR / "backups"))
AUDIT_HEAD_DIR = BACKUP_DIR / "audit-heads"  # kept beside the archives; `backup --keep` never prunes them

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("FAZHI_LOG_LEVEL", "WARNING")},
}
