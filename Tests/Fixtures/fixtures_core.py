"""PyTorch parity fixtures for the element-wise core: linear (nn.Linear), matmul, the activations
(relu, leaky_relu 0.2, tanh, sigmoid, exact gelu), broadcasting arithmetic, concatenation and
the mean reduction.

Each file `core_<case>.safetensors` holds the inputs (`x`, and `weight`/`bias` or `y` where the
case has them), `output`, a fixed upstream gradient `grad_output`, and the gradient of every
input (`grad_<name>`). Values are drawn as float32 and the operations run in float64, so the
files hold the exact results rounded once."""
import torch
import torch.nn.functional as F
from safetensors.torch import save_file


def uniform(generator, *shape):
    return (torch.rand(shape, generator=generator) * 2 - 1).float().double()


def cases(generator):
    x = uniform(generator, 5, 7)
    yield "linear", {"x": x, "weight": uniform(generator, 3, 7), "bias": uniform(generator, 3)}, \
        lambda x, weight, bias: F.linear(x, weight, bias)
    yield "matmul", {"x": x, "y": uniform(generator, 7, 4)}, lambda x, y: x @ y
    for name, function in [("relu", F.relu), ("leaky_relu", lambda v: F.leaky_relu(v, 0.2)),
                           ("tanh", torch.tanh), ("sigmoid", torch.sigmoid), ("gelu", F.gelu)]:
        yield name, {"x": x * 3}, lambda x, function=function: function(x)
    row = uniform(generator, 7)
    yield "broadcast_arithmetic", {"x": x, "y": row.abs() + 0.5}, lambda x, y: (x + y) * y - x / y
    yield "concatenate", {"x": x, "y": uniform(generator, 5, 2)}, lambda x, y: torch.cat([x, y], dim=1)
    yield "mean", {"x": x}, lambda x: x.mean()


def make(out_dir):
    generator = torch.Generator().manual_seed(2018)
    for name, inputs, function in cases(generator):
        leaves = {key: value.clone().requires_grad_(True) for key, value in inputs.items()}
        output = function(**leaves)
        grad_output = uniform(generator, *output.shape)
        output.backward(grad_output)
        tensors = {key: value.float().contiguous() for key, value in inputs.items()}
        tensors["output"] = output.detach().float().contiguous()
        tensors["grad_output"] = grad_output.float().contiguous()
        for key, leaf in leaves.items():
            tensors[f"grad_{key}"] = leaf.grad.float().contiguous()
        save_file(tensors, out_dir / f"core_{name}.safetensors")
        print(f"  core_{name}")
