"""JSON Schemas of the file formats, for editors (yaml-language-server)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from planctl.model.fields import CHOICES
from planctl.model.followup import FollowUp
from planctl.model.lagesbild import LagesbildFile
from planctl.model.plan import Plan

SCHEMA_BASE = "https://planctl.invalid/schema/"
#: file name of each schema, by the kind of document it describes
SCHEMAS: dict[str, tuple[str, type[BaseModel]]] = {
    "plan": ("plan.schema.json", Plan),
    "uppföljning": ("followup.schema.json", FollowUp),
    "lägesbild": ("lagesbild.schema.json", LagesbildFile),
}


def document_schema(kind: str = "plan") -> dict[str, Any]:
    name, model = SCHEMAS[kind]
    schema = model.model_json_schema()
    for enum_name, definition in schema.get("$defs", {}).items():
        if enum_name in CHOICES and "enum" in definition:
            definition["oneOf"] = _described_values(CHOICES[enum_name], definition.pop("enum"))
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_BASE + name, **schema}


def _described_values(described: dict[str, str], values: list[Any]) -> list[dict[str, Any]]:
    """An enum as ``oneOf`` constants, so an editor shows each value's Swedish meaning."""
    return [
        {"const": value, **({"description": described[value]} if described.get(value) else {})} for value in values
    ]


def schema_text(kind: str = "plan") -> str:
    return json.dumps(_whole_numbers(document_schema(kind)), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _whole_numbers(value: Any) -> Any:
    """0.0 written as 0: pydantic releases differ in how they write a float bound, and the
    shipped schema must be the same text whichever release made it."""
    if isinstance(value, dict):
        return {key: _whole_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_whole_numbers(item) for item in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
