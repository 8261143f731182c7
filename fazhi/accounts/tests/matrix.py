from fazhi.areas.testing import ALL_ROLES, Case

CASES = [
    Case("accounts:login", ALL_ROLES, anonymous_allowed=True),
    Case("accounts:logout", ALL_ROLES, method="post", anonymous_allowed=True),
    Case("accounts:password_change", ALL_ROLES),
    Case("accounts:profile", ALL_ROLES),
    Case("accounts:otp_verify", ALL_ROLES),
    Case("accounts:otp_enrol", ALL_ROLES),
]
