"""``planctl collect``: returned workbooks become the plan's next follow-up file, checked.

The answers of every workbook are put together measure by measure and indicator by indicator;
two answers that say different things about the same field are a finding, not a choice planctl
makes. The follow-up is then checked like any other (``planctl.lint.engine``, as of its own
date) before it is written, and findings about what came from a workbook name its cell. Nothing
is written while an error remains, and an existing follow-up for the same date is only changed
with ``--merge``, which says what it changed.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl.utils import column_index_from_string

from planctl.errors import PlanHasErrors, UsageError
from planctl.files import PlanFiles, is_file
from planctl.forms.layout import INDICATORS_SHEET, MEASURES_SHEET
from planctl.forms.merge import merge_into
from planctl.forms.returned import Answer, CellRef, Returned, finding, read_workbook
from planctl.forms.yaml_text import comment_lines, dump
from planctl.lint.engine import blocking, check_one_plan, unreadable, validate_unit
from planctl.lint.findings import Finding, Severity, short_line
from planctl.lint.loader import load_file
from planctl.lint.reporters.common import refuse_on_errors
from planctl.model import FollowUp, Plan, iter_indicators, iter_measures
from planctl.publish.output import write_atomic
from planctl.terminal import printable
from planctl.words import count, number_text

#: The words a finding uses for a field that two answers disagree on.
FIELD_WORDS = {
    "status": "status",
    "comment": "kommentar",
    "money_sek": "kostnad",
    "hours": "timmar",
    "light": "trafikljus",
    "light_reason": "motivering",
    "value": "värde",
    "source": "källa",
    "note": "not",
}


@dataclass
class Collected:
    """What ``planctl collect`` did: the follow-up file, the findings, and what --merge changed."""

    target: Path
    findings: list[Finding] = field(default_factory=list)
    written: bool = False
    changes: list[str] = field(default_factory=list)
    workbooks: int = 0

    @property
    def failed(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)


def collect(plan_path: Path, workbooks: Sequence[Path], day: date | None, merge: bool) -> Collected:
    """Read ``workbooks``, put their answers together and write the plan's follow-up for ``day``
    (the date the workbooks were made for, where not given)."""
    files, results = check_one_plan(plan_path, day or date.today())
    refuse_on_errors(blocking(results), unreadable(results), "svaren sammanställs inte")
    plan = results[0].plan
    assert plan is not None
    paths = list(dict.fromkeys(workbooks))
    for path in paths:
        if not is_file(path):
            raise UsageError(f"{printable(str(path))}: finns inte eller är ingen fil")
    if not paths:
        raise UsageError("ange arbetsböckerna som kommit tillbaka (FIL.xlsx …)")
    short = [path.name for path in paths]
    returned = [read_workbook(path, plan, path.name if short.count(path.name) == 1 else str(path)) for path in paths]
    if day is None:
        day = next((r.day for r in returned if r.day is not None and r.plan_id == plan.id), None)
        if day is None:
            raise UsageError("arbetsböckerna säger inte vilken uppföljning de gäller; ange --date ÅÅÅÅ-MM-DD")
    existing = {r.follow_up.date: Path(r.path) for r in results[1:] if r.follow_up is not None}
    folder = files.plan.with_suffix("")
    target = existing.get(day, folder / f"uppfoljning-{day.year}-{day.month:02d}.yaml")
    if is_file(target) and existing.get(day) != target:
        # the month's file holds another follow-up that month: this one is named by its day
        target = folder / f"uppfoljning-{day}.yaml"
        if is_file(target):
            raise UsageError(f"{printable(str(target))} finns redan och gäller en annan dag än {day}")
    if is_file(target) and not merge:
        raise UsageError(
            f"{printable(str(target))} finns redan; planctl collect skriver inte över en uppföljning. "
            "Ange --merge för att föra in svaren i den och se vad som ändras."
        )
    done = Collected(target, workbooks=len(returned))
    for one in returned:
        done.findings.extend(one.findings)
        if one.day is not None and one.plan_id == plan.id and one.day != day:
            done.findings.append(
                finding("B705", one.name, f"arbetsboken gjordes för uppföljningen {one.day}, inte för {day}")
            )
            one.answers.clear()
    answers, conflicts = _together(returned)
    done.findings.extend(conflicts)
    if done.failed:
        return _sorted(done, [r.name for r in returned])
    if not answers:
        raise UsageError("arbetsböckerna innehåller inga svar; en tom rad betyder att åtgärden inte redovisas")
    names = [f"{r.name} ({r.owner})" if r.owner else r.name for r in returned]
    data, provenance = _follow_up_data(plan, day, answers, len(returned))
    if is_file(target):
        data, provenance, header = _merged(target, data, provenance, names, done)
        if not done.changes:
            return _sorted(done, [r.name for r in returned])
    else:
        header = comment_lines(
            [f"Uppföljning sammanställd av planctl collect från {count(len(returned), 'arbetsbok', 'arbetsböcker')}:"]
            + [f"  {name}" for name in names]
            + ["Komplettera gärna med en sammanfattning (summary) och lägesbildens uppdatering (lagesbild_update)."]
        )
    text = dump(data, header + "\n")
    done.findings.extend(_checked(files, target, text, day, provenance))
    if not done.failed:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, text.encode("utf-8"))
        done.written = True
    return _sorted(done, [r.name for r in returned])


def _sorted(done: Collected, names: Sequence[str] = ()) -> Collected:
    """Findings in the order a person goes through them: workbook by workbook as given, sheet by
    sheet, row by row; those about the follow-up file itself last."""
    order = {name: n for n, name in enumerate(names)}
    sheets = {MEASURES_SHEET: 0, INDICATORS_SHEET: 1}

    def key(item: Finding) -> tuple[int, int, int, int, str, int, int, str]:
        match = _CELL.match(item.file)
        if match is None:
            return (len(order) + 1, 0, 0, 0, item.file, item.line, item.column, item.code)
        name, sheet, letters, row = match.groups()
        column = column_index_from_string(letters) if letters else 0
        return (order.get(name, len(order)), sheets.get(sheet or "", 2), int(row or 0), column, name, 0, 0, item.code)

    done.findings.sort(key=key)
    return done


#: ``workbook.xlsx:Sheet!B7``, or a workbook alone.
_CELL = re.compile(r"^(.*?\.xlsx)(?::(.+?)!(?:([A-Z]{1,3})([0-9]+)|[0-9]+:[0-9]+))?$", re.IGNORECASE)


def _together(returned: Sequence[Returned]) -> tuple[dict[tuple[str, str], Answer], list[Finding]]:
    """Every workbook's answers as one per measure and one per indicator and period.

    Fields one answer leaves empty are taken from another; fields two answers fill differently
    are a finding at the later cell.
    """
    together: dict[tuple[str, str], Answer] = {}
    conflicts: list[Finding] = []
    for one in returned:
        for answer in one.answers:
            key = (
                answer.kind,
                answer.ident if answer.kind == "measure" else f"{answer.ident}\0{answer.values.get('period', '')}",
            )
            first = together.get(key)
            if first is None:
                together[key] = Answer(answer.kind, answer.ident, dict(answer.values), dict(answer.cells))
                continue
            for name, value in answer.values.items():
                if name not in first.values:
                    first.values[name] = value
                    first.cells[name] = answer.cells[name]
                elif first.values[name] != value:
                    word = "åtgärden" if answer.kind == "measure" else "indikatorn"
                    conflicts.append(
                        finding(
                            "B704",
                            answer.cells.get(name, answer.cells["id"]),
                            f"{word} '{answer.ident}' besvaras olika: {FIELD_WORDS.get(name, name)} "
                            f"{_shown(value)} här, {_shown(first.values[name])} i {first.cells.get(name, first.cells['id'])}",
                        )
                    )
    return together, conflicts


def _shown(value: object) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number_text(float(value))
    return f"'{short_line(str(getattr(value, 'value', value)), 40)}'"


def _follow_up_data(
    plan: Plan, day: date, answers: dict[tuple[str, str], Answer], workbooks: int
) -> tuple[dict[str, Any], dict[str, CellRef]]:
    """The follow-up as the data its YAML holds, in the plan's order, and the cell each part came from."""
    data: dict[str, Any] = {
        "format_version": 2,
        "kind": "uppföljning",
        "plan": plan.id,
        "date": day,
        "reported_by": f"Sammanställd av planctl collect från {count(workbooks, 'arbetsbok', 'arbetsböcker')}",
    }
    if plan.example_data:
        data["example_data"] = True
    provenance: dict[str, CellRef] = {}
    measures: list[dict[str, Any]] = []
    for measure, _, _ in iter_measures(plan):
        answer = answers.get(("measure", measure.id))
        if answer is None:
            continue
        measures.append(measure_entry(answer))
        _remember(provenance, f"measures[{len(measures) - 1}]", answer)
    indicators: list[dict[str, Any]] = []
    for at in iter_indicators(plan):
        found = [a for (kind, _), a in answers.items() if kind == "indicator" and a.ident == at.indicator.id]
        if not found:
            continue
        values = [value_entry(a) for a in found]
        indicators.append({"indicator": at.indicator.id, "values": values})
        for v, answer in enumerate(found):
            _remember(provenance, f"indicators[{len(indicators) - 1}].values[{v}]", answer)
            provenance.setdefault(f"indicators[{len(indicators) - 1}]", answer.cells["id"])
    if measures:
        data["measures"] = measures
    if indicators:
        data["indicators"] = indicators
    return data, provenance


