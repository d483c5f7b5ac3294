"""The rule table as text for the terminal and as Markdown for the README."""

from __future__ import annotations

from planctl.lint.rules import RULES


def _applies_to(kinds: tuple[str, ...]) -> str:
    return ", ".join(kinds) if kinds else "alla"


def rules_text() -> str:
    lines = []
    for rule in RULES.values():
        lines.append(f"{rule.code} {rule.severity.label:<7} {rule.name}: {rule.summary}")
        lines.append(f"    {rule.explanation}")
        extra = f"gäller: {_applies_to(rule.kinds)}" + ("; kan tystas med motivering" if rule.silenceable else "")
        lines.append(f"    ({extra})")
    return "\n".join(lines) + "\n"


def rules_markdown() -> str:
    lines = [
        "| Code | Severity | Name | Applies to | Silenceable | Explanation |",
        "|---|---|---|---|---|---|",
    ]
    for rule in RULES.values():
        cells = [
            rule.code,
            rule.severity.label,
            f"`{rule.name}`",
            _applies_to(rule.kinds),
            "yes" if rule.silenceable else "no",
            f"**{rule.summary}** {rule.explanation}".replace("|", "\\|"),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"
