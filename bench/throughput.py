"""Training throughput of the engine beside PyTorch, in one run, the two alternating per model.

For each configuration (batch × threads) and model, `cnn-kernel bench` and
../shared/bench/torch_bench.py (PyTorch eager in its faster channels-last layout, as perf.md
measures it) run one after the other, `--rounds` times (ours, PyTorch, ours, PyTorch, …), with
the same batch, threads, warm-up, steps and blocks. The machine is shared and drifts over
minutes, so each figure is the median of all timed blocks of all rounds, and the ratio compares
numbers measured within the same minute or two.

    python3 bench/throughput.py --torch-python /tmp/torch-venv/bin/python \\
        [--models all] [--configs 128x2,32x2,128x1,32x1] [--rounds 2] [--out bench/results/throughput-DATE.txt]

The report starts with the CPU (model name, ISA, cores, as `lscpu` and /proc/cpuinfo say) and
the PyTorch version, and ends with the share of the CPU's float32 peak each model reaches.
PyTorch is not a project dependency: install a CPU build in a separate environment
(python3 -m venv /tmp/torch-venv && /tmp/torch-venv/bin/pip install torch numpy).
"""

import argparse
import datetime
import json
import os
import pathlib
import statistics
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
TORCH_BENCH = ROOT.parent / "shared" / "bench" / "torch_bench.py"
TORCH_NAMES = {"simplecnn": "smallcnn"}
ALL_MODELS = "simplecnn,resnet,preactresnet,googlenet,densenet"


def cpu_description():
    """Model name, the widest vector ISA, and cores, from /proc/cpuinfo (what lscpu reads)."""
    info = pathlib.Path("/proc/cpuinfo").read_text()
    name = next((l.split(":", 1)[1].strip() for l in info.splitlines() if l.startswith("model name")), "unknown CPU")
    flags = set(next((l.split(":", 1)[1].split() for l in info.splitlines() if l.startswith("flags")), []))
    isa = ("AVX-512" + (" + AMX" if "amx_tile" in flags else "") if "avx512f" in flags
           else "AVX2 + FMA" if {"avx2", "fma"} <= flags else "SSE/other")
    return name, isa, os.cpu_count(), flags


def peak_gflops(flags, threads, ghz):
    """FP32 peak: 2 FMA units × lanes × 2 FLOP per FMA × GHz per core (perf.md's measured 165
    GFLOP/s per core at about 2.6 GHz fits 2 × 16 × 2 × 2.6 ≈ 166 for AVX-512)."""
    lanes = 16 if "avx512f" in flags else 8
    return 2 * lanes * 2 * ghz * threads


def run_json(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"failed ({out.returncode}): {' '.join(cmd)}\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--torch-python", required=True)
    ap.add_argument("--torch-bench", default=str(TORCH_BENCH))
    ap.add_argument("--cnn", default=str(ROOT / ".build" / "release" / "cnn-kernel"))
    ap.add_argument("--models", default=ALL_MODELS)
    ap.add_argument("--configs", default="128x2,32x2,128x1,32x1", help="batch×threads pairs")
    ap.add_argument("--rounds", type=int, default=2, help="times each engine runs per model, alternating")
    ap.add_argument("--mode", default="train")
    ap.add_argument("--steps", type=int, default=5)
    ap.add_argument("--repeats", type=int, default=3, help="timed blocks per round")
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--min-block-s", type=float, default=1.5)
    ap.add_argument("--ghz", type=float, default=2.6, help="clock for the peak estimate")
    ap.add_argument("--out", help="also write the report to this file")
    a = ap.parse_args()
    models = ALL_MODELS.split(",") if a.models == "all" else a.models.split(",")

    name, isa, cores, flags = cpu_description()
    lines = []

    def say(s=""):
        print(s, flush=True)
        lines.append(s)

    torch_version = subprocess.run([a.torch_python, "-c", "import torch; print(torch.__version__)"],
                                   capture_output=True, text=True).stdout.strip()
    say(f"# bench/throughput.py, {datetime.date.today()}: {' '.join(sys.argv[1:])}")
    say(f"# CPU: {name}, {isa}, {cores} cores; PyTorch {torch_version} eager, channels-last")
    say(f"# {a.mode}; each engine {a.rounds}× per model, alternating, {a.repeats} blocks of ≥{a.min_block_s} s per round; "
        "figures are medians of all blocks")
    for config in a.configs.split(","):
        batch, threads = (int(v) for v in config.split("x"))
        say(f"\n## batch {batch}, {threads} thread{'s' if threads > 1 else ''}")
        common = ["--batch", str(batch), "--threads", str(threads), "--mode", a.mode, "--steps", str(a.steps),
                  "--repeats", str(a.repeats), "--warmup", str(a.warmup), "--min-block-s", str(a.min_block_s), "--json"]
        for m in models:
            ours, theirs, macs = [], [], 0
            for _ in range(a.rounds):
                o = run_json([a.cnn, "bench", "--model", m] + common)
                ours += o["img_s"].get("all", [o["img_s"]["median"]])
                macs = o["fwd_macs_per_img"]
                t = run_json([a.torch_python, a.torch_bench, "--model", TORCH_NAMES.get(m, m), "--channels-last"] + common)
                theirs += t["img_s"].get("all", [t["img_s"]["median"]])
            mo, mt = statistics.median(ours), statistics.median(theirs)
            # A training step is about 3 forward passes (forward, backward data, backward weights): 6 FLOP per multiply-add.
            flop = 6 * macs if a.mode == "train" else 2 * macs
            ours_share, their_share = (rate * flop / 1e9 / peak_gflops(flags, threads, a.ghz) for rate in (mo, mt))
            say(f"{m:<13} cnn-kernel {mo:9.1f} img/s   PyTorch {mt:9.1f} img/s   ratio {mo / mt:5.2f}   "
                f"peak share {100 * ours_share:4.1f}% (PyTorch {100 * their_share:4.1f}%)")
    say(f"\n# peak: {peak_gflops(flags, 1, a.ghz):.0f} GFLOP/s per core assumed ({a.ghz} GHz, "
        f"{16 if 'avx512f' in flags else 8} float lanes, 2 FMA units); training FLOP = 6 × forward multiply-adds")
    if a.out:
        pathlib.Path(a.out).write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
