"""``planctl init``: a new plan repository that validates as it stands.

It writes a commented starter plan with the editor modeline, a follow-up template, a
pre-commit configuration that uses planctl's own hook, and a GitHub Actions workflow that
validates every push and pull request and publishes the rendered documents from ``main``.
Everything the repository runs is pinned: planctl to this release (``requirements.txt``),
each action to a full commit SHA. Existing files are never overwritten.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from planctl.errors import UsageError
from planctl.files import exists, is_dir, name_problem
from planctl.model import FIRST_YEAR, LAST_YEAR
from planctl.project import REPOSITORY, TAG, pinned_requirement
from planctl.terminal import printable

#: Where the follow-up template is written: two folders down, as deep as a follow-up in
#: plans/<plan>/, so that its schema modeline is right both here and where it is copied.
FOLLOW_UP_TEMPLATE_PATH = "mallar/uppfoljning/uppfoljning.yaml"

#: Each action the workflow uses, pinned to the full commit SHA of a release (a tag can be
#: moved, a commit cannot); the tag is written beside it for people and for Dependabot. The
#: SHAs were read from each action's own repository, where the tag and its major tag (v7, v5)
#: point to that commit.
ACTIONS = {
    "checkout": "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1",
    "setup-python": "actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97 # v7.0.0",
    "upload-pages-artifact": "actions/upload-pages-artifact@fc324d3547104276b827a68afc52ff2a11cc49c9 # v5.0.0",
    "deploy-pages": "actions/deploy-pages@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128 # v5.0.0",
}

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
        FOLLOW_UP_TEMPLATE_PATH: FOLLOW_UP_TEMPLATE.format(id=stem, stem=stem, start=start),
        ".pre-commit-config.yaml": PRE_COMMIT_CONFIG.format(repository=REPOSITORY, tag=TAG),
        "requirements.txt": REQUIREMENTS.format(requirement=pinned_requirement()),
        ".github/workflows/planctl.yml": workflow(pinned_requirement()),
        ".github/dependabot.yml": DEPENDABOT,
        "README.md": README.format(
            municipality=municipality, stem=stem, template=FOLLOW_UP_TEMPLATE_PATH, requirement=pinned_requirement()
        ),
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
  forum: Trygghetsrådet
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
# Schemaraden överst pekar på schema/ två mappar upp: den stämmer både här i
# mallar/uppfoljning/ och i plans/{stem}/, dit mallen kopieras.

format_version: 2
kind: uppföljning
plan: {id}
date: {start}-12-01
reported_by: Trygghetssamordnaren
example_data: false
# När lägesbilden har uppdaterats (6 §): datum och diarienummer.
# lagesbild_update: {{date: ÅÅÅÅ-MM-DD, reference: KS ÅÅÅÅ/NNNNN}}
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
# Granskar planfilerna före varje commit med planctls egen hook, som installerar planctl
# själv (Python 3.11 eller senare behövs). Kom igång: pip install pre-commit && pre-commit install
# rev är planctls version; pre-commit autoupdate flyttar den till den senaste.
repos:
  - repo: {repository}
    rev: {tag}
    hooks:
      - id: planctl-validate
"""

REQUIREMENTS = """\
# planctl i CI-flödet (.github/workflows/planctl.yml), låst till en version. Byt versionen
# här när ni vill uppgradera (Dependabot föreslår det); rev i .pre-commit-config.yaml likaså.
{requirement}
"""

DEPENDABOT = """\
# Dependabot föreslår nya versioner av actions (låsta till commit-SHA) och av planctl.
version: 2
updates:
  - package-ecosystem: github-actions
    directory: /
    schedule:
      interval: monthly
  - package-ecosystem: pip
    directory: /
    schedule:
      interval: monthly
"""

