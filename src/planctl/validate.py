"""Validate plan files: load, check the model, check the plan, place every finding.

The one entry point is :func:`validate_paths`; it never raises for anything a
file holds and returns every finding of every file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from planctl.checks import Issue, Loc, check_plan
from planctl.errors import UsageError
from planctl.files import exists, is_dir, is_file, name_problem
from planctl.findings import Finding, Severity, path_text
from planctl.followup import PLAN_SUFFIXES, check_follow_ups, follow_up_files, plan_of
from planctl.loader import Lines, LoadedFile, load_file, type_word
from planctl.model import FollowUp, Plan, PlanKind, Silence
from planctl.printable import printable
from planctl.rules import RULES
from planctl.suggest import suggest

#: Below this many files a second process costs more than it saves.
PARALLEL_THRESHOLD = 24

T = TypeVar("T")


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    plan: Plan | None = None
    follow_up: FollowUp | None = None


@dataclass(frozen=True)
class Unit:
    """Files checked together: a plan and its follow-ups."""

    plan: Path
    follow_ups: tuple[Path, ...]
    #: False when the plan was only loaded as context for a follow-up that was asked for
    report_plan: bool


def discover(paths: Sequence[Path]) -> list[Path]:
    """The files named by ``paths``: files as given, folders searched for ``*.yaml``."""
    found: list[Path] = []
    for path in paths:
        problem = name_problem(path)
        if problem is not None:
            raise UsageError(f"{printable(str(path)[:80])}…: {problem}")
        if is_dir(path):
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in PLAN_SUFFIXES and is_file(p)))
        elif exists(path):
            found.append(path)  # a file that cannot be read is reported as such (F001)
        else:
            raise UsageError(f"{printable(str(path))}: finns inte")
    return list(dict.fromkeys(found))


def units(files: Sequence[Path]) -> list[Unit]:
    """Group files by plan: a plan brings its follow-ups, a follow-up brings its plan as context."""
    plans: dict[Path, set[Path]] = {}
    asked: set[Path] = set()
    for path in files:
        plan = plan_of(path)
        if plan is None:
            asked.add(path)
            plans.setdefault(path, set()).update(follow_up_files(path))
        else:
            plans.setdefault(plan, set()).add(path)
    return [Unit(plan, tuple(sorted(follow_ups)), plan in asked) for plan, follow_ups in plans.items()]


def validate_paths(paths: Sequence[Path], today: date, jobs: int | None = None) -> list[FileResult]:
    """Validate every file under ``paths``; one process per core for large sets."""
    work = units(discover(paths))
    if not _parallel(work, jobs):
        return [result for unit in work for result in validate_unit(unit, today)]
    batches = map_units(_validate_for_pool, work, today, jobs)
    return [FileResult(path, [Finding.from_tuple(f) for f in found]) for batch in batches for path, found in batch]


def _parallel(work: Sequence[Unit], jobs: int | None) -> int:
    """How many processes to use: none (0) below the threshold or on one core."""
    workers = min(jobs if jobs is not None else (os.cpu_count() or 1), 8)
    return workers if workers > 1 and len(work) >= PARALLEL_THRESHOLD else 0


def map_units(function: Callable[[Unit, date], T], work: Sequence[Unit], today: date, jobs: int | None) -> list[T]:
    """``function`` over every unit, in order; on one process per core where there is enough work.

    ``function`` must be a module-level function, and what it returns small: it crosses
    between processes.
    """
    workers = _parallel(work, jobs)
    if not workers:
        return [function(unit, today) for unit in work]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method)) as pool:
        chunk = max(1, len(work) // (workers * 4))
        return list(pool.map(function, work, [today] * len(work), chunksize=chunk))


def _validate_for_pool(
    unit: Unit, today: date
) -> list[tuple[str, list[tuple[str, int, int, str, int, str, str, str | None]]]]:
    """Findings only, as plain tuples: models are costly to send back, dataclasses slow to pickle."""
    return [(r.path, [f.as_tuple() for f in r.findings]) for r in validate_unit(unit, today)]


def validate_file(path: Path, today: date) -> FileResult:
    """Validate one plan file together with its follow-ups; the plan's own result."""
    return validate_unit(Unit(path, tuple(follow_up_files(path)), True), today)[0]


