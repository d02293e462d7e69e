"""BM25 sparse vectors, computed in-process by Qdrant Edge's tokenizer for both backends.

Sharing one tokenizer (stemming, stop words) keeps the two backends' lexical scores
identical; the IDF part is applied by the index through the `Idf` modifier.
"""

from __future__ import annotations

from functools import lru_cache

from qdrant_edge import Bm25, Bm25Config, SparseVector

# Creator documents are short-ish social text; 120 tokens is nearer their real average
# than BM25's 256 default, which would under-penalise long caption dumps.
_AVG_DOC_TOKENS = 120.0


@lru_cache(maxsize=1)
def _model() -> Bm25:
    return Bm25(Bm25Config(avg_len=_AVG_DOC_TOKENS, language="english", ascii_folding=True))


def document_vector(text: str) -> SparseVector:
    return _model().embed_document(text)


def query_vector(text: str) -> SparseVector:
    return _model().embed_query(text)


def query_terms(text: str) -> dict[int, float]:
    vec = query_vector(text)
    return dict(zip(vec.indices, vec.values))


def document_terms(text: str) -> dict[int, float]:
    vec = document_vector(text)
    return dict(zip(vec.indices, vec.values))
