"""Requests no route should see are refused clearly (issue 17, found by the security probe)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.issue(17)

TOO_BIG = str(2**63)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/search", {"q": "Baghdad\x00"}),
        ("/api/documents", {"q": "a\x00b"}),
        ("/search", {"q": "\x00"}),
        ("/api/events", {"actor": "Kataib\x00"}),
        ("/api/actors/kataib%00hezbollah", {}),
        ("/static/app.css%00", {}),
    ],
)
def test_a_nul_character_is_a_400_that_says_so(
    client: TestClient, path: str, params: dict[str, str]
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 400, response.text
    assert "NUL" in response.json()["detail"]


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/api/events", {"offset": TOO_BIG}, "offset"),
        ("/api/documents", {"offset": TOO_BIG}, "offset"),
        ("/events", {"offset": TOO_BIG}, "offset"),
        ("/documents", {"offset": TOO_BIG}, "offset"),
        (f"/api/events/{TOO_BIG}", {}, "event_id"),
        (f"/api/events/-{TOO_BIG}1", {}, "event_id"),
        (f"/api/documents/{TOO_BIG}", {}, "document_id"),
        (f"/events/{TOO_BIG}", {}, "event_id"),
        (f"/documents/{TOO_BIG}", {}, "document_id"),
    ],
)
def test_a_number_past_64_bits_is_a_422_that_names_the_field(
    client: TestClient, path: str, params: dict[str, str], field: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422, response.text
    [problem] = response.json()["detail"]
    assert problem["loc"][-1] == field and problem["type"] in (
        "less_than_equal",
        "greater_than_equal",
    )


def test_the_largest_64_bit_numbers_still_work(client: TestClient) -> None:
    largest = str(2**63 - 1)
    assert client.get("/api/events", params={"offset": largest}).json()["items"] == []
    assert client.get(f"/api/events/{largest}").status_code == 404
    assert client.get(f"/documents/{largest}").status_code == 404