def measure_entry(answer: Answer) -> dict[str, Any]:
    values = answer.values
    entry: dict[str, Any] = {"measure": answer.ident, "status": values["status"].value}
    if "light" in values:
        entry["light"] = values["light"].value
    if "light_reason" in values:
        entry["light_reason"] = values["light_reason"]
    if "comment" in values:
        entry["comment"] = values["comment"]
    cost = {key: values[key] for key in ("money_sek", "hours") if key in values}
    if cost:
        entry["cost"] = cost
    return entry


def value_entry(answer: Answer) -> dict[str, Any]:
    return {key: answer.values[key] for key in ("value", "period", "source", "note") if key in answer.values}


def _remember(provenance: dict[str, CellRef], prefix: str, answer: Answer) -> None:
    provenance[prefix] = answer.cells["id"]
    where = {"money_sek": "cost.money_sek", "hours": "cost.hours", "id": "measure" if answer.kind == "measure" else ""}
    for name, ref in answer.cells.items():
        key = where.get(name, name)
        if key:
            provenance[f"{prefix}.{key}"] = ref
    if "money_sek" in answer.cells or "hours" in answer.cells:
        provenance[f"{prefix}.cost"] = answer.cells.get("money_sek") or answer.cells["hours"]


def _merged(
    target: Path, data: dict[str, Any], provenance: dict[str, CellRef], names: list[str], done: Collected
) -> tuple[dict[str, Any], dict[str, CellRef], str]:
    """The existing follow-up with the collected answers brought in, and its comment header kept."""
    loaded = load_file(target)
    if not loaded.usable or not isinstance(loaded.data, dict):
        raise PlanHasErrors(f"{printable(str(target))} kan inte läsas; rätta den (planctl validate) före --merge")
    FollowUp.model_validate(loaded.data)  # the plan check above refused a follow-up with errors
    merged, moved, changes = merge_into(loaded.data, data, provenance)
    done.changes.extend(changes)
    lines = loaded.text.splitlines()
    top = 0
    while top < len(lines) and (lines[top].startswith("#") or not lines[top].strip()):
        top += 1
    while top and not lines[top - 1].strip():
        top -= 1
    inner = sum(1 for line in lines[top:] if line.lstrip().startswith("#"))
    if inner and changes:
        done.changes.append(
            f"obs: {count(inner, 'kommentarsrad', 'kommentarsrader')} inne i filen skrivs inte om; de finns kvar i git-historiken"
        )
    header = "".join(line + "\n" for line in lines[:top])
    header += comment_lines(["Kompletterad av planctl collect från " + ", ".join(names) + "."])
    return merged, moved, header


