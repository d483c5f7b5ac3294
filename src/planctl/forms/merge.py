"""``planctl collect --merge``: answers brought into an existing follow-up, and each change said.

The existing file keeps everything the workbooks do not answer: its summary, the lägesbild's
update, measures and indicators no workbook mentions, and the order it has. An answered field
replaces the file's; a measure or a value for a new period is added at the end.
"""

from __future__ import annotations

import copy
from typing import Any

from planctl.forms.returned import CellRef
from planctl.lint.findings import short_line
from planctl.words import number_text

#: How a change names a measure's fields.
_MEASURE_FIELDS = (
    ("status", "status"),
    ("light", "trafikljus"),
    ("light_reason", "motivering för trafikljuset"),
    ("comment", "kommentar"),
)
_COST_FIELDS = (("money_sek", "kostnad (kr)"), ("hours", "timmar"))
_VALUE_FIELDS = (("value", "värde"), ("source", "källa"), ("note", "not"))


def merge_into(
    existing: dict[str, Any], collected: dict[str, Any], provenance: dict[str, CellRef]
) -> tuple[dict[str, Any], dict[str, CellRef], list[str]]:
    """``existing`` with ``collected``'s measures and indicators brought in; the cells re-placed
    at the merged positions; and one line per change."""
    merged = copy.deepcopy(existing)
    changes: list[str] = []
    moved: dict[str, CellRef] = {}
    measures = merged.setdefault("measures", [])
    for n, entry in enumerate(collected.get("measures", [])):
        ident = entry["measure"]
        at = next((i for i, old in enumerate(measures) if isinstance(old, dict) and old.get("measure") == ident), None)
        if at is None:
            measures.append(copy.deepcopy(entry))
            at = len(measures) - 1
            changes.append(f"åtgärden '{ident}': tillagd ({entry['status']})")
        else:
            changes.extend(_measure_changes(ident, measures[at], entry))
        _move(provenance, moved, f"measures[{n}]", f"measures[{at}]")
    indicators = merged.setdefault("indicators", [])
    for n, entry in enumerate(collected.get("indicators", [])):
        ident = entry["indicator"]
        at = next(
            (i for i, old in enumerate(indicators) if isinstance(old, dict) and old.get("indicator") == ident), None
        )
        if at is None:
            indicators.append(copy.deepcopy(entry))
            at = len(indicators) - 1
            for value in entry["values"]:
                changes.append(f"indikatorn '{ident}': tillagd med {_value(value['value'])} ({value['period']})")
            _move(provenance, moved, f"indicators[{n}]", f"indicators[{at}]")
            continue
        old_values = indicators[at].setdefault("values", [])
        _move_only(provenance, moved, f"indicators[{n}]", f"indicators[{at}]")
        for v, value in enumerate(entry["values"]):
            place = next((i for i, old in enumerate(old_values) if str(old.get("period")) == value["period"]), None)
            if place is None:
                old_values.append(dict(value))
                place = len(old_values) - 1
                changes.append(f"indikatorn '{ident}': nytt värde {_value(value['value'])} ({value['period']})")
            else:
                for key, word in _VALUE_FIELDS:
                    if key in value and old_values[place].get(key) != value[key]:
                        before = old_values[place].get(key)
                        changes.append(
                            f"indikatorn '{ident}': {word} för {value['period']} {_shown(before)} → {_shown(value[key])}"
                        )
                        old_values[place][key] = value[key]
            _move(provenance, moved, f"indicators[{n}].values[{v}]", f"indicators[{at}].values[{place}]")
    for key in ("measures", "indicators"):
        if not merged[key]:
            del merged[key]
    return merged, moved, changes


def _measure_changes(ident: str, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    changes = []
    for key, word in _MEASURE_FIELDS:
        if key in new and old.get(key) != new[key]:
            changes.append(f"åtgärden '{ident}': {word} {_shown(old.get(key))} → {_shown(new[key])}")
            old[key] = new[key]
    if "cost" in new:
        cost = old.setdefault("cost", {})
        for key, word in _COST_FIELDS:
            if key in new["cost"] and cost.get(key) != new["cost"][key]:
                changes.append(f"åtgärden '{ident}': {word} {_shown(cost.get(key))} → {_shown(new['cost'][key])}")
                cost[key] = new["cost"][key]
    return changes


def _shown(value: object) -> str:
    if value is None:
        return "(tom)"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number_text(float(value))
    return f"'{short_line(str(value), 40)}'"


def _value(value: object) -> str:
    return number_text(float(value)) if isinstance(value, (int, float)) else str(value)


def _move(provenance: dict[str, CellRef], moved: dict[str, CellRef], old: str, new: str) -> None:
    """The cells under ``old`` filed under ``new``."""
    for path, ref in provenance.items():
        if path == old or path.startswith((old + ".", old + "[")):
            moved[new + path[len(old) :]] = ref


def _move_only(provenance: dict[str, CellRef], moved: dict[str, CellRef], old: str, new: str) -> None:
    """The cell of the element itself (its id), not those of its values."""
    if old in provenance:
        moved[new] = provenance[old]
    if f"{old}.indicator" in provenance:
        moved[f"{new}.indicator"] = provenance[f"{old}.indicator"]
