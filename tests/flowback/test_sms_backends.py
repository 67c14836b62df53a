"""SMS_BACKEND by short name: console prints, file appends one JSON object a line."""

import json
import threading

import pytest
from django.test import override_settings

from flowback.sms import (
    ConsoleBackend,
    FileBackend,
    TextMessage,
    backend_path,
    get_backend,
    send_sms,
)


def test_short_names_and_dotted_paths_name_backends():
    assert backend_path("console") == "flowback.sms.ConsoleBackend"
    assert backend_path("file") == "flowback.sms.FileBackend"
    assert backend_path("tests.x.Backend") == "tests.x.Backend"
    assert backend_path("tencent") == "flowback.sms.tencent.TencentBackend"
    assert backend_path("aliyun") == "flowback.sms.aliyun.AliyunBackend"
    with override_settings(SMS_BACKEND="console"):
        assert isinstance(get_backend(), ConsoleBackend)


@pytest.mark.django_db
def test_the_file_backend_appends_whole_lines_from_many_threads(tmp_path):
    path = tmp_path / "sms" / "out.jsonl"
    with override_settings(SMS_BACKEND="file", SMS_FILE_PATH=str(path)):
        backend = get_backend()
        assert isinstance(backend, FileBackend)
        threads = [
            threading.Thread(
                target=backend.send,
                args=(TextMessage(f"1395123{n:04d}", f"您的预约已确认，预约号 A{n:03d}。"),),
            )
            for n in range(20)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert send_sms("", "nobody") == 0
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 20
    assert {line["to"] for line in lines} == {f"1395123{n:04d}" for n in range(20)}
    assert all(line["text"].startswith("您的预约已确认") for line in lines)
