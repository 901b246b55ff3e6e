"""A small, real training run to measure: a two-layer MLP learns y = sin(3 x1) + x2^2 from noisy samples.

Uses PyTorch on the CPU when it is installed, else the same network in numpy (hand-written backprop, Adam).

    footprint run --name tiny --region FR --interval 2 -- python examples/train_tiny.py

Options: --epochs N (default 60), --hidden H (default 64), --samples S (default 10000), --numpy (force the
numpy version), --seed.
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np


def data(n: int, seed: int):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, size=(n, 2)).astype(np.float32)
    y = (np.sin(3 * x[:, 0]) + x[:, 1] ** 2 + rng.normal(0, 0.05, n)).astype(np.float32)[:, None]
    return x, y


def train_torch(x, y, epochs: int, hidden: int, seed: int, batch: int = 256) -> float:
    import torch

    torch.manual_seed(seed)
    torch.set_num_threads(1)  # a network this small only loses time synchronising threads
    model = torch.nn.Sequential(torch.nn.Linear(2, hidden), torch.nn.Tanh(), torch.nn.Linear(hidden, hidden),
                                torch.nn.Tanh(), torch.nn.Linear(hidden, 1))
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    loss = torch.tensor(0.0)
    for epoch in range(epochs):
        perm = torch.randperm(len(xt))
        for i in range(0, len(xt), batch):
            idx = perm[i:i + batch]
            opt.zero_grad()
            loss = torch.nn.functional.mse_loss(model(xt[idx]), yt[idx])
            loss.backward()
            opt.step()
        if epoch % 10 == 0 or epoch == epochs - 1:
            print(f"epoch {epoch:3d}  loss {loss.item():.5f}", flush=True)
    return float(loss.item())


def train_numpy(x, y, epochs: int, hidden: int, seed: int, batch: int = 256) -> float:
    rng = np.random.default_rng(seed)
    shapes = [(2, hidden), (hidden,), (hidden, hidden), (hidden,), (hidden, 1), (1,)]
    params = [rng.normal(0, 1 / np.sqrt(s[0]), s).astype(np.float32) if len(s) == 2 else np.zeros(s, np.float32)
              for s in shapes]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    lr, b1, b2, t, loss = 2e-3, 0.9, 0.999, 0, 0.0
    for epoch in range(epochs):
        perm = rng.permutation(len(x))
        for i in range(0, len(x), batch):
            xb, yb = x[perm[i:i + batch]], y[perm[i:i + batch]]
            w1, c1, w2, c2, w3, c3 = params
            h1 = np.tanh(xb @ w1 + c1)
            h2 = np.tanh(h1 @ w2 + c2)
            out = h2 @ w3 + c3
            err = out - yb
            loss = float((err ** 2).mean())
            d_out = 2 * err / len(xb)
            d_h2 = (d_out @ w3.T) * (1 - h2 ** 2)
            d_h1 = (d_h2 @ w2.T) * (1 - h1 ** 2)
            grads = [xb.T @ d_h1, d_h1.sum(0), h1.T @ d_h2, d_h2.sum(0), h2.T @ d_out, d_out.sum(0)]
            t += 1
            for k, g in enumerate(grads):
                m[k] = b1 * m[k] + (1 - b1) * g
                v[k] = b2 * v[k] + (1 - b2) * g * g
                params[k] -= lr * (m[k] / (1 - b1 ** t)) / (np.sqrt(v[k] / (1 - b2 ** t)) + 1e-8)
        if epoch % 10 == 0 or epoch == epochs - 1:
            print(f"epoch {epoch:3d}  loss {loss:.5f}", flush=True)
    return loss


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=60)
    ap.add_argument("--hidden", type=int, default=64)
    ap.add_argument("--samples", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--numpy", action="store_true", help="use the numpy version even when torch is installed")
    a = ap.parse_args(argv)
    x, y = data(a.samples, a.seed)
    engine = "numpy"
    if not a.numpy:
        try:
            import torch  # noqa: F401

            engine = "torch"
        except ImportError:
            pass
    print(f"training a {a.hidden}-unit MLP on {a.samples} samples for {a.epochs} epochs with {engine}", flush=True)
    t0 = time.perf_counter()
    loss = (train_torch if engine == "torch" else train_numpy)(x, y, a.epochs, a.hidden, a.seed)
    print(f"done in {time.perf_counter() - t0:.1f} s, final loss {loss:.5f}", flush=True)
    return 0 if loss < 0.1 else 1


if __name__ == "__main__":
    sys.exit(main())
