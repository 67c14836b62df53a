"""Notes merged from several guides say each thing once (issue 18: repeated notes in printouts)."""

import re

import pytest

from guides.checklist import _join
from guides.models import MatterPage


def test_the_same_instruction_in_other_words_is_printed_once_in_its_fuller_wording():
    merged = _join("申请人当场签字或按手印。", "申请人在窗口当场签字或按手印。")
    assert merged == "申请人在窗口当场签字或按手印。"


def test_different_instructions_are_all_kept_in_order():
    merged = _join("需加盖单位公章。", "复印件需本人签名；申请人当场签字或按手印。")
    assert merged == "需加盖单位公章；复印件需本人签名；申请人当场签字或按手印。"


def test_an_empty_note_adds_nothing():
    assert _join("", "原件核对后退还。") == "原件核对后退还。"
    assert _join("", "") == ""
    assert _join("仅“支出型”情形需要", "") == "仅“支出型”情形需要"


@pytest.mark.django_db
def test_a_guide_names_its_department_first_and_its_code_only_as_a_small_reference(client):
    page = MatterPage.objects.live().get(code="JS-MZ-01")
    html = client.get(page.url).content.decode()
    header = re.search(r'<p class="meta">(.*?)</p>', html, re.S).group(1)
    assert not header.strip().startswith("JS-MZ-01")
    assert re.search(r'<small class="ref">[^<]*JS-MZ-01</small>', header)
