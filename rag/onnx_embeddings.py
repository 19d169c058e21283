"""The sentence-transformers model run by ONNX Runtime: the same weights, exported locally once, same vectors.

The export (torch.onnx, eager attention) happens on first use and is cached under the data dir's cache
folder, keyed by the weights' content hash (remembered there by file size and mtime: a warm start does not
hash again), the export recipe and the precision. When onnxruntime's transformer optimizer is installed (it
ships inside onnxruntime) the graph's attention, LayerNorm and GELU are fused. Precision "int8" then
quantises the weights (dynamic, per channel): about half the CPU, vectors at cosine ~0.99 to fp32 — a
different vector space, so a store records which one it holds (rag/store.py).
Every export is checked against the torch model before it is kept (fp32: cosine >= 0.9999, so fp32
vectors do not depend on the backend). Only mean-pooled, normalised models with a `tokenizer.json`
qualify (all-MiniLM-L6-v2 does); anything else raises `OnnxUnavailable`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import warnings
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from langchain_core.embeddings import Embeddings

if TYPE_CHECKING:
    import numpy as np
    import onnxruntime

log = logging.getLogger(__name__)

# Texts per ONNX run. Sorted by length, small batches pad little and keep the attention matrices in
# cache: on 30 news articles batch 8 took 15-25% less CPU than batch 32 (and 43% less than torch).
BATCH = 8
PRECISIONS = ("fp32", "int8")
# An export whose probe vectors drift further from torch's is not used. int8 is a guard against a broken
# quantisation only (on 245 news passages: mean cosine 0.994, min 0.986); its quality is measured elsewhere.
MIN_COSINE = {"fp32": 0.9999, "int8": 0.98}
RECIPE = 2  # bump when export() changes what it writes: older cached exports are then not reused
PROBES = (
    "The minister said the budget would be balanced by next year.",
    "“We will not back down,” Ms. Ortiz told reporters on Tuesday.",
    "Short.",
)
INPUTS = ("input_ids", "attention_mask", "token_type_ids")


class OnnxUnavailable(Exception):
    """The ONNX backend cannot serve this model here (the caller falls back to torch at fp32, refuses at int8)."""


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def model_info(model_dir: Path) -> int:
    """The model's max_seq_length, after checking it is a mean-pooled, normalised sentence-transformers folder."""
    try:
        modules = [m["type"].rsplit(".", 1)[-1] for m in _json(model_dir / "modules.json")]
        pooling = _json(model_dir / "1_Pooling" / "config.json")
        max_len = int(_json(model_dir / "sentence_bert_config.json").get("max_seq_length", 512))
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise OnnxUnavailable(f"{model_dir} is not a sentence-transformers folder ({e})") from e
    if modules != ["Transformer", "Pooling", "Normalize"] or not pooling.get("pooling_mode_mean_tokens"):
        raise OnnxUnavailable(f"only mean-pooled, normalised models are exported (got {modules})")
    if not (model_dir / "tokenizer.json").exists():
        raise OnnxUnavailable(f"{model_dir} has no tokenizer.json")
    return max_len


WEIGHT_FILES = ("config.json", "model.safetensors", "pytorch_model.bin")


def weights_key(model_dir: Path) -> str:
    """A content hash of the model's weights and config: the cache key of its export."""
    h = hashlib.sha1()
    for name in WEIGHT_FILES:
        path = model_dir / name
        if path.exists():
            with path.open("rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    h.update(block)
    return h.hexdigest()[:16]


def weights_stamp(model_dir: Path) -> list[list[str | int]]:
    """(name, size, mtime_ns) of each weights file: what a rewrite, a copy or a `touch` changes."""
    stamp: list[list[str | int]] = []
    for name in WEIGHT_FILES:
        try:
            st = (model_dir / name).stat()
        except FileNotFoundError:
            continue
        stamp.append([name, st.st_size, st.st_mtime_ns])
    return stamp


def cached_weights_key(model_dir: Path, cache_dir: Path) -> str:
    """weights_key, remembered in cache_dir by folder and file stamps: a warm start stats the files instead
    of hashing ~90 MB (0.27 s on the packaged model); any change to a file's size or mtime hashes it again."""
    folder = str(model_dir.resolve())
    stamp = weights_stamp(model_dir)
    memo = _KEYS.get(folder)
    if memo is not None and memo[0] == stamp:
        return memo[1]
    book_path = cache_dir / "onnx" / "weights-keys.json"
    try:
        book = _json(book_path)
        if not isinstance(book, dict):
            book = {}
    except (OSError, ValueError):  # none yet, or unreadable: it is only a cache
        book = {}
    entry = book.get(folder)
    if isinstance(entry, dict) and entry.get("stamp") == stamp and isinstance(entry.get("key"), str):
        key: str = entry["key"]
    else:
        key = weights_key(model_dir)
        book[folder] = {"stamp": stamp, "key": key}
        try:
            book_path.parent.mkdir(parents=True, exist_ok=True)
            tmp = book_path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(book, indent=1), encoding="utf-8")
            os.replace(tmp, book_path)  # concurrent starts: the last whole file wins, never a torn one
        except OSError as e:  # a read-only data dir still works, it just hashes on every start
            log.debug("cannot remember the weights key in %s: %s", book_path, e)
    _KEYS[folder] = (stamp, key)
    return key


