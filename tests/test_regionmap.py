"""The region map's model: tile positions from the vocabulary and the colour levels."""

from __future__ import annotations

import pytest

from build_tools.pages.regionmap import MAX_LEVELS, levels, region_map
from build_tools.vocabulary import default_vocabulary

VOCAB = default_vocabulary()


def test_every_region_has_its_own_tile_and_landelijk_sits_beside_the_country():
    m = region_map(VOCAB.regions, {})
    assert {t.region.name for t in m.tiles} == set(VOCAB.region_names)
    cells = [(t.column + dx, t.row) for t in m.tiles for dx in range(t.width)]
    assert len(cells) == len(set(cells)), "tiles overlap"
    national = next(t for t in m.tiles if t.region.national)
    assert national.width == 2
    # nothing of the country touches Landelijk's tile
    around = {(national.column + dx, national.row + dy) for dx in range(-1, national.width + 1) for dy in (-1, 0, 1)}
    assert not around & {(t.column, t.row) for t in m.tiles if not t.region.national}


@pytest.mark.parametrize("north, south", [("Groningen", "Zuid-Limburg"), ("Friesland", "Flevoland"),
                                          ("Midden-Utrecht", "Midden-Brabant"), ("Rijnmond", "Zeeland")])
def test_tiles_are_roughly_where_the_regions_are(north, south):
    tile = {r.name: r.tile for r in VOCAB.regions}
    assert tile[north][1] < tile[south][1]


@pytest.mark.parametrize("west, east", [("Haaglanden", "Midden-Utrecht"), ("Zeeland", "Zuidoost-Brabant"),
                                        ("Noord-Holland Noord", "Groningen"), ("Amersfoort", "Achterhoek")])
def test_west_is_left_of_east(west, east):
    tile = {r.name: r.tile for r in VOCAB.regions}
    assert tile[west][0] < tile[east][0]


def test_keyboard_order_is_reading_order():
    m = region_map(VOCAB.regions, {})
    positions = [(t.row, t.column) for t in m.tiles]
    assert positions == sorted(positions)


@pytest.mark.parametrize("highest, expected", [
    (0, [(0, 0, 0)]),
    (1, [(0, 0, 0), (3, 1, 1)]),
    (2, [(0, 0, 0), (2, 1, 1), (3, 2, 2)]),
    (6, [(0, 0, 0), (1, 1, 2), (2, 3, 4), (3, 5, 6)]),
    (28, [(0, 0, 0), (1, 1, 9), (2, 10, 18), (3, 19, 28)]),
])
def test_levels_split_the_counts_evenly_and_the_most_is_darkest(highest, expected):
    found = [(lv.css, lv.low, lv.high) for lv in levels(highest)]
    assert found == expected
    assert len(found) <= MAX_LEVELS + 1


def test_counts_pick_their_level_and_labels_read_well():
    counts = {"Twente": 6, "Zeeland": 1, "Achterhoek": 3}
    m = region_map(VOCAB.regions, counts)
    by_name = {t.region.name: t for t in m.tiles}
    assert (by_name["Twente"].count, by_name["Twente"].level) == (6, 3)
    assert by_name["Achterhoek"].level == 2 and by_name["Zeeland"].level == 1
    assert by_name["Groningen"].level == 0
    assert [lv.label for lv in m.legend] == ["geen", "1–2", "3–4", "5–6"]
