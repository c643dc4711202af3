"""Evidence boxes land where the letter printed the value, whatever the page was:
born-digital, a 200 dpi scan, a 300 dpi scan, a page fed in turned a quarter.

The test draws each letter itself (so it knows where the customer number is), runs
the real pipeline, then checks the stored box (fractions of the upright page) and the
page image the station renders: upright, and dark where the box says the number is.
"""

from __future__ import annotations

import io
import sqlite3
from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image
from review_store import PASSWORD, build

from pipeline.review.app import create_app

TOLERANCE = 0.015  # of the page: about 3 mm across, 4 mm down on A4


@pytest.fixture(scope="module")
def station(tmp_path_factory):
    inbox, out, drawn = build(tmp_path_factory.mktemp("review-overlay"))
    app = create_app(out)
    client = app.test_client()
    page = client.get("/login")
    import re

    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    client.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": token})
    return SimpleNamespace(out=out, drawn={d.name: d for d in drawn}, client=client)


def stored(station, name: str) -> tuple[str, int, tuple[float, ...], tuple[int, ...]]:  # noqa: ANN001
    import json

    db = sqlite3.connect(station.out / "mailroom.sqlite")
    key, doc_id = db.execute("SELECT record_key, id FROM documents WHERE source_file = ?",
                             (name,)).fetchone()
    page, *box = db.execute("SELECT page, x0, y0, x1, y1 FROM fields WHERE document_id = ? "
                            "AND name = 'customer_number'", (doc_id,)).fetchone()
    turns = json.loads(db.execute("SELECT data FROM analyses WHERE source_file = ?",
                                  (name,)).fetchone()[0])["page_turns"]
    db.close()
    return key, page, tuple(box), tuple(turns)


@pytest.mark.parametrize("name, turned", [("a_born_digital.pdf", 0), ("b_scan_200dpi.png", 0),
                                          ("c_scan_300dpi.tif", 0), ("d_scan_turned.png", 90)])
def test_the_customer_number_box_lands_where_it_was_printed(station, name: str,
                                                             turned: int) -> None:
    drawn = station.drawn[name]
    key, page, box, turns = stored(station, name)
    assert page == 1 and turns[0] == turned
    for got, want in zip(box, drawn.box, strict=True):
        assert abs(got - want) < TOLERANCE, (box, drawn.box)
    # the station's page image: upright (portrait), the box over the number's ink
    r = station.client.get(f"/letter/{key}/page/1.jpg")
    assert r.status_code == 200 and r.mimetype == "image/jpeg"
    img = np.asarray(Image.open(io.BytesIO(r.data)).convert("L"))
    h, w = img.shape
    assert h > w * 1.3
    x0, y0, x1, y1 = (round(box[0] * w), round(box[1] * h), round(box[2] * w),
                      round(box[3] * h))
    inside = img[y0:y1 + 1, x0:x1 + 1] < 128
    assert inside.mean() > 0.08  # the digits' ink
    # and the ink of that line, just around the box, is the number (the box holds it)
    band = img[y0 - 2:y1 + 3, :] < 128
    cols = np.flatnonzero(band.any(axis=0))
    right_of_label = cols[cols > x0 - round(0.01 * w)]
    assert abs(right_of_label.min() - x0) < TOLERANCE * w
    assert abs(right_of_label.max() - x1) < TOLERANCE * w
    # the letter page draws that box at those fractions over the image
    html = station.client.get(f"/letter/{key}").text
    assert f'data-field="customer_number" x="{box[0]}" y="{box[1]}"' in html


def test_a_page_image_is_rendered_once_then_served_from_the_cache(station) -> None:
    key, *_ = stored(station, "c_scan_300dpi.tif")
    first = station.client.get(f"/letter/{key}/page/1.jpg")
    cached = list((station.out / "review-cache").glob("*.jpg"))
    assert cached and first.status_code == 200
    mtimes = {p: p.stat().st_mtime_ns for p in cached}
    again = station.client.get(f"/letter/{key}/page/1.jpg")
    assert again.data == first.data
    assert {p: p.stat().st_mtime_ns for p in cached} == mtimes
