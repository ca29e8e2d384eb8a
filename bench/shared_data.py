"""What the shared data cache saves: K kernels that each load Fashion-MNIST and train simplecnn for
one epoch, side by side, with the cache (every kernel maps one decoded file) and without it
(CNN_KERNEL_DATA_CACHE=off: every kernel decodes and holds its own copy), for K = 1 and K = 10.

    .venv/bin/python bench/shared_data.py [--kernels 1 10] [--cnn BIN]

Prints, per kernel after the epoch: resident set size (RSS), proportional set size (PSS: a shared
page counts 1/n in each of the n processes mapping it), private memory (anonymous RSS) and the
peak RSS; and the sum of PSS over the K kernels (what they really cost the machine together).
"""
import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from benchkit import cpu_model, kernel_binary, private_kernelspec, start_kernel  # noqa: E402

CELLS = ["data fashion-mnist val=5000", "model net = simplecnn", "train epochs=1 batch=128 optimizer=adamw lr=1e-3"]


def memory(pid):
    out = {}
    for path, keys in ((f"/proc/{pid}/status", ("VmRSS", "VmHWM", "RssAnon")), (f"/proc/{pid}/smaps_rollup", ("Pss",))):
        for line in pathlib.Path(path).read_text().splitlines():
            key, _, value = line.partition(":")
            if key in keys:
                out[key] = int(value.split()[0]) / 1024
    return out


def run(k, cache):
    """K kernels at once; returns each kernel's memory after its epoch, all still running."""
    os.environ["CNN_KERNEL_DATA_CACHE"] = cache
    os.environ["CPU_LIMIT"] = "1" if k > 1 else "2"
    managers, clients = [], []
    try:
        for _ in range(k):
            km, kc = start_kernel()
            managers.append(km)
            clients.append(kc)
        failures = []

        def lesson(kc):
            for code in CELLS:
                reply = kc.execute_interactive(code, allow_stdin=False, timeout=3600, output_hook=lambda m: None)
                if reply["content"]["status"] != "ok":
                    failures.append(f"{code}: {reply['content']}")

        threads = [threading.Thread(target=lesson, args=(kc,)) for kc in clients]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if failures:
            raise RuntimeError("; ".join(failures))
        time.sleep(1)
        return [memory(km.provisioner.process.pid) for km in managers]
    finally:
        for kc in clients:
            kc.stop_channels()
        for km in managers:
            km.shutdown_kernel(now=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kernels", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--cnn", help="the kernel binary (default: .build/release/cnn-kernel)")
    args = parser.parse_args()
    binary = kernel_binary(args.cnn)
    private_kernelspec(binary, prefix="cnn-shared-data-")
    cache = tempfile.mkdtemp(prefix="cnn-data-cache-")
    # Filled before the class, as deploy/jupyterhub/start does.
    subprocess.run([binary, "cache-data", "--directory", cache], check=True, stdout=subprocess.DEVNULL)
    print(f"# {cpu_model()}, {os.cpu_count()} cores; each kernel: {' / '.join(CELLS)}")
    print("# MB per kernel after the epoch, all K kernels running: mean (min–max)")
    print(f"{'K':>3}  {'data':<14} {'RSS':>16} {'PSS':>16} {'private':>16} {'peak RSS':>16} {'PSS, all K':>11}")
    try:
        for k in args.kernels:
            for label, setting in (("own copy", "off"), ("shared cache", cache)):
                rows = run(k, setting)

                def cell(key):
                    values = [r[key] for r in rows]
                    return f"{statistics.mean(values):6.1f} ({min(values):.0f}–{max(values):.0f})"

                print(f"{k:>3}  {label:<14} {cell('VmRSS'):>16} {cell('Pss'):>16} {cell('RssAnon'):>16} {cell('VmHWM'):>16}"
                      f" {sum(r['Pss'] for r in rows):11.1f}", flush=True)
    finally:
        shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