def validate_unit(unit: Unit, today: date) -> list[FileResult]:
    """Validate a plan and its follow-ups, each on its own and then together."""
    plan_loaded, plan_result = _check_document(unit.plan)
    checked = [_check_document(path) for path in unit.follow_ups]
    plan = plan_result.plan
    if plan_result.follow_up is not None:
        plan_result.findings.append(
            _finding_at(
                plan_loaded, "U510", ("kind",), "uppföljningen ligger inte i en mapp bredvid sin plan (plans/<plan>/)"
            )
        )
    for loaded, result in checked:
        if result.plan is not None:
            message = f"filen ligger i uppföljningsmappen för {unit.plan.name} men är en plan, inte en uppföljning"
            result.findings.append(_finding_at(loaded, "U510", ("kind",), message))
            result.findings.extend(_place(loaded, result.plan, check_plan(result.plan), today))
    follow_ups = [(loaded, result) for loaded, result in checked if result.follow_up is not None]
    if plan is None and plan_result.follow_up is None:
        for loaded, result in follow_ups:
            message = (
                f"planen {unit.plan.name} har fel och kan inte läsas, så uppföljningen kan inte kontrolleras mot den"
            )
            result.findings.append(_finding_at(loaded, "U512", ("plan",), message))
    if plan is not None:
        # A follow-up file that could not be read is not a missing follow-up: the checks that
        # count follow-ups (overdue, measures never mentioned) wait until it can be read.
        complete = all(result.follow_up is not None for _, result in checked if result.plan is None)
        plan_issues, per_file = check_follow_ups(
            plan, [r.follow_up for _, r in follow_ups if r.follow_up], today, complete
        )
        related = _related_files(plan, unit.plan)
        plan_result.findings.extend(_place(plan_loaded, plan, [*check_plan(plan), *plan_issues, *related], today))
        for (loaded, result), issues in zip(follow_ups, per_file, strict=True):
            result.findings.extend(_finding_at(loaded, i.code, i.loc, i.message) for i in issues)
    results = ([plan_result] if unit.report_plan else []) + [result for _, result in checked]
    for result in results:
        result.findings.sort(key=Finding.sort_key)
    return results


def _related_files(plan: Plan, path: Path) -> list[Issue]:
    """Related plans named by file must be other plan files beside this one (7 §)."""
    issues = []
    for number, related in enumerate(plan.related_plans):
        if related.file is None:
            continue
        problem = _related_problem(related.file, path)
        if problem is not None:
            issues.append(Issue("R206", ("related_plans", number, "file"), problem))
    return issues


def _related_problem(name: str, path: Path) -> str | None:
    """Why ``name`` does not name another plan file beside ``path``, or None."""
    shown = printable(name)
    if "/" in name or "\\" in name or name in (".", ".."):
        return f"'{shown}' är inget filnamn bredvid {path.name}; ange bara filnamnet på en plan i samma mapp"
    target = path.parent / name
    if name == path.name:
        return f"'{shown}' är den här planen själv; ange en annan plan"
    if not is_file(target) or target.suffix not in PLAN_SUFFIXES:
        try:
            siblings = [p.name for p in path.parent.iterdir() if p.suffix in PLAN_SUFFIXES and p != path]
        except OSError:
            siblings = []
        return f"planfilen '{shown}' finns inte bredvid {path.name}{suggest(name, siblings)}"
    loaded = load_file(target)
    kind = loaded.data.get("kind") if isinstance(loaded.data, dict) else None
    if kind not in {k.value for k in PlanKind}:
        return f"'{shown}' är ingen plan (kind: åtgärdsplan eller handlingsplan)"
    return None


