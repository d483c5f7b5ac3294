"""``planctl diff``: what changed between two versions of a plan, in plan terms.

The board that adopts a revised plan reads measures added, removed, retimed and
reassigned, goals and indicators changed — not a YAML diff. Elements are matched by
their ids, so a moved or reworded measure is a change, not a removal and an addition.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from planctl.errors import PlanHasErrors, UsageError
from planctl.files import is_dir, is_file
from planctl.lint.findings import short_line
from planctl.lint.loader import MAX_BYTES, load_bytes
from planctl.model import FocusArea, Indicator, Measure, Plan, Range, When
from planctl.publish.markdown import to_markdown_code
from planctl.terminal import printable
from planctl.words import baseline_text, count, date_text, ended_text, period_text, target_text, timing_text


class Change(NamedTuple):
    """One change: ``+`` added, ``-`` removed, ``~`` changed, ``×`` ended (kept in the plan)."""

    section: str
    sign: str
    subject: str
    details: tuple[str, ...] = ()


SECTIONS = ("Planen", "Fokusområden", "Åtgärder", "Indikatorer för hela planen")


def read_version(spec: str) -> tuple[str, bytes]:
    """A plan's bytes from a file, or from git as ``REV:PATH`` (``HEAD~1:plans/x.yaml``).

    Whatever the caller writes reaches git only as a verified object name, never as an
    option (``--output=…`` would make git write a file), and no more than a plan's size is read.
    """
    path = Path(spec)
    if is_file(path):
        return spec, _read_limited(path, spec)
    revision, colon, file = spec.partition(":")
    if not colon or not revision or not file:
        raise UsageError(f"{spec}: finns inte; ange en fil eller REV:FIL, t.ex. HEAD~1:plans/plan.yaml")
    if revision.startswith("-"):
        raise UsageError(f"{spec}: '{revision}' är ingen git-revision")
    folder = Path(file).parent if is_dir(Path(file).parent) else Path()
    top = _git(["rev-parse", "--show-toplevel"], folder, spec).decode(errors="replace").strip()
    try:
        relative = (Path.cwd() / file).resolve().relative_to(Path(top).resolve())
    except (ValueError, OSError):
        raise UsageError(f"{spec}: {file} ligger inte i git-förrådet {top}") from None
    try:
        commit = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], top, spec)
    except UsageError:
        raise UsageError(f"{spec}: revisionen '{printable(revision)}' finns inte i git-förrådet") from None
    blob = f"{commit.decode().strip()}:{relative.as_posix()}"
    size = _git(["cat-file", "-s", blob], top, spec).decode().strip()
    if not size.isdigit() or int(size) > MAX_BYTES:
        raise PlanHasErrors(f"{spec}: filen är större än {MAX_BYTES // (1024 * 1024)} MiB; en plan är ett textdokument")
    return spec, _git(["cat-file", "blob", blob], top, spec)


def _git(arguments: list[str], folder: Path | str, spec: str) -> bytes:
    """Run git in ``folder``; its complaints become a usage error that names ``spec``."""
    try:
        done = subprocess.run(["git", *arguments], cwd=folder, capture_output=True, check=True)
    except FileNotFoundError:
        raise UsageError("git finns inte; jämför två filer i stället") from None
    except subprocess.CalledProcessError as error:
        detail = printable(error.stderr.decode(errors="replace").strip()) if error.stderr else ""
        raise UsageError(f"{spec}: kan inte hämtas ur git{': ' + detail if detail else ''}") from None
    return done.stdout


def _read_limited(path: Path, spec: str) -> bytes:
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise UsageError(f"{spec}: kan inte läsas ({error.strerror or error})") from None
    if len(raw) > MAX_BYTES:
        raise PlanHasErrors(f"{spec}: filen är större än {MAX_BYTES // (1024 * 1024)} MiB; en plan är ett textdokument")
    return raw


def load_plan(spec: str) -> Plan:
    """A valid plan, or an error that lists what is wrong with it."""
    from pydantic import ValidationError

    from planctl.lint.model_errors import model_findings
    from planctl.lint.reporters.common import line_of

    name, raw = read_version(spec)
    loaded = load_bytes(raw, name)
    problems = list(loaded.findings)
    if loaded.usable and loaded.root is not None:
        try:
            return Plan.model_validate(loaded.data)
        except ValidationError as error:
            problems.extend(model_findings(loaded, error, Plan))
    lines = "".join(line_of(f) + "\n" for f in problems) or f"{name}: är ingen plan\n"
    raise PlanHasErrors(f"{lines}planerna jämförs inte förrän felen är rättade")


def compare(old: Plan, new: Plan) -> list[Change]:
    """Every change from ``old`` to ``new``, in document order."""
    return [
        *_plan_changes(old, new),
        *_area_changes(old, new),
        *_measure_changes(old, new),
        *_plan_indicators(old, new),
    ]


def _text(value: object) -> str:
    if value is None or value == []:
        return "ej angivet"
    if isinstance(value, Range):
        return period_text(value)
    return " ".join(str(value).split())


def timing_words(timing: When | None) -> str:
    return timing_text(timing) or "ej angiven"


def _field(label: str, old: object, new: object) -> list[str]:
    return [] if old == new else [f"{label}: {_text(old)} → {_text(new)}"]


def _plan_changes(old: Plan, new: Plan) -> Iterator[Change]:
    details = [
        *_field("titel", old.title, new.title),
        *_field("planperiod", old.period, new.period),
        *_field("beslutande organ", old.decision and old.decision.body, new.decision and new.decision.body),
        *_field("beslutsdatum", old.decision and old.decision.date, new.decision and new.decision.date),
        *_field("diarienummer", old.decision and old.decision.reference, new.decision and new.decision.reference),
        *_field("lägesbild", old.lagesbild and old.lagesbild.title, new.lagesbild and new.lagesbild.title),
        *_field(
            "lägesbild färdigställd",
            old.lagesbild and old.lagesbild.completed,
            new.lagesbild and new.lagesbild.completed,
        ),
        *_field(
            "uppföljningsintervall (månader)",
            old.follow_up and old.follow_up.interval_months,
            new.follow_up and new.follow_up.interval_months,
        ),
    ]
    if details:
        yield Change("Planen", "~", new.title, tuple(details))
    old_orgs, new_orgs = {o.id: o for o in old.organisations}, {o.id: o for o in new.organisations}
    for ident in new_orgs.keys() - old_orgs.keys():
        yield Change("Planen", "+", f"organisation {ident} ({new_orgs[ident].name})")
    for ident in old_orgs.keys() - new_orgs.keys():
        yield Change("Planen", "-", f"organisation {ident} ({old_orgs[ident].name})")


def _area_changes(old: Plan, new: Plan) -> Iterator[Change]:
    before = {a.id: a for a in old.focus_areas}
    after = {a.id: a for a in new.focus_areas}
    for area in new.focus_areas:
        if area.id not in before:
            yield Change("Fokusområden", "+", f"{area.title} ({area.id})", (f"{len(area.measures)} åtgärder",))
            continue
        previous = before[area.id]
        details = [
            *_field("rubrik", previous.title, area.title),
            *_field("spår", previous.track.value, area.track.value),
            *_causes(previous, area),
        ]
        if details:
            yield Change("Fokusområden", "~", f"{area.title} ({area.id})", tuple(details))
    for area in old.focus_areas:
        if area.id not in after:
            yield Change("Fokusområden", "-", f"{area.title} ({area.id})", (f"{len(area.measures)} åtgärder",))


def _causes(old: FocusArea, new: FocusArea) -> list[str]:
    before = {c.id: c.name for c in old.cause_analysis.causes} if old.cause_analysis else {}
    after = {c.id: c.name for c in new.cause_analysis.causes} if new.cause_analysis else {}
    found = [f"orsak tillagd: {after[i]}" for i in after if i not in before]
    found += [f"orsak borttagen: {before[i]}" for i in before if i not in after]
    return found


def _measures(plan: Plan) -> dict[str, tuple[FocusArea, Measure]]:
    return {m.id: (area, m) for area in plan.focus_areas for m in area.measures}


def _measure_changes(old: Plan, new: Plan) -> Iterator[Change]:
    before, after = _measures(old), _measures(new)
    for ident, (area, measure) in after.items():
        subject = f"{short_line(measure.title, 70)} ({ident})"
        if ident not in before:
            added = (f"tillagd i planen {date_text(measure.added)}",) if measure.added else ()
            yield Change("Åtgärder", "+", subject, (f"i {area.title}", *added, *_summary(measure)))
            continue
        old_area, previous = before[ident]
        if measure.ended is not None and previous.ended is None:
            ended = measure.ended
            replaced = f", ersatt av {ended.replaced_by}" if ended.replaced_by else ""
            yield Change("Åtgärder", "×", subject, (f"{ended_text(ended)}{replaced}: {ended.reason}",))
            continue
        details = [
            *_field("fokusområde", old_area.title, area.title),
            *_field("åtgärd", previous.title, measure.title),
            *_field("när", timing_words(previous.timing), timing_words(measure.timing)),
            *_owners(previous, measure),
            *_listed("mål", previous.goals, measure.goals),
            *_indicators(_measure_indicators(previous), _measure_indicators(measure)),
            *_follow_up_words(previous, measure),
            *_field(
                "preventionsnivå",
                previous.prevention_level and previous.prevention_level.value,
                measure.prevention_level and measure.prevention_level.value,
            ),
            *_listed("påverkar också", previous.also_affects, measure.also_affects),
            *_listed("orsak", previous.addresses, measure.addresses),
        ]
        if details:
            yield Change("Åtgärder", "~", f"{short_line(measure.title, 70)} ({ident})", tuple(details))
    for ident, (area, measure) in before.items():
        if ident not in after:
            yield Change(
                "Åtgärder",
                "-",
                f"{short_line(measure.title, 70)} ({ident})",
                (
                    f"i {area.title}",
                    "uppföljningar som nämner åtgärden blir fel; avsluta den i stället med ended (datum, hur och varför)",
                ),
            )


def _summary(measure: Measure) -> list[str]:
    lead = f", ansvarig {measure.lead}" if measure.lead else ""
    return [f"när: {timing_words(measure.timing)}", f"ägare: {', '.join(measure.owners) or 'ej angivet'}{lead}"]


def _owners(old: Measure, new: Measure) -> list[str]:
    found = _field("ansvarig", old.lead, new.lead)
    added = [o for o in new.owners if o not in old.owners]
    removed = [o for o in old.owners if o not in new.owners]
    if added:
        found.append(f"ägare tillagda: {', '.join(added)}")
    if removed:
        found.append(f"ägare borttagna: {', '.join(removed)}")
    return found


def _listed(label: str, old: Sequence[str], new: Sequence[str]) -> list[str]:
    found = [f"{label} tillagt: {_text(item)}" for item in new if item not in old]
    found += [f"{label} borttaget: {_text(item)}" for item in old if item not in new]
    return found


def _measure_indicators(measure: Measure) -> list[Indicator]:
    return list(measure.follow_up.indicators) if measure.follow_up else []


def _indicators(old: Sequence[Indicator], new: Sequence[Indicator]) -> list[str]:
    before, after = {i.id: i for i in old}, {i.id: i for i in new}
    found = [f"indikator tillagd: {after[i].name}" for i in after if i not in before]
    found += [f"indikator borttagen: {before[i].name}" for i in before if i not in after]
    for ident in after.keys() & before.keys():
        previous, current = before[ident], after[ident]
        if previous != current:
            parts = [
                *_field("namn", previous.name, current.name),
                *_field("enhet", previous.unit and previous.unit.value, current.unit and current.unit.value),
                *_field(
                    "riktning",
                    previous.direction and previous.direction.value,
                    current.direction and current.direction.value,
                ),
                *_field("utgångsvärde", baseline_text(previous), baseline_text(current)),
                *_field("mål", target_text(previous), target_text(current)),
                *_field("datakälla", previous.source, current.source),
            ]
            if parts:
                found.append(f"indikator ändrad ({current.name}): {'; '.join(parts)}")
    return sorted(found)


def _follow_up_words(old: Measure, new: Measure) -> list[str]:
    before, after = old.follow_up, new.follow_up
    return [
        *_field("uppföljning genom forum", before and before.forum, after and after.forum),
        *_field("uppföljning i ord", before and before.text, after and after.text),
    ]


def _plan_indicators(old: Plan, new: Plan) -> Iterator[Change]:
    details = _indicators(old.indicators, new.indicators)
    if details:
        yield Change("Indikatorer för hela planen", "~", new.title, tuple(details))


_WORDS = {"+": "tillagd", "-": "borttagen", "~": "ändrad", "×": "avslutad"}
_PLURALS = {"+": "tillagda", "-": "borttagna", "~": "ändrade", "×": "avslutade"}


def counts_line(changes: Sequence[Change]) -> str:
    measures = [c for c in changes if c.section == "Åtgärder"]
    parts = [count(sum(c.sign == sign for c in measures), _WORDS[sign], _PLURALS[sign]) for sign in ("+", "-", "~", "×")]
    return f"Åtgärder: {', '.join(parts[:-1])} och {parts[-1]}. Ändringar totalt: {len(changes)}."


def as_text(old_name: str, new_name: str, changes: Sequence[Change]) -> str:
    lines = [f"Ändringar från {old_name} till {new_name}", ""]
    if not changes:
        lines.append("Inga ändringar i planens innehåll.")
    for section in SECTIONS:
        group = [c for c in changes if c.section == section]
        if not group:
            continue
        lines.append(section)
        for change in group:
            lines.append(f"  {change.sign} {change.subject} ({_WORDS[change.sign]})")
            lines.extend(f"      {detail}" for detail in change.details)
        lines.append("")
    lines.append(counts_line(changes))
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    from planctl.publish.markdown import to_markdown_line

    return to_markdown_line(text)


def as_markdown(old_name: str, new_name: str, changes: Sequence[Change]) -> str:
    lines = ["# Ändringar i planen", "", f"Från {to_markdown_code(old_name)} till {to_markdown_code(new_name)}.", ""]
    if not changes:
        lines += ["Inga ändringar i planens innehåll.", ""]
    for section in SECTIONS:
        group = [c for c in changes if c.section == section]
        if not group:
            continue
        lines += [f"## {section}", ""]
        for change in group:
            lines.append(f"- **{_WORDS[change.sign].capitalize()}:** {_md(change.subject)}")
            lines.extend(f"  - {_md(detail)}" for detail in change.details)
        lines.append("")
    lines.append(counts_line(changes))
    return "\n".join(lines) + "\n"
