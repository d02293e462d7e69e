"""TREC-style pooling for the fine-grained real set: what the judges read.

Indexes the fixed real sample with the same four systems `castlist eval` scores
(BM25-only, dense-only, hybrid without vetting, full agent), takes each system's top
`depth` per brief, and writes the union per brief as

- `pool.jsonl`: one line per brief with every pooled creator (key, `creator_ref`,
  followers, bio, every caption with its hashtags, which systems returned it at which rank);
- `packet-N.md`: the same as readable judging packets, briefs split into `parts` files.

Real handles appear only in these outputs, which belong outside the repository (the
judgments committed to the repo name creators by `creator_ref`). Run:

    python -m evals.pooling --real-data ../shared/data/real/instagram_kim2020.jsonl --out ../notes/pool

A later round over another embedding model's systems, only what is not judged yet:

    python -m evals.pooling --real-data … --out … --embedding-model multilingual-e5-small --unjudged-only
"""

from __future__ import annotations

import argparse
import asyncio
import os
from pathlib import Path
from typing import Sequence

from pydantic import BaseModel, Field

from evals.cases import FINE_SAMPLE_CREATORS, REAL_INSTAGRAM_FINE_V1, FineCase, load_cases
from evals.corpus import prepare_real
from evals.judgments import creator_ref
from evals.systems import System
from retrieval.schema import Creator


class PooledPost(BaseModel):
    text: str = ""
    hashtags: list[str] = Field(default_factory=list)


class PooledCreator(BaseModel):
    key: str
    creator_ref: str
    followers: int
    bio: str = ""
    posts: list[PooledPost] = Field(default_factory=list)
    ranks: dict[str, int] = Field(default_factory=dict, description="system -> 1-based rank in its top list")


class PooledBrief(BaseModel):
    case_id: str
    brief: str
    facet: str
    domain: str
    language: str
    twin_of: str | None = None
    depth: int
    creators: list[PooledCreator] = Field(default_factory=list)


def pool_brief(case: FineCase, rankings: dict[str, list[str]], creators: dict[str, Creator], depth: int) -> PooledBrief:
    """The union of every system's top `depth`, in first-seen order by best rank (ties by
    system order), each with the ranks that brought it in."""
    ranks: dict[str, dict[str, int]] = {}
    for rank in range(depth):
        for system, keys in rankings.items():
            if rank < len(keys):
                ranks.setdefault(keys[rank], {})[system] = rank + 1
    pooled = []
    for key, by_system in ranks.items():
        c = creators.get(key)
        if c is None:  # a system returned a key outside the corpus; nothing to read, so nothing to judge
            continue
        pooled.append(PooledCreator(
            key=key, creator_ref=creator_ref(key), followers=c.followers, bio=(c.bio or "").strip(), ranks=by_system,
            posts=[PooledPost(text=(p.text or "").strip(), hashtags=list(p.hashtags)) for p in c.posts]))
    return PooledBrief(case_id=case.id, brief=case.brief, facet=case.facet, domain=case.domain, language=case.language,
                       twin_of=case.twin_of, depth=depth, creators=pooled)


def unjudged_only(pools: Sequence[PooledBrief], judged: set[tuple[str, str]]) -> list[PooledBrief]:
    """Only the pooled creators nobody judged for their brief, and only briefs with any
    left: a new round (a changed system, another embedding model) reads what is new."""
    out = []
    for p in pools:
        left = [c for c in p.creators if (p.case_id, c.creator_ref) not in judged]
        if left:
            out.append(p.model_copy(update={"creators": left}))
    return out


def packet_markdown(pools: Sequence[PooledBrief], caption_chars: int = 600) -> str:
    """A judging packet: per brief, the grading rule's two ends and every pooled creator's posts.
    Which system returned a creator is left out so it cannot sway the grade."""
    lines: list[str] = []
    for p in pools:
        lines += [f"## {p.case_id} — {p.brief}", "",
                  f"Facet (grade 2): **{p.facet}**; domain only (grade 1): {p.domain}."
                  + (f" Twin of {p.twin_of} ({p.language})." if p.twin_of else ""), ""]
        for i, c in enumerate(sorted(p.creators, key=lambda c: c.creator_ref), 1):
            lines.append(f"### {p.case_id}.{i} `{c.key}` ({c.creator_ref}), {c.followers:,} followers")
            if c.bio:
                lines.append(f"bio: {c.bio[:300]}")
            for post in c.posts:
                text = post.text.replace("\n", " ")
                text = text if len(text) <= caption_chars else text[:caption_chars] + "…"
                tags = " ".join("#" + t for t in post.hashtags if "#" + t.lower() not in text.lower())
                lines.append(f"- {text} {tags}".rstrip())
            lines.append("")
    return "\n".join(lines)


