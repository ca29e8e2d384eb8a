"""Soak benchmark: runs notebook 2 (a first CNN) in quick mode again and again in ONE kernel and
prints, after each run, the kernel's resident memory (VmRSS), its peak (VmHWM), its address
space (VmSize) and what its tensors hold (from the `memory` command). A kernel that keeps something of every run (a cache
without bound, a model nobody frees, a display's history) shows a rising RSS; a sound one
levels off after the first runs have warmed the allocator and oneDNN's primitive caches.

    .venv/bin/python bench/soak.py [--runs 20] [--notebook notebooks/2-a-first-cnn.ipynb] [--cnn BIN]

Not a test: it prints figures (and the CPU they were measured on) for the issue notes.
"""

import argparse
import json
import os
import pathlib
import re
import sys
import time

from benchkit import ROOT, cpu_model, kernel_binary, private_kernelspec, run_cell, start_kernel


def status_kb(pid, field):
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--notebook", default=str(ROOT / "notebooks" / "2-a-first-cnn.ipynb"))
    parser.add_argument("--cnn", default=None, help="the cnn-kernel binary")
    args = parser.parse_args()

    # Quick mode, and a private kernelspec, chosen before jupyter_client looks anything up.
    os.environ["CNN_KERNEL_QUICK"] = "1"
    binary = kernel_binary(args.cnn)
    private_kernelspec(binary, prefix="cnn-soak-")

    cells = ["".join(c["source"]) for c in json.loads(pathlib.Path(args.notebook).read_text())["cells"] if c["cell_type"] == "code"]
    km, kc = start_kernel()
    pid = km.provisioner.process.pid

    def run(code):
        return run_cell(kc, code)

    def tensors_mb():
        for m in run("memory"):
            if m["msg_type"] == "display_data":
                text = m["content"]["data"]["text/plain"]
                found = re.search(r"held by tensors\s+([0-9.]+) (bytes|KB|MB|GB)", text)
                if found:
                    scale = {"bytes": 1 / 2**20, "KB": 1 / 1024, "MB": 1, "GB": 1024}[found.group(2)]
                    return float(found.group(1)) * scale
        return float("nan")

    print(f"# soak: {pathlib.Path(args.notebook).name} in quick mode, {args.runs} runs in one kernel")
    print(f"# CPU: {cpu_model()}, {os.cpu_count()} cores; kernel: {binary}")
    print(f"# before: RSS {status_kb(pid, 'VmRSS') / 1024:.0f} MB")
    print(f"{'run':>4}  {'seconds':>7}  {'RSS MB':>7}  {'peak MB':>7}  {'size MB':>7}  {'tensors MB':>10}  errors")
    rss = []
    try:
        for i in range(1, args.runs + 1):
            t0 = time.monotonic()
            errors = 0
            for code in cells:
                errors += sum(1 for m in run(code) if m["msg_type"] == "error")
            seconds = time.monotonic() - t0
            held = tensors_mb()
            rss.append(status_kb(pid, "VmRSS") / 1024)
            print(f"{i:>4}  {seconds:>7.1f}  {rss[-1]:>7.0f}  {status_kb(pid, 'VmHWM') / 1024:>7.0f}  "
                  f"{status_kb(pid, 'VmSize') / 1024:>7.0f}  {held:>10.1f}  {errors}", flush=True)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    if len(rss) >= 4:
        settled = rss[2:]
        growth = (settled[-1] - settled[0]) / (len(settled) - 1)
        print(f"# RSS from run 3 to run {len(rss)}: {settled[0]:.0f} → {settled[-1]:.0f} MB, "
              f"{growth:+.1f} MB per run (min {min(settled):.0f}, max {max(settled):.0f})")


if __name__ == "__main__":
    main()