_KEYS: dict[str, tuple[list[list[str | int]], str]] = {}  # folder -> (stamp, key) seen in this process


def export(model_dir: Path, target: Path, precision: str = "fp32") -> None:
    """Export the transformer (last hidden state) to `target`, written atomically; checked against torch."""
    import numpy as np
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # the "Loading weights" bar would interleave with ingest's own
    # Eager attention exports the textbook graph that onnxruntime's optimizer fuses (the default SDPA
    # path exports a masked pattern it does not recognise).
    model = AutoModel.from_pretrained(str(model_dir), attn_implementation="eager")
    model.eval()

    class Hidden(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, ids: Any, mask: Any, types: Any) -> Any:
            return self.model(input_ids=ids, attention_mask=mask, token_type_ids=types).last_hidden_state

    dummy = tuple(torch.ones(2, 8, dtype=torch.long) for _ in INPUTS)
    axes = {name: {0: "batch", 1: "tokens"} for name in (*INPUTS, "last_hidden_state")}
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    step = target.with_suffix(f".{os.getpid()}.step")
    try:
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer warnings about shapes the dynamic axes already cover
            torch.onnx.export(
                Hidden(), dummy, str(tmp), input_names=list(INPUTS), output_names=["last_hidden_state"],
                dynamic_axes=axes, opset_version=17, dynamo=False,
            )  # fmt: skip
        if fuse(tmp, step, model.config):
            os.replace(step, tmp)
        if precision == "int8":
            quantize(tmp, step)
            os.replace(step, tmp)
        exported = OnnxEmbeddings(model_dir, tmp, threads=1)  # one session is enough for the probe check
        from sentence_transformers import SentenceTransformer

        reference = SentenceTransformer(str(model_dir), device="cpu").encode(
            list(PROBES), normalize_embeddings=True, show_progress_bar=False
        )
        cos = float(np.min(np.sum(exported.encode(PROBES) * reference, axis=1)))
        if cos < MIN_COSINE[precision]:
            raise OnnxUnavailable(f"the {precision} ONNX export differs from the torch model (cosine {cos:.6f})")
        os.replace(tmp, target)  # a killed export leaves only a .tmp file, never a half-written model
    finally:
        tmp.unlink(missing_ok=True)
        step.unlink(missing_ok=True)
    log.info("exported %s to %s (%s)", model_dir, target, precision)


def fuse(source: Path, target: Path, config: Any) -> bool:
    """Fuse a BERT graph's attention, LayerNorms and GELUs into onnxruntime's kernels; False when impossible.

    Same arithmetic (the export check still holds fp32 to cosine 0.9999). Measured on the LangChain chunks of
    30 news articles, 2 cores: fp32 CPU unchanged within noise (12.1-12.6 s either way); int8 on the fused
    graph (QAttention) took ~7% less CPU than int8 on the plain one (5.8-6.0 s vs 6.4 s)."""
    try:
        from onnxruntime.transformers import optimizer
    except ImportError:  # an onnxruntime build without its transformers tools: the plain graph still works
        log.info("onnxruntime.transformers is not installed: the ONNX graph is not fused")
        return False
    if getattr(config, "model_type", "") != "bert":
        return False
    # Its modules log every fusion at INFO under their bare names (fusion_base, onnx_model, ...).
    names = [n for n in list(logging.Logger.manager.loggerDict) if n.startswith(("fusion", "onnx_model"))]
    chatty = [logging.getLogger(n) for n in names]
    levels = [c.level for c in chatty]
    for c in chatty:
        c.setLevel(logging.WARNING)
    try:
        opt = optimizer.optimize_model(
            str(source), model_type="bert", num_heads=int(config.num_attention_heads),
            hidden_size=int(config.hidden_size), opt_level=0,
        )  # fmt: skip
        opt.save_model_to_file(str(target))
    finally:
        for c, level in zip(chatty, levels, strict=True):
            c.setLevel(level)
    log.info("fused ONNX graph: %s", {k: v for k, v in opt.get_fused_operator_statistics().items() if v})
    return True


