"""POST /v1/shortlists as JSON and as SSE, GET one (JSON, CSV), and the paginated list."""

from __future__ import annotations

import asyncio
import csv
import io

from agents.shortlist import Shortlist
from app.export import BOM, CSV_COLUMNS, VETTING_TOOLS, table_rows, to_csv
from tests.app.helpers import BRIEF, stream_events


async def test_json_mode_answers_201_with_location(client):
    response = await client.post("/v1/shortlists", json={"brief": BRIEF, "limit": 5})
    assert response.status_code == 201, response.text
    shortlist = Shortlist.model_validate(response.json())
    assert response.headers["location"] == f"/v1/shortlists/{shortlist.id}"
    assert 1 <= len(shortlist.creators) <= 5
    assert [c.rank for c in shortlist.creators] == list(range(1, len(shortlist.creators) + 1))
    assert shortlist.criteria.creators_count == 5

    stored = await client.get(response.headers["location"])
    assert stored.status_code == 200
    assert Shortlist.model_validate(stored.json()) == shortlist


async def test_sse_event_order_and_ids(client):
    response, events = await stream_events(client, "/v1/shortlists", {"brief": BRIEF, "limit": 6})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    shortlist_id = response.headers["x-shortlist-id"]
    names = [e.event for e in events]
    assert names[0] == "criteria"
    assert names[-1] == "done"
    assert set(names) <= {"criteria", "progress", "creator", "warning", "done"}
    assert "progress" in names
    # Ids are <shortlist_id>:<seq>, seq counting up from 1 with no gaps.
    assert [e.id for e in events] == [f"{shortlist_id}:{n}" for n in range(1, len(events) + 1)]
    creators = [e.data["creator"] for e in events if e.event == "creator"]
    assert 1 <= len(creators) <= 6
    assert [c["rank"] for c in creators] == list(range(1, len(creators) + 1))
    done = events[-1].data
    assert done["shortlist_id"] == shortlist_id
    assert [c["handle"] for c in done["shortlist"]["creators"]] == [c["handle"] for c in creators]
    assert events[0].data["criteria"]["creators_count"] == 6
    # Stored before `done` went out.
    assert (await client.get(f"/v1/shortlists/{shortlist_id}")).status_code == 200


async def test_criteria_overrides_are_applied_as_hard_constraints(client):
    body = {"brief": "vegan food creators", "criteria": {"platforms": ["TikTok"], "followers_max": 80_000}, "limit": 5}
    response = await client.post("/v1/shortlists", json=body)
    assert response.status_code == 201, response.text
    shortlist = response.json()
    assert shortlist["criteria"]["platforms"] == ["tiktok"]
    assert {"platforms", "followers_max"} <= set(shortlist["criteria"]["hard"])
    assert shortlist["creators"], shortlist["relaxations"]
    assert all(c["platform"] == "tiktok" and c["followers"] <= 80_000 for c in shortlist["creators"])


