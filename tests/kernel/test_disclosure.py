"""Disclosure control: small counts hidden, and never recomputable from a total."""

from hypothesis import given
from hypothesis import settings as settings_hypothesis
from hypothesis import strategies as st

from nprz_dashboard import disclosure
from nprz_dashboard.disclosure import COMPLEMENTARY, PRIMARY, Group, suppress


def recomputable(values, hidden, groups):
    """Return cells a reader could work out by subtracting visible cells from a total."""
    found = []
    for group in groups:
        cells = [c for c in group.cells if values.get(c) is not None]
        unknown = [c for c in cells if c in hidden]
        if len(unknown) == 1:
            found.append(unknown[0])
    return found


def test_counts_from_1_to_9_are_hidden_and_10_is_shown():
    hidden = suppress({"a": 1, "b": 9, "c": 10, "d": 0, "e": None}, threshold=10)
    assert hidden == {"a": PRIMARY, "b": PRIMARY}


def test_one_small_part_forces_a_second_part_to_be_hidden():
    values = {"Bloemhof": 4, "Tarwewijk": 30, "Carnisse": 25, "totaal": 59}
    groups = [Group(parts=["Bloemhof", "Tarwewijk", "Carnisse"], total="totaal")]
    hidden = suppress(values, groups, threshold=10)
    assert hidden == {"Bloemhof": PRIMARY, "Carnisse": COMPLEMENTARY}
    assert recomputable(values, hidden, groups) == []


def test_two_small_parts_need_no_extra_hiding():
    values = {"a": 3, "b": 5, "c": 40, "t": 48}
    hidden = suppress(values, [Group(parts=["a", "b", "c"], total="t")], threshold=10)
    assert hidden == {"a": PRIMARY, "b": PRIMARY}


def test_a_small_total_with_visible_parts_hides_a_part_too():
    values = {"a": 0, "b": 12, "t": 5}  # inconsistent on purpose: rules, not arithmetic
    hidden = suppress(values, [Group(parts=["a", "b"], total="t")], threshold=10)
    assert hidden["t"] == PRIMARY
    assert hidden["b"] == COMPLEMENTARY


def test_suppression_propagates_across_row_and_column_totals():
    # Two districts × two months, with row and column totals.
    values = {
        ("F", 1): 3, ("F", 2): 20, ("F", "t"): 23,
        ("C", 1): 15, ("C", 2): 18, ("C", "t"): 33,
        ("T", 1): 18, ("T", 2): 38, ("T", "t"): 56,
    }  # fmt: skip
    groups = [
        Group(parts=[("F", 1), ("F", 2)], total=("F", "t")),
        Group(parts=[("C", 1), ("C", 2)], total=("C", "t")),
        Group(parts=[("F", 1), ("C", 1)], total=("T", 1)),
        Group(parts=[("F", 2), ("C", 2)], total=("T", 2)),
        Group(parts=[("F", "t"), ("C", "t")], total=("T", "t")),
    ]
    hidden = suppress(values, groups, threshold=10)
    assert hidden[("F", 1)] == PRIMARY
    assert recomputable(values, hidden, groups) == []


def test_the_threshold_comes_from_settings(settings):
    settings.DISCLOSURE_THRESHOLD = 5
    assert suppress({"a": 4, "b": 5}) == {"a": PRIMARY}


def test_display_shows_the_dutch_markers(settings):
    settings.DISCLOSURE_THRESHOLD = 10
    assert disclosure.display(4, PRIMARY) == "<10"
    assert "minder dan 10" in disclosure.legend()
    assert disclosure.display(40, COMPLEMENTARY) == "x"
    assert disclosure.display(40, None) == "40"


def test_markers_are_told_from_figures():
    assert [disclosure.is_marker(t) for t in ("<10", "<5", "x", "10", "x1", "", None, 6)] == [
        True, True, True, False, False, False, False, False,
    ]  # fmt: skip
    assert disclosure.marker(PRIMARY, threshold=10) == "<10" and disclosure.marker(None) is None


