"""pydantic's errors as findings: in Swedish, at their lines, saying what to write instead.

pydantic reports what is wrong with a value in English and by location in the data; here
each error becomes a structural finding (S101-S106) placed at the value's own line, with
what YAML read ("YAML läser 12:30 som ett heltal (750)") and what the format wants.
pydantic's own words never reach the user.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from planctl.lint.findings import Finding, path_text
from planctl.lint.loader import LoadedFile, type_word
from planctl.lint.positions import finding_at, locate
from planctl.lint.suggest import suggest
from planctl.model import Loc

_EXPECTED = {
    "string_type": "text",
    "int_type": "ett heltal",
    "int_parsing": "ett heltal",
    "int_from_float": "ett heltal",
    "float_type": "ett tal",
    "float_parsing": "ett tal",
    "bool_type": "true eller false",
    "bool_parsing": "true eller false",
    "list_type": "en lista",
    "dict_type": "nycklar med värden",
    "model_type": "nycklar med värden",
    "model_attributes_type": "nycklar med värden",
    "date_type": "ett datum (ÅÅÅÅ-MM-DD)",
    "date_parsing": "ett datum (ÅÅÅÅ-MM-DD)",
    "date_from_datetime_inexact": "ett datum (ÅÅÅÅ-MM-DD) utan klockslag",
    "date_from_datetime_parsing": "ett datum (ÅÅÅÅ-MM-DD)",
    "tuple_type": "en lista",
    "is_instance_of": "nycklar med värden",
}


def _got(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "nycklar med värden"
    if isinstance(node, yaml.SequenceNode):
        return "en lista"
    word = type_word(node)
    if word:
        return f"{word} ({node.value})" if node.value else word
    return f"texten '{node.value}'"


def model_findings(loaded: LoadedFile, error: ValidationError, model: type[BaseModel]) -> list[Finding]:
    """Turn pydantic's errors into findings at the right lines, in plain Swedish."""
    assert loaded.root is not None
    findings: list[Finding] = []
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        kind = detail["type"]
        node, found = locate(loaded, loc)
        field_name = str(loc[-1]) if loc else ""
        if kind == "missing":
            findings.append(finding_at(loaded, "S102", loc[:-1], f"obligatoriskt fält '{field_name}' saknas"))
            findings[-1] = _with_path(findings[-1], loc)
        elif kind == "extra_forbidden":
            split = _split_number(loaded, loc)
            if split is not None:
                findings.append(finding_at(loaded, "S103", loc, split, key=True))
                continue
            allowed = fields_at(model, loc[:-1])
            hint = _by_meaning(field_name, allowed) or suggest(field_name, allowed)
            findings.append(finding_at(loaded, "S103", loc, f"okänd nyckel '{field_name}'{hint}", key=True))
        elif kind == "string_type" and found and type_word(node):
            findings.append(
                finding_at(
                    loaded,
                    "S105",
                    loc,
                    f"YAML läser {node.value} som {type_word(node)}{_read_as(detail.get('input'), node.value)}; "
                    f'sätt citattecken om du menar texten: "{node.value}"',
                )
            )
        elif kind in _EXPECTED:
            got = _got(node) if found else "något annat"
            findings.append(finding_at(loaded, "S101", loc, f"väntade {_EXPECTED[kind]}, fick {got}"))
        elif kind.startswith("planctl_"):  # planctl's own checks speak Swedish already
            findings.append(finding_at(loaded, "S106", loc, detail["msg"]))
        else:
            findings.append(finding_at(loaded, "S106", loc, _invalid_message(detail, field_name)))
    return findings


def _read_as(value: object, text: str) -> str:
    """What YAML made of the text, where that differs from it: ``(750)`` for ``12:30``."""
    if isinstance(value, bool) or value is None or str(value) == text:
        return ""
    return f" ({value})"


def _with_path(finding: Finding, loc: Loc) -> Finding:
    return Finding(
        finding.file, finding.line, finding.column, finding.code, finding.severity, finding.message, path_text(loc)
    )


