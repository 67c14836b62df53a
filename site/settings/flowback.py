"""Flow-back: events to subscribed systems, and text messages to residents (flowback/)."""

import os

from .environment import BASE_DIR

FLOWBACK_RETRY_BASE_SECONDS = int(os.environ.get("FLOWBACK_RETRY_BASE_SECONDS", "10"))
FLOWBACK_RETRY_MAX_SECONDS = 3600
FLOWBACK_LEASE_SECONDS = 120
FLOWBACK_RUN_SECONDS = 30
# Delivered events are kept this long for audit, then pruned nightly; undelivered ones stay.
FLOWBACK_KEEP_DAYS = int(os.environ.get("FLOWBACK_KEEP_DAYS", "90"))
# A short name (console, file, tencent, aliyun) or a dotted path; see flowback/sms/.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "console")
SMS_FILE_PATH = os.environ.get("SMS_FILE_PATH", str(BASE_DIR / "var" / "sms.jsonl"))
# The cloud gateways (tencent, aliyun): an API key pair, Tencent's SmsSdkAppId, the
# approved signature, and the approved template id of every kind (flowback/sms/kinds.py)
# as "kind=id,kind=id". Region and endpoint default to the provider's own.
SMS_SECRET_ID = os.environ.get("SMS_SECRET_ID", "")
SMS_SECRET_KEY = os.environ.get("SMS_SECRET_KEY", "")
SMS_APP_ID = os.environ.get("SMS_APP_ID", "")
SMS_SIGN_NAME = os.environ.get("SMS_SIGN_NAME", "")
SMS_TEMPLATE_IDS = {
    kind.strip(): template_id.strip()
    for kind, _sep, template_id in (
        item.partition("=") for item in os.environ.get("SMS_TEMPLATE_IDS", "").split(",")
    )
    if template_id.strip()
}
SMS_REGION = os.environ.get("SMS_REGION", "")
SMS_ENDPOINT = os.environ.get("SMS_ENDPOINT", "")
SMS_TIMEOUT_SECONDS = int(os.environ.get("SMS_TIMEOUT_SECONDS", "10"))
# Throttled or unanswered texts are retried by the worker: 30 s, 1, 2, 4 minutes, then failed.
SMS_MAX_ATTEMPTS = int(os.environ.get("SMS_MAX_ATTEMPTS", "5"))
SMS_RETRY_BASE_SECONDS = int(os.environ.get("SMS_RETRY_BASE_SECONDS", "30"))
SMS_RETRY_MAX_SECONDS = 3600
