"""The swimlane layout: sound geometry on the corpus and on random graphs, lanes in order."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from engine.process import START
from renderers.diagrams.layout import Layout, layout
from tests.diagrams.exports_graphs import all_graphs, graph
from tests.diagrams.geometry import all_boxes, crossed_boxes, loose_ends, overlaps, text_outside
from tests.diagrams.random_graphs import chain, graphs

SETTINGS = settings(max_examples=30, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
CORPUS = sorted(all_graphs())


def problems(drawn: Layout) -> list[str]:
    return overlaps(drawn) + text_outside(drawn) + loose_ends(drawn) + crossed_boxes(drawn)


@pytest.mark.parametrize("name", CORPUS)
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_corpus_layouts_are_sound(name: str, lang: str) -> None:
    for orientation in ("vertical", "horizontal"):
        drawn = layout(graph(name), lang, orientation=orientation)
        assert problems(drawn) == [], (orientation, problems(drawn))
        assert set(drawn.nodes) == set(graph(name).nodes)
        assert len(drawn.edges) == graph(name).number_of_edges()


@SETTINGS
@given(graphs())
def test_random_layouts_are_sound(random_graph: object) -> None:
    for orientation in ("vertical", "horizontal"):
        drawn = layout(random_graph, "kk", orientation=orientation)  # type: ignore[arg-type]
        assert problems(drawn) == [], (orientation, problems(drawn))


@pytest.mark.parametrize("name", CORPUS)
def test_lanes_are_the_applicant_then_actors_by_first_appearance(name: str) -> None:
    compiled = graph(name)
    expected: list[str] = []
    for _, data in compiled.nodes(data=True):
        actor = data.get("actor")
        if actor is not None and actor.kind != "applicant" and actor.id not in expected:
            expected.append(actor.id)
    for lang, unit in (("kk", "ҚФБ"), ("ru", "СФЕ")):
        drawn = layout(compiled, lang)
        assert drawn.lanes[0].number is None
        assert drawn.lanes[0].actor in (None, "applicant")
        assert [lane.actor for lane in drawn.lanes[1:]] == expected
        for number, lane in enumerate(drawn.lanes[1:], start=1):
            actor = next(a for a in compiled.graph["regulation"].actors if a.id == lane.actor)
            assert lane.number == number
            assert lane.title == f"{number} - {unit} {actor.title.get(lang)}"
            assert " ".join(t.text for t in lane.lines) == lane.title
        xs = [lane.x for lane in drawn.lanes]
        assert xs == sorted(xs)
        assert len(set(xs)) == len(xs)
        for node, box in drawn.nodes.items():
            actor = compiled.nodes[node].get("actor")
            if actor is None or actor.kind == "applicant":
                assert box.lane == 0, node
            else:
                assert drawn.lanes[box.lane].actor == actor.id, node


def test_start_and_ends_stand_in_the_applicants_lane_and_flow_runs_down() -> None:
    drawn = layout(graph("aktobe-school-admission/provider_office"), "kk")
    assert drawn.nodes[START].lane == 0
    assert {box.ending for box in drawn.nodes.values() if box.kind == "end"} == {"result", "refusal"}
    assert all(box.lane == 0 for box in drawn.nodes.values() if box.kind == "end")
    order = ["start", "register", "assign", "review", "sign_receipt", "issue_receipt"]
    ys = [drawn.nodes[n].y for n in order]
    assert ys == sorted(ys)
    assert len(set(ys)) == len(ys)


def test_a_decision_has_a_diamond_and_labelled_outcomes() -> None:
    drawn = layout(graph("aktobe-school-admission/provider_office"), "ru")
    review = drawn.nodes["review"]
    assert review.diamond is not None
    assert review.body.h + review.diamond.h == review.h
    outcomes = {r.outcome: r for r in drawn.edges if r.source == "review"}
    assert set(outcomes) == {"accept", "refuse"}
    assert " ".join(t.text for t in outcomes["accept"].label.lines) == "Оформляется расписка"  # type: ignore[union-attr]
    for route in outcomes.values():  # they leave from the diamond's lower corner
        assert route.points[0] == (review.x + review.w / 2, review.y + review.h)


def test_steps_show_their_action_and_time_limit_in_legal_words() -> None:
    drawn = layout(graph("aktobe-school-admission/provider_office"), "kk")
    texts = [t.text for t in drawn.nodes["register"].lines]
    assert "".join(texts).replace(" ", "") == (
        "Қажетті құжаттарды тапсырған кезден бастап қабылдау мен оларды тіркеуді жүзеге асырады"
        "5 (бес) минут ішінде").replace(" ", "")
    assert [t.italic for t in drawn.nodes["register"].lines][-1]
    ru = layout(graph("aktobe-school-admission/provider_office"), "ru")
    assert ru.nodes["assign"].lines[-1].text == "в течение 5 (пяти) минут"  # from the duration


def test_portal_steps_are_headed_by_their_number() -> None:
    kk = layout(graph("aktobe-school-admission/portal"), "kk")
    ru = layout(graph("aktobe-school-admission/portal"), "ru")
    assert kk.nodes["authorise"].lines[0].text == "1-үдеріс"
    assert ru.nodes["check_signature"].lines[0].text == "Условие 2"
    assert kk.nodes["authorise"].lines[0].bold


def test_a_return_climbs_into_its_targets_side() -> None:
    drawn = layout(graph("export-correction/provider_office"), "kk")
    returns = [r for r in drawn.edges if r.returns]
    assert returns
    for route in returns:
        target = drawn.nodes[route.target]
        x, y = route.points[-1]
        assert x == target.x + target.w
        assert target.y < y < target.y + target.h
        assert route.points[-2][0] > x  # it comes in from the right
        assert drawn.nodes[route.source].y > target.y or route.source == route.target


def test_horizontal_layout_puts_lanes_in_rows_and_flow_left_to_right() -> None:
    drawn = layout(graph("aktobe-school-admission/provider_office"), "kk", orientation="horizontal")
    ys = [lane.y for lane in drawn.lanes]
    assert ys == sorted(ys)
    assert all(lane.x == 0 for lane in drawn.lanes)
    order = ["start", "register", "assign", "review", "sign_receipt", "issue_receipt"]
    xs = [drawn.nodes[n].x for n in order]
    assert xs == sorted(xs)
    assert len(set(xs)) == len(xs)
    review = drawn.nodes["review"]
    assert review.diamond is not None
    assert review.diamond.x == review.x + review.body.w


def test_layout_is_deterministic_and_languages_differ() -> None:
    name = "aktobe-externat-permission/portal"
    assert layout(graph(name), "kk") == layout(graph(name), "kk")
    assert layout(graph(name), "kk") != layout(graph(name), "ru")


@pytest.mark.parametrize("steps", [20, 100])
def test_long_processes_stay_sound(steps: int) -> None:
    drawn = layout(chain(steps), "kk")
    assert problems(drawn) == []
    boxes = all_boxes(drawn)
    assert len(drawn.nodes) == steps + 3  # start, result, refusal
    assert max(b.w for b in boxes) <= 260
    assert drawn.width < 2000


def test_unknown_language_or_orientation_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match='unknown language "en"'):
        layout(chain(3), "en")
    with pytest.raises(ValueError, match="hint: vertical or horizontal"):
        layout(chain(3), "kk", orientation="diagonal")  # type: ignore[arg-type]
