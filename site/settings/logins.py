"""Accounts and the security of logins: allauth, codes by text, limits, captchas, staff sessions."""

import os

from .environment import env_bool

# Accounts (allauth): residents log in with a mobile number and a code by
# text, or a password (optional); e-mail is optional and still logs in.
ACCOUNT_LOGIN_METHODS = {"phone", "email"}
# The phone is required by the sign-up form (accounts.auth_forms), not here:
# allauth refuses any login of an account without a phone when it is listed
# as required, and staff and older e-mail accounts have none.
ACCOUNT_SIGNUP_FIELDS = ["phone", "email", "password1", "password2"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_PHONE_VERIFICATION_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# Codes: six digits, five minutes, five tries (issue: residents by phone).
SMS_CODE_MINUTES = 5
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = ACCOUNT_PHONE_VERIFICATION_TIMEOUT = SMS_CODE_MINUTES * 60
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = ACCOUNT_PHONE_VERIFICATION_MAX_ATTEMPTS = 5
ACCOUNT_LOGIN_BY_CODE_FORMAT = ACCOUNT_PHONE_VERIFICATION_CODE_FORMAT = {
    "numeric": True,
    "length": 6,
    "dashed": False,
}
# Texts with a code, as "amount/seconds" lists (accounts/sms_codes.py): per
# number one a minute, five an hour, ten a day; per client address enough
# for a family or an office, not for a script.
SMS_CODE_LIMITS_PER_PHONE = os.environ.get("SMS_CODE_LIMITS_PER_PHONE", "1/60,5/3600,10/86400")
SMS_CODE_LIMITS_PER_ADDRESS = os.environ.get("SMS_CODE_LIMITS_PER_ADDRESS", "5/60,30/3600")
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# allauth warns that no login method is a required sign-up field; see above.
SILENCED_SYSTEM_CHECKS = ["account.W001"]
ACCOUNT_FORMS = {
    "login": "accounts.auth_forms.LoginForm",
    "signup": "accounts.auth_forms.SignupForm",
    "request_login_code": "accounts.auth_forms.RequestLoginCodeForm",
    "change_phone": "accounts.auth_forms.ChangePhoneForm",
}
LOGIN_REDIRECT_URL = "/"
# /admin/login/ is allauth's login; Wagtail sends a logged-in resident without
# admin access there, so the page must show the form rather than bounce back.
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False

# Security of logins (accounts/adapter.py, core/limits.py, core/captcha.py).
# The client's address is the one the trusted proxies saw: with N proxies in
# front of the site, the N-th address from the right of X-Forwarded-For.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# allauth's own limits. Its "login_failed" is keyed on the account alone (and
# on the address), so anyone could lock anyone out: password failures are
# counted by accounts.adapter instead, and "login_failed" is left to what
# allauth also uses it for, the attempts at a TOTP code (keyed on the user).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/key",
    "login": "30/m/ip",
    "signup": "5/m/ip,20/h/ip",
    "reset_password": "5/m/ip,20/h/ip,3/h/key",
    "reset_password_from_key": "10/m/ip",
    # Per number, accounts/sms_codes.py counts more strictly and says how long to wait.
    "request_login_code": "20/m/ip,3/m/key",
    "verify_phone": "1/m/key,10/m/ip",
}
# Password failures, as "amount/seconds": a pair (account, address) is locked
# after LOGIN_FAILURES_PER_PAIR, an address after LOGIN_FAILURES_PER_ADDRESS
# whatever the accounts; an account itself is never locked (that would let
# anyone lock it out), it asks for a captcha after LOGIN_FAILURES_BEFORE_CAPTCHA.
LOGIN_FAILURES_PER_PAIR = os.environ.get("LOGIN_FAILURES_PER_PAIR", "5/900")
LOGIN_FAILURES_PER_ADDRESS = os.environ.get("LOGIN_FAILURES_PER_ADDRESS", "100/3600")
# When a captcha is asked for, per scope: after this many attempts ("amount/seconds")
# from one address, or on one account.
CAPTCHA_AFTER = {
    "login": "5/3600",
    "login_account": "5/3600",
    "signup": "2/3600",
    # A person books for herself and perhaps a parent or two; a fourth booking
    # within the hour from one account, or a tenth from one address (a
    # community worker helping neighbours), asks for a captcha first.
    "booking": "10/3600",
    "booking_account": "3/3600",
    # Texts with a code (login, sign-up, a new phone, bookings by ID number).
    "sms_code": "3/3600",
}
CAPTCHA_FONT_SIZE = 28
CAPTCHA_LENGTH = 5
CAPTCHA_TIMEOUT = 10
CAPTCHA_IMAGE_SIZE = (140, 44)

# Staff and editors (accounts/middleware.py): TOTP second factor when
# STAFF_MFA_REQUIRED, and short sessions.
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", False)
STAFF_SESSION_IDLE_SECONDS = int(os.environ.get("STAFF_SESSION_IDLE_SECONDS", str(30 * 60)))
STAFF_SESSION_MAX_SECONDS = int(os.environ.get("STAFF_SESSION_MAX_SECONDS", str(12 * 3600)))
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "江苏省便民服务中心"
# Wagtail's own password reset is replaced by allauth's, which is throttled.
WAGTAIL_PASSWORD_RESET_ENABLED = False
