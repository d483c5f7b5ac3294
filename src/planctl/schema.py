"""The JSON Schema of the plan format, for editors (yaml-language-server)."""

from __future__ import annotations

import json
from typing import Any

from planctl.model import Plan

SCHEMA_ID = "https://planctl.invalid/schema/plan.schema.json"


def plan_schema() -> dict[str, Any]:
    schema = Plan.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def schema_text() -> str:
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
