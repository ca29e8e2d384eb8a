"""What the benchmarks share: the kernel binary, a private kernelspec chosen before
jupyter_client looks anything up, and the CPU the figures were measured on."""

import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]


def kernel_binary(explicit=None):
    if explicit:
        return explicit
    for config in ("release", "debug"):
        candidate = ROOT / ".build" / config / "cnn-kernel"
        if candidate.exists():
            return str(candidate)
    sys.exit("build the kernel first (swift build -c release) or pass --cnn")


def private_kernelspec(binary, prefix="cnn-bench-"):
    """Installs the kernelspec `cnn` for `binary` in a fresh directory and points Jupyter's
    paths there (call before importing jupyter_client's managers)."""
    work = pathlib.Path(tempfile.mkdtemp(prefix=prefix))
    os.environ["JUPYTER_PATH"] = str(work / "share" / "jupyter")
    os.environ["JUPYTER_DATA_DIR"] = str(work / "data")
    os.environ["JUPYTER_RUNTIME_DIR"] = str(work / "runtime")
    subprocess.run([binary, "install", "--prefix", str(work), "--name", "cnn"], check=True, stdout=subprocess.DEVNULL)
    return work


def cpu_model():
    for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown CPU"


def start_kernel():
    """The private kernelspec's kernel, started and ready; returns (manager, client)."""
    from jupyter_client.manager import KernelManager

    km = KernelManager(kernel_name="cnn")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc


def run_cell(kc, code, timeout=600):
    """Runs `code`; returns the IOPub messages it caused, up to its idle (status excluded)."""
    msg_id = kc.execute(code)
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return outputs
        outputs.append(msg)
