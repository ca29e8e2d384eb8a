"""Training throughput of the engine beside PyTorch, in one run, interleaved per model.

For each model: `cnn-kernel bench` and ../shared/bench/torch_bench.py (PyTorch in its faster
channels-last layout, as perf.md measures it) are run one after the other with the same
batch, threads, warm-up, steps and repeats, and the median images/s and their ratio printed.

    python3 bench/throughput.py --torch-python /tmp/torch-venv/bin/python [--models all] [--batch 128] [--threads 2]

PyTorch is not a project dependency: install a CPU build in a separate environment
(python3 -m venv /tmp/torch-venv && /tmp/torch-venv/bin/pip install torch numpy).
"""

import argparse
import json
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[1]
TORCH_BENCH = ROOT.parent / "shared" / "bench" / "torch_bench.py"
TORCH_NAMES = {"simplecnn": "smallcnn"}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--torch-python", required=True)
    ap.add_argument("--torch-bench", default=str(TORCH_BENCH))
    ap.add_argument("--cnn", default=str(ROOT / ".build" / "release" / "cnn-kernel"))
    ap.add_argument("--models", default="simplecnn,resnet,preactresnet,googlenet,densenet")
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--mode", default="train")
    ap.add_argument("--steps", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--min-block-s", type=float, default=2.0)
    a = ap.parse_args()

    common = ["--batch", str(a.batch), "--threads", str(a.threads), "--mode", a.mode, "--steps", str(a.steps),
              "--repeats", str(a.repeats), "--warmup", str(a.warmup), "--min-block-s", str(a.min_block_s), "--json"]
    for m in a.models.split(","):
        ours = json.loads(subprocess.run([a.cnn, "bench", "--model", m] + common, capture_output=True, text=True, check=True).stdout.splitlines()[-1])
        torch = json.loads(subprocess.run([a.torch_python, a.torch_bench, "--model", TORCH_NAMES.get(m, m), "--channels-last"] + common,
                                          capture_output=True, text=True, check=True).stdout.splitlines()[-1])
        o, t = ours["img_s"]["median"], torch["img_s"]["median"]
        print(f"{m:<13} cnn-kernel {o:9.1f} img/s   PyTorch (channels-last) {t:9.1f} img/s   ratio {o / t:5.2f}", flush=True)
    print(f"\n{a.mode}, batch {a.batch}, {a.threads} threads; medians of {a.repeats} blocks of ≥{a.min_block_s} s each, interleaved per model")


if __name__ == "__main__":
    main()
