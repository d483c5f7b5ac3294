"""F: the file cannot be read as a plan.

These rules are checked while the file is read (``planctl.lint.loader``): before there is
anything to hold against the plan format, the file must be text, YAML, one document, of a
sane size and shape, with no tags, duplicate keys or alias bombs.
"""

from __future__ import annotations

from planctl.lint.rules.rule import E, Rule, W

RULES = [
    Rule("F001", "unreadable", E, "Filen kan inte läsas.", "Filen saknas, är en mapp eller får inte läsas av planctl."),
    Rule(
        "F002",
        "not-text",
        E,
        "Filen är inte UTF-8-text.",
        "Planfiler är text i UTF-8. Binära filer och andra teckenkodningar (t.ex. Windows-1252) avvisas med raden där första ogiltiga byte står.",
    ),
    Rule(
        "F003",
        "too-large",
        E,
        "Filen är orimligt stor.",
        "En plan är ett textdokument på några tiotal kilobyte. Filer över 2 MiB läses inte, så att en felaktig fil aldrig kan binda upp granskningen.",
    ),
    Rule(
        "F004",
        "yaml-syntax",
        E,
        "YAML-syntaxfel.",
        "Filen följer inte YAML:s syntax. Meddelandet anger var läsningen stannade; felet står ofta på raden före.",
    ),
    Rule(
        "F005",
        "tab",
        E,
        "Tabbtecken i indrag.",
        "YAML tillåter inte tabbtecken för indrag. Byt dem mot mellanslag; de flesta editorer gör det automatiskt.",
    ),
    Rule("F006", "empty", E, "Filen är tom.", "Filen innehåller inget annat än tomrum eller kommentarer."),
    Rule(
        "F007",
        "not-a-mapping",
        E,
        "Filen är inte en plan.",
        "En planfil består av nycklar och värden på översta nivån (kind:, title:, focus_areas: …), inte av en lista eller ett enskilt värde.",
    ),
    Rule(
        "F008",
        "several-documents",
        E,
        "Flera dokument i en fil.",
        "En fil ska innehålla en enda plan. Dela upp filen om den innehåller flera dokument åtskilda av '---'.",
    ),
    Rule(
        "F009",
        "duplicate-key",
        E,
        "En nyckel förekommer två gånger.",
        "YAML behåller bara det sista av två värden med samma nyckel, så det första försvinner utan att märkas. Det räknas som förlorade uppgifter.",
    ),
    Rule(
        "F010",
        "tag",
        E,
        "Otillåten YAML-tagg.",
        "Taggar som !!python/object kan få en YAML-läsare att skapa objekt eller köra kod. planctl skapar aldrig sådana värden och avvisar filen.",
    ),
    Rule(
        "F011",
        "alias-bomb",
        E,
        "För många eller självrefererande alias.",
        "Alias (&namn och *namn) som expanderar till orimligt många värden ('billion laughs') eller pekar på sig själva avvisas innan de byggs upp i minnet.",
    ),
    Rule(
        "F012",
        "too-deep",
        E,
        "Orimligt djup nästling.",
        "En plan är nästlad ett tiotal nivåer. Djupare strukturer avvisas innan de läses.",
    ),
    Rule(
        "F013",
        "old-format-version",
        W,
        "Filen är i en äldre formatversion.",
        "planctl läser fortfarande formatversion 1, men nya uppgifter (lägesbildens problem, avslutade åtgärder, kvartal och löpande, layouter) kräver version 2. planctl migrate FIL skriver om filen och behåller kommentarer, ordning och citattecken.",
        example="format_version: 1",
        instead="format_version: 2",
    ),
]
