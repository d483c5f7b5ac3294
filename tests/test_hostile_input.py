"""Hostile and odd inputs: each ends in a finding or a usage error, never in "internt fel".

The cases come from a fuzzing campaign against planctl (issue "A fresh machine passes the
tests"); each test names the fault it keeps fixed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from planctl import __version__
from planctl.cli import app
from planctl.terminal import printable

DATA = Path(__file__).parent / "data"
MINIMAL = DATA / "valid" / "minimal.yaml"
FOLLOWED_UP = DATA / "valid" / "followed-up.yaml"
TOO_LONG = "a" * 300 + ".yaml"


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args), prog_name="planctl")


def plan_with(tmp_path: Path, old: str, new: str, name: str = "plan.yaml", source: Path = MINIMAL) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


# -- what is printed ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("vanlig text", "vanlig text"),
        ("\x1b]0;pwned\x07\x1b[2J", "\\x1b]0;pwned\\x07\\x1b[2J"),
        ("rad ett\nrad två", "rad ett ⏎ rad två"),
        ("a\r\nb\u2028c", "a ⏎ b ⏎ c"),
        ("\u202eabc", "\\u202eabc"),
        ("tab\tär kvar, åäö och 😀 också", "tab\tär kvar, åäö och 😀 också"),
    ],
)
def test_printable_shows_control_characters_and_line_breaks(text: str, shown: str) -> None:
    assert printable(text) == shown


def test_validate_never_sends_a_terminal_escape_from_a_plan(tmp_path: Path) -> None:
    path = plan_with(tmp_path, "lead: SK", 'lead: "\\e]0;pwned\\a\\e[2J x\\nandra"')
    for output_format in ("text", "github"):
        result = run("validate", "--today", "2026-01-15", "--format", output_format, str(path))
        assert result.exit_code == 1
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        assert "\\x1b]0;pwned\\x07\\x1b[2J x ⏎ andra" in result.stdout
        assert len(result.stdout.splitlines()) == 2  # one finding, one summary


def test_status_prints_plan_text_as_text_not_markup(tmp_path: Path) -> None:
    folder = tmp_path / "rp" / "[" / "x]"
    folder.mkdir(parents=True)
    path = plan_with(
        folder, "title: Inför rastvakter.", 'title: "Inför [/bold] rastvakter [se bilaga 2] :x:"', source=FOLLOWED_UP
    )
    shutil.copytree(DATA / "valid" / "followed-up", folder / "plan")
    result = run("status", "--today", "2026-01-15", str(path))
    assert result.exit_code == 0, result.output
    assert "Inför [/bold] rastvakter [se bilaga 2] :x:" in result.stdout
    assert f"Källa: {path}." in result.stdout


def test_status_stops_quietly_when_the_reader_goes_away() -> None:
    reader = subprocess.Popen(
        [sys.executable, "-m", "planctl", "status", "--today", "2026-01-15", str(FOLLOWED_UP)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None
    reader.stdout.readline()
    reader.stdout.close()
    _, err = reader.communicate(timeout=60)
    assert (reader.returncode, err) == (141, b"")


# -- dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "finding"),
    [
        ("date: 2024-11-20", 'date: "2024-02-30"', "8:41: error S106 30 februari 2024 finns inte"),
        ("date: 2024-11-20", "date: 2024-02-30", "8:41: error S106 30 februari 2024 finns inte"),
        (
            "date: 2024-11-20",
            "date: 9999-01-01",
            "8:41: error S106 året 9999 ligger utanför 1900–2200; skriv datumet som ÅÅÅÅ-MM-DD",
        ),
        (
            "date: 2024-11-20",
            'date: "٢٠٢٤-11-20"',
            "8:41: error S106 '٢٠٢٤-11-20' är inte ett datum på formen ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD",
        ),
        (
            'completed: "2024-06"',
            'completed: "0000"',
            "9:47: error S106 året 0000 ligger utanför 1900–2200; skriv datumet som ÅÅÅÅ-MM-DD",
        ),
    ],
)
def test_an_impossible_date_is_a_finding_at_its_line(tmp_path: Path, old: str, new: str, finding: str) -> None:
    path = plan_with(tmp_path, old, new)
    other = plan_with(tmp_path, "municipality: Exempelstad", "municipality: Annanstad\ntitel: x", "annan.yaml")
    result = run("validate", "--today", "2026-01-15", str(path), str(other))
    assert result.exit_code == 1
    assert f"{path}:{finding}" in result.stdout.splitlines()
    assert f"{other}:6:1: error S103 okänd nyckel 'titel'; menade du 'title'?" in result.stdout  # the run went on


def test_a_follow_up_in_year_9999_is_refused_so_report_and_status_never_see_it(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    plan = tmp_path / "plans" / "plan.yaml"
    shutil.copy(FOLLOWED_UP, plan)
    shutil.copytree(DATA / "valid" / "followed-up", tmp_path / "plans" / "plan")
    follow_up = sorted((tmp_path / "plans" / "plan").glob("*.yaml"))[-1]
    text = follow_up.read_text(encoding="utf-8")
    follow_up.write_text(text.replace("date: 2025-12-12", "date: 9999-01-01"), encoding="utf-8")
    assert "9999-01-01" in follow_up.read_text(encoding="utf-8")
    for command in ("validate", "status"):
        result = run(command, "--today", "2026-01-15", str(plan))
        assert result.exit_code == 1, result.output
        assert "året 9999 ligger utanför 1900–2200" in result.stdout
    result = run("report", "--today", "2026-01-15", "--out", str(tmp_path / "ut"), str(plan))
    assert result.exit_code == 1
    assert "året 9999 ligger utanför 1900–2200" in result.stderr


# -- paths -------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "render", "report", "status", "overview"])
def test_a_name_too_long_for_the_file_system_is_a_usage_error(command: str, tmp_path: Path) -> None:
    result = (
        run(command, "--out", str(tmp_path), TOO_LONG)
        if command in ("render", "report", "overview")
        else run(command, TOO_LONG)
    )
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"planctl: {'a' * 80}…: namnet är för långt för filsystemet\n"


def test_diff_and_init_with_a_name_too_long(tmp_path: Path) -> None:
    result = run("diff", TOO_LONG, str(MINIMAL))
    assert (result.exit_code, result.stdout) == (2, "")
    result = run("init", str(tmp_path / TOO_LONG))
    assert result.exit_code == 2
    assert result.stderr.startswith("planctl: kan inte skapa förrådet, inget skrevs: ")
    assert result.stderr.endswith(": namnet är för långt för filsystemet\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_named_on_the_command_line_is_a_finding_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "ror.yaml"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "planctl", "validate", "--today", "2026-01-15", str(fifo), str(MINIMAL)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == (
        f"{fifo}: error F001 filen kan inte läsas: det är en namngiven rörledning (FIFO), ingen vanlig fil"
    )


@pytest.mark.parametrize("out", ["plans", "plans/sub", "plans/plan", "plans/plan/djupare"])
@pytest.mark.parametrize("command", ["render", "report", "overview"])
def test_documents_never_go_into_the_plans_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, out: str
) -> None:
    (tmp_path / "plans").mkdir()
    shutil.copy(MINIMAL, tmp_path / "plans" / "plan.yaml")
    monkeypatch.chdir(tmp_path)
    result = run(command, "--today", "2026-01-15", "--out", out, "plans/plan.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    if out == "plans":
        assert result.stderr == (
            "planctl: --out plans är mappen där planen plan.yaml ligger; välj en egen mapp för dokumenten\n"
        )
    else:
        assert (
            result.stderr
            == f"planctl: --out {out} ligger i planmappen plans; välj en mapp utanför den för dokumenten\n"
        )
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == ["plans", "plans/plan.yaml"]


def test_a_plan_at_the_top_of_the_working_folder_renders_into_a_folder_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(MINIMAL, tmp_path / "plan.yaml")
    monkeypatch.chdir(tmp_path)
    result = run("render", "--format", "md", "--out", "build", "plan.yaml")
    assert (result.exit_code, result.stdout) == (0, "skrev build/plan.md\n")


# -- init --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Kommun: Test", "yes", "no", "1.10", "# inte en kommentar", "Åre & Östersund"])
def test_init_writes_a_plan_that_validates_whatever_the_name(tmp_path: Path, name: str) -> None:
    result = run("init", str(tmp_path / "repo"), "--kommun", name, "--start", "2027")
    assert result.exit_code == 0, result.output
    checked = run("validate", "--today", "2026-01-15", str(tmp_path / "repo" / "plans"))
    assert checked.exit_code == 0, checked.stdout
    assert f"municipality: {name}" not in checked.stdout
    import yaml

    plan = next((tmp_path / "repo" / "plans").glob("*.yaml"))
    assert yaml.safe_load(plan.read_text(encoding="utf-8"))["municipality"] == name


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--start", "2200"], "planctl: --start 2200: ange planperiodens första år, 1900–2199\n"),
        (["--start", "0"], "planctl: --start 0: ange planperiodens första år, 1900–2199\n"),
        (["--kommun", ""], "planctl: --kommun: ange kommunens namn\n"),
        (
            ["--kommun", "Rad\nbrytning"],
            "planctl: --kommun 'Rad ⏎ brytning': ange kommunens namn på en rad, utan styrtecken, "
            "inledande eller avslutande mellanslag, högst 80 tecken\n",
        ),
    ],
)
def test_init_refuses_arguments_that_give_an_invalid_plan(tmp_path: Path, arguments: list[str], message: str) -> None:
    result = run("init", str(tmp_path / "repo"), *arguments)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert not (tmp_path / "repo").exists()


def test_init_refuses_before_writing_when_a_folder_it_needs_is_a_file(tmp_path: Path) -> None:
    (tmp_path / ".github").write_text("", encoding="utf-8")
    result = run("init", str(tmp_path))
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr
        == f"planctl: kan inte skapa förrådet, inget skrevs: {tmp_path}/.github finns redan och är ingen mapp\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == [".github"]


# -- templates ---------------------------------------------------------------------------


def _templates(tmp_path: Path, plan_md: bytes) -> Path:
    folder = tmp_path / "mallar"
    shutil.copytree(Path(__file__).parent.parent / "templates", folder)
    (folder / "plan.md.j2").write_bytes(plan_md)
    return folder


@pytest.mark.parametrize(
    "source",
    [
        b'{{ cycler.__init__.__globals__.os.popen("id").read() }}\n',
        b"{{ ''.__class__.__mro__[1].__subclasses__() }}\n",
        b"{{ doc.plan.__class__.__init__.__globals__ }}\n",
    ],
)
def test_a_shared_template_cannot_run_python(tmp_path: Path, source: bytes) -> None:
    templates = _templates(tmp_path, source)
    result = run("render", str(MINIMAL), "--format", "md", "--templates", str(templates), "--out", str(tmp_path / "ut"))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(
        f"planctl: {templates}/plan.md.j2, rad 1: mallen försöker göra något som en mall inte får ("
    )
    assert result.stderr.endswith("); en mall får bara visa det planctl ger den\n")
    assert not (tmp_path / "ut").exists()


def test_planctls_own_templates_and_a_shared_folder_keep_their_compiled_code_apart(tmp_path: Path) -> None:
    """planctl's own templates run outside the sandbox, a municipality's folder inside it; code
    compiled for one kind calls what only that kind has, so each keeps its own cache folder.
    Every run is a new process, as on an analyst's machine, reading what the one before wrote."""
    folder = tmp_path / "mallar"
    folder.mkdir()
    (folder / "plan.md.j2").write_text('{% include "planctl/plan.md.j2" %}', encoding="utf-8")
    environ = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    written = []
    for n, templates in enumerate([["--templates", str(folder)], [], ["--templates", str(folder)], []]):
        out = tmp_path / f"ut-{n}"
        done = subprocess.run(
            [sys.executable, "-m", "planctl", "render", str(MINIMAL), "--format", "md", "--out", str(out), *templates],
            capture_output=True, text=True, env=environ, timeout=120, check=False,
        )  # fmt: skip
        assert (done.returncode, done.stderr) == (0, "")
        written.append((out / "minimal.md").read_text(encoding="utf-8"))
    assert len(set(written)) == 1
    assert sorted(p.name for p in (tmp_path / "cache" / "planctl").iterdir() if p.name.startswith("jinja")) == [
        f"jinja-{__version__}-own",
        f"jinja-{__version__}-sandbox",
    ]


