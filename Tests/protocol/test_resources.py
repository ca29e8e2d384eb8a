"""The kernel under a hard memory limit (`prlimit --as`), as a hostile or unlucky learner meets
it: cells that would need more memory than the limit leaves are refused with a MemoryError (or,
for a layer, an error at its line) before they allocate, and the kernel keeps its data, its
models and its training history and goes on answering."""

import json
import shutil

from conftest import PREFIX
from kernel_helpers import execute, running_kernel, stdout_of

LIMIT = 2_500_000_000  # bytes of address space; the kernel starts with about 300 MB of it


def install_limited_kernelspec():
    """The cnn kernelspec, started through prlimit (which sets the limit and execs the kernel,
    so the kernel keeps the PID that interrupts and shutdown signal)."""
    source = PREFIX / "share" / "jupyter" / "kernels" / "cnn" / "kernel.json"
    target = PREFIX / "share" / "jupyter" / "kernels" / "cnn_limited"
    target.mkdir(parents=True, exist_ok=True)
    spec = json.loads(source.read_text())
    spec["argv"] = [shutil.which("prlimit"), f"--as={LIMIT}", *spec["argv"]]
    spec["display_name"] = "CNN (2.5 GB address space)"
    (target / "kernel.json").write_text(json.dumps(spec))


def error_of(outputs):
    errors = [m["content"] for m in outputs if m["msg_type"] == "error"]
    assert len(errors) == 1, outputs
    return errors[0]


HOSTILE = [
    # A batch far past what fits: refused at batch=, with the largest batch that fits.
    ("train batch=65536 limit=1", "MemoryError", "use a smaller batch (at most"),
    # Four minutes and 10 GB of synthetic images before this budget.
    ("data shapes n=200000 size=128 channels=3", "MemoryError", "making 233,333 images of 3×128×128 needs 20 GB"),
    # Twenty layers of 288 MB each: refused at the layer that no longer fits.
    ("model w input=[3, 32, 32]\n  repeat 20\n    conv 2048 kernel=3 pad=1\n  end\n  gap\n  linear 10\nend",
     "ValueError", "conv with 37,748,736 weights needs 288 MB"),
    # A hundred million layers.
    ("model big input=[1, 8, 8]\n  repeat 10000\n    repeat 10000\n      relu\n    end\n  end\n  flatten\n  linear 10\nend",
     "ValueError", "more than 100,000 layers"),
    # Few weights, but 64 MB of activations per image: evaluating 256 images at once would not fit.
    ("evaluate model=wide", "MemoryError", "evaluating on wide at batch 100 needs"),
    ("train model=wide batch=64 limit=1", "MemoryError", "training wide at batch 64 needs"),
]


def test_hostile_cells_under_a_memory_limit_are_refused_and_the_session_survives():
    install_limited_kernelspec()
    with running_kernel("cnn_limited") as (km, kc):
        reply, outputs = execute(kc, "memory")
        assert reply["content"]["status"] == "ok", outputs
        shown = outputs[0]["content"]["data"]["text/plain"]
        assert "address-space limit (ulimit -v)" in shown, shown

        setup = ("data shapes n=600 size=16\n"
                 "model wide input=[1, 16, 16]\n  conv 65536 kernel=1\n  gap\n  linear 10\nend\n"
                 "model m input=[1, 16, 16]\n  conv 8 pad=1\n  relu\n  maxpool 2\n  flatten\n  linear 10\nend\n"
                 "train limit=3 batch=32")
        reply, outputs = execute(kc, setup, timeout=60)
        assert reply["content"]["status"] == "ok", outputs

        for code, ename, text in HOSTILE:
            reply, outputs = execute(kc, code, timeout=60)
            assert reply["content"]["status"] == "error", (code, outputs)
            error = error_of(outputs)
            assert error["ename"] == ename, (code, error)
            assert text in error["evalue"], (code, error["evalue"])
            assert km.is_alive(), code
            # The session answers after every refusal.
            reply, outputs = execute(kc, "params m")
            assert reply["content"]["status"] == "ok", outputs

        # The data, the model and its history are what they were; training goes on from there.
        reply, outputs = execute(kc, "use m\ntrain limit=2 batch=32\nevaluate", timeout=60)
        assert reply["content"]["status"] == "ok", outputs
        assert "batch 2/2" in stdout_of(outputs) or any(m["msg_type"] == "display_data" for m in outputs), outputs
        reply, outputs = execute(kc, "memory")
        table = outputs[0]["content"]["data"]["text/plain"]
        assert "held by the data" in table and "m: largest batch that fits" in table, table
        assert km.is_alive()
