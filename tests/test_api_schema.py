"""Every answer of the JSON API against the OpenAPI description it publishes.

Real requests to every /api/* operation, against the real demo index (tests/web_site.py),
each body validated with jsonschema against the schema /api/openapi.json gives for its status.
The component schemas are made strict here (`additionalProperties: false` on every object
that lists its properties), so a field the API sends but the description does not declare
fails, as does a declared, required field the answer leaves out.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker, ValidationError
from starlette.routing import Route
from starlette.testclient import TestClient
from web_site import COMPLAINTS, DISCLOSURES, doc_url, site_fixtures

site, client = site_fixtures()


def api_url(relpath: str) -> str:
    return "/api" + doc_url(relpath)


# Requests covering each operation's answers: results with and without matches, a spelling
# correction, disclosures (whose JSON carries `disclosure`), paging,
# every filter, and the error answers.
REQUESTS: list[tuple[str, str, dict[str, str | list[str]], int]] = [
    ("/api/search", "/api/search", {"q": "Ombudsman"}, 200),
    ("/api/search", "/api/search", {"q": "council", "page_size": "5", "page": "2"}, 200),
    ("/api/search", "/api/search", {"q": "council", "sort": "newest", "year": "2025"}, 200),
    ("/api/search", "/api/search", {"q": "FOI request", "class": "lists-and-registers"}, 200),
    ("/api/search", "/api/search", {"q": "complants procedur"}, 200),
    ("/api/search", "/api/search", {"q": "budget"}, 200),
    ("/api/search", "/api/search", {"q": "xylophonic"}, 200),
    ("/api/search", "/api/search", {"q": "qqqzzzxxx"}, 200),
    ("/api/search", "/api/search", {}, 200),
    ("/api/search", "/api/search", {"q": "policy", "type": "policy"}, 200),
    (
        "/api/search",
        "/api/search",
        {
            "class": ["decisions", "services"],
            "type": ["minutes", "policy"],
            "year": ["2024", "2025"],
        },
        200,
    ),
    ("/api/search", "/api/search", {"year": ["2024", "twenty"]}, 400),
    ("/api/search", "/api/search", {"type": "nope"}, 400),
    ("/api/search", "/api/search", {"class": "nope"}, 400),
    ("/api/search", "/api/search", {"page": "x"}, 400),
    ("/api/documents", "/api/documents", {}, 200),
    ("/api/documents", "/api/documents", {"class": "lists-and-registers"}, 200),
    ("/api/documents", "/api/documents", {"page": "2", "page_size": "3"}, 200),
    ("/api/documents", "/api/documents", {"page_size": "0"}, 400),
    ("/api/documents/{id}", api_url(COMPLAINTS), {}, 200),
    ("/api/documents/{id}", api_url(DISCLOSURES[0][0]), {}, 200),
    ("/api/documents/{id}", "/api/documents/0000000000000000", {}, 404),
    ("/api/classes", "/api/classes", {}, 200),
    ("/api/datasets", "/api/datasets", {}, 200),
]


def strict(schema: Any) -> Any:
    """`schema` with `additionalProperties: false` on every object that lists properties."""
    if isinstance(schema, list):
        return [strict(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out = {k: strict(v) for k, v in schema.items()}
    if "properties" in out and "additionalProperties" not in out:
        out["additionalProperties"] = False
    return out


@pytest.fixture(scope="module")
def spec(client: TestClient) -> dict[str, Any]:
    published: dict[str, Any] = client.get("/api/openapi.json").json()
    return published


def validator(spec: dict[str, Any], operation: str, status: int) -> Draft202012Validator:
    response = spec["paths"][operation]["get"]["responses"][str(status)]
    schema = response["content"]["application/json"]["schema"]
    root = {**schema, "components": strict(copy.deepcopy(spec["components"]))}
    Draft202012Validator.check_schema(root)
    return Draft202012Validator(root, format_checker=FormatChecker())


@pytest.mark.parametrize(("operation", "url", "params", "status"), REQUESTS)
def test_every_api_answer_matches_its_published_schema(
    client: TestClient,
    spec: dict[str, Any],
    operation: str,
    url: str,
    params: dict[str, str | list[str]],
    status: int,
) -> None:
    response = client.get(url, params=params)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    errors = [
        f"{'/'.join(map(str, e.absolute_path)) or '(body)'}: {e.message}"
        for e in validator(spec, operation, status).iter_errors(response.json())
    ]
    assert errors == []


def test_the_requests_reach_every_operation_and_answer(
    client: TestClient, spec: dict[str, Any]
) -> None:
    app_routes = {
        route.path.replace("{doc_id}", "{id}")
        for route in client.app.routes  # type: ignore[attr-defined]
        if isinstance(route, Route) and route.path.startswith("/api/")
    }
    assert app_routes - {"/api/openapi.json"} == set(spec["paths"])
    described = {
        (path, int(status))
        for path, item in spec["paths"].items()
        for status in item["get"]["responses"]
    }
    assert described == {(operation, status) for operation, _, _, status in REQUESTS}


def test_the_answers_exercise_the_optional_and_rare_fields(client: TestClient) -> None:
    # Without these, the validation above would never see the fields it most needs to check.
    hits = [
        hit
        for q in ("FOI request", "budget", "council")
        for hit in client.get("/api/search", params={"q": q, "page_size": "50"}).json()["results"]
    ]
    assert any("disclosure" in hit for hit in hits)
    corrected = client.get("/api/search", params={"q": "complants procedur"}).json()
    assert corrected["suggestion"]


def test_an_undeclared_field_fails_the_strict_schema(
    client: TestClient, spec: dict[str, Any]
) -> None:
    answer = client.get("/api/search", params={"q": "Ombudsman"}).json()
    check = validator(spec, "/api/search", 200)
    check.validate(answer)
    answer["results"][0]["undeclared"] = 1
    with pytest.raises(ValidationError, match="undeclared"):
        check.validate(answer)
    del answer["results"][0]["undeclared"]
    del answer["results"][0]["superseded"]
    with pytest.raises(ValidationError, match="superseded"):
        check.validate(answer)