def quantize(source: Path, target: Path) -> None:
    """int8 weights (per output channel), activations quantised on the fly: ONNX Runtime's dynamic quantisation."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    def no_preprocessing_advice(record: logging.LogRecord) -> bool:
        return "pre-processing before quantization" not in record.getMessage()

    root = logging.getLogger()
    root.addFilter(no_preprocessing_advice)  # it warns on the root logger about a step that changes nothing here
    try:
        quantize_dynamic(
            str(source), str(target), weight_type=QuantType.QInt8, per_channel=True,
            # Attention and the weight MatMuls only: the word embeddings stay fp32 (a lookup costs no CPU).
            op_types_to_quantize=["MatMul", "Attention"],
            # the fused contrib ops (Attention, SkipLayerNormalization) carry no type information for its checks
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )  # fmt: skip
    finally:
        root.removeFilter(no_preprocessing_advice)


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, else the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class OnnxEmbeddings(Embeddings):
    """Mean-pooled, normalised sentence embeddings from an ONNX export of a sentence-transformers folder."""

    def __init__(self, model_dir: Path, onnx_path: Path, threads: int = 0) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        max_len = model_info(model_dir)
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=max_len)
        self.tokenizer.enable_padding()

        def session(intra: int) -> onnxruntime.InferenceSession:
            options = ort.SessionOptions()
            options.intra_op_num_threads = intra
            options.inter_op_num_threads = 1
            # Idle pool threads spin by default: on cores shared with spaCy or other processes that burns
            # the CPU the other work needs (measured: 2 spinning threads were slower than 1 on a busy machine).
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            return ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])

        # threads=0: one single-threaded session per core, batches spread over them. Two 1-thread runs side
        # by side took ~11% less CPU than one run on two intra-op threads (258 news passages, 11.1 vs 12.5 s)
        # and leave a core to spaCy whenever only one batch is waiting. Each session holds its own weights and
        # activation arena: on 500 news passages (int8, 2 cores, median of 5) the 2 sessions took 104 MB more RSS
        # than one session on 2 threads (484 vs 380 MB; 51 MB of it at load) and embedded 15.0 vs 11.0 passages/s.
        lanes = usable_cores() if threads <= 0 else 1
        self.sessions = [session(1 if threads <= 0 else threads) for _ in range(lanes)]
        self._pool: ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()

    def _run(self, lane: int, feeds: dict[str, np.ndarray]) -> np.ndarray:
        out: np.ndarray = self.sessions[lane].run(None, feeds)[0]
        return out

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors, one row per text, in input order."""
        import numpy as np

        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))  # similar lengths share a batch
        batches = []
        for b in range(0, len(order), BATCH):
            idx = order[b : b + BATCH]
            enc = self.tokenizer.encode_batch([texts[i] for i in idx])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            batches.append(
                (idx, mask, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})
            )
        if len(self.sessions) > 1 and len(batches) > 1:
            with self._pool_lock:
                if self._pool is None:
                    self._pool = ThreadPoolExecutor(len(self.sessions), thread_name_prefix="whosaid-onnx")
            lanes = len(self.sessions)
            hidden = list(self._pool.map(lambda j: self._run(j % lanes, batches[j][2]), range(len(batches))))
        else:
            hidden = [self._run(0, feeds) for _, _, feeds in batches]
        out = np.zeros((len(texts), 0), dtype=np.float32)
        for (idx, mask, _), h in zip(batches, hidden, strict=True):
            weights = mask[..., None].astype(np.float32)
            pooled = (h * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            if out.shape[1] == 0:
                out = np.zeros((len(texts), pooled.shape[1]), dtype=np.float32)
            out[idx] = pooled
        return out

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode(texts).tolist() if texts else []

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def load_onnx_embeddings(model_dir: str, cache_dir: Path, threads: int = 0, precision: str = "fp32") -> OnnxEmbeddings:
    """The ONNX embeddings of a local model folder, exporting it into cache_dir on first use."""
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {PRECISIONS}, got {precision!r}")
    folder = Path(model_dir)
    if not folder.is_dir():
        raise OnnxUnavailable(f"'{model_dir}' is not a local model folder")
    model_info(folder)
    key = f"{cached_weights_key(folder, cache_dir)}-r{RECIPE}-{precision}"
    target = cache_dir / "onnx" / f"{folder.name}-{key}.onnx"
    # Another data dir of this process may hold the export already (tests open many): reuse it.
    earlier = _EXPORTS.get(key)
    if not target.exists() and earlier is not None and earlier.exists():
        target = earlier
    if not target.exists():
        log.info("exporting the embedding model to ONNX once (%s)", target)
        try:
            export(folder, target, precision)
        except OnnxUnavailable:
            raise
        except Exception as e:  # the exporter fails in many ways (no `onnx` package, unsupported op, ...)
            raise OnnxUnavailable(f"export failed ({type(e).__name__}: {e})") from e
    _EXPORTS[key] = target
    return _session(folder, target, threads)


_EXPORTS: dict[str, Path] = {}  # weights key, recipe, precision -> an export made or found in this process


@lru_cache(maxsize=4)
def _session(folder: Path, target: Path, threads: int) -> OnnxEmbeddings:
    # One session per export and thread count: sessions are thread-safe and cost ~1 s to build.
    return OnnxEmbeddings(folder, target, threads)
