"""The rating page (好差评) from its link, and the link on the ticket page."""

import pytest

from appointments.tickets import ticket_path, ticket_token
from casework import services as counter
from ratings import services
from ratings.exceptions import AlreadyRated, NotRateable
from ratings.links import rating_path, rating_token
from ratings.models import FollowUp, Rating
from tests.ratings.support import open_case, rate

pytestmark = pytest.mark.django_db


def test_rating_from_the_link_with_a_high_score_opens_no_follow_up(client, case):
    page = client.get(rating_path(case.pk))
    html = page.content.decode()
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert html.count('type="radio" name="score"') == 5 and "非常满意" in html
    assert case.case_number in html and "张桂梅" not in html
    response = rate(client, case, "5", "  窗口很耐心，一次办好。 ")
    assert response.status_code == 302 and response["Location"] == rating_path(case.pk)
    rating = Rating.objects.get(case=case)
    assert (rating.score, rating.comment) == (5, "窗口很耐心，一次办好。")
    assert not FollowUp.objects.exists()
    html = client.get(rating_path(case.pk)).content.decode()
    assert "感谢您的评价" in html and "5 分（非常满意）" in html and 'name="score"' not in html


def test_rating_page_works_in_elder_mode(client, case):
    client.cookies["elder_mode"] = "1"
    html = client.get(rating_path(case.pk)).content.decode()
    assert 'class="elder"' in html and "ratings/ratings.css" in html
    assert html.count('class="score-option"') == 5


@pytest.mark.parametrize(
    "token",
    ["123:forged", "not-a-token", "x" * 300],
)
def test_forged_or_garbled_links_are_a_clear_404(client, case, token):
    response = client.get(f"/rate/{token}/")
    assert response.status_code == 404
    assert "评价链接无效" in response.content.decode()
    assert client.post(f"/rate/{token}/", {"score": "5"}).status_code == 404
    assert not Rating.objects.exists()


def test_a_tampered_link_or_a_ticket_token_does_not_open_another_case(client, case):
    token = rating_token(case.pk)
    other_id = token.replace(f"{case.pk}:", f"{case.pk + 1}:", 1)
    assert client.get(f"/rate/{other_id}/").status_code == 404
    # A ticket's token is signed with another salt, so it is no rating link.
    ticket = ticket_token(case.appointment.reference)
    assert client.get(f"/rate/{ticket}/").status_code == 404
    # A correctly signed id of a case that does not exist.
    assert client.get(rating_path(case.pk + 999)).status_code == 404


@pytest.mark.parametrize("score", ["0", "6", "-1", "abc", "", "4.5"])
def test_score_out_of_range_is_refused(client, case, score):
    response = rate(client, case, score, "留言保留")
    assert response.status_code == 422
    html = response.content.decode()
    assert "请选择 1 到 5 分" in html and "留言保留" in html
    assert not Rating.objects.exists()


def test_comment_over_500_characters_is_refused(client, case):
    assert rate(client, case, "4", "长" * 501).status_code == 422
    assert not Rating.objects.exists()
    assert rate(client, case, "4", "长" * 500).status_code == 302


def test_a_case_not_yet_completed_cannot_be_rated(client, centres, staff):
    case = open_case(centres[0], staff["clerk"])
    page = client.get(rating_path(case.pk))
    assert page.status_code == 409 and "还没有办结" in page.content.decode()
    assert rate(client, case, "5").status_code == 409
    with pytest.raises(NotRateable):
        services.rate_case(case=case, score=5)
    counter.reject_case(case=case, clerk=staff["clerk"], reason="不符合条件")
    assert rate(client, case, "1").status_code == 409
    assert not Rating.objects.exists()


def test_a_case_is_rated_once(client, case):
    assert rate(client, case, "4").status_code == 302
    again = rate(client, case, "1", "改成差评")
    assert again.status_code == 409
    html = again.content.decode()
    assert "已经评价过" in html and "4 分（满意）" in html
    with pytest.raises(AlreadyRated):
        services.rate_case(case=case, score=2)
    assert Rating.objects.get().score == 4 and not FollowUp.objects.exists()


# The link on the ticket page


def test_ticket_page_shows_the_link_once_the_case_is_completed(client, centres, staff):
    case = open_case(centres[0], staff["clerk"])
    path = ticket_path(case.appointment.reference)
    assert "评价" not in client.get(path).content.decode()
    counter.complete_case(case=case, clerk=staff["clerk"])
    html = client.get(path).content.decode()
    assert rating_path(case.pk) in html
    rate(client, case, "5")
    html = client.get(path).content.decode()
    assert rating_path(case.pk) not in html and "已评价" in html
