"""The public JSON endpoints of the unified standard."""

import pytest

pytestmark = pytest.mark.django_db


def test_matters_list_shape(client):
    data = client.get("/api/v1/matters").json()
    assert len(data) == 30
    first = data[0]
    assert set(first) == {
        "code",
        "name",
        "aliases",
        "department",
        "audience",
        "bookable",
        "handling_minutes",
        "url",
    }
    assert all(m["handling_minutes"] for m in data)


def test_matter_detail_has_the_twelve_elements(client):
    data = client.get("/api/v1/matters/JS-MZ-03").json()
    for key in (
        "code",
        "name",
        "aliases",
        "department",
        "audience",
        "legal_basis",
        "acceptance_criteria",
        "situations",
        "process_steps",
        "legal_time_limit_days",
        "promised_time_limit_days",
        "fee",
        "result",
        "where_and_when",
        "enquiry",
        "complaint",
        "faq",
        "online_channel",
        "bookable",
        "handling_minutes",
    ):
        assert data[key] not in (None, "", []), key
    expenditure = next(s for s in data["situations"] if s["name"] == "支出型")
    assert [m["name"] for m in expenditure["materials"]][-1] == "银行卡"
    assert set(expenditure["materials"][0]) >= {
        "name",
        "form",
        "copies",
        "required",
        "condition",
        "source",
        "note",
    }


def test_unknown_matter_is_json_404(client):
    response = client.get("/api/v1/matters/JS-XX-99")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "JS-XX-99" in response.json()["detail"]


def test_bundles_shape(client):
    data = client.get("/api/v1/bundles").json()
    assert [b["code"] for b in data] == ["JS-B-01", "JS-B-02", "JS-B-03"]
    assert data[0]["matters"] == ["JS-RS-03", "JS-RS-07", "JS-YB-02", "JS-GJ-02"]
    assert set(data[0]) >= {"code", "name", "audience", "matters"}


def test_checklist_merges_and_lists_matters(client):
    data = client.get("/api/v1/checklist?matters=JS-MZ-01,JS-MZ-03&situations=JS-MZ-03-02").json()
    names = [m["name"] for m in data["materials"]]
    assert len(names) == len(set(names))
    id_card = next(m for m in data["materials"] if m["name"] == "居民身份证")
    assert id_card["matters"] == ["JS-MZ-01", "JS-MZ-03"]


@pytest.mark.parametrize(
    "url, status, field",
    [
        ("/api/v1/checklist", 422, "matters"),
        ("/api/v1/checklist?matters=", 422, "matters"),
        ("/api/v1/checklist?matters=JS-MZ-01&situations=JS-RS-05-01", 422, "situations"),
        ("/api/v1/checklist?matters=JS-NO-01", 404, None),
    ],
)
def test_checklist_errors_are_json(client, url, status, field):
    response = client.get(url)
    assert response.status_code == status
    body = response.json()
    assert body["detail"]
    if field:
        assert field in body["errors"]


def test_unknown_api_path_is_json_404(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_openapi_docs_are_served(client):
    assert client.get("/api/v1/docs").status_code == 200
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/checklist" in schema["paths"]
