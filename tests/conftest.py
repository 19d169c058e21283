from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings as hypothesis_settings

from rag.settings import Settings, get_settings
from rag.store import Store
from tests.fakes import BagOfWordsEmbeddings

if TYPE_CHECKING:
    from index.extract import StatementExtractor
    from rag.chain import Assistant

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "samples"
SEED = SHARED / "data" / "seed" / "lavrov-ceasefire.txt"  # the real article the product brief came from
SAMPLE_CORPUS = SAMPLES / "corpus"  # the bundled documents; samples/README.md (the oracle) stays out

# Property tests are deterministic by default (same examples every run, so CI cannot turn red by chance);
# HYPOTHESIS_PROFILE=explore searches new random examples while developing.
hypothesis_settings.register_profile("deterministic", derandomize=True, deadline=None)
hypothesis_settings.register_profile("explore", deadline=None, max_examples=1000)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "deterministic"))

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


@pytest.fixture(scope="session")
def extractor() -> StatementExtractor:
    """The real rules extractor (spaCy pipeline loaded once for the whole session)."""
    from index.extract import make_extractor

    return make_extractor(Settings())


@pytest.fixture(scope="session")
def seed_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """The seed article ingested once through the library into a fresh store, with an assistant over it."""
    if not SEED.is_file():
        pytest.skip("../shared/data/seed is not present (development data tier)")
    from index.build import ingest
    from rag.chain import Assistant

    settings = Settings(data_dir=tmp_path_factory.mktemp("seed-lib") / "data")
    store = Store.open(settings)
    report = ingest([str(SEED)], settings, store=store)
    assert report.count("ingested") == 1, report.files
    return Assistant(settings, store=store)


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test touches ./data: the data dir is a fresh temporary folder."""
    data = tmp_path / "data"
    monkeypatch.setenv("WHOSAID_DATA_DIR", str(data))
    get_settings.cache_clear()
    return data


@pytest.fixture
def settings(isolated_data_dir: Path) -> Settings:
    return Settings(data_dir=isolated_data_dir)


@pytest.fixture
def fake_embeddings() -> BagOfWordsEmbeddings:
    return BagOfWordsEmbeddings()


@pytest.fixture
def memory_store(fake_embeddings: BagOfWordsEmbeddings) -> Store:
    """An in-memory Chroma with the bag-of-words embeddings."""
    return Store(fake_embeddings)


@pytest.fixture
def shared_dir() -> Path:
    """../shared development data; tests needing it skip cleanly when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present (development data tier)")
    return SHARED