def test_a_template_saved_as_latin_1_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    templates = _templates(tmp_path, "{{ doc.plan.title }} på svenska\n".encode("latin-1"))
    result = run("render", str(MINIMAL), "--format", "md", "--templates", str(templates), "--out", str(tmp_path / "ut"))
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"planctl: {templates}/plan.md.j2: mallen är inte sparad som UTF-8 (byte 0xe5); spara den som UTF-8\n",
    )


# -- Markdown output ---------------------------------------------------------------------

PAYLOADS = [
    "> [x]: javascript:alert(1)\n\nse [x]",
    "- [x]: javascript:alert(1)\n\n[x]",
    "* [x]: javascript:alert(1)\n\n[x]",
    "1. [x]:\n   javascript:alert(1)\n\n[x]",
    "> > [x]: data:text/html,<script>\n\n[x]",
    "[a\nb]: javascript:x\n\n[a b]",
    "[x]: <javascript:alert(1)>\n\n[x]",
    "[x]: &#106;avascript:alert(1)\n\n[x]",
    "[x](javascript:alert(1)) och ![y](javascript:alert(2))",
    "[x](<javascript:alert(1)>)",
    "[x]( \n javascript:alert(1))",
    "<javascript:alert(1)>",
    "<a href='javascript:alert(1)'>x</a>",
    "[ok]: https://e.se\n\n[ok] och [mejl](mailto:a@e.se)",
]