def _check_document(path: Path) -> tuple[LoadedFile, FileResult]:
    """Load a file and check it on its own, as a plan or a follow-up after its ``kind``."""
    loaded = load_file(path)
    result = FileResult(loaded.path, list(loaded.findings))
    if not loaded.usable or loaded.root is None:
        return loaded, result
    is_follow_up = isinstance(loaded.data, dict) and loaded.data.get("kind") == "uppföljning"
    model: type[Plan] | type[FollowUp] = FollowUp if is_follow_up else Plan
    try:
        document = model.model_validate(loaded.data)
    except ValidationError as error:
        result.findings.extend(model_findings(loaded, error, model))
        return loaded, result
    if isinstance(document, FollowUp):
        result.follow_up = document
    else:
        result.plan = document
    return loaded, result


# -- positions ---------------------------------------------------------------------------


def locate(loaded: LoadedFile, loc: Sequence[str | int], key: bool = False) -> tuple[yaml.Node, bool]:
    """The node at ``loc`` (or its key node), and whether all of ``loc`` was found."""
    node, found, _ = _walk(loaded, loc, key)
    return node, found


def _walk(loaded: LoadedFile, loc: Sequence[str | int], key: bool) -> tuple[yaml.Node, bool, int | None]:
    """The node at ``loc``, whether all of it was found, and where the alias (``*name``) that
    led there stands, if the way passed through one: a finding belongs at the alias, not at
    the anchor it repeats.

    Each mapping's keys are looked up in a table made once per file, so placing many findings
    costs no more per finding than placing one.
    """
    assert loaded.root is not None
    node = loaded.root
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, yaml.MappingNode):
            pair = _keys(loaded, node).get(str(part))
            if pair is None:
                return node, False, None
            child = pair[0] if (key and last) else pair[1]
            slot = pair[0].end_mark.index
            if id(child) in loaded.shared and child.start_mark.index < slot:
                return child, True, loaded.text.find("*", slot)  # its anchor stands earlier: an alias
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            child = node.value[part]
            if id(child) in loaded.shared:
                alias = _item_aliases(loaded, node)[part]
                if alias is not None:
                    return child, True, alias
        else:
            return node, False, None
        node = child
    return node, True, None


_ALIAS = re.compile(r"\*[^\s,\[\]{}]+")


def _item_aliases(loaded: LoadedFile, sequence: yaml.SequenceNode) -> list[int | None]:
    """For each item of ``sequence``: where its alias stands, or None where it is written out.

    The node tree keeps one node for an anchor and all its aliases, so the text is read from
    item to item: an item whose node starts before the reading point is an alias there.
    """
    at = sequence.start_mark.index
    places: list[int | None] = []
    for item in sequence.value:
        if item.start_mark.index >= at:
            places.append(None)
            at = item.end_mark.index
            continue
        match = _ALIAS.search(loaded.text, at)
        places.append(match.start() if match else None)
        at = match.end() if match else at
    return places