def _checked(files: PlanFiles, target: Path, text: str, day: date, provenance: dict[str, CellRef]) -> list[Finding]:
    """The follow-up's findings as ``planctl validate`` gives them on its date, placed in the
    workbook cell each part came from where it came from one."""
    with tempfile.TemporaryDirectory(prefix="planctl-collect-") as folder:
        candidate = Path(folder) / target.name
        candidate.write_text(text, encoding="utf-8")
        others = tuple(p for p in files.follow_ups if p.resolve() != target.resolve())
        results = validate_unit(PlanFiles(files.plan, (*others, candidate)), day)
        found = [f for r in results if r.path == str(candidate) for f in r.findings]
    placed = []
    for item in found:
        ref = _source(item.path, provenance)
        if ref is not None:
            placed.append(Finding(str(ref), 0, 0, item.code, item.severity, item.message, item.path, item.silenced_by))
        else:
            placed.append(
                Finding(
                    str(target),
                    item.line,
                    item.column,
                    item.code,
                    item.severity,
                    item.message,
                    item.path,
                    item.silenced_by,
                )
            )
    return placed


def _source(path: str, provenance: dict[str, CellRef]) -> CellRef | None:
    """The cell a place in the follow-up came from: the longest known beginning of its path."""
    while path:
        if path in provenance:
            return provenance[path]
        cut = max(path.rfind("."), path.rfind("["))
        path = path[:cut] if cut > 0 else ""
    return None


def summary(done: Collected) -> str:
    """The last line ``planctl collect`` prints: what was read, found and written."""
    errors = sum(1 for f in done.findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in done.findings if f.severity is Severity.WARNING)
    read = f"{count(done.workbooks, 'arbetsbok', 'arbetsböcker')} {'läst' if done.workbooks == 1 else 'lästa'}: {errors} fel, {warnings} varningar"
    target = printable(str(done.target))
    if done.written:
        return f"{read}; skrev {target}"
    if done.failed:
        return f"{read}; {target} skrivs inte förrän felen är rättade"
    return f"{read}; {target} stämmer redan med arbetsböckerna"
