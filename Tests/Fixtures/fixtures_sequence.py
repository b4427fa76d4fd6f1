"""PyTorch parity fixtures for the sequence-model operations: embedding, a 2-layer nn.LSTM with
an initial state, layer_norm, softmax and log_softmax, cross_entropy with ignore_index, and
binary_cross_entropy_with_logits.

Every file `sequence_<case>.safetensors` holds the inputs, the module's tensors under their
PyTorch names (`weight`, `weight_ih_l0`, ...), `output`, a fixed upstream gradient `grad_output`,
and the gradients it produces (`grad_<input name>`). Integer inputs (token indices, class
targets) are stored as float32, which holds them exactly. The LSTM also returns its final state:
`h_n` and `c_n` with upstream gradients `grad_h_n` and `grad_c_n`. The metadata key `settings`
holds the operation's settings as one JSON object. Values are drawn as float32 and the
operations run in float64, so the files hold the exact results rounded once."""
import json
import pathlib

import torch
import torch.nn.functional as F
from safetensors.torch import save_file


def uniform(generator, *shape, scale=1.0):
    return ((torch.rand(shape, generator=generator) * 2 - 1) * scale).float().double()


def run(forward, tensors, constants, generator):
    """Evaluates `forward` on the float64 leaves in `tensors` (and the untracked `constants`),
    backpropagates a random upstream gradient, and returns everything as float32."""
    leaves = {name: t.clone().requires_grad_(True) for name, t in tensors.items()}
    output = forward(**leaves, **constants)
    grad_output = uniform(generator, *output.shape)
    output.backward(grad_output)
    result = {name: t.float() for name, t in {**tensors, **constants}.items()}
    result["output"] = output.detach().float()
    result["grad_output"] = grad_output.float()
    for name, leaf in leaves.items():
        result[f"grad_{name}"] = leaf.grad.float()
    return result


def embedding_case(generator):
    indices = torch.tensor([[3, 0], [6, 3], [3, 1]])   # index 3 three times: its gradient sums
    tensors = {"weight": uniform(generator, 7, 4)}
    result = run(lambda weight, indices: F.embedding(indices, weight), tensors, {"indices": indices}, generator)
    yield "embedding", result, {}


def lstm_case(generator):
    steps, batch, input_size, hidden, layers = 4, 3, 5, 12, 2   # hidden 12: a vector of 8 plus a tail
    lstm = torch.nn.LSTM(input_size, hidden, num_layers=layers).double()
    with torch.no_grad():
        for parameter in lstm.parameters():
            parameter.copy_(uniform(generator, *parameter.shape, scale=0.5))
    x = uniform(generator, steps, batch, input_size).requires_grad_(True)
    h0 = uniform(generator, layers, batch, hidden).requires_grad_(True)
    c0 = uniform(generator, layers, batch, hidden).requires_grad_(True)
    output, (h_n, c_n) = lstm(x, (h0, c0))
    upstream = {"grad_output": uniform(generator, *output.shape), "grad_h_n": uniform(generator, *h_n.shape),
                "grad_c_n": uniform(generator, *c_n.shape)}
    torch.autograd.backward([output, h_n, c_n], [upstream["grad_output"], upstream["grad_h_n"], upstream["grad_c_n"]])
    result = {"input": x, "h0": h0, "c0": c0, "output": output, "h_n": h_n, "c_n": c_n, **upstream,
              "grad_input": x.grad, "grad_h0": h0.grad, "grad_c0": c0.grad}
    for name, parameter in lstm.named_parameters():
        result[name] = parameter
        result[f"grad_{name}"] = parameter.grad
    result = {name: t.detach().float() for name, t in result.items()}
    yield "lstm", result, {"hidden_size": hidden, "num_layers": layers}


def layer_norm_case(generator):
    tensors = {"input": uniform(generator, 3, 4, 10, scale=3) + 1, "weight": uniform(generator, 10) + 1,
               "bias": uniform(generator, 10)}
    result = run(lambda input, weight, bias: F.layer_norm(input, [10], weight, bias, eps=1e-5), tensors, {}, generator)
    yield "layer_norm", result, {"eps": 1e-5}


def softmax_cases(generator):
    for name, function in [("softmax", F.softmax), ("log_softmax", F.log_softmax)]:
        tensors = {"input": uniform(generator, 2, 4, 11, scale=4)}
        yield name, run(lambda input: function(input, dim=-1), tensors, {}, generator), {"dim": -1}


def loss_cases(generator):
    targets = torch.tensor([2, -100, 10, 0, 7, -100])
    tensors = {"input": uniform(generator, 6, 11, scale=3)}
    result = run(lambda input, target: F.cross_entropy(input, target, ignore_index=-100), tensors,
                 {"target": targets}, generator)
    yield "cross_entropy", result, {"ignore_index": -100}

    labels = torch.tensor([[1.0, 0.0, 0.9, 0.1, 0.5]] * 4, dtype=torch.float64)
    tensors = {"input": uniform(generator, 4, 5, scale=6)}
    result = run(lambda input, target: F.binary_cross_entropy_with_logits(input, target), tensors,
                 {"target": labels}, generator)
    yield "bce_with_logits", result, {}


def make(out_dir):
    out_dir = pathlib.Path(out_dir)
    generator = torch.Generator().manual_seed(2024)
    for cases in (embedding_case, lstm_case, layer_norm_case, softmax_cases, loss_cases):
        for name, tensors, settings in cases(generator):
            tensors = {k: v.float().contiguous() for k, v in tensors.items()}
            save_file(tensors, out_dir / f"sequence_{name}.safetensors",
                      metadata={"settings": json.dumps(settings, sort_keys=True)})
            print(f"  sequence_{name}.safetensors: {', '.join(sorted(tensors))}")
