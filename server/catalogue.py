"""The public catalogue of services, served as HTML by `reglament serve` (docs/catalogue.md).

Routes (every page in Kazakh and in Russian, Kazakh the default):

- `/` → `/kk/`;
- `/kk/`, `/ru/`: the services in force today, `?q=` searching them on the server;
- `/kk/services/{id}`, `/ru/services/{id}`: a service's passport, diagrams and due-date
  calculator (`?channel=…&submitted=…`);
- any other path below `/kk/` or `/ru/`: a 404 page in that language.

Pages are rendered by the templates of `renderers/templates/catalogue/` in the documents'
Jinja environment (autoescaped; every value printed through the diagrams' `xml_text` first:
`renderers.diagrams.escaping.template_environment`), so a spec's markup is shown as text.
They load nothing from elsewhere: no script, font or style sheet but their own inline CSS.
"""

from __future__ import annotations

import urllib.parse
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from renderers.diagrams.escaping import template_environment
from renderers.documents.labels import LABELS
from renderers.documents.words import LANGS, date_words
from server.catalogue_calculator import calculator_view
from server.catalogue_views import index_view, now_in, service_view
from server.catalogue_words import LANGUAGE_NAMES, WORDS, say
from server.state import ServerState

__all__ = ["DEFAULT_LANG", "router"]

#: The language of `/`: Kazakh, the state language.
DEFAULT_LANG = "kk"

router = APIRouter(include_in_schema=False)  # pages for people: not in the API's document


def _page(request: Request, lang: str, template: str, title: str, status: int = 200,
          **view: Any) -> HTMLResponse:
    """The page `template` in `lang`, with what every page has: the words, the language switch
    (to the same page and query in the other language), the footer's versions."""
    state: ServerState = request.app.state.reglament
    other = next(code for code in LANGS if code != lang)
    rest = request.url.path[len(lang) + 1:]
    switch = f"/{other}{urllib.parse.quote(rest)}" + (f"?{request.url.query}"
                                                       if request.url.query else "")
    context = {"lang": lang, "other": other, "other_name": LANGUAGE_NAMES[other],
               "switch_href": switch, "title": title, "labels": LABELS,
               "t": lambda key: WORDS[key].get(lang),
               "say": lambda key, *values: say(key, lang, *values),
               "footer": say("footer", lang, state.engine_version, state.calendar.timezone),
               **view}
    html = template_environment().get_template(f"catalogue/{template}").render(context)
    return HTMLResponse(html, status_code=status)


def _not_found(request: Request, lang: str, message: str) -> HTMLResponse:
    return _page(request, lang, "not_found.html", WORDS["not_found"].get(lang), 404,
                 message=message)


@router.get("/")
def root() -> RedirectResponse:
    """The catalogue in the default language."""
    return RedirectResponse(f"/{DEFAULT_LANG}/", status_code=302)


def _index(lang: str) -> Any:
    def index(request: Request, q: str = "") -> HTMLResponse:
        status, view = index_view(request.app.state.reglament, lang, q)
        return _page(request, lang, "index.html", WORDS["index_heading"].get(lang), status, **view)
    return index


def _service(lang: str) -> Any:
    def service(request: Request, service: str, channel: str | None = None,
                submitted: str | None = None) -> HTMLResponse:
        state: ServerState = request.app.state.reglament
        now = now_in(state.calendar.timezone)
        if not state.corpus.standard_versions(service):
            return _not_found(request, lang, say("no_service", lang, service[:200]))
        standard = state.corpus.standard_on(service, now.date())
        if standard is None:
            return _not_found(request, lang, say("not_in_force_today", lang, service,
                                                 date_words(now.date(), lang)))
        status, calculator = calculator_view(state, standard, lang, now, channel, submitted)
        return _page(request, lang, "service.html", standard.title.get(lang), status,
                     calculator=calculator, **service_view(state, lang, standard))
    return service


def _elsewhere(lang: str) -> Any:
    def elsewhere(request: Request, rest: str) -> HTMLResponse:
        return _not_found(request, lang, WORDS["no_page"].get(lang))
    return elsewhere


for _lang in LANGS:
    router.add_api_route(f"/{_lang}/", _index(_lang), methods=["GET"])
    router.add_api_route(f"/{_lang}/services/{{service}}", _service(_lang), methods=["GET"])
    router.add_api_route(f"/{_lang}/{{rest:path}}", _elsewhere(_lang), methods=["GET"])
