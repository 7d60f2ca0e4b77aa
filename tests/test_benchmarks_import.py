"""The benchmarks still import: a module moved or renamed must take them along."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

BENCHMARKS = sorted((Path(__file__).resolve().parent.parent / "benchmarks").glob("bench_*.py"))


@pytest.mark.parametrize("path", BENCHMARKS, ids=lambda p: p.stem)
def test_a_benchmark_imports(path: Path) -> None:
    spec = importlib.util.spec_from_file_location(f"benchmark_{path.stem}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # each runs its measurements only under __main__
    assert callable(getattr(module, "main", None))


def _bench_import() -> object:
    path = next(p for p in BENCHMARKS if p.stem == "bench_import")
    spec = importlib.util.spec_from_file_location("benchmark_bench_import", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_mailbox_half_counts_the_same_messages_both_ways(tmp_path: Path) -> None:
    bench = _bench_import()
    path = tmp_path / "mail-bench.mbox"
    bench.write_mailbox(path, 40, attachment_share=0.1, attachment_kb=4)  # type: ignore[attr-defined]
    assert path.read_bytes().count(b"\nFrom client") + 1 == 40
    assert bench.bare_mbox_parse(path) == 40  # type: ignore[attr-defined]
    assert bench.import_mbox_read(path) == 40  # type: ignore[attr-defined]