def test_a_published_figure_keeps_no_value_behind_a_marker_and_old_snapshots_are_redacted():
    assert disclosure.figure("Instroom Heijplaat", 6, "<10") == {"label": "Instroom Heijplaat", "value": None,
                                                                  "display": "<10"}  # fmt: skip
    assert disclosure.figure("Instroom Bloemhof", 42, "42")["value"] == 42
    old = {"schema": 2, "figures": {"a": {"label": "A", "value": 6, "display": "<10"},
                                    "b": {"label": "B", "value": 12, "display": "x"},
                                    "c": {"label": "C", "value": 40, "display": "40"}}}  # fmt: skip
    redacted = disclosure.redact_snapshot(old)
    assert [e["value"] for e in redacted["figures"].values()] == [None, None, 40]
    assert old["figures"]["a"]["value"] == 6  # the stored snapshot itself is left as it is


def test_a_withheld_figure_is_compared_by_what_readers_saw():
    def entry(value, display):
        return {"label": "A", "value": value, "display": display}

    assert disclosure.same_as_published(entry(None, "<10"), entry(7, "<10"))
    assert not disclosure.same_as_published(entry(None, "<10"), entry(12, "12"))
    assert not disclosure.same_as_published(entry(12, "12"), entry(None, "x"))
    assert not disclosure.same_as_published(entry(12, "12"), entry(13, "13"))
    assert not disclosure.same_as_published(None, entry(13, "13"))


def test_withheld_cells_sort_together_after_the_shown_in_the_order_given_both_ways():
    rows = [("a", 5, True), ("b", 20, False), ("c", None, False), ("d", 3, True), ("e", 11, False), ("f", 20, False)]
    for descending, shown in ((False, ["e", "b", "f"]), (True, ["b", "f", "e"])):
        ordered = disclosure.sort_shown(rows, lambda r: r[1], lambda r: r[2], descending)
        assert [r[0] for r in ordered] == [*shown, "a", "d", "c"]  # a (5) before d (3) either way: the given order
    swapped = [("a", 3, True), *rows[1:3], ("d", 5, True), *rows[4:]]
    ordered = disclosure.sort_shown(swapped, lambda r: r[1], lambda r: r[2])
    assert [r[0] for r in ordered] == ["e", "b", "f", "a", "d", "c"]  # other values behind the markers: same order


def complete_groups_as_written(values, groups, hidden, rank=None) -> bool:
    """The rule of complete_groups as its docstring states it, every group recounted each pass (the oracle)."""
    groups = [g for g in groups if len(g.cells) > 1]
    cells_of = [[c for c in g.cells if c in values and values[c] is not None] for g in groups]
    unchecked, added = set(range(len(groups))), False
    while unchecked:
        for index, group in enumerate(groups):
            if index not in unchecked:
                continue
            unchecked.discard(index)
            if sum(c in hidden for c in cells_of[index]) != 1:
                continue
            visible = [c for c in cells_of[index] if c not in hidden]
            if rank is None:
                candidate = disclosure._complement(group, cells_of[index], hidden, values)
            else:
                candidate = min(visible, key=lambda c: (not values[c], rank(c), values[c])) if visible else None
            if candidate is not None:
                hidden[candidate] = COMPLEMENTARY
                unchecked.update(i for i, cells in enumerate(cells_of) if candidate in cells)
                added = True
    return added


@settings_hypothesis(max_examples=300, deadline=None)
@given(st.data())
def test_completing_groups_again_and_again_hides_what_the_rule_as_written_hides(data):
    """GroupCompletion counts and queues instead of recounting; run after other rules hid more, it hides the same."""
    n = data.draw(st.integers(3, 30))
    values = {i: data.draw(st.one_of(st.none(), st.integers(0, 40))) for i in range(n)}
    groups = [
        Group(parts, data.draw(st.one_of(st.none(), st.integers(0, n - 1).filter(lambda t, p=parts: t not in p))))
        for parts in data.draw(
            st.lists(st.lists(st.integers(0, n - 1), min_size=1, max_size=8, unique=True), max_size=10)
        )
    ]
    ranks = {i: data.draw(st.integers(0, 3)) for i in range(n)}
    for rank in (None, ranks.__getitem__):
        expected = disclosure.primary(values, 10)
        hidden = dict(expected)
        completion = disclosure.GroupCompletion(values, groups, rank)
        for _ in range(3):
            assert completion(hidden) == complete_groups_as_written(values, groups, expected, rank)
            assert hidden == expected
            for cell in data.draw(st.lists(st.integers(0, n - 1), max_size=3)):  # another rule hides more
                expected.setdefault(cell, COMPLEMENTARY)
                hidden.setdefault(cell, COMPLEMENTARY)
