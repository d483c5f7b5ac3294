"""``planctl preview``: the plan and its report in the browser, rendered again on every change.

A web server on the loopback interface only serves three pages: a start page, the plan document
and the follow-up report, each rendered from the files as they are at the moment of the request.
A watcher (watchfiles) counts changes to the plan, its follow-ups and the templates; the pages
carry a small script, in the preview only, that reloads the page when the count moves. A file
with errors shows its findings instead of a stale page, the way ``mkdocs serve`` works for
documentation writers.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from planctl.errors import UsageError
from planctl.terminal import printable

#: The only addresses the server listens on and answers for.
HOST = "127.0.0.1"
_RELOAD = """<script>
(() => { let seen = null;
  setInterval(async () => {
    try { const r = await fetch("/_andringar", {cache: "no-store"}); const now = await r.text();
          if (seen !== null && now !== seen) { location.reload(); } seen = now; } catch (e) {}
  }, 700);
})();
</script>
"""


class Preview:
    """What the server shows for one plan: each page rendered from the files on request."""

    def __init__(self, plan: Path, templates: Path | None, today: Callable[[], date], layout: str | None = None) -> None:
        self.plan = plan
        self.templates = templates
        self.today = today
        self.layout = layout
        self.changes = 0
        self.lock = threading.Lock()

    def changed(self) -> None:
        with self.lock:
            self.changes += 1

    def page(self, path: str) -> tuple[int, str, bytes]:
        """(status, content type, body) for a request path."""
        if path == "/_andringar":
            with self.lock:
                return 200, "text/plain; charset=utf-8", str(self.changes).encode()
        if path in ("/", "/index.html"):
            return 200, "text/html; charset=utf-8", self._start().encode()
        if path in ("/plan.html", "/uppfoljning.html"):
            return 200, "text/html; charset=utf-8", self._document(path == "/uppfoljning.html").encode()
        return 404, "text/plain; charset=utf-8", "Sidan finns inte i förhandsvisningen.".encode()

    def _start(self) -> str:
        name = html.escape(self.plan.name)
        body = (
            f"<h1>Förhandsvisning av {name}</h1>\n<ul>\n<li><a href=\"/plan.html\">Planen</a></li>\n"
            '<li><a href="/uppfoljning.html">Uppföljningsrapporten</a></li>\n</ul>\n'
            "<p>Sidorna läses om när planen, dess uppföljningar eller mallarna ändras.</p>\n"
        )
        return _page(f"Förhandsvisning: {name}", body)

    def _document(self, report: bool) -> str:
        from planctl.lint.engine import blocking, check_plans
        from planctl.lint.findings import Finding
        from planctl.lint.reporters.common import line_of
        from planctl.publish.documents import document_text

        try:
            checked = check_plans([self.plan], self.today())
        except UsageError as error:
            return _findings_page(self.plan.name, [str(error)])
        if not checked:
            return _findings_page(self.plan.name, [f"{self.plan}: ingen plan att visa"])
        _, results = checked[0]
        errors = sorted(blocking(results if report else results[:1]), key=Finding.sort_key)
        plan = results[0].plan
        if errors or plan is None:
            return _findings_page(self.plan.name, [line_of(f) for f in errors] or [f"{self.plan}: kan inte läsas"])
        follow_ups = [r.follow_up for r in results[1:] if r.follow_up is not None] if report else None
        try:
            text = document_text(plan, self.plan, follow_ups, "html", self.templates, self.layout)
        except UsageError as error:  # a broken template of the municipality's own
            return _findings_page(self.plan.name, [str(error)])
        return text.replace("</body>", _RELOAD + "</body>", 1)


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="sv">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n</head>\n<body>\n<main>\n{body}</main>\n{_RELOAD}</body>\n</html>\n"
    )


def _findings_page(name: str, lines: list[str]) -> str:
    items = "".join(f"<li><code>{html.escape(printable(line))}</code></li>\n" for line in lines)
    body = (
        f"<h1>{html.escape(name)} har fel</h1>\n"
        "<p>Sidan visas när felen är rättade; den läses om av sig själv när filen sparas.</p>\n"
        f"<ul>\n{items}</ul>\n"
    )
    return _page(f"Fel i {html.escape(name)}", body)


def serve(preview: Preview, port: int, announce: Callable[[str], None]) -> None:
    """Serve ``preview`` on the loopback interface until interrupted; ``port`` 0 picks a free one."""
    try:
        import watchfiles
    except ImportError:
        raise UsageError("förhandsvisningen behöver watchfiles: pip install 'planctl-se[preview]'") from None

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
            if host not in (HOST, "localhost"):  # a page elsewhere cannot reach the preview by DNS tricks
                self._send(403, "text/plain; charset=utf-8", "Förhandsvisningen svarar bara på 127.0.0.1.".encode())
                return
            self._send(*preview.page(self.path.split("?", 1)[0]))

        def _send(self, status: int, kind: str, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return  # the terminal shows where the preview is, not every request

    try:
        server = ThreadingHTTPServer((HOST, port), Handler)
    except OSError as error:
        raise UsageError(f"porten {port} kan inte användas ({error.strerror or error}); välj en annan med --port") from None
    stop = threading.Event()
    watched = [str(preview.plan.parent)] + ([str(preview.templates)] if preview.templates else [])

    def watch() -> None:
        for _ in watchfiles.watch(*watched, stop_event=stop, debounce=200, step=50):
            preview.changed()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    announce(f"Förhandsvisning på http://{HOST}:{server.server_address[1]}/ (avsluta med Ctrl+C)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