async def test_csv_export(client):
    brief = "10 vegan food creators on Instagram or TikTok, budget $20,000, no alcohol, audience aged 25-34"
    created = (await client.post("/v1/shortlists", json={"brief": brief, "limit": 4})).json()
    response = await client.get(f"/v1/shortlists/{created['id']}", params={"format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert f"shortlist-{created['id']}.csv" in response.headers["content-disposition"]
    assert response.content.startswith(BOM.encode("utf-8")), "Excel needs the BOM to read UTF-8"

    # The header block says what was asked before the table starts.
    head = list(csv.reader(io.StringIO(response.text.removeprefix(BOM))))
    block = {row[0]: row[1] for row in head[:head.index(list(CSV_COLUMNS))] if len(row) >= 2}
    assert block["Brief"] == brief
    assert "platforms: instagram, tiktok" in block["Criteria"] and "exclude_topics: alcohol" in block["Criteria"]
    assert "audience_age_min: 25" in block["Criteria"]

    rows = table_rows(response.text)
    assert len(rows) == len(created["creators"]) >= 1
    for row, creator in zip(rows, created["creators"]):
        assert row["rank"] == str(creator["rank"]) and row["handle"] == creator["handle"]
        assert row["platform"] == creator["platform"] and int(row["followers"]) == creator["followers"]
        assert row["reasons"] == "; ".join(creator["reasons"])
        # Score as the page shows it (0-100), engagement as a percentage with its formula.
        assert row["score"] == str(round(creator["score"] * 100))
        if creator["engagement_rate"] is not None:
            assert row["engagement_rate"] == f"{creator['engagement_rate'] * 100:.2f}%"
            assert row["engagement_method"] == creator["engagement_method"]
        if creator["price_estimate"]:
            assert float(row["price_low"]) == creator["price_estimate"]["low"]
            assert row["price_currency"] == creator["price_estimate"]["currency"]
            assert row["price_method"] == creator["price_estimate"]["method"]
        verdicts = {v["tool"]: v["verdict"] for v in creator["vetting"]}
        for tool in VETTING_TOOLS:
            if tool in verdicts:
                assert row[f"vetting_{tool}"] == {"insufficient_data": "no data"}.get(verdicts[tool], verdicts[tool])
        assert "audience_fit" in row["vetting_details"]
        assert "25-24" not in row["vetting_details"] + row["risks"]
        # From the creator store: audience split and the last post date.
        stored = (await client.get(f"/v1/creators/{creator['platform']}/{creator['handle']}")).json()
        countries = (stored["creator"].get("audience") or {}).get("countries")
        if countries:
            top = max(countries, key=countries.get)
            assert row["top_audience_country"] == f"{top} {countries[top] * 100:.0f}%"
        assert row["last_post_date"] == (stored["features"]["last_post_at"] or "")[:10]
        assert row["topic_match"] == (creator["topic_match"] or "")
        post_urls = {p.get("id"): p.get("url") for p in stored["creator"]["posts"]}
        # The quoted post's link when it has one (creators upserted by other tests may have none).
        assert row["topic_post_url"] == (post_urls.get(creator["topic_post_id"]) or ""), row


async def test_csv_says_not_asked_for_an_audience_nobody_asked_about(client):
    created = (await client.post("/v1/shortlists", json={"brief": "vegan food creators", "limit": 2})).json()
    rows = table_rows((await client.get(f"/v1/shortlists/{created['id']}", params={"format": "csv"})).text)
    assert rows and all(r["vetting_audience_fit"] == "not asked" for r in rows)


async def test_csv_is_refused_for_an_empty_shortlist(client):
    created = (await client.post("/v1/shortlists", json={"brief": "vegan food creators",
                                                         "criteria": {"followers_min": 900_000_000}})).json()
    assert created["creators"] == []
    response = await client.get(f"/v1/shortlists/{created['id']}", params={"format": "csv"})
    assert response.status_code == 409
    assert "nothing to export" in response.json()["detail"]


def test_csv_neutralises_formulas():
    shortlist = Shortlist.model_validate({
        "id": "x", "brief": "=cmd|' /C calc'!A0", "criteria": {},
        "creators": [{"rank": 1, "platform": "instagram", "handle": "h", "display_name": "=HYPERLINK(\"http://e\")",
                      "followers": 10, "score": 0.5, "explanation": "e", "reasons": ["+1 great"], "risks": ["@risk"]}],
    })
    text = to_csv(shortlist)
    row = table_rows(text)[0]
    assert row["display_name"].startswith("'=") and row["reasons"].startswith("'+") and row["risks"].startswith("'@")
    assert row["score"] == "50"
    assert "Brief,'=cmd" in text


async def test_pagination_newest_first_with_opaque_cursor(client):
    mine = []
    for topic in ("yoga", "gaming", "baking"):
        response = await client.post("/v1/shortlists", json={"brief": f"{topic} creators", "limit": 2})
        assert response.status_code == 201
        mine.append(response.json()["id"])
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = (await client.get("/v1/shortlists", params=params)).json()
        pages += 1
        assert len(page["items"]) <= 2
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
        assert pages < 100
    assert len(seen) == len(set(seen))
    assert seen[:3] == list(reversed(mine))  # nothing newer was made meanwhile
    assert (await client.get("/readyz")).json()["shortlists"] == len(seen)
    first = (await client.get("/v1/shortlists", params={"limit": 1})).json()["items"][0]
    assert first["url"] == f"/v1/shortlists/{first['id']}" and first["creators"] >= 0 and first["brief"]


async def test_blocking_work_of_a_run_stays_off_the_event_loop(app, client, monkeypatch):
    """An embedding, an index search, a store read or the topic-evidence pass on the event
    loop would stall every other request for its whole duration; each runs in a worker
    thread. Checked by where the calls run, not by how long probes take (speed is measured
    by `castlist bench`)."""
    import threading

    import agents.nodes.retrieve as retrieve

    loop_thread = threading.get_ident()
    calls: list[tuple[str, bool]] = []

    def watch(owner, name: str, label: str) -> None:
        original = getattr(owner, name)

        def watched(*args, **kwargs):
            calls.append((label, threading.get_ident() == loop_thread))
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, watched)

    ctx = app.state.context
    for owner, names, label in ((ctx.embedder, ("embed", "embed_queries"), "embedder"),
                                (ctx.embedder.posts, ("embed",), "post encoder"),
                                (ctx.index, ("search", "post_vectors"), "index"),
                                (ctx.store, ("get_many",), "store"),
                                (retrieve, ("topic_candidates",), "topic evidence")):
        for name in names:
            watch(owner, name, f"{label}.{name}")
    created = await client.post("/v1/shortlists", json={"brief": BRIEF, "limit": 10})
    assert created.status_code == 201 and created.json()["creators"]
    seen = {label for label, _ in calls}
    assert {"embedder.embed_queries", "index.search", "store.get_many", "topic evidence.topic_candidates"} <= seen, seen
    assert [label for label, on_loop in calls if on_loop] == []


async def test_csv_prices_in_the_briefs_currency(client):
    from retrieval.signals.pricing import FX_TO_USD

    brief = "10 vegan food creators on Instagram or TikTok, budget €5,000, max €400 per post"
    created = (await client.post("/v1/shortlists", json={"brief": brief, "limit": 4})).json()
    assert created["creators"]
    rows = table_rows((await client.get(f"/v1/shortlists/{created['id']}", params={"format": "csv"})).text)
    for row, creator in zip(rows, created["creators"]):
        price = creator["price_estimate"]
        assert price["currency"] == "USD"
        low = price["low"] / FX_TO_USD["EUR"]
        high = price["high"] / FX_TO_USD["EUR"]
        assert row["price_in_brief_currency"] == f"EUR {low:,.0f}-{high:,.0f} (1 EUR = 1.08 USD, approximate)"
