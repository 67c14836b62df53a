"""Reading codes from the `file` SMS backend, and captcha answers, for the phone tests."""

from __future__ import annotations

import json
import re

from captcha.models import CaptchaStore


class Outbox:
    """The texts the site sent, one JSON object a line (to, template, params, text)."""

    def __init__(self, path):
        self.path = path

    def all(self) -> list[dict]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines()]

    def to(self, number: str) -> list[dict]:
        return [m for m in self.all() if m["to"] == number]

    def last_code(self, number: str) -> str:
        codes = [m for m in self.to(number) if m["template"] == "login_code"]
        assert codes, f"no code sent to {number}"
        code = codes[-1]["params"]["code"]
        assert re.fullmatch(r"\d{6}", code) and code in codes[-1]["text"]
        return code


def captcha_answer(html: str) -> dict:
    key = re.search(r'name="captcha_0" value="([0-9a-f]+)"', html).group(1)
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}
