"""Writing what planctl publishes: atomically, and as PDF where asked.

A reader of ``build/plan.html`` sees the old file or the new one, never half of one; a PDF is
the HTML document printed by WeasyPrint with its print CSS, as tagged PDF/UA-1.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from planctl.errors import UsageError
from planctl.terminal import printable

PDF_MISSING = "PDF kräver tillägget pdf: pip install 'planctl-se[pdf]'"


def html_to_pdf(html: str) -> bytes:
    """The HTML document, with its print CSS, as PDF (WeasyPrint, imported only when asked for)."""
    try:
        import weasyprint
    except ImportError:
        raise UsageError(PDF_MISSING) from None
    except OSError as error:  # installed, but the system's Pango is missing
        raise UsageError(
            f"WeasyPrint kan inte starta ({error}); installera Pango, t.ex. apt-get install libpango-1.0-0 libpangoft2-1.0-0"
        ) from None
    # PDF/UA-1: tagged (headings, tables with header cells, figures with their SVG title as
    # /Alt), the title in the XMP metadata and shown instead of the file name, the language
    # from <html lang>. WeasyPrint tags well enough for that from the floor in pyproject.toml.
    pdf: bytes = weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    return pdf


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so a reader sees the old file or the new one, never half of one."""
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp makes the file private (0600); a published document gets the usual mode.
        Path(temp).chmod(0o666 & ~_umask())
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)  # noqa: PTH105 - tests stub os.replace to prove the write is atomic
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def encode(text: str, fmt: str) -> bytes:
    """The document's bytes: the text as UTF-8, or the HTML printed to PDF for ``pdf``."""
    return html_to_pdf(text) if fmt == "pdf" else text.encode("utf-8")


def write_all(out: Path, documents: Sequence[tuple[Path, bytes]]) -> None:
    for target, data in documents:
        try:
            out.mkdir(parents=True, exist_ok=True)
            write_atomic(target, data)
        except OSError as error:
            raise UsageError(
                f"{printable(str(target))}: kan inte skriva dokumentet ({error.strerror or error})"
            ) from None
