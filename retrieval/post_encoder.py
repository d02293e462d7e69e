"""Per-post vectors that are cheap enough to compute for every post of every creator.

A transformer pass per caption costs ~10 ms on two cores (about 100 captions/s), so
embedding every post at ingest would make ingest ten times slower. model2vec distils the
same sentence-transformer into static token vectors (one forward pass over the
vocabulary, once per model, cached on disk): a post vector is then a weighted mean of
token vectors, ~60,000 captions/s, in a space aligned with the dense model's.
It is weaker on paraphrase than the transformer, which is why retrieval keeps the
transformer's profile vector for recall and uses post vectors as evidence.

A large multilingual vocabulary makes the one pass expensive: multilingual-e5-small has
250k tokens and twice MiniLM's layers. On this project's shared 2-core machine the pass
ran at 50–300 tokens/s depending on load, so the full vocabulary would take 15–80
minutes on first use. For such models only a frequent-token vocabulary is distilled
(`frequent_token_ids`: the first 10k SentencePiece ids plus the tokens of the 50,000
most frequent English words and 5,000 of each other supported language, from wordfreq:
88,366 tokens). Every other token gets a zero vector and so does not count in a post's
mean.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

PCA_DIMS = 256


def default_cache_dir() -> Path:
    return Path(os.environ.get("CASTLIST_CACHE_DIR") or Path.home() / ".cache" / "castlist")


class StaticPostEncoder:
    """model2vec static embeddings distilled from a local sentence-transformer directory."""

    def __init__(self, model_path: str, name: str, cache_dir: Path | None = None,
                 token_ids: Callable[[], Sequence[int]] | None = None, vocabulary_tag: str = "") -> None:
        """`token_ids`, when given, returns the token ids to distil (the rest count as
        zero); `vocabulary_tag` names that choice in the cache path."""
        from model2vec import StaticModel

        folder = name.replace("/", "__") + (f".{vocabulary_tag}" if vocabulary_tag else "")
        target = (cache_dir or default_cache_dir()) / "static" / folder
        if not (target / "model.safetensors").exists():
            _distill(model_path, target, token_ids)
        self._model = StaticModel.from_pretrained(str(target))
        self.dim = int(self._model.dim)
        self.name = f"model2vec({name})"
        # model2vec's encode() re-sets truncation on its shared Rust tokenizer every call;
        # two threads at once fail with "RuntimeError: Already borrowed" (seen with 50
        # concurrent briefs, and briefs beside an ingest). Encoding is ~60k captions/s, so
        # one at a time costs nothing measurable.
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = np.asarray(self._model.encode(list(texts), show_progress_bar=False), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-9)


_DISTILL_LOCK = threading.Lock()


def _distill(model_path: str, target: Path, token_ids: Callable[[], Sequence[int]] | None = None) -> None:
    """Distil once; written to a temp dir and renamed so a crash never leaves half a model."""
    from model2vec.distill import distill

    with _DISTILL_LOCK:
        if (target / "model.safetensors").exists():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + f".tmp{os.getpid()}")
        if token_ids is None:
            model = distill(model_name=model_path, pca_dims=PCA_DIMS, device="cpu")
        else:
            model = _distill_subset(model_path, sorted(set(token_ids())))
        model.save_pretrained(str(tmp))
        try:
            tmp.rename(target)
        except OSError:  # another process finished first
            pass


SIF_COEFFICIENT = 1e-4  # model2vec's default


def _distill_subset(model_path: str, ids: list[int]):
    """model2vec's distillation (one forward pass per token, mean-pooled, PCA, Zipf/SIF
    weights) restricted to `ids`; the vector table keeps the full vocabulary so the
    model's own tokenizer still applies."""
    from model2vec import StaticModel
    from model2vec.distill.inference import apply_pca, compute_weights, create_embeddings
    from tokenizers import Tokenizer
    from transformers import AutoModel

    tokenizer = Tokenizer.from_file(str(Path(model_path) / "tokenizer.json"))
    bos, eos = tokenizer.encode("").ids  # the template's special tokens around an empty text
    pad = tokenizer.token_to_id("<pad>") or 0
    model = AutoModel.from_pretrained(model_path)
    vectors = create_embeddings(model=model, tokenized=[[bos, i, eos] for i in ids], device="cpu",
                                pad_token_id=pad, pooling="mean")
    vectors = apply_pca(vectors, PCA_DIMS)
    # SentencePiece ids are ordered by piece score, so an id is its frequency rank.
    vocab_size = tokenizer.get_vocab_size()
    weights = compute_weights(vocab_size, sif_coefficient=SIF_COEFFICIENT)[ids]
    # float16 like model2vec's own default: the table keeps all 250k rows (mostly zeros).
    table = np.zeros((vocab_size, vectors.shape[1]), dtype=np.float16)
    table[ids] = (vectors * weights[:, None]).astype(np.float16)
    config = {"model_type": "model2vec", "architectures": ["StaticModel"], "apply_pca": PCA_DIMS,
              "sif_coefficient": SIF_COEFFICIENT, "hidden_dim": int(table.shape[1]), "seq_length": 1000000,
              "normalize": True, "pooling": "mean", "distilled_tokens": len(ids)}
    return StaticModel(vectors=table, tokenizer=tokenizer, config=config,
                       base_model_name=os.path.basename(model_path), normalize=True)


def frequent_token_ids(tokenizer_path: Path, languages: Sequence[str], first_ids: int = 10_000,
                       words_per_language: int = 5_000, english_words: int = 50_000) -> list[int]:
    """Ids of the tokens frequent text is made of: the first `first_ids` SentencePiece ids
    (the highest-scoring pieces) plus the tokens of each language's most frequent words
    (wordfreq), lower-case and capitalised. English gets a longer list: briefs and most
    captions are English, and topic words sit far down the frequency list (with 2,000
    words per language, "gym", "vegan", "yoga", "makeup" and "outfit" had no vector)."""
    from tokenizers import Tokenizer
    from wordfreq import available_languages, top_n_list

    tokenizer = Tokenizer.from_file(str(tokenizer_path))
    ids = set(range(min(first_ids, tokenizer.get_vocab_size())))
    known = set(available_languages())
    words = [w for lang in languages if lang in known
             for w in top_n_list(lang, english_words if lang == "en" else words_per_language)]
    for encoding in tokenizer.encode_batch(words + [w.capitalize() for w in words], add_special_tokens=False):
        ids.update(encoding.ids)
    return sorted(ids)
