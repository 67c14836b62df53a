"""Spoken and Jiangsu-tinged words on the loaded standard (issue #20, sixth round):
没得 for 没有, 乡下 for 农村, 服侍 and 照应 for 照顾, 孤零零, 中风 kept whole,
yes-or-no questions and story time words as padding."""

import pytest

from search import services

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("我没得工作了能不能领钱", "JS-RS-04"),
        ("我们乡下老头老太养老钱咋领", "JS-RS-02"),
        ("老伴中风瘫在床上要人服侍", "JS-MZ-05"),
        ("一个人孤零零的没人照应", "JS-MZ-02"),
        ("孩子脑子有点问题", "JS-CL-01"),
    ],
)
def test_a_spoken_description_finds_its_matter_in_the_first_three(query, code):
    assert code in [hit.code for hit in services.search(query, limit=3)]
