"""``planctl init``: a new plan repository that validates as it stands.

It writes a commented starter plan with the editor modeline, a follow-up template, a
pre-commit configuration and a CI workflow that validates every push and publishes the
rendered documents. Existing files are never overwritten.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from planctl.errors import UsageError
from planctl.files import exists, is_dir, name_problem
from planctl.model import FIRST_YEAR, LAST_YEAR
from planctl.terminal import printable

_SLUG = str.maketrans("åäöéÅÄÖÉ ", "aaoeAAOE-")


def slug(text: str) -> str:
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9-]", "", text.translate(_SLUG).lower())).strip("-") or "kommun"


def files_for(municipality: str, start: int) -> dict[str, str]:
    """Each file of a new repository, by its path relative to the repository."""
    end = start + 1
    stem = f"{slug(municipality)}-atgardsplan-{start}-{end}"
    from planctl.model.schema import schema_text

    return {
        "schema/plan.schema.json": schema_text("plan"),
        "schema/followup.schema.json": schema_text("uppföljning"),
        "schema/lagesbild.schema.json": schema_text("lägesbild"),
        f"plans/{stem}.yaml": STARTER_PLAN.format(
            municipality=municipality,
            municipality_yaml=yaml_text(municipality),
            organisation_yaml=yaml_text(f"{municipality} kommun"),
            lagesbild_yaml=yaml_text(f"Lägesbild brottslighet {municipality} {start - 1}"),
            start=start,
            end=end,
            id=stem,
            prev=start - 1,
        ),
        "mallar/uppfoljning.yaml": FOLLOW_UP_TEMPLATE.format(id=stem, stem=stem, start=start),
        ".pre-commit-config.yaml": PRE_COMMIT_CONFIG,
        ".github/workflows/planctl.yml": WORKFLOW,
        "README.md": README.format(municipality=municipality, stem=stem),
        ".gitignore": "build/\n",
    }


def yaml_text(text: str) -> str:
    """``text`` as a YAML double-quoted scalar: read back as exactly this text, never as a
    boolean (``yes``), a number or a key (``Kommun: Test``). JSON's string syntax is YAML's."""
    return json.dumps(text, ensure_ascii=False)


def check_arguments(municipality: str, start: int) -> None:
    """Refuse what would give a starter plan that does not validate."""
    name = municipality.strip()
    if not name:
        raise UsageError("--kommun: ange kommunens namn")
    if name != municipality or printable(name) != name or len(name) > 80:
        raise UsageError(
            f"--kommun {printable(municipality)!r}: ange kommunens namn på en rad, utan styrtecken, "
            "inledande eller avslutande mellanslag, högst 80 tecken"
        )
    if not FIRST_YEAR <= start <= LAST_YEAR - 1:
        raise UsageError(f"--start {start}: ange planperiodens första år, {FIRST_YEAR}–{LAST_YEAR - 1}")


def init_repository(folder: Path, municipality: str, start: int) -> list[Path]:
    """Write the files; refuse, writing nothing, if any of them exists already or cannot be made."""
    check_arguments(municipality, start)
    planned = {folder / name: text for name, text in files_for(municipality, start).items()}
    problems = [problem for path in planned if (problem := _blocked(path)) is not None]
    existing = sorted(str(path) for path in planned if exists(path))
    if existing:
        raise UsageError(f"skriver inte över befintliga filer: {', '.join(map(printable, existing))}")
    if problems:
        raise UsageError(f"kan inte skapa förrådet, inget skrevs: {problems[0]}")
    for path, text in planned.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            raise UsageError(f"{printable(str(path))}: kan inte skriva ({error.strerror or error})") from None
    return list(planned)


def _blocked(path: Path) -> str | None:
    """Why ``path`` cannot be written (a folder on its way is a file, the name is too long), or None."""
    problem = name_problem(path)
    if problem is not None:
        return f"{printable(str(path))}: {problem}"
    for parent in reversed(path.parents):
        if exists(parent) and not is_dir(parent):
            return f"{printable(str(parent))} finns redan och är ingen mapp"
    return None


STARTER_PLAN = """\
# yaml-language-server: $schema=../schema/plan.schema.json
#
# Åtgärdsplan för brottsförebyggande arbete, {municipality} {start}–{end}.
# Startfil skapad av planctl init. Ersätt exempeltexterna med kommunens egna uppgifter;
# planctl validate visar vad som saknas. Texter får innehålla Markdown.
# Formatet: planctl schema, och reglerna: planctl rules.

format_version: 2
kind: åtgärdsplan
id: {id}
municipality: {municipality_yaml}
organisation: {organisation_yaml}
title: Åtgärdsplan för brottsförebyggande arbete {start}–{end}
period: {{start: {start}, end: {end}}}

# Vem beslutar planen, när och under vilket diarienummer. Fyll i datum när planen är beslutad;
# uppföljningskravet räknas därifrån.
decision:
  body: Kommunstyrelsen
  # date: ÅÅÅÅ-MM-DD
  # reference: KS ÅÅÅÅ/NNNNN

