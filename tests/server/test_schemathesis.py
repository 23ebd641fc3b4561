"""schemathesis over every endpoint of the OpenAPI document, reads and writes (with the token,
on a journal of its own): no 5xx, and every answer as the document states it (status, media
type, schema). Examples are bounded and derandomized, so the run is short and the same."""

from __future__ import annotations

import dataclasses

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from server import ServerState, create_app
from tests.server.conftest import TOKEN, WRITE


@pytest.fixture(scope="module")
def api_schema(state: ServerState, tmp_path_factory: pytest.TempPathFactory) -> object:
    journal = tmp_path_factory.mktemp("schemathesis") / "cases.db"
    app = create_app(dataclasses.replace(state, token=TOKEN, db=journal))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_no_server_error_and_no_answer_against_the_document(case: schemathesis.Case) -> None:
    case.call_and_validate(headers=WRITE, checks=[not_a_server_error, content_type_conformance,
                                                  response_schema_conformance])
