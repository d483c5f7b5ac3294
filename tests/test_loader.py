"""Bad input: whatever a file holds, planctl reports it and never crashes."""

from __future__ import annotations

import time
import tracemalloc
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planctl.lint.engine import validate_file
from planctl.lint.loader import MAX_BYTES, load_bytes, load_file

TODAY = date(2026, 1, 15)


def codes(path: Path) -> list[tuple[int, str]]:
    return [(f.line, f.code) for f in validate_file(path, TODAY).findings]


def test_missing_file_is_a_finding(tmp_path: Path) -> None:
    loaded = load_file(tmp_path / "finns-inte.yaml")
    assert [(f.code, f.line) for f in loaded.findings] == [("F001", 0)]
    assert "kan inte läsas" in loaded.findings[0].message


def test_directory_named_as_file_is_a_finding(tmp_path: Path) -> None:
    folder = tmp_path / "mapp.yaml"
    folder.mkdir()
    assert [f.code for f in load_file(folder).findings] == ["F001"]


def test_oversized_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "stor.yaml"
    big.write_bytes(b"# " + b"x" * MAX_BYTES + b"\n")
    loaded = load_file(big)
    assert [f.code for f in loaded.findings] == ["F003"]
    assert not loaded.usable


def test_alias_bomb_is_refused_fast_with_bounded_memory() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 12):  # 10**12 values if expanded
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 10) + "]")
    tracemalloc.start()
    started = time.perf_counter()
    loaded = load_bytes("\n".join(lines).encode(), "bomb.yaml")
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert [f.code for f in loaded.findings] == ["F011"]
    assert elapsed < 5  # generous: a correct refusal takes a fraction of a second
    assert peak < 200 * 1024 * 1024


def test_very_deep_flow_nesting_is_refused_before_libyaml_recurses() -> None:
    # libyaml's composer recurses on the C stack and crashes the interpreter on this input
    loaded = load_bytes(b"a: " + b"[" * 300_000 + b"]" * 300_000, "djup.yaml")
    assert [(f.code, f.line) for f in loaded.findings] == [("F012", 1)]


def test_moderate_nesting_is_refused_with_its_line() -> None:
    text = "a:\n" + "".join(" " * (i + 1) + "- \n" for i in range(50))
    loaded = load_bytes(text.encode(), "djup.yaml")
    assert [f.code for f in loaded.findings] == ["F012"]
    assert loaded.findings[0].line == 42


def test_byte_order_mark_is_accepted() -> None:
    loaded = load_bytes("\ufeffa: 1\n".encode(), "bom.yaml")
    assert loaded.findings == [] and loaded.data == {"a": 1}


def test_null_document_is_not_a_plan() -> None:
    assert [f.code for f in load_bytes(b"~\n", "x.yaml").findings] == ["F007"]


@pytest.mark.parametrize(
    "text",
    [
        "!!binary aGVq\n",
        "a: !!python/name:os.system\n",
        "a: !custom x\n",
        "a: !!set {x}\n",
        "? [a, b]\n: c\n",
        "a: <<\n<<: {b: 1}\n",
        "a: 2024-13-45\n",
        "a: 1e999999\n",
        "a: &x\n  b: *x\n",
    ],
)
def test_odd_yaml_never_raises(text: str) -> None:
    loaded = load_bytes(text.encode(), "udda.yaml")
    for finding in loaded.findings:
        assert finding.file == "udda.yaml"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_raise(raw: bytes) -> None:
    load_bytes(raw, "slump.yaml")


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#\t\n ,?%@`~0123")), max_size=200))
def test_random_yaml_like_text_never_raises(text: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    result = validate_file(path, TODAY)
    assert all(f.file == str(path) for f in result.findings)


_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.floats(allow_nan=False),
    st.text(max_size=8),
    st.lists(st.integers(0, 3), max_size=2),
    st.dictionaries(st.sampled_from(["id", "x", "start"]), st.integers(), max_size=2),
    st.dates(),
)


def _paths(value: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_mutated_plan_gives_findings_with_lines_never_a_crash(
    data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    import yaml

    plan = yaml.safe_load((Path(__file__).parent / "data" / "valid" / "minimal.yaml").read_text(encoding="utf-8"))
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.sampled_from(_paths(plan)[1:]))
        parent: object = plan
        for part in where[:-1]:
            parent = parent[part]  # type: ignore[index]
        parent[where[-1]] = data.draw(_LEAVES)  # type: ignore[index]
    path = tmp_path_factory.mktemp("mutant") / "plan.yaml"
    path.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    result = validate_file(path, TODAY)
    for finding in result.findings:
        assert finding.line >= 1, finding


def test_lean_resolver_gives_pyyaml_tags() -> None:
    import yaml

    from planctl.lint.loader import _Loader

    text = (Path(__file__).parent.parent / "plans" / "vasteras-atgardsplan-2025-2026.yaml").read_text(encoding="utf-8")
    text += "\nx: [~, null, '', yes, No, on, 0x1F, 0o17, 1_000, 12:30, .5, -.inf, .NaN, 2024-06-01, 2024-06-01 12:00, '1', a]\n"

    def tags(node: yaml.Node) -> list[str]:
        found = [node.tag]
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                found += tags(key) + tags(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                found += tags(item)
        return found

    ours, theirs = yaml.compose(text, Loader=_Loader), yaml.compose(text, Loader=yaml.SafeLoader)
    assert ours is not None and theirs is not None
    assert tags(ours) == tags(theirs)


@pytest.mark.parametrize("text", ["a: 1\na: 2\n", "a:\n  b: 1\n  b: 1\n", "a: {x: 1, x: 2}\n"])
def test_duplicate_keys_name_both_lines(text: str) -> None:
    loaded = load_bytes(text.encode(), "dubbel.yaml")
    assert [f.code for f in loaded.findings] == ["F009"]