# Lägesbilden (4 §) som planen bygger på (5 §). Den ska vara färdig före beslutet.
# Problemen är de som lägesbilden beskriver; fokusområdena svarar på dem (answers).
lagesbild:
  title: {lagesbild_yaml}
  completed: "{prev}"
  problems:
    - id: exempelproblem
      title: Elever känner sig otrygga i skolmiljön
      description: |-
        Vad lägesbilden säger om problemet, med dess egna ord.
      pages: "1-2"
  analysis: |-
    Lägesbildens analys av kartläggningen.

# 6 §: uppföljning minst vartannat år (högst 24 månader).
follow_up:
  interval_months: 12
  forum: Brottsförebyggande rådet
  text: Planen följs upp årligen och redovisas för kommunstyrelsen.

introduction:
  - title: Inledning
    text: |-
      Beskriv planens syfte, hur den tagits fram och hur arbetet leds och samordnas.

# Ägare av åtgärder: kommunens förvaltningar (förkortningslistan) och externa aktörer.
organisations:
  - {{id: KS, name: Kommunstyrelsens förvaltning, type: förvaltning, abbreviation: true}}
  - {{id: Polisen, name: Polisen, type: myndighet}}

focus_areas:
  - id: exempelomrade
    title: Otrygghet i skolmiljö
    answers: [exempelproblem]
    description: |-
      Vad kommunen vill uppnå inom området.
    cause_analysis:
      text: |-
        Orsaksanalysen: varför problemet uppstår, i form av risk- och skyddsfaktorer.
      causes:
        - {{id: exempelorsak, name: Få vuxna i skolmiljön under rasterna}}
    measures:
      - id: exempelatgard
        title: Inför rastvärdar på skolorna.
        goals: [Ökad trygghet på skolgården]
        timing: {start}–{end}
        owners: [KS, Polisen]
        lead: KS
        addresses: [exempelorsak]       # Brå: varje åtgärd kopplas till en orsak
        prevention_level: universell
        follow_up:
          indicators:
            - id: andel-otrygga
              name: Andel elever som känner sig otrygga på skolgården
              unit: procent
              direction: minska
              source: Skolenkäten
              # Fyll i utgångsvärde och mål när de är kända (planctl varnar tills dess):
              # baseline: {{value: …, period: "{prev}"}}
              # target: {{value: …, by: "{end}"}}
"""

FOLLOW_UP_TEMPLATE = """\
# yaml-language-server: $schema=../../schema/followup.schema.json
#
# Mall för en uppföljning. Kopiera den till plans/{stem}/uppfoljning-ÅÅÅÅ-MM.yaml,
# fyll i datum, status för varje åtgärd och uppmätta värden för indikatorerna.
# Status: ej påbörjad, pågår, genomförd, försenad eller avbruten.

format_version: 2
kind: uppföljning
plan: {id}
date: {start}-12-01
reported_by: Brottsförebyggande rådet
example_data: false
# lagesbild_update: {{date: ÅÅÅÅ-MM, reference: KS ÅÅÅÅ/NNNNN}}  # när lägesbilden har uppdaterats
measures:
  - measure: exempelatgard
    status: pågår
    comment: Beskriv vad som gjorts.
    cost: {{money_sek: 0, hours: 0}}
indicators:
  - indicator: andel-otrygga
    values:
      - {{value: 0, period: "{start}", source: Skolenkäten}}
"""

PRE_COMMIT_CONFIG = """\
# Granskar planfilerna före varje commit: pip install pre-commit planctl && pre-commit install
# (Hooken finns också i planctls eget förråd, .pre-commit-hooks.yaml, id planctl-validate.)
repos:
  - repo: local
    hooks:
      - id: planctl-validate
        name: planctl validate
        entry: planctl validate
        language: system
        files: ^plans/.*\\.ya?ml$
        require_serial: true
"""

WORKFLOW = """\
# Granskar planerna vid varje push och publicerar de återgivna dokumenten.
name: planctl
on:
  push:
  pull_request:
permissions:
  contents: read
  pages: write
  id-token: write
jobs:
  granska:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - run: pip install planctl
      - run: planctl validate plans/ --format github
      - run: planctl render plans/ --format html --out build
      - run: planctl report plans/ --format html --out build
      - uses: actions/upload-pages-artifact@v3
        with:
          path: build
  publicera:
    if: github.ref == 'refs/heads/main'
    needs: granska
    runs-on: ubuntu-latest
    environment:
      name: github-pages
    steps:
      - uses: actions/deploy-pages@v4
"""

README = """\
# Brottsförebyggande planer för {municipality}

Planerna ligger som YAML-filer i `plans/` och granskas med planctl.

- `planctl validate plans/` granskar planerna mot formatet, lagen (2023:196) och Brås vägledning.
- `planctl render plans/ --out build` gör publiceringsklara dokument; `planctl report plans/ --out build`
  gör uppföljningsrapporten.
- Uppföljningar läggs i `plans/{stem}/` (mall: `mallar/uppfoljning.yaml`).
- `pre-commit install` granskar planerna före varje commit; `.github/workflows/planctl.yml` granskar
  vid varje push och publicerar dokumenten.
"""
