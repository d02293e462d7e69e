"""First start: the service answers at once on an empty data dir and builds the demo
index behind it (real model, real Edge shard, real SQLite)."""

from __future__ import annotations

import asyncio

from app.demo_build import DemoBuild
from app.main import create_app
from retrieval.query_batcher import QueryBatcher
from tests.app.helpers import settings_for

CREATORS = 150


async def _readyz(client):
    reply = await client.get("/readyz")
    assert reply.status_code == 200, reply.text
    return reply.json()


async def test_serves_while_the_demo_index_builds_then_reports_ready(tmp_path, embedder):
    import httpx

    settings = settings_for(tmp_path / "data")
    build = DemoBuild.pending(tmp_path / "data" / "demo" / "creators.jsonl", CREATORS, settings.demo_seed, stored=0)
    assert build is not None
    app = create_app(settings, embedder=embedder, demo_build=build)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver", timeout=120) as client:
            assert (await client.get("/")).status_code == 200  # the page, before the index exists
            first = await _readyz(client)
            assert first["status"] in ("building", "ready")
            seen = [first]
            while seen[-1]["status"] == "building":
                assert seen[-1]["build"]["total"] == CREATORS
                # Store and index agree at every moment of the build (the write lock).
                assert seen[-1]["creators"] == seen[-1]["indexed"] <= CREATORS
                await asyncio.sleep(0.2)
                seen.append(await _readyz(client))
            assert seen[-1] == {"status": "ready", "creators": CREATORS, "indexed": CREATORS,
                                "shortlists": 0, "build": None, "brief_workers": None}
            counts = [s["indexed"] for s in seen]
            assert counts == sorted(counts)  # the index only grows
            reply = await client.post("/v1/shortlists", json={"brief": "5 fitness creators on instagram"})
            assert reply.status_code == 201 and reply.json()["creators"]
    assert not build.marker.exists()  # finished: the next start builds nothing
    assert DemoBuild.pending(build.corpus, CREATORS, settings.demo_seed, stored=CREATORS) is None


async def test_a_build_stopped_midway_resumes_on_the_next_start(tmp_path, embedder):
    settings = settings_for(tmp_path / "data")
    corpus = tmp_path / "data" / "demo" / "creators.jsonl"
    build = DemoBuild(corpus, CREATORS, settings.demo_seed)
    build._stop.set()  # asked to stop before its first batch is acknowledged
    app = create_app(settings, embedder=embedder, demo_build=build)
    async with app.router.lifespan_context(app):
        await asyncio.to_thread(build._thread.join, 120)
        assert build.progress().phase == "stopped"
        stored = app.state.retrieval.store.count()
    assert stored < CREATORS and build.marker.exists()
    again = DemoBuild.pending(corpus, CREATORS, settings.demo_seed, stored=stored)
    assert again is not None  # a half-built index is not taken for a finished one


async def test_the_service_batches_query_embeddings_unless_turned_off(tmp_path, embedder):
    for max_texts, batched in ((64, True), (1, False)):
        settings = settings_for(tmp_path / f"data-{max_texts}", query_batch_max_texts=max_texts)
        app = create_app(settings, embedder=embedder)
        async with app.router.lifespan_context(app):
            assert isinstance(app.state.context.embedder, QueryBatcher) is batched
