"""The editor and planctl agree: the exported JSON Schemas accept exactly what the model accepts.

Every file of the corpus and the shipped plans is read with planctl's loader and checked
both by the model (pydantic) and by the ``jsonschema`` library with the exported schema, as
the YAML language server does in an editor. They must give the same verdict, except for the
few things a schema cannot say (listed in :data:`BEYOND_A_SCHEMA`).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, get_args

import jsonschema
import pytest
from pydantic import BaseModel, ValidationError

from planctl.lint.loader import load_file
from planctl.model import FollowUp, Plan
from planctl.model.lagesbild import LagesbildFile

ROOT = Path(__file__).parent.parent
FILES = sorted([*(ROOT / "tests" / "data").rglob("*.yaml"), *(ROOT / "plans").rglob("*.yaml")])

#: pydantic error types for rules a JSON Schema cannot state: a day that is not in the
#: calendar (30 februari), a year outside 1900-2200 in a date, a date given as text where
#: YAML gives a date (both are strings to an editor), and a timing written in words planctl
#: reads ("hösten 2025", "årligen från 2025"), which no pattern of reasonable size states.
BEYOND_A_SCHEMA = {"planctl_no_such_day", "planctl_no_such_month", "planctl_year_range", "planctl_timing"}


def _validator(name: str) -> jsonschema.protocols.Validator:
    schema = json.loads((ROOT / "schema" / name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


VALIDATORS = {
    "plan": _validator("plan.schema.json"),
    "uppföljning": _validator("followup.schema.json"),
    "lägesbild": _validator("lagesbild.schema.json"),
}
MODELS: dict[str, Any] = {"plan": Plan, "uppföljning": FollowUp, "lägesbild": LagesbildFile}


def kind_of(data: Any) -> str:
    kind = data.get("kind") if isinstance(data, dict) else None
    return kind if kind in ("uppföljning", "lägesbild") else "plan"


def as_json(value: Any) -> Any:
    """The values as an editor's YAML server hands them to the schema: dates are text."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_schema_and_model_agree(path: Path) -> None:
    loaded = load_file(path)
    if not loaded.usable:
        pytest.skip("not YAML a schema can see (F-findings): the loader's own checks")
    data = loaded.data
    kind = kind_of(data)
    model = MODELS[kind]
    try:
        model.model_validate(data)
        model_errors: list[str] = []
    except ValidationError as error:
        model_errors = [e["type"] for e in error.errors()]
    schema_errors = [e.message for e in VALIDATORS[kind].iter_errors(as_json(data))]
    if model_errors and set(model_errors) <= BEYOND_A_SCHEMA:
        return  # the schema may see some of these (format: date knows 30 februari), not all
    assert bool(model_errors) == bool(schema_errors), (model_errors, schema_errors)


def test_the_corpus_has_cases_on_both_sides() -> None:
    """The agreement test means something only if the schema refuses some files and accepts others."""
    verdicts = set()
    for path in FILES:
        loaded = load_file(path)
        if loaded.usable:
            verdicts.add(VALIDATORS[kind_of(loaded.data)].is_valid(as_json(loaded.data)))
    assert verdicts == {True, False}


def test_lagesbild_files_are_in_the_corpus() -> None:
    kinds = {kind_of(load_file(path).data) for path in FILES if load_file(path).usable}
    assert kinds == {"plan", "uppföljning", "lägesbild"}


def _properties(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    parts = {"(dokumentet)": schema, **schema.get("$defs", {})}
    return [(part, key, prop) for part, body in parts.items() for key, prop in body.get("properties", {}).items()]


@pytest.mark.parametrize("name", ["plan.schema.json", "followup.schema.json", "lagesbild.schema.json"])
def test_every_field_and_choice_has_swedish_help_for_the_editor(name: str) -> None:
    """The YAML language server shows title and description on hover, and a value's meaning
    when completing an enum: every field and every choice has them, in Swedish."""
    schema = json.loads((ROOT / "schema" / name).read_text(encoding="utf-8"))
    defs = schema.get("$defs", {})
    missing = []
    for part, key, prop in _properties(schema):
        target = defs.get(prop.get("$ref", "").rsplit("/", 1)[-1], {})
        title = prop.get("title") or target.get("title")
        if not title or not prop.get("description"):
            missing.append(f"{part}.{key}")
    for part, body in defs.items():
        for choice in body.get("oneOf", []):
            if "const" in choice and not choice.get("description"):
                missing.append(f"{part} = {choice['const']!r}")
    assert not missing, missing
    english = [key for part, key, prop in _properties(schema) if "description" in prop and " the " in prop["description"]]
    assert not english, english


def _parts(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[type[BaseModel]]:
    if model in seen:
        return seen
    seen.add(model)
    for field in model.model_fields.values():
        for inner in _classes(field.annotation):
            _parts(inner, seen)
    return seen


def _classes(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [found for arg in get_args(annotation) for found in _classes(arg)]


def test_every_field_is_given_its_title_by_hand() -> None:
    """pydantic makes a title from the key ("Interval Months") where none is given; every field
    of the format has one written by hand, in Swedish, so no such title reaches an editor."""
    parts: set[type[BaseModel]] = set()
    for model in MODELS.values():
        _parts(model, parts)
    assert len(parts) > 20
    untitled = [
        f"{part.__name__}.{key}"
        for part in parts
        for key, field in part.model_fields.items()
        if not field.title or not field.description
    ]
    assert not untitled, sorted(untitled)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("interval_months", '"12"'),
        ("interval_months", "12.5"),
        ("interval_months", "true"),
    ],
)
def test_text_for_a_number_is_refused_by_both(tmp_path: Path, key: str, value: str) -> None:
    text = (ROOT / "tests" / "data" / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    path = tmp_path / "plan.yaml"
    assert f"{key}: 24" in text
    path.write_text(text.replace(f"{key}: 24", f"{key}: {value}"), encoding="utf-8")
    loaded = load_file(path)
    with pytest.raises(ValidationError):
        Plan.model_validate(loaded.data)
    assert not VALIDATORS["plan"].is_valid(as_json(loaded.data))


def test_a_whole_decimal_is_an_integer_to_both(tmp_path: Path) -> None:
    """JSON Schema counts 12.0 as an integer, so planctl does too (and 12.5 is refused by both)."""
    text = (ROOT / "tests" / "data" / "valid" / "minimal.yaml").read_text(encoding="utf-8")
    assert "interval_months: 24" in text
    data = load_file_text(tmp_path, text.replace("interval_months: 24", "interval_months: 24.0"))
    assert data["follow_up"]["interval_months"] == 24.0
    arrangement = Plan.model_validate(data).follow_up
    assert arrangement is not None and arrangement.interval_months == 24
    assert VALIDATORS["plan"].is_valid(as_json(data))


def load_file_text(tmp_path: Path, text: str) -> Any:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return load_file(path).data


def test_a_date_field_holds_a_date_in_the_editor_too() -> None:
    follow_up: dict[str, Any] = {
        "format_version": 2,
        "kind": "uppföljning",
        "plan": "x",
        "date": "i december",
        "reported_by": "SK",
    }
    assert not VALIDATORS["uppföljning"].is_valid(follow_up)
    with pytest.raises(ValidationError):
        FollowUp.model_validate(follow_up)