# The workflow is filled in with str.replace, not str.format: it is full of ${{ }}.
WORKFLOW_TEMPLATE = """\
# Granskar planerna vid varje push och pull request, och publicerar dokumenten på GitHub Pages
# när main ändras. Varje action är låst till en commit (SHA) med versionen i kommentaren, och
# planctl till en version i requirements.txt.
name: planctl

on:
  push:
  pull_request:

# Flödet läser bara förrådet; bara jobbet som publicerar får skriva till Pages.
permissions:
  contents: read

jobs:
  granska:
    name: Granska och återge
    runs-on: ubuntu-latest
    steps:
      - uses: <checkout>
        with:
          persist-credentials: false
      - uses: <setup-python>
        with:
          python-version: "3.12"
          cache: pip
          cache-dependency-path: requirements.txt
      - name: Installera planctl (<requirement>)
        run: python -m pip install -r requirements.txt
      - name: Sammanfatta granskningen
        # Alla fynd i jobbets sammanfattning. Status 1 (fynd) stoppar i nästa steg, inte här.
        run: planctl validate plans/ --format markdown >> "$GITHUB_STEP_SUMMARY" || test $? -eq 1
      - name: Granska planerna
        # Fynden som anteckningar på raderna i en pull request; GitHub visar de första tio
        # varningarna per steg, och alla står i sammanfattningen.
        run: planctl validate plans/ --format github
      - name: Återge planer, uppföljningsrapporter, översikt och startsida
        run: |
          planctl render plans/ --format html --out build
          planctl report plans/ --format html --out build
          planctl overview plans/ --format html --out build
          planctl index build
      - name: Spara webbplatsen för publicering
        if: github.event_name == 'push' && github.ref == 'refs/heads/main'
        uses: <upload-pages-artifact>
        with:
          path: build

  publicera:
    name: Publicera på GitHub Pages
    needs: granska
    # aldrig från en pull request, bara när main ändras
    if: github.event_name == 'push' && github.ref == 'refs/heads/main'
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    concurrency:
      group: pages
      cancel-in-progress: false
    steps:
      - id: deployment
        uses: <deploy-pages>
"""


def workflow(requirement: str) -> str:
    """The workflow with its pinned actions and planctl's version filled in."""
    text = WORKFLOW_TEMPLATE.replace("<requirement>", requirement)
    for name, pinned in ACTIONS.items():
        text = text.replace(f"<{name}>", pinned)
    return text


README = """\
# Brottsförebyggande planer för {municipality}

Planerna ligger som YAML-filer i `plans/` och granskas med planctl ({requirement}).

- `planctl validate plans/` granskar planerna mot formatet, lagen (2023:196) och Brås vägledning.
- `planctl render plans/ --out build` gör publiceringsklara dokument; `planctl report plans/ --out build`
  gör uppföljningsrapporten och `planctl index build` en startsida som länkar dem.
- Uppföljningar läggs i `plans/{stem}/` (mall: `{template}`).
- `pre-commit install` granskar planerna före varje commit; `.github/workflows/planctl.yml` granskar
  vid varje push och pull request och publicerar dokumenten när `main` ändras.

## Installera

```sh
python3 -m venv .venv && .venv/bin/pip install -r requirements.txt
```

Paketet heter `planctl-se` på PyPI (kommandot heter `planctl`). `pip install planctl` installerar
ett annat program med samma namn.

## Publicera på GitHub Pages

Flödet publicerar planerna, uppföljningsrapporterna, översikten och en startsida (`index.html`)
på förrådets GitHub Pages-adress varje gång `main` ändras. Slå på det en gång:

1. Öppna förrådet på GitHub och gå till **Settings → Pages**.
2. Under **Build and deployment**, välj **Source: GitHub Actions**.
3. Pusha till `main` (eller kör flödet igen). Adressen visas under **Settings → Pages** och vid
   jobbet **Publicera på GitHub Pages**.

Heter standardgrenen något annat än `main`, ändra `refs/heads/main` i
`.github/workflows/planctl.yml`. Pull requests granskas och återges men publiceras aldrig.

## Granskningen i CI

Varje körning skriver alla fynd i jobbets sammanfattning (`--format markdown`) och sätter
anteckningar på raderna i en pull request (`--format github`). Flödet misslyckas om en plan har fel.
"""
