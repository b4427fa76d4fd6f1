#!/usr/bin/env python3
"""Writes the PyTorch parity fixtures for NeuralCore's tests. Run by hand, never by CI:

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install torch safetensors numpy
    /tmp/venv/bin/python Tests/Fixtures/make_fixtures.py

Each `fixtures_<area>.py` beside this file defines `make(out_dir)`, which writes small safetensors
files (inputs, weights under PyTorch's names, outputs, gradients) to
Tests/NeuralCoreTests/Fixtures/. The Swift tests load them and must reproduce them to ~1e-4.
Running this twice gives identical files (fixed seeds, float64 computation rounded to float32
where a layer allows it)."""
import importlib.util
import pathlib
import sys

import torch

here = pathlib.Path(__file__).resolve().parent
out_dir = here.parent / "NeuralCoreTests" / "Fixtures"
out_dir.mkdir(parents=True, exist_ok=True)
torch.set_num_threads(1)

selected = sys.argv[1:]
for path in sorted(here.glob("fixtures_*.py")):
    if selected and path.stem.removeprefix("fixtures_") not in selected:
        continue
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    print(f"{path.name}:")
    module.make(out_dir)
