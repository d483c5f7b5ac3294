"""JSON Schemas of the file formats, for editors (yaml-language-server)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from planctl.model import FollowUp, Plan

SCHEMA_BASE = "https://planctl.invalid/schema/"
#: file name of each schema, by the kind of document it describes
SCHEMAS: dict[str, tuple[str, type[BaseModel]]] = {
    "plan": ("plan.schema.json", Plan),
    "uppföljning": ("followup.schema.json", FollowUp),
}


def document_schema(kind: str = "plan") -> dict[str, Any]:
    name, model = SCHEMAS[kind]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_BASE + name,
        **model.model_json_schema(),
    }


def schema_text(kind: str = "plan") -> str:
    return json.dumps(document_schema(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
