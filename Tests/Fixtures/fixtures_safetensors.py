"""safetensors interoperability fixtures, both ways.

Python → Belamy: `make` writes files with Python's safetensors that the Swift tests must read
(every dtype Belamy reads, F16 rounding edge cases, scalars, empty tensors) or reproduce byte for
byte (`safetensors_python_bytes_*`: Belamy's writer must produce exactly these bytes).

Belamy → Python: `safetensors_belamy*.safetensors` are written by the Swift tests
(`BELAMY_UPDATE_FIXTURES=1 swift test --filter SafeTensorsTests` regenerates them); `make` checks
that Python's safetensors and torch load them with the expected values and metadata."""
import pathlib

import numpy as np
import safetensors.numpy
import torch
from safetensors import safe_open
from safetensors.torch import load_file, save_file

# The content of the Belamy-written files; SafeTensorsTests.belamyFixtureTensors must match.
BELAMY_TENSORS = {
    "layer.weight": ([2, 3], [0.5, -1.25, 3.0, 1e-3, -0.0, 65504.0]),
    "layer.bias": ([2], [0.1, -0.2]),
    "step": ([], [7.0]),
    "empty": ([0, 4], []),
}
BELAMY_METADATA = {"config": '{"hidden": 4}', "title": 'Portrait — ✓\n"quoted"\t\x01'}


def rounding_cases():
    """Float32 values whose conversion to float16 exercises every rounding path."""
    edge = [
        1 + 2**-11, 1 + 3 * 2**-11, -(1 + 2**-11),       # ties to even in the normal range
        65504.0, 65519.99, 65520.0, 1e6, -1e6,            # largest half, overflow to infinity
        2**-24, 2**-25, 1.5 * 2**-25, 3 * 2**-25,          # smallest subnormal and ties around it
        2**-14 - 2**-25, 2**-14, 1e-8, -1e-8, 0.0, -0.0,   # subnormal/normal border, underflow
        float("inf"), float("-inf"), 0.1, 1 / 3,
    ]
    generator = torch.Generator().manual_seed(0)
    scales = torch.tensor([1e-7, 1e-5, 1e-3, 1.0, 1e3, 6e4])
    random = torch.randn(256, generator=generator) * scales.repeat(256 // len(scales) + 1)[:256]
    return torch.cat([torch.tensor(edge, dtype=torch.float32), random.float()])


def write_python_files(out_dir: pathlib.Path):
    half_values = torch.tensor([0.0, -0.0, 1.0, -2.5, 65504.0, 2**-14, 2**-24, 3e-6,
                                float("inf"), float("-inf"), 0.1, 1 / 3]).half()
    bfloat_values = torch.tensor([0.0, 1.0, -3.140625, 1e30, -1e-30, float("inf")]).bfloat16()
    double_values = torch.tensor([1 / 3, -2.0, 1e-40, 1e39, 0.1, 16777217.0], dtype=torch.float64)
    rounding = rounding_cases()
    tensors = {
        "float32": torch.arange(6, dtype=torch.float32).reshape(2, 3) / 4 - 0.5,
        "float16": half_values,
        "float16_as_float32": half_values.float(),
        "bfloat16": bfloat_values,
        "bfloat16_as_float32": bfloat_values.float(),
        "float64": double_values,
        "float64_as_float32": double_values.float(),
        "rounding_source": rounding,
        "rounding_float16": rounding.half(),
        "scalar": torch.tensor(3.5),
        "empty": torch.zeros(0, 3),
    }
    # One metadata key per file: the reference writer orders metadata like a hash map, and only
    # with a single key are its bytes reproducible (and a target for Belamy's writer).
    save_file(tensors, out_dir / "safetensors_python_types.safetensors",
              metadata={"source": "fixtures_safetensors.py"})

    plain = {"weight": torch.tensor([[1.0, -2.0, 0.5], [0.25, 3.0, -0.125]]), "bias": torch.tensor([0.1, 0.2])}
    save_file(plain, out_dir / "safetensors_python_bytes_float32.safetensors", metadata={"format": "pt"})
    save_file({k: v.half() for k, v in plain.items()},
              out_dir / "safetensors_python_bytes_float16.safetensors", metadata={"format": "pt"})


def check_belamy_file(path: pathlib.Path, dtype: torch.dtype):
    if not path.exists():
        print(f"  {path.name} missing: run BELAMY_UPDATE_FIXTURES=1 swift test --filter SafeTensorsTests")
        return
    loaded = load_file(path)
    assert set(loaded) == set(BELAMY_TENSORS), sorted(loaded)
    for name, (shape, values) in BELAMY_TENSORS.items():
        expected = torch.tensor(values, dtype=torch.float32).reshape(shape).to(dtype)
        tensor = loaded[name]
        assert tensor.dtype == dtype and list(tensor.shape) == shape, (name, tensor.dtype, tensor.shape)
        # Bit-exact: Belamy's float16 rounding must agree with torch's.
        assert torch.equal(tensor.flatten().view(torch.uint8), expected.flatten().view(torch.uint8)), (name, tensor, expected)
    with safe_open(path, framework="pt") as handle:
        assert handle.metadata() == BELAMY_METADATA, handle.metadata()
    as_numpy = safetensors.numpy.load_file(path)
    assert np.array_equal(as_numpy["layer.weight"], loaded["layer.weight"].numpy())
    print(f"  {path.name}: loads in safetensors and torch, values and metadata exact")


def make(out_dir):
    out_dir = pathlib.Path(out_dir)
    write_python_files(out_dir)
    print("  wrote safetensors_python_*.safetensors")
    check_belamy_file(out_dir / "safetensors_belamy_float32.safetensors", torch.float32)
    check_belamy_file(out_dir / "safetensors_belamy_float16.safetensors", torch.float16)