@pytest.mark.parametrize("text", PAYLOADS)
def test_markdown_output_links_only_to_the_web_in_any_commonmark_renderer(text: str) -> None:
    """The .md document is read by renderers we do not control; one that allows every link
    must still find only http(s) and mailto targets in what planctl writes."""
    import re

    from markdown_it import MarkdownIt

    from planctl.publish import markdown

    class Trusting(MarkdownIt):
        def validateLink(self, url: str) -> bool:
            return True

    html = Trusting("commonmark").render(markdown.to_markdown(text))
    targets = re.findall(r'(?:href|src)="([^"]*)"', html)
    assert all(t.startswith(("https://", "http://", "mailto:")) for t in targets), (text, html)
    assert "<script" not in html and "<a href='" not in html


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("plan.yaml", "`plan.yaml`"),
        ("a`b<img src=x onerror=alert(1)>.yaml", "``a`b<img src=x onerror=alert(1)>.yaml``"),
        ("`start.yaml", "`` `start.yaml ``"),
        ("rad\nbrytning.yaml", "`rad brytning.yaml`"),
    ],
)
def test_a_file_name_is_a_code_span_that_nothing_inside_can_close(text: str, code: str) -> None:
    from markdown_it import MarkdownIt

    from planctl.publish import markdown

    assert markdown.to_markdown_code(text) == code
    html = MarkdownIt("commonmark").render(code)
    assert "<img" not in html and html.startswith("<p><code>")


