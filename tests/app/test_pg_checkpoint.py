"""Chat threads on PostgreSQL: LangGraph's Postgres saver through our pool, set up by
several workers at once without tripping over each other, with the agent's serializer."""

from __future__ import annotations

import asyncio

from langgraph.checkpoint.base import empty_checkpoint

from agents.criteria import CampaignCriteria
from agents.runner import checkpoint_serializer
from app.pg_checkpoint import libpq_url, open_postgres_checkpointer
from tests.support import postgres


def test_the_libpq_url_drops_the_sqlalchemy_driver_and_keeps_the_password():
    assert libpq_url("postgresql+psycopg://u:p%40ss@db.example:5433/castlist") == "postgresql://u:p%40ss@db.example:5433/castlist"


async def test_workers_setting_up_at_once_share_one_schema_and_see_each_others_threads():
    url = postgres.create_database("ckpt")
    try:
        async def one_worker(n: int):
            async with open_postgres_checkpointer(url, pool_size=2, connect_timeout_s=5) as saver:
                saver.serde = checkpoint_serializer()
                config = {"configurable": {"thread_id": f"t{n}", "checkpoint_ns": ""}}
                checkpoint = empty_checkpoint()
                checkpoint["channel_values"] = {"criteria": CampaignCriteria(topics=[f"topic {n}"])}
                checkpoint["channel_versions"] = {"criteria": "1"}
                # Channel values are stored as blobs per new version (as the graph writes them).
                await saver.aput(config, checkpoint, {"source": "input", "step": n}, {"criteria": "1"})
                return saver

        # With a blocking advisory lock this deadlocked (the saver's CREATE INDEX CONCURRENTLY
        # waits for the other workers' lock statements): fail instead of hanging.
        await asyncio.wait_for(asyncio.gather(*(one_worker(n) for n in range(4))), timeout=120)
        async with open_postgres_checkpointer(url, pool_size=2, connect_timeout_s=5) as saver:
            saver.serde = checkpoint_serializer()
            for n in range(4):
                got = await saver.aget_tuple({"configurable": {"thread_id": f"t{n}", "checkpoint_ns": ""}})
                assert got.checkpoint["channel_values"]["criteria"] == CampaignCriteria(topics=[f"topic {n}"])
    finally:
        postgres.drop_database(url)
