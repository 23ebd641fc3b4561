"""Writers of small standard + regulation specs for the verifier's tests.

`standard_yaml` and `regulation_yaml` render the minimal valid YAML of the
formats (every required key, Kazakh and Russian texts), so a test states only
what matters to it: channels with their terms, steps with their durations.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

__all__ = ["regulation_yaml", "standard_yaml", "text", "write_pair"]

Step = dict[str, Any]


def text(word: str) -> dict[str, str]:
    """A Kazakh/Russian text (the same Cyrillic word twice is valid)."""
    return {"kk": word, "ru": word}


def standard_yaml(ident: str, channels: dict[str, dict[str, Any]],
                  grounds: tuple[str, ...] = ("requirements_not_met",),
                  extra: dict[str, Any] | None = None) -> str:
    """A standard with the given channels (`{"provider_office": {"term": "30 min", ...}}`)."""
    data: dict[str, Any] = {
        "kind": "standard",
        "id": ident,
        "register_code": "999001",
        "title": text("Қызмет"),
        "legal_basis": [{"title": text("Бұйрық"), "number": "1", "date": "2015-04-13",
                         "source": "тест"}],
        "valid_from": "2015-07-26",
        "provider": {"title": text("Әкімдік"), "source": "тест"},
        "recipients": ["individuals"],
        "cost": {"kind": "free", "source": "тест"},
        "forms": ["paper"],
        "channels": {name: {"source": "тест", **info} for name, info in channels.items()},
        "documents": [{"id": "application", "title": text("Өтініш"), "source": "тест"}],
        "results": [{"id": "notice", "title": text("Хабарлама"), "source": "тест"}],
        "refusal_grounds": [{"statutory": g} for g in grounds],
        "source": "тест",
        **(extra or {}),
    }
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def regulation_yaml(ident: str, standard: str, processes: dict[str, list[Step]],
                    actors: dict[str, str | None] | None = None,
                    acknowledgements: list[dict[str, Any]] | None = None,
                    extra: dict[str, Any] | None = None) -> str:
    """A regulation; steps need only `id` and what the test is about (actor `clerk` by default)."""
    actor_map = actors if actors is not None else {"clerk": None}
    data: dict[str, Any] = {
        "kind": "regulation",
        "id": ident,
        "standard": standard,
        "title": text("Регламент"),
        "region": text("Облыс"),
        "approved_by": {"title": text("Қаулы"), "number": "1", "date": "2015-06-29",
                        "source": "тест"},
        "valid_from": "2015-07-26",
        "actors": [{"id": a, "kind": "person", "title": text("Маман"),
                    **({"schedule": s} if s else {})} for a, s in actor_map.items()],
        "processes": {
            channel: [{"id": step["id"], "actor": "clerk", "action": text("Әрекет"), "source": "тест", **step}
                      for step in steps]
            for channel, steps in processes.items()
        },
        "source": "тест",
    }
    if acknowledgements:
        data["acknowledgements"] = acknowledgements
    data.update(extra or {})
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def write_pair(folder: Path, standard: str, regulation: str) -> Path:
    """Write `standards/<id>.yaml` and `regulations/<id>.yaml` below `folder`."""
    (folder / "standards").mkdir(parents=True, exist_ok=True)
    (folder / "regulations").mkdir(parents=True, exist_ok=True)
    (folder / "standards" / "service.yaml").write_text(standard, encoding="utf-8")
    (folder / "regulations" / "service.yaml").write_text(regulation, encoding="utf-8")
    return folder
