"""A local HTTP server that plays Tencent Cloud's or Alibaba Cloud's SMS API.

Each request takes the next scripted answer (``ok``, ``refuse``, ``throttle``,
``hang``); when the script is spent it answers ``ok``. Requests are recorded
with the parameters the SDK sent.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

PORTS = range(8200, 8300)


@dataclass
class Gateway:
    provider: str
    url: str = ""
    script: list[str] = field(default_factory=list)
    requests: list[dict] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_answer(self) -> str:
        with self.lock:
            return self.script.pop(0) if self.script else "ok"


def _tencent(answer: str, params: dict) -> tuple[int, dict]:
    request_id = str(uuid.uuid4())
    phone = (params.get("PhoneNumberSet") or [""])[0]
    if answer == "refuse":
        error = {"Code": "FailedOperation.TemplateIncorrectOrUnapproved", "Message": "模板未审批"}
        return 200, {"Response": {"Error": error, "RequestId": request_id}}
    if answer == "throttle":
        status = {
            "SerialNo": "",
            "PhoneNumber": phone,
            "Fee": 0,
            "SessionContext": "",
            "Code": "LimitExceeded.PhoneNumberThirtySecondLimit",
            "Message": "the number of sms messages sent from a single mobile number within 30 seconds exceeds the upper limit",
            "IsoCode": "CN",
        }
        return 200, {"Response": {"SendStatusSet": [status], "RequestId": request_id}}
    status = {
        "SerialNo": f"2640:{uuid.uuid4().hex[:20]}",
        "PhoneNumber": phone,
        "Fee": 1,
        "SessionContext": "",
        "Code": "Ok",
        "Message": "send success",
        "IsoCode": "CN",
    }
    return 200, {"Response": {"SendStatusSet": [status], "RequestId": request_id}}


def _aliyun(answer: str, params: dict) -> tuple[int, dict]:
    request_id = str(uuid.uuid4()).upper()
    if answer == "refuse":
        return 200, {
            "Code": "isv.MOBILE_NUMBER_ILLEGAL",
            "Message": "非法手机号",
            "RequestId": request_id,
        }
    if answer == "throttle":
        return 200, {
            "Code": "isv.BUSINESS_LIMIT_CONTROL",
            "Message": "触发分钟级流控Permits:1",
            "RequestId": request_id,
        }
    if answer == "server_error":
        return 503, {"Code": "ServiceUnavailable", "Message": "busy", "RequestId": request_id}
    return 200, {
        "Code": "OK",
        "Message": "OK",
        "BizId": f"9006{uuid.uuid4().int % 10**16}^0",
        "RequestId": request_id,
    }


def _handler(gateway: Gateway):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if gateway.provider == "tencent":
                params = json.loads(body or b"{}")
                action = self.headers.get("X-TC-Action", "")
            else:
                params = dict(parse_qsl(urlsplit(self.path).query))
                params.update(parse_qsl(body.decode()))
                action = params.get("Action", "") or self.headers.get("x-acs-action", "")
            answer = gateway.next_answer()
            with gateway.lock:
                gateway.requests.append(
                    {"action": action, "params": params, "answer": answer, "at": time.monotonic()}
                )
            if answer == "hang":
                time.sleep(3)
                return
            make = _tencent if gateway.provider == "tencent" else _aliyun
            status, data = make(answer, params)
            raw = json.dumps(data, ensure_ascii=False).encode()
            self.send_response(status)
            # Tencent's SDK reads errors only from exactly this content type.
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

    return Handler


@contextmanager
def fake_gateway(provider: str) -> Iterator[Gateway]:
    gateway = Gateway(provider=provider)
    for port in PORTS:
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), _handler(gateway))
            break
        except OSError:
            continue
    else:
        raise RuntimeError("no free port in 8200-8299")
    server.daemon_threads = True
    gateway.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield gateway
    finally:
        server.shutdown()
        server.server_close()