def _keys(loaded: LoadedFile, mapping: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    table = loaded.key_tables.get(id(mapping))
    if table is None:
        # YAML keeps the last of two equal keys, and so does this table.
        table = {k.value: (k, v) for k, v in mapping.value if isinstance(k, yaml.ScalarNode)}
        loaded.key_tables[id(mapping)] = table
    return table


def _finding_at(loaded: LoadedFile, code: str, loc: Loc, message: str, key: bool = False) -> Finding:
    node, _, alias = _walk(loaded, loc, key)
    if alias is not None and alias >= 0:
        line, column = Lines.of_index(loaded.text, alias)
    else:
        line, column = loaded.place(node.start_mark)
    return Finding(loaded.path, line, column, code, RULES[code].severity, message, path_text(loc))


# -- model errors ------------------------------------------------------------------------

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
            findings.append(_finding_at(loaded, "S102", loc[:-1], f"obligatoriskt fält '{field_name}' saknas"))
            findings[-1] = _with_path(findings[-1], loc)
        elif kind == "extra_forbidden":
            allowed = fields_at(model, loc[:-1])
            findings.append(
                _finding_at(loaded, "S103", loc, f"okänd nyckel '{field_name}'{suggest(field_name, allowed)}", key=True)
            )
        elif kind == "string_type" and found and type_word(node):
            findings.append(
                _finding_at(
                    loaded,
                    "S105",
                    loc,
                    f"YAML läser {node.value} som {type_word(node)}{_read_as(detail.get('input'), node.value)}; "
                    f'sätt citattecken om du menar texten: "{node.value}"',
                )
            )
        elif kind in _EXPECTED:
            got = _got(node) if found else "något annat"
            findings.append(_finding_at(loaded, "S101", loc, f"väntade {_EXPECTED[kind]}, fick {got}"))
        elif kind.startswith("planctl_"):  # planctl's own checks speak Swedish already
            findings.append(_finding_at(loaded, "S106", loc, detail["msg"]))
        else:
            findings.append(_finding_at(loaded, "S106", loc, _invalid_message(detail, field_name)))
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


# -- plan checks and silences ------------------------------------------------------------


def _place(loaded: LoadedFile, plan: Plan, issues: Sequence[Issue], today: date) -> list[Finding]:
    """Findings for ``issues`` in the plan file, with the plan's silences applied."""
    silences = list(_silences(plan))
    findings: list[Finding] = []
    expired: set[Loc] = set()
    for loc, number, silence in silences:
        rule = RULES.get(silence.rule)
        if rule is None or not rule.silenceable:
            why = "finns inte" if rule is None else "kan inte tystas"
            findings.append(
                _finding_at(
                    loaded,
                    "R205",
                    (*loc, "silence", number, "rule"),
                    f"regeln {silence.rule} {why}{suggest(silence.rule, [c for c, r in RULES.items() if r.silenceable])}",
                )
            )
    for issue in issues:
        found = _finding_at(loaded, issue.code, issue.loc, issue.message)
        for loc, number, silence in silences:
            if silence.rule != issue.code or issue.loc[: len(loc)] != loc:
                continue
            if silence.until is not None and silence.until < today:
                if (*loc, number) not in expired:
                    expired.add((*loc, number))
                    findings.append(
                        _finding_at(
                            loaded,
                            "G411",
                            (*loc, "silence", number),
                            f"tystningen av {silence.rule} gällde till {silence.until}; fynden visas igen",
                        )
                    )
                continue
            found = Finding(
                found.file,
                found.line,
                found.column,
                found.code,
                found.severity,
                found.message,
                found.path,
                silence.reason,
            )
            break
        findings.append(found)
    return findings


def _silences(plan: Plan) -> Iterator[tuple[Loc, int, Silence]]:
    for number, silence in enumerate(plan.silence):
        yield (), number, silence
    for a, area in enumerate(plan.focus_areas):
        for number, silence in enumerate(area.silence):
            yield ("focus_areas", a), number, silence
        for m, measure in enumerate(area.measures):
            for number, silence in enumerate(measure.silence):
                yield ("focus_areas", a, "measures", m), number, silence
            if measure.follow_up:
                for i, indicator in enumerate(measure.follow_up.indicators):
                    for number, silence in enumerate(indicator.silence):
                        yield ("focus_areas", a, "measures", m, "follow_up", "indicators", i), number, silence


def counts(results: Sequence[FileResult]) -> dict[str, int]:
    """How many findings of each severity, and how many were silenced."""
    total = {"error": 0, "warning": 0, "info": 0, "silenced": 0, "files": len(results)}
    for result in results:
        for item in result.findings:
            if item.silenced_by is not None:
                total["silenced"] += 1
            else:
                total[item.severity.label] += 1
    return total


def blocking(results: Iterable[FileResult]) -> list[Finding]:
    """The findings that stop a document from being made: unsilenced errors that do not depend on
    today's date (the same files must always give the same document)."""
    return [
        f
        for result in results
        for f in result.findings
        if f.severity is Severity.ERROR and f.silenced_by is None and not RULES[f.code].depends_on_today
    ]


def exit_code(results: Sequence[FileResult], strict: bool) -> int:
    """0 when nothing fails, 1 when an error (or, with ``strict``, a warning) remains."""
    worst = Severity.WARNING if strict else Severity.ERROR
    failing = any(f.silenced_by is None and f.severity >= worst for r in results for f in r.findings)
    return 1 if failing else 0
