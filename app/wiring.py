"""Builds run-time resources from Settings: the only place settings meet lower layers."""

from __future__ import annotations

from app.settings import Settings
from retrieval.embedder import DEFAULT_MODEL, Embedder
from retrieval.runtime import Retrieval, open_retrieval


def open_retrieval_from_settings(settings: Settings, embedder: Embedder | None = None) -> Retrieval:
    """Store, index and embedder; pass an already loaded embedder to reuse it."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return open_retrieval(
        embedder=embedder,
        database_url=settings.resolved_database_url,
        edge_path=settings.index_path,
        qdrant_url=settings.qdrant_url,
        qdrant_api_key=settings.qdrant_api_key,
        model=settings.embedding_model,
        max_tokens=settings.embed_max_tokens,
        pool=settings.pool_options,
        qdrant_options=qdrant_options(settings),
        backend=settings.embedder_backend,
    )


def qdrant_options(settings: Settings):
    from retrieval.index.qdrant_server import ServerOptions

    return ServerOptions(timeout_s=settings.qdrant_timeout_s, retries=settings.qdrant_retries,
                         shards=settings.qdrant_shards, replicas=settings.qdrant_replicas)


def _llm_client(settings: Settings):
    from agents.llm.client import OpenAICompatibleClient

    return OpenAICompatibleClient(
        base_url=settings.llm_base_url,
        model=settings.llm_model,
        api_key=settings.llm_api_key,
        timeout_s=settings.llm_timeout_s,
        max_attempts=settings.llm_max_attempts,
        temperature=settings.llm_temperature,
        max_output_tokens=settings.llm_max_tokens,
        strict_schemas=settings.llm_strict_schema,
        cache_prompt=settings.llm_cache_prompt,
    )


def build_followup_parser(settings: Settings):
    """Follow-ups in threads: the LLM patch reader when an endpoint is configured (it falls
    back to the rules), else the rules."""
    from agents.followup.parser import OfflineFollowupParser

    if not settings.llm_base_url:
        return OfflineFollowupParser()
    from agents.llm.followup_parser import LLMFollowupParser

    return LLMFollowupParser(_llm_client(settings))


def build_brief_parser(settings: Settings):
    """The LLM parser when an endpoint is configured (it falls back to the offline one),
    else the offline parser."""
    from agents.brief_parser import OfflineBriefParser

    if not settings.llm_base_url:
        return OfflineBriefParser()
    from agents.llm.brief_parser import LLMBriefParser

    return LLMBriefParser(_llm_client(settings), answer_tokens=settings.llm_parse_max_tokens)


# Models whose ONNX export was checked against torch on queries (cosine 1.0000, the eval
# figures in the README). e5's export is wired but not checked: its queries stay on torch.
ONNX_QUERY_MODELS = frozenset({DEFAULT_MODEL})


def query_embedder(settings: Settings, embedder: Embedder, *, wait: bool = True) -> Embedder:
    """The embedder whose query side runs on ONNX fp32 (retrieval/query_embedder.py), unless
    settings say otherwise or the embedder already runs on ONNX."""
    if (settings.query_embedder_backend == "same" or getattr(embedder, "backend", "torch").startswith("onnx")
            or embedder.name not in ONNX_QUERY_MODELS):
        return embedder
    from retrieval.query_embedder import OnnxQueryEmbedder

    return OnnxQueryEmbedder(embedder, settings.embed_max_tokens, wait=wait)


def build_agent_context(settings: Settings, retrieval: Retrieval, *, wait_for_query_model: bool = True):
    """The graph's context. The topic calibration is loaded here, so a model without one
    fails at start with the command to run, not on the first brief. The service passes
    `wait_for_query_model=False`: a first start does not wait for the query model's export."""
    from agents.context import AgentContext
    from retrieval.calibration import load_calibration

    embedder = query_embedder(settings, retrieval.embedder, wait=wait_for_query_model)
    if settings.query_batch_max_texts > 1:
        from retrieval.query_batcher import QueryBatcher

        # Concurrent briefs share one model call for their queries (see query_batcher).
        embedder = QueryBatcher(embedder, max_texts=settings.query_batch_max_texts,
                                max_wait_s=settings.query_batch_wait_ms / 1000)
    return AgentContext(
        store=retrieval.store,
        index=retrieval.index,
        embedder=embedder,
        parser=build_brief_parser(settings),
        followups=build_followup_parser(settings),
        default_count=settings.default_limit,
        calibration=load_calibration(retrieval.embedder.name, settings.data_dir),
        vet_batch=settings.vet_batch,
        explainer=build_explainer(settings),
    )


def build_explainer(settings: Settings):
    """LLM prose for explanations, number-checked, when an endpoint is configured and
    `llm_explain` is on; None keeps the template explanations."""
    if not settings.llm_base_url or not settings.llm_explain:
        return None
    from agents.llm.explainer import LLMExplainer

    return LLMExplainer(_llm_client(settings))


def open_checkpointer(settings: Settings):
    """An async context manager yielding the chat threads' checkpointer: LangGraph's
    Postgres saver on a connection pool when the database is PostgreSQL, else its SQLite
    saver on a file in the data dir."""
    if settings.resolved_database_url.startswith("postgresql"):
        from app.pg_checkpoint import open_postgres_checkpointer

        return open_postgres_checkpointer(settings.resolved_database_url, settings.checkpoint_pool_size,
                                          settings.database_connect_timeout_s)
    from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return AsyncSqliteSaver.from_conn_string(str(settings.checkpoint_path))


WARM_UP_BRIEF = "10 vegan food and home workout creators on Instagram in Germany, no alcohol"


def warm_up(context) -> None:
    """Loads, before the first request, what the first brief would otherwise load on its
    own hot path: wordfreq's tables (~2 s, on the event loop in facets_of), the per-post
    encoder (~1 s) and the query side of the model. Measured under concurrent briefs in
    the issue-11 profile; every later brief found them loaded."""
    from agents.parsing.offline import parse_offline
    from agents.parsing.stopwords import brief_language
    from agents.topicality import facets_of, readable_in_english

    criteria = parse_offline(WARM_UP_BRIEF).criteria
    facets = facets_of(criteria.topics or ["vegan food"])
    for facet in facets:
        for word in facet.focus.split():
            readable_in_english(word)
    brief_language(WARM_UP_BRIEF)
    context.embedder.embed_queries([f.focus for f in facets] or ["vegan food"])
    context.embedder.posts.embed([f.focus for f in facets] or ["vegan food"])
