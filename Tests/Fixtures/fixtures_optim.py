"""Optimizer parity fixtures: torch.optim.Adam, AdamW and SGD (plain, momentum, Nesterov) run
for five steps on fixed parameters and gradients, and torch.nn.utils.clip_grad_norm_.

optim.safetensors holds:
  param.<i>                   initial parameters (i = 0: [3, 4], i = 1: [5])
  grad.step<k>.<i>            the gradient given at step k (none for parameter 1 at step 2,
                              to exercise skipping a parameter without a gradient)
  <config>.step<k>.<i>        parameter i after step k
  <config>.<slot>.<i>         the optimizer's final per-parameter state (exp_avg, …)
  clip.grad.<i>, clip.clipped.<i>, clip.norm   gradients before/after clipping to norm 1, and the norm
The learning rate changes every step (base × LR_SCALES[k]) to check that setting it takes effect."""
import pathlib

import torch
from safetensors.torch import save_file

STEPS = 5
LR_SCALES = [1.0, 2.0, 1.5, 0.5, 1.0]
CONFIGS = {
    "adam": (torch.optim.Adam, dict(lr=0.01, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.1)),
    "adamw": (torch.optim.AdamW, dict(lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)),
    "sgd": (torch.optim.SGD, dict(lr=0.1)),
    "sgd_momentum": (torch.optim.SGD, dict(lr=0.1, momentum=0.9, weight_decay=0.01)),
    "sgd_nesterov": (torch.optim.SGD, dict(lr=0.1, momentum=0.9, nesterov=True)),
}


def make(out_dir):
    generator = torch.Generator().manual_seed(0)
    initial = [torch.randn(3, 4, generator=generator), torch.randn(5, generator=generator)]
    grads = [[torch.randn(p.shape, generator=generator) for p in initial] for _ in range(STEPS)]
    grads[2][1] = None
    tensors = {f"param.{i}": p.clone() for i, p in enumerate(initial)}
    for k, step_grads in enumerate(grads):
        for i, g in enumerate(step_grads):
            if g is not None:
                tensors[f"grad.step{k}.{i}"] = g.clone()

    for name, (optimizer_class, options) in CONFIGS.items():
        params = [p.clone().requires_grad_(True) for p in initial]
        optimizer = optimizer_class(params, **options)
        for k in range(STEPS):
            for p, g in zip(params, grads[k]):
                p.grad = None if g is None else g.clone()
            optimizer.param_groups[0]["lr"] = options["lr"] * LR_SCALES[k]
            optimizer.step()
            for i, p in enumerate(params):
                tensors[f"{name}.step{k}.{i}"] = p.detach().clone()
        for i, p in enumerate(params):
            for slot, value in optimizer.state[p].items():
                if slot != "step":
                    tensors[f"{name}.{slot}.{i}"] = value.clone()

    clip_grads = [3 * torch.randn(3, 4, generator=generator), 3 * torch.randn(5, generator=generator)]
    params = [torch.zeros_like(g, requires_grad=True) for g in clip_grads]
    for p, g in zip(params, clip_grads):
        p.grad = g.clone()
    norm = torch.nn.utils.clip_grad_norm_(params, max_norm=1.0)
    for i, (g, p) in enumerate(zip(clip_grads, params)):
        tensors[f"clip.grad.{i}"] = g
        tensors[f"clip.clipped.{i}"] = p.grad.clone()
    tensors["clip.norm"] = norm.detach().reshape(())

    path = pathlib.Path(out_dir) / "optim.safetensors"
    save_file({k: v.contiguous() for k, v in tensors.items()}, path)
    print(f"  wrote {path.name} ({len(tensors)} tensors)")