def _invalid_message(detail: Any, field_name: str) -> str:
    kind = detail["type"]
    ctx = detail.get("ctx", {})
    value = detail.get("input")
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get("expected", "")).replace(" or ", " eller ")
        if field_name == "format_version" and isinstance(value, str) and value.strip().isdigit():
            return f"formatversionen är skriven som text ('{value}'); skriv den som ett tal utan citattecken: format_version: {value.strip()}"
        if field_name == "format_version":
            return (
                f"formatversion {value!r} känns inte igen; den här versionen av planctl läser formatversion {expected}"
            )
        return f"'{value}' är inte ett tillåtet värde; välj {expected}"
    if kind == "string_pattern_mismatch":
        if "[0-9]{4}" in str(ctx.get("pattern", "")):
            return f"'{value}' är inte ett datum på formen ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD"
        if field_name == "rule":
            return f"'{value}' är inte en regelkod (som G409); se planctl rules"
        return f"'{value}' är inte ett giltigt id: använd bokstäver, siffror, '-', '_' och '.', utan mellanslag"
    if kind == "finite_number":
        return f"{_yaml_word(value)} är inget tal; ange ett vanligt tal (YAML läser .nan och .inf som 'inget tal' och 'oändligt')"
    if kind in ("too_short", "too_long"):
        expected = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        return f"väntade {expected} värden, fick {ctx.get('actual_length')}"
    if kind == "string_too_short":
        return "texten är tom"
    if kind == "string_too_long":
        return f"värdet är längre än {ctx.get('max_length')} tecken"
    if kind in ("greater_than_equal", "greater_than"):
        return f"värdet {value} är för litet; minsta tillåtna är {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"värdet {value} är för stort; största tillåtna är {ctx.get('le', ctx.get('lt'))}"
    # pydantic's own words are English; a type planctl has not met yet still gets Swedish.
    return f"värdet är inte tillåtet här ({kind})"


def _yaml_word(value: object) -> str:
    """How a value YAML read looks in the file, for a message: ``.nan``, ``.inf``."""
    if isinstance(value, float) and value != value:
        return ".nan"
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return ".inf" if value > 0 else "-.inf"
    return repr(value)


def fields_at(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """The keys the format allows at ``loc``, for "did you mean" suggestions."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if isinstance(current, type) and issubclass(current, BaseModel) else None
        if info is None:
            return []
        current = _model_in(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _model_in(annotation: Any) -> Any:
    """The pydantic model inside ``list[X]``, ``X | None`` or ``Annotated[X, ...]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


#: Keys people write for a field, by what they mean: ``goal`` and ``operativa_mal`` mean ``goals``.
MEANINGS: dict[str, tuple[str, ...]] = {
    "goals": ("goal", "mål", "mal", "operational_goals", "operativa_mal", "operativa_mål", "targets", "objectives"),
    "addresses": ("cause", "causes", "orsak", "orsaker", "riktas_mot", "root_cause"),
    "owners": ("owner", "ägare", "agare", "vem", "who", "responsible_parties", "participants", "medverkande"),
    "lead": ("responsible", "ansvarig", "lead_owner", "ansvarar"),
    "timing": ("when", "när", "nar", "deadline", "schedule", "tid", "tidsplan"),
    "follow_up": ("followup", "uppföljning", "uppfoljning", "evaluation", "indicator", "kpi"),
    "indicators": ("indicator", "indikator", "indikatorer", "kpi", "kpis", "measures"),
    "description": ("beskrivning", "desc", "details"),
    "title": ("titel", "rubrik", "name"),
    "measures": ("åtgärder", "atgarder", "actions", "activities", "insatser"),
    "focus_areas": ("areas", "områden", "omraden", "fokusområden", "fokusomraden", "crime_areas"),
    "cause_analysis": ("orsaksanalys", "causes_analysis"),
    "organisations": ("organizations", "organisationer", "owners_list"),
    "decision": ("beslut",),
    "lagesbild": ("lägesbild", "situation", "situation_picture"),
    "period": ("planperiod", "years"),
    "answers": ("problems", "problem", "svarar_mot"),
}
_MEANT = {word: field for field, words in MEANINGS.items() for word in words}


def _by_meaning(key: str, allowed: Sequence[str]) -> str:
    """A "did you mean" by meaning (``goal`` → ``goals``), where the meant key is allowed here."""
    meant = _MEANT.get(key.casefold())
    return f"; menade du '{meant}'?" if meant is not None and meant in allowed and meant != key else ""


def _split_number(loaded: LoadedFile, loc: Loc) -> str | None:
    """The message for ``{value: 76,2}``: YAML reads 76 as the value and 2 as a key of its own."""
    key = str(loc[-1]) if loc else ""
    if not key.isdigit():
        return None
    mapping, found = locate(loaded, loc[:-1])
    if not found or not isinstance(mapping, yaml.MappingNode) or not mapping.flow_style:
        return None
    pairs = mapping.value
    for index, (key_node, _) in enumerate(pairs):
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key and index > 0:
            previous = pairs[index - 1][1]
            if isinstance(previous, yaml.ScalarNode) and previous.value.lstrip("-").isdigit():
                number = f"{previous.value},{key}"
                return (
                    f"{number} inom {{ }} läses som två saker: talet {previous.value} och en nyckel '{key}'; "
                    f'skriv talet inom citattecken ("{number}") eller med punkt ({previous.value}.{key})'
                )
    return None