def split_parts(pools: Sequence[PooledBrief], parts: int) -> list[list[PooledBrief]]:
    """Consecutive briefs into `parts` groups of roughly equal numbers of pooled creators."""
    total = sum(len(p.creators) for p in pools)
    groups: list[list[PooledBrief]] = [[]]
    done = 0
    for p in pools:
        if groups[-1] and len(groups) < parts and done >= total * len(groups) / parts:
            groups.append([])
        groups[-1].append(p)
        done += len(p.creators)
    return groups


async def rank_all(systems: Sequence[System], cases: Sequence[FineCase], depth: int) -> dict[str, dict[str, list[str]]]:
    """case id -> system -> top keys. A system that fails on a brief contributes nothing."""
    out: dict[str, dict[str, list[str]]] = {}
    for case in cases:
        for system in systems:
            try:
                result = await system.shortlist(case.brief, depth)
                keys = list(dict.fromkeys(result.keys))[:depth]
            except Exception as exc:  # pooling goes on; the gap is printed
                print(f"{case.id} / {system.name}: {type(exc).__name__}: {exc}")
                keys = []
            out.setdefault(case.id, {})[system.name] = keys
    return out


def write_pool(pools: Sequence[PooledBrief], out_dir: Path, parts: int) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [out_dir / "pool.jsonl"]
    with written[0].open("w", encoding="utf-8") as fh:
        for p in pools:
            fh.write(p.model_dump_json() + "\n")
    for i, group in enumerate(split_parts(pools, parts), 1):
        path = out_dir / f"packet-{i}.md"
        path.write_text(f"# Judging packet {i}: {', '.join(p.case_id for p in group)}\n\n" + packet_markdown(group),
                        encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    ap = argparse.ArgumentParser(prog="python -m evals.pooling", description=__doc__.split("\n\n")[0])
    ap.add_argument("--real-data", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True, help="directory for pool.jsonl and the packets (not the repo)")
    ap.add_argument("--work-dir", type=Path, default=Path("/tmp/castlist-pooling"))
    ap.add_argument("--dataset", type=Path, default=REAL_INSTAGRAM_FINE_V1)
    ap.add_argument("--depth", type=int, default=10)
    ap.add_argument("--parts", type=int, default=4)
    ap.add_argument("--sample", type=int, default=FINE_SAMPLE_CREATORS)
    ap.add_argument("--embedding-model", action="append", default=None,
                    help="pool the systems of this embedding model (repeat for several; default CASTLIST_EMBEDDING_MODEL)")
    ap.add_argument("--index-cache", type=Path, default=None,
                    help="reuse indexes kept by `castlist eval --reuse-index` (DATA_DIR/eval/index-cache)")
    ap.add_argument("--unjudged-only", action="store_true", help="leave out pairs the dataset's qrels already judge")
    args = ap.parse_args(argv)

    from app.settings import get_settings
    from evals.judgments import load_judgments, qrels_path
    from evals.pipelines import systems_factory
    from retrieval.embedder import open_embedder

    settings = get_settings()
    cases = load_cases(args.dataset, FineCase)
    loaded = prepare_real(args.real_data, args.work_dir, args.sample)
    embedders = [open_embedder(m, max_tokens=settings.embed_max_tokens)
                 for m in dict.fromkeys(args.embedding_model or [settings.embedding_model])]
    opened: list = []
    try:
        systems = systems_factory(embedders[0], settings.default_limit, opened, compare_with=embedders[1:],
                                  index_cache=args.index_cache)(loaded.corpus)
        rankings = asyncio.run(rank_all(systems, cases, args.depth))
    finally:
        for resource in opened:
            resource.close()
    pools = [pool_brief(c, rankings[c.id], loaded.creators, args.depth) for c in cases]
    if args.unjudged_only:
        judged = {(j.case_id, j.creator_ref) for j in load_judgments(qrels_path(args.dataset))}
        pools = unjudged_only(pools, judged)
    for path in write_pool(pools, args.out, args.parts):
        print(f"wrote {path}")
    print(f"{len(pools)} briefs, {sum(len(p.creators) for p in pools)} pooled (brief, creator) pairs "
          f"over {loaded.corpus.size} creators")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
