from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    """Argon2id at OWASP's minimum (Password Storage Cheat Sheet: m=19 MiB, t=2, p=1), chosen deliberately.

    Django's defaults (m=100 MiB, p=8) took 1–2 s per sign-in on the township server class in the security review
    and let a burst of logins exhaust its memory; the OWASP floor keeps each guess costly to an offline attacker
    (19 MiB of memory-hard work per try) at tens of milliseconds per sign-in. Same algorithm name as Django's hasher,
    so existing hashes verify, and Django rehashes them with these parameters at the next sign-in (must_update).
    GB/T 22239-2019 8.1.4.1 身份鉴别 a); docs/security.md.
    """

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
