"""Pooling: the union of each system's top k per brief, the packets judges read, the split."""

from __future__ import annotations

import json
from pathlib import Path

from evals.cases import FineCase
from evals.judgments import creator_ref
from evals.pooling import PooledBrief, PooledCreator, pool_brief, split_parts, unjudged_only, write_pool
from retrieval.schema import Creator


def _creator(handle: str, *captions: str) -> Creator:
    return Creator.model_validate({"platform": "instagram", "handle": handle, "followers": 1000,
                                   "posts": [{"text": c, "hashtags": ["vegan"]} for c in captions]})


CASE = FineCase(id="f1", brief="vegan food creators", facet="vegan", domain="food")


def test_pool_is_the_union_of_top_k_with_ranks() -> None:
    creators = {c.key: c for c in [_creator("a", "tofu bowl"), _creator("b", "döner"), _creator("c", "oat milk", "seitan")]}
    rankings = {"bm25": ["instagram:a", "instagram:b", "instagram:c"], "dense": ["instagram:c", "instagram:a"],
                "agent": ["instagram:ghost", "instagram:a"]}
    pool = pool_brief(CASE, rankings, creators, depth=2)
    keys = [c.key for c in pool.creators]
    assert keys == ["instagram:a", "instagram:c", "instagram:b"]  # rank 1s first; c of bm25 is rank 3 > depth
    by_key = {c.key: c for c in pool.creators}
    assert by_key["instagram:a"].ranks == {"bm25": 1, "dense": 2, "agent": 2}
    assert by_key["instagram:c"].ranks == {"dense": 1}
    assert [p.text for p in by_key["instagram:c"].posts] == ["oat milk", "seitan"]
    assert by_key["instagram:a"].creator_ref == creator_ref("instagram:a")


def _brief(i: int, n: int) -> PooledBrief:
    return PooledBrief(case_id=f"f{i}", brief="b", facet="x", domain="y", language="en", depth=10,
                       creators=[PooledCreator(key=f"instagram:h{i}_{j}", creator_ref=creator_ref(f"instagram:h{i}_{j}"),
                                               followers=1, ranks={"bm25": 1}) for j in range(n)])


def test_split_parts_keeps_briefs_whole_and_balances_creators() -> None:
    pools = [_brief(i, n) for i, n in enumerate([20, 22, 18, 25, 19, 21, 24, 17])]
    parts = split_parts(pools, 4)
    assert len(parts) == 4
    assert [p.case_id for part in parts for p in part] == [p.case_id for p in pools]
    sizes = [sum(len(p.creators) for p in part) for part in parts]
    assert max(sizes) - min(sizes) <= 25


def test_write_pool_packets_hold_captions_not_systems(tmp_path: Path) -> None:
    creators = {c.key: c for c in [_creator("a", "tofu bowl recipe"), _creator("b", "currywurst night")]}
    pools = [pool_brief(CASE, {"bm25_only": ["instagram:a"], "full_agent": ["instagram:b"]}, creators, 10)]
    written = write_pool(pools, tmp_path, parts=4)
    assert written[0].name == "pool.jsonl" and len(written) == 2  # one brief: one packet
    line = json.loads(written[0].read_text().splitlines()[0])
    assert {c["key"] for c in line["creators"]} == {"instagram:a", "instagram:b"}
    packet = written[1].read_text()
    assert "tofu bowl recipe" in packet and "currywurst night" in packet and "#vegan" in packet
    assert "bm25_only" not in packet and "full_agent" not in packet


def test_unjudged_only_keeps_new_pairs_and_drops_finished_briefs() -> None:
    pools = [_brief(1, 3), _brief(2, 1)]
    judged = {("f1", creator_ref("instagram:h1_0")), ("f2", creator_ref("instagram:h2_0")),
              ("f2", creator_ref("instagram:h1_1"))}  # judged for another brief: still new for f1
    left = unjudged_only(pools, judged)
    assert [(p.case_id, [c.key for c in p.creators]) for p in left] == [("f1", ["instagram:h1_1", "instagram:h1_2"])]
    assert len(pools[0].creators) == 3  # the input is not changed
