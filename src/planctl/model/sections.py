"""The plan as a document: its sections, pictures, sources, notes on what was added, its table
layout, and the silences that say where a rule does not fit."""


from typing import Annotated, Literal, Self

from pydantic import StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from planctl.model.fields import Day, Part, Text, about


class Silence(Part, title="Tystad kontroll"):
    """Silences one check for the plan or for one element, with a written reason."""

    rule: Annotated[str, StringConstraints(pattern=r"^[A-Z]{1,3}[0-9]{3}$")] = about(
        "Regel", "Regelns kod, t.ex. G410 (se planctl rules). Lagens regler (L) kan inte tystas."
    )
    reason: Text = about("Motivering", "Varför regeln inte passar här, så att en läsare förstår valet.")
    until: Day | None = about(
        "Till och med", "Tystningen gäller till detta datum (ÅÅÅÅ-MM-DD); därefter visas fynden igen.", default=None
    )


class SourceRef(Part, title="Källa"):
    """A source the text rests on, with page references where the source gives them."""

    title: Text = about("Titel", "Källans titel, t.ex. Lägesbild brottslighet Västerås 2024.")
    pages: str | None = about("Sidor", "Sidhänvisning som källan anger den, t.ex. 12–14.", default=None)
    reference: str | None = about("Diarienummer", "Källans diarienummer, t.ex. KS 2024/00363.", default=None)
    url: str | None = about("Webbadress", "Var källan finns (http, https).", default=None)
    added: Text | None = about(
        "Tillagt", "Fyll i när hänvisningen inte står i originaldokumentet: vem som lade till den och varför.", default=None
    )


class Picture(Part, title="Bild"):
    """A figure the text refers to ("Bild 1"): embedded from a file beside the plan, or said not to be reproduced."""

    title: Text = about("Bildtext", "Bildens text som källan har den, t.ex. Bild 1. Tre tidsperspektiv.")
    file: str | None = about(
        "Bildfil", "En PNG-, JPEG- eller SVG-fil bredvid planen; bäddas in i dokumentet.", default=None
    )
    alt: Text | None = about(
        "Alternativtext", "Vad bilden visar, för den som inte ser den (krävs när en bildfil anges).", default=None
    )

    @model_validator(mode="after")
    def _described(self) -> Self:
        if self.file and not self.alt:
            raise PydanticCustomError("planctl_picture_alt", "en bild med bildfil behöver en alternativtext (alt)")
        return self


#: What a section of the introduction shows besides its text.
Shows = Literal["uppföljning", "värdegrund", "skyddsfaktorer", "indikatorer", "samverkan", "lägesbild"]


class Section(Part, title="Avsnitt"):
    """A section of the document, with the plan's own title, shown where the plan puts it."""

    title: Text | None = about(
        "Rubrik",
        "Avsnittets rubrik som planen har den. Utan rubrik är texten kapitlets egen inledande text.",
        default=None,
    )
    text: Text | None = about("Text", "Avsnittets text; får innehålla Markdown.", default=None)
    shows: list[Shows] = about(
        "Visar också",
        "Uppgifter ur planen som avsnittet visar efter sin text: uppföljning, värdegrund, skyddsfaktorer, "
        "indikatorer, samverkan eller lägesbild.",
        default_factory=list,
    )
    pictures: list[Picture] = about("Bilder", "Bilder som texten hänvisar till.", default_factory=list)
    added: Text | None = about(
        "Tillagt", "Fyll i när avsnittet inte finns i originaldokumentet: vem som lade till det och varför.", default=None
    )


class Addition(Part, title="Tillägg"):
    """Something in this file that the source document does not say, and who added it."""

    what: Text = about("Vad", "Vad som lagts till, t.ex. Enheter och riktningar för indikatorerna.")
    by: Text = about("Av vem", "Vem som lade till det, t.ex. Transkriberingen (planctl-projektet).")


class Edition(Part, title="Utgåva"):
    """The document this file transcribes, for the note "Om denna utgåva" in what is published."""

    source: Text = about("Originaldokument", "Det dokument filen återger, t.ex. Åtgärdsplan 2025–2026, Västerås stad.")
    url: str | None = about("Webbadress", "Var originalet finns.", default=None)
    note: Text | None = about("Not", "Annat läsaren behöver veta om utgåvan.", default=None)
    additions: list[Addition] = about(
        "Tillägg", "Allt i filen som originalet inte säger, och vem som lade till det.", default_factory=list
    )


#: The columns a measures table can have.
ColumnKey = Literal["orsak", "åtgärd", "mål", "när", "vem", "uppföljning"]


class Layout(Part, title="Layout"):
    """How the plan's measures tables look: Västerås's columns, Brå's template, or the plan's own choice."""

    preset: Literal["västerås", "brå"] | None = about(
        "Mall",
        "västerås: Åtgärd | Mål | När | Vem | Uppföljning. brå: Brås mall, Orsak | Åtgärd | Operativa mål | När | "
        "Vem | Uppföljning.",
        default=None,
    )
    columns: list[ColumnKey] = about(
        "Kolumner", "Egna kolumner i egen ordning, t.ex. [åtgärd, mål, när, vem, uppföljning].", default_factory=list
    )
    goals_label: Text | None = about(
        "Rubrik för mål", "Vad planen kallar målen, t.ex. Operativa mål (Brås mall) eller Mål.", default=None
    )
