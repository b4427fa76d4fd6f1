"""PyTorch parity fixtures for the image operations: conv2d, conv_transpose2d, batch_norm
(training and evaluation, with the running statistics it updates) and nearest upsampling.

Every file `conv_<case>.safetensors` holds `input`, the module's tensors under their PyTorch
names (`weight`, `bias`, `running_mean`, `running_var`), `output`, a fixed upstream gradient
`grad_output`, and the gradients it produces (`grad_input`, `grad_weight`, `grad_bias`);
BatchNorm in training mode adds the updated `running_mean_after` and `running_var_after`.
The metadata key `settings` holds the operation's settings as one JSON object (a single key,
because the safetensors writer orders several keys differently from run to run). Values are drawn as float32 and the
operations run in float64, so the files hold the exact results rounded once."""
import json
import pathlib

import torch
import torch.nn.functional as F
from safetensors.torch import save_file


def uniform(generator, *shape):
    return (torch.rand(*shape, generator=generator) * 2 - 1).double()


def run(forward, tensors, generator):
    """Evaluates `forward` on the float64 leaves in `tensors`, backpropagates a random upstream
    gradient, and returns everything as float32 under the fixture names."""
    leaves = {name: t.clone().requires_grad_(True) for name, t in tensors.items()}
    output = forward(**leaves)
    grad_output = uniform(generator, *output.shape)
    output.backward(grad_output)
    result = {name: t.float() for name, t in tensors.items()}
    result["output"] = output.detach().float()
    result["grad_output"] = grad_output.float()
    for name, leaf in leaves.items():
        result[f"grad_{name}"] = leaf.grad.float()
    return result


def convolution_cases(generator):
    # name: (input shape, weight shape, bias?, stride, padding, output padding or None for conv2d)
    cases = {
        "conv2d_same": ([2, 3, 7, 6], [4, 3, 3, 3], True, 1, 1, None),
        "conv2d_dcgan": ([2, 3, 8, 8], [5, 3, 4, 4], False, 2, 1, None),
        "conv2d_strided_odd": ([3, 2, 9, 7], [3, 2, 3, 3], True, 3, 2, None),
        "conv_transpose2d_dcgan": ([2, 4, 3, 3], [4, 3, 4, 4], True, 2, 1, 0),
        "conv_transpose2d_output_padding": ([2, 3, 2, 3], [3, 2, 3, 3], True, 2, 1, 1),
        "conv_transpose2d_from_noise": ([2, 5, 1, 1], [5, 3, 4, 4], False, 1, 0, 0),
    }
    for name, (input_shape, weight_shape, has_bias, stride, padding, output_padding) in cases.items():
        tensors = {"input": uniform(generator, *input_shape), "weight": uniform(generator, *weight_shape)}
        if has_bias:
            out_channels = weight_shape[0] if output_padding is None else weight_shape[1]
            tensors["bias"] = uniform(generator, out_channels)
        if output_padding is None:
            def forward(input, weight, bias=None):
                return F.conv2d(input, weight, bias, stride=stride, padding=padding)
        else:
            def forward(input, weight, bias=None):
                return F.conv_transpose2d(input, weight, bias, stride=stride, padding=padding,
                                          output_padding=output_padding)
        settings = {"stride": stride, "padding": padding}
        if output_padding is not None:
            settings["output_padding"] = output_padding
        yield name, run(forward, tensors, generator), settings


def batch_norm_cases(generator):
    for name, shape, training in [("batch_norm2d_train", [4, 3, 5, 5], True),
                                  ("batch_norm2d_eval", [4, 3, 5, 5], False),
                                  ("batch_norm1d_train", [6, 4], True)]:
        channels = shape[1]
        # Shifted and scaled inputs, so normalisation has real work to do.
        tensors = {"input": uniform(generator, *shape) * 3 + 1.5,
                   "weight": uniform(generator, channels) + 1, "bias": uniform(generator, channels)}
        running_mean = uniform(generator, channels)
        running_var = uniform(generator, channels) + 1.5

        def forward(input, weight, bias):
            return F.batch_norm(input, running_mean, running_var, weight, bias,
                                training=training, momentum=0.1, eps=1e-5)

        before = {"running_mean": running_mean.float(), "running_var": running_var.float()}
        result = run(forward, tensors, generator)   # updates running_mean/var in place when training
        result.update(before)
        if training:
            result["running_mean_after"] = running_mean.float()
            result["running_var_after"] = running_var.float()
        yield name, result, {"training": training, "momentum": 0.1, "eps": 1e-5}


def upsample_cases(generator):
    for scale in [2, 3]:
        def forward(input):
            return F.interpolate(input, scale_factor=scale, mode="nearest")
        yield f"upsample_nearest_{scale}", run(forward, {"input": uniform(generator, 2, 2, 3, 4)}, generator), \
            {"scale": scale}


def make(out_dir):
    out_dir = pathlib.Path(out_dir)
    generator = torch.Generator().manual_seed(1234)
    for cases in (convolution_cases, batch_norm_cases, upsample_cases):
        for name, tensors, settings in cases(generator):
            tensors = {k: v.contiguous() for k, v in tensors.items()}
            save_file(tensors, out_dir / f"conv_{name}.safetensors",
                      metadata={"settings": json.dumps(settings, sort_keys=True)})
            print(f"  conv_{name}.safetensors: {', '.join(sorted(tensors))}")
