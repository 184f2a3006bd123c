"""The JSON API against its own OpenAPI description, with schemathesis: generated requests for
every operation in /api/openapi.json, sent to a real `library serve` on 127.0.0.1. No response
may be a 5xx, and every response must match the status codes, content types and schemas the
description promises. Examples per operation are few, so the run stays short.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from live_server import LiveServer, live_server
from web_site import build_site

from library.config import Settings

pytestmark = [pytest.mark.slow, pytest.mark.timeout(180)]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    site: Settings = build_site(tmp_path_factory.mktemp("schemathesis"))
    with live_server(site, tmp_path_factory.mktemp("logs") / "serve.log") as live:
        yield live


@pytest.fixture(scope="module")
def api_schema(server: LiveServer) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(f"{server.base_url}/api/openapi.json")


CHECKED = settings(
    max_examples=30,
    deadline=dt.timedelta(seconds=5),
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def test_the_api_keeps_the_promises_of_its_openapi_description(
    api_schema: schemathesis.BaseSchema,
) -> None:
    # Driven by hand, not with schemathesis' pytest plugin (its lazy fixtures do not work
    # with pytest 9): one hypothesis run per operation.
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 4, "the description lists the API's operations"
    for operation in operations:

        @CHECKED
        @given(case=operation.as_strategy())
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate()

        check()
