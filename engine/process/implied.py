"""The minimal process a standard implies, where no text gives the steps.

Since the 2020 reform a service is governed by a ministry's Rules whose appendix is the
standard; where no regulation (regional or national) in force gives the steps, a case
still runs on what the standard itself says (Law 88-V "On public services", art. 14: the
channels, the term of each, the results, the grounds of refusal). `implied_regulation`
builds that process as a `Regulation` with `implied=True`, one channel per channel of the
standard:

    receive (the channel: office, State Corporation, portal; no working time)
      -> render (the provider; the whole term of the channel: its due instant is the case's)
           granted -> issue        (the channel; no working time) -> result
           refused -> issue_refusal (the channel; no working time) -> reasoned refusal,
                      citing one of the standard's grounds (art. 19-1 p. 2)

so the whole path fits the term exactly. Refusal to accept for missing documents
(art. 19 for the provider, art. 20 p. 2 for the State Corporation) happens on opening, as
for any regulation; a standard with no refusal grounds has no refusal branch. Every output
that shows these steps labels them with `IMPLIED_LABEL` (steps not given by any text).
"""

from __future__ import annotations

from engine.spec.duration import Duration
from engine.spec.model import Actor, Outcome, Regulation, Standard, Step, Text

__all__ = ["IMPLIED_LABEL", "IMPLIED_NOTE", "IMPLIED_SUFFIX", "implied_id", "implied_regulation",
           "implied_standard"]

#: What marks the id of an implied process: `<standard>.implied` (no spec id has a dot).
IMPLIED_SUFFIX = ".implied"

#: The label every output gives the steps of an implied process.
IMPLIED_LABEL = Text("рәсімдер ешбір мәтінде белгіленбеген",
                     "процедуры не установлены ни одним текстом",
                     "steps not given by any text")

#: What the steps of an implied process are, after the label.
IMPLIED_NOTE = Text(
    "стандарттан туындайтын ең аз үдеріс: өтінішті қабылдау – мемлекеттік қызметті көрсету – "
    "нәтижені беру, қызмет көрсету мерзімі ішінде",
    "минимальный процесс, вытекающий из стандарта: прием заявления – оказание государственной "
    "услуги – выдача результата, в пределах срока оказания услуги",
    "the minimal process the standard implies: receive, render the service, issue the result, "
    "within the channel's term")

_NONE = Duration(0, "min")
_PROVIDER = "provider"
_RECEIVE = Text("Өтінішті және құжаттарды қабылдау", "Прием заявления и документов",
                "Receive the application and documents")
_RENDER = Text("Мемлекеттік қызметті көрсету (қызмет көрсету мерзімі ішінде)",
               "Оказание государственной услуги (в течение срока оказания услуги)",
               "Render the service (within the term)")
_ISSUE = Text("Мемлекеттік қызмет көрсету нәтижесін беру",
              "Выдача результата оказания государственной услуги", "Issue the result")
_ISSUE_REFUSAL = Text("Мемлекеттік қызмет көрсетуден бас тарту туралы дәлелді жауапты беру",
                      "Выдача мотивированного ответа об отказе в оказании государственной услуги",
                      "Issue the reasoned refusal")
_GRANTED = Text("Қызмет көрсетіледі", "Услуга оказывается", "rendered")
_REFUSED = Text("Дәлелді бас тарту", "Мотивированный отказ", "reasoned refusal")


def implied_id(standard_id: str) -> str:
    """The id of the process a standard implies.

    Examples:
        >>> implied_id("free-school-meals")
        'free-school-meals.implied'
    """
    return f"{standard_id}{IMPLIED_SUFFIX}"


def implied_standard(regulation_id: str) -> str | None:
    """The standard whose implied process `regulation_id` names, or None for a spec's id.

    Examples:
        >>> implied_standard("free-school-meals.implied"), implied_standard("aktobe-x")
        ('free-school-meals', None)
    """
    if regulation_id.endswith(IMPLIED_SUFFIX):
        return regulation_id.removesuffix(IMPLIED_SUFFIX) or None
    return None


def implied_regulation(standard: Standard) -> Regulation:
    """The minimal process `standard` implies, valid when the standard is (see module doc)."""
    source = (f"steps not given by any text: implied by the standard {standard.id} "
              f"({standard.path}); Law 88-V \"On public services\", art. 14")
    actors = {_PROVIDER: Actor(_PROVIDER, "organisation", standard.provider,
                               standard.where("provider"), source=source)}
    processes: dict[str, tuple[Step, ...]] = {}
    for name, channel in standard.channels.items():
        desk = _PROVIDER if name == "provider_office" else name
        if desk not in actors:
            actors[desk] = Actor(desk, "system" if name == "portal" else "organisation",
                                 channel.title, channel.location, source=source)
        processes[name] = _steps(standard, name, desk, source)
    kk, ru = (f"«{standard.title.get(lang)}» – {IMPLIED_LABEL.get(lang)}: {IMPLIED_NOTE.get(lang)}"
              for lang in ("kk", "ru"))
    title = Text(kk, ru, f"{standard.id} – {IMPLIED_LABEL.en}: {IMPLIED_NOTE.en}")
    return Regulation(
        id=implied_id(standard.id), standard=standard.id, title=title, region=None,
        approved_by=None, valid_from=standard.valid_from, valid_to=standard.valid_to,
        repealed_by=None, amendments=(), actors=tuple(actors.values()), processes=processes,
        source=source, path=standard.path, scope="national", implied=True)


def _steps(standard: Standard, channel: str, desk: str, source: str) -> tuple[Step, ...]:
    info = standard.channels[channel]
    where = info.location
    documents = tuple(d.id for d in standard.required_documents(channel))
    grounds = tuple(g.id for g in standard.refusal_grounds)
    at_counter = channel != "portal"
    receive = Step("receive", "task", desk, _RECEIVE, source, where, duration=_NONE,
                   documents=documents, at_counter=at_counter)
    issue = Step("issue", "task", desk, _ISSUE, source, where, duration=_NONE,
                 ends="result", at_counter=at_counter)
    if not grounds:  # nothing to refuse on: the service is rendered
        render = Step("render", "task", _PROVIDER, _RENDER, source, where, duration=info.term,
                      next="issue", rest_of_term=True)
        return receive, render, issue
    render = Step("render", "decision", _PROVIDER, _RENDER, source, where, duration=info.term,
                  outcomes=(Outcome("granted", _GRANTED, where, next="issue"),
                            Outcome("refused", _REFUSED, where, next="issue_refusal")),
                  rest_of_term=True, default_outcome="granted")
    refusal = Step("issue_refusal", "task", desk, _ISSUE_REFUSAL, source, where,
                   duration=_NONE, ends="refusal", refusal_grounds=grounds,
                   at_counter=at_counter)
    return receive, render, issue, refusal