def test_overview_markdown_names_a_broken_plan_without_letting_its_name_in(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    broken = tmp_path / "plans" / "a`b<img src=x onerror=alert(1)>.yaml"
    broken.write_text("format_version: 1\n", encoding="utf-8")
    result = run("overview", "--today", "2026-01-15", "--format", "md", "--out", str(tmp_path / "ut"), str(broken))
    assert result.exit_code == 0, result.output
    text = (tmp_path / "ut" / "oversikt.md").read_text(encoding="utf-8")
    assert f"| *okänd* | ``{broken}``: planen har fel och visas inte |" in text
    from markdown_it import MarkdownIt

    assert "<img" not in MarkdownIt("commonmark").render(text)


# -- wrong answers -----------------------------------------------------------------------


def test_a_follow_up_validated_alone_is_held_to_its_plan(monkeypatch: pytest.MonkeyPatch) -> None:
    """pre-commit validates only the files a commit changes: a follow-up whose plan does not
    parse must not pass with "0 fel"."""
    monkeypatch.chdir(DATA)
    result = run("validate", "--today", "2026-01-15", "invalid/followup-plan-broken/uppfoljning-2025-12.yaml")
    assert (result.exit_code, result.stdout) == (
        1,
        "invalid/followup-plan-broken/uppfoljning-2025-12.yaml:3:7: error U512 planen followup-plan-broken.yaml "
        "har fel och kan inte läsas, så uppföljningen kan inte kontrolleras mot den\n"
        "1 fil granskad: 1 fel, 0 varningar, 0 tystade\n",
    )


def test_an_unreadable_follow_up_is_not_a_missing_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    result = run("validate", "--today", "2026-01-15", "invalid/followup-unreadable.yaml")
    assert "U506" not in result.stdout and "U508" not in result.stdout
    assert result.stdout.endswith("2 filer granskade: 1 fel, 0 varningar, 0 tystade\n")


# -- positions ---------------------------------------------------------------------------

HEAD = "format_version: 1\nkind: åtgärdsplan\nid: a\nmunicipality: A\ntitle: T\nperiod: {start: 2025}\n"


def findings_of(text: str | bytes, name: str = "x.yaml") -> list[str]:
    from planctl.lint.loader import load_bytes

    raw = text.encode("utf-8") if isinstance(text, str) else text
    return [f"{f.line}:{f.column} {f.code} {f.message}" for f in load_bytes(raw, name).findings]


def validated(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("validate", "--all", "--today", "2026-01-15", str(path))
    return [line.removeprefix(f"{path}:") for line in result.stdout.splitlines()[:-1]]


def test_a_control_character_after_swedish_text_is_placed_in_characters() -> None:
    assert findings_of('format_version: 1\ntitle: "åäöåäö\x01"\n') == [
        "2:15 F002 filen innehåller ett styrtecken (U+0001) som inte får stå i en YAML-fil"
    ]


def test_a_nul_after_swedish_text_is_placed_in_characters() -> None:
    assert findings_of('title: "åäö\x00"\n') == ["1:12 F002 filen innehåller binära data (NUL-tecken), inte text"]


def test_invalid_utf8_after_swedish_text_is_placed_in_characters() -> None:
    assert findings_of('title: "åäö'.encode() + b'\xff"\n') == [
        "1:12 F002 filen är inte giltig UTF-8 (byte 0xff); spara den som UTF-8"
    ]


def test_a_tab_inside_a_block_of_text_is_not_blamed_for_a_later_error() -> None:
    text = (
        HEAD + 'introduction:\n  - title: x\n    text: |\n      rad\n      \tmed tabb\n      slut\nnotes: ["oavslutad\n'
    )
    [finding] = findings_of(text)
    assert finding.startswith("14:1 F004 YAML-syntaxfel: ")


def test_a_tab_in_the_indentation_is_blamed_where_it_stands() -> None:
    assert findings_of("a:\n  b: 1\n\tc: 2\n") == ["3:1 F005 tabbtecken i indraget; YAML kräver mellanslag för indrag"]


def test_keys_yaml_reads_as_other_things_are_unknown_keys_at_their_own_lines(tmp_path: Path) -> None:
    found = validated(tmp_path, HEAD + "yes: 1\n~: 2\n0x7E9: 3\n")
    assert [f for f in found if "S103" in f] == [
        "7:1: error S103 okänd nyckel 'yes'",
        "8:1: error S103 okänd nyckel '~'",
        "9:1: error S103 okänd nyckel '0x7E9'",
    ]
    assert not any("Keys should be strings" in f for f in found)


def test_a_duplicate_through_an_alias_is_placed_at_the_alias(tmp_path: Path) -> None:
    text = HEAD + (
        "organisations:\n  - &sk {id: SK, name: Stadsledningskontoret}\n  - *sk\n  - {id: P, name: Polisen}\n  - *sk\n"
    )
    found = [f for f in validated(tmp_path, text) if "S104" in f]
    assert found == [
        "9:5: error S104 id 'SK' används redan för en annan organisation (organisations[0].id)",
        "11:5: error S104 id 'SK' används redan för en annan organisation (organisations[0].id)",
    ]


def test_a_line_separator_inside_a_value_does_not_shift_later_lines(tmp_path: Path) -> None:
    text = HEAD.replace("title: T", 'title: "T\u2028med radavskiljare"') + "foo: 1\n"
    assert [f for f in validated(tmp_path, text) if "S103" in f] == ["7:1: error S103 okänd nyckel 'foo'"]


@pytest.mark.parametrize("text", ["---\n", "", "# bara en kommentar\n", "\n\n"])
def test_an_empty_file_is_f006_at_its_first_line(text: str) -> None:
    assert findings_of(text) == ["1:1 F006 filen är tom: den innehåller ingen plan"]


def test_an_oversized_file_is_f003_at_its_first_line(tmp_path: Path) -> None:
    from planctl.lint.loader import load_file

    path = tmp_path / "stor.yaml"
    path.write_bytes(b"a: 1\n" * 500_000)
    [finding] = load_file(path).findings
    assert (finding.line, finding.column, finding.code) == (1, 1, "F003")


def test_a_duplicate_key_names_the_first_line_even_with_many_keys() -> None:
    text = "".join(f"k{i}: {i}\n" for i in range(3000)) + "k5: igen\n"
    assert findings_of(text) == [
        "3001:1 F009 nyckeln 'k5' förekommer två gånger (första gången på rad 6); YAML behåller bara den sista"
    ]


# -- suggestions at any size -------------------------------------------------------------


@pytest.mark.parametrize("size", [5, 150, 3000])
def test_a_near_miss_is_suggested_whatever_the_number_of_names(size: int) -> None:
    from planctl.lint.suggest import Names, suggest

    names = Names([*(f"org{i}" for i in range(size)), "Socialförvaltningen", "Polisen"])
    assert suggest("Socialforvaltningen", names) == "; menade du 'Socialförvaltningen'?"
    assert suggest("polisen", names) == "; menade du 'Polisen'?"
    assert suggest("Polisn", names) == "; menade du 'Polisen'?"
    assert suggest("helt-annat-namn", names) == ""


def test_many_unknown_owners_among_many_organisations_are_each_reported(tmp_path: Path) -> None:
    organisations = "organisations:\n" + "".join(f"  - {{id: org{i}, name: Org {i}}}\n" for i in range(300))
    owners = ", ".join(f"agare{i}" for i in range(400)) + ", org12x"
    text = (
        HEAD
        + organisations
        + f"focus_areas:\n  - id: f\n    title: F\n    measures:\n      - id: m\n        title: M\n        owners: [{owners}]\n"
    )
    found = [f for f in validated(tmp_path, text) if " R201 " in f]
    assert len(found) == 401
    assert found[-1].endswith("error R201 'org12x' (ansvarig eller medverkande) finns inte bland planens organisationer; menade du 'org12'?")


def test_status_fails_on_the_day_validate_reports_an_overdue_follow_up(tmp_path: Path) -> None:
    # the follow-up is due two years after the last one (U506) …
    for day, code in (("2027-12-12", 0), ("2027-12-13", 1)):
        assert run("status", "--today", day, str(FOLLOWED_UP)).exit_code == code
        checked = run("validate", "--today", day, str(FOLLOWED_UP))
        assert checked.exit_code == code and ("U506" in checked.stdout) == bool(code), checked.stdout
    # … and, without its recorded update, the lägesbild (juni 2024) two years on (L309)
    plan = tmp_path / "plan.yaml"
    text = FOLLOWED_UP.read_text(encoding="utf-8")
    plan.write_text(text.replace(", updates: [{date: 2026-05, reference: KS 2026/9}]", ""), encoding="utf-8")
    shutil.copytree(DATA / "valid" / "followed-up", tmp_path / "plan")
    for day, code in (("2026-06-30", 0), ("2026-07-01", 1)):
        assert run("status", "--today", day, str(plan)).exit_code == code
        checked = run("validate", "--today", day, str(plan))
        assert checked.exit_code == code and ("L309" in checked.stdout) == bool(code), checked.stdout


def test_a_related_plan_name_too_long_for_the_file_system_is_a_finding(tmp_path: Path) -> None:
    name = "b" * 300 + ".yaml"
    path = plan_with(tmp_path, "organisations:", f"related_plans:\n  - {{title: Lång, file: {name}}}\norganisations:")
    result = run("validate", "--today", "2025-01-01", str(path))
    assert result.exit_code == 1
    assert f"{path}:12:25: error R206 planfilen '{name}' finns inte bredvid plan.yaml" in result.stdout


@pytest.mark.parametrize(
    ("value", "shown"),
    [(".nan", ".nan"), (".inf", ".inf"), ("-.inf", "-.inf"), ("1.0e+999", ".inf")],
)
def test_not_a_number_is_refused_as_a_value_and_a_cost(tmp_path: Path, value: str, shown: str) -> None:
    (tmp_path / "plans").mkdir()
    plan = tmp_path / "plans" / "plan.yaml"
    shutil.copy(FOLLOWED_UP, plan)
    shutil.copytree(DATA / "valid" / "followed-up", tmp_path / "plans" / "plan")
    follow_up = tmp_path / "plans" / "plan" / "uppfoljning-2025-12.yaml"
    text = follow_up.read_text(encoding="utf-8")
    text = text.replace("{value: 18,", f"{{value: {value},").replace(
        "status: genomförd}", f"status: genomförd, cost: {{money_sek: {value}}}}}"
    )
    follow_up.write_text(text, encoding="utf-8")
    result = run("validate", "--today", "2026-01-15", str(plan))
    message = f"error S106 {shown} är inget tal; ange ett vanligt tal (YAML läser .nan och .inf som 'inget tal' och 'oändligt')"
    assert result.exit_code == 1
    assert [line.split(": ", 1)[1] for line in result.stdout.splitlines()[:-1]] == [message, message]
    report = run("report", "--today", "2026-01-15", "--out", str(tmp_path / "ut"), str(plan))
    assert report.exit_code == 1 and not (tmp_path / "ut").exists()


def test_status_never_sends_a_terminal_escape_from_a_plan(tmp_path: Path) -> None:
    path = plan_with(
        tmp_path, "title: Inför rastvakter.", 'title: "\\e]0;pwned\\a\\e[2J rastvakter"', source=FOLLOWED_UP
    )
    shutil.copytree(DATA / "valid" / "followed-up", tmp_path / "plan")
    result = run("status", "--today", "2026-01-15", str(path))
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b]0;pwned\\x07\\x1b[2J rastvakter" in result.stdout


def test_an_error_at_the_end_of_a_file_without_a_final_line_break_stands_on_its_last_line() -> None:
    """libyaml puts the end of such a stream on a line of its own, which no editor shows."""
    [finding] = findings_of("a: 1\nb: [\n\u202ex")
    assert finding.startswith("3:3 F004 ")


@pytest.mark.parametrize("kind", ["[uppföljning]", "{a: 1}", "[]"])
def test_a_kind_that_is_a_list_or_a_mapping_is_a_finding(tmp_path: Path, kind: str) -> None:
    """Found by the fuzz test: ``kind: []`` once ended in a traceback (an unhashable key)."""
    path = plan_with(tmp_path, "kind: åtgärdsplan", f"kind: {kind}")
    result = run("validate", "--today", "2025-01-01", str(path))
    assert result.exit_code == 1
    assert f"{path}:3:7: error S1" in result.stdout
