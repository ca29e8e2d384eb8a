"""Shared set-up for the protocol tests: a built kernel binary, kernelspecs in a private
prefix, and a private Jupyter data directory (history), all chosen before jupyter_client
looks anything up."""

import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]


def kernel_binary() -> str:
    explicit = os.environ.get("CNN_KERNEL_BIN")
    if explicit:
        return explicit
    for config in ("release", "debug"):
        candidate = ROOT / ".build" / config / "cnn-kernel"
        if candidate.exists():
            return str(candidate)
    raise RuntimeError("build the kernel first (swift build) or set CNN_KERNEL_BIN")


BIN = kernel_binary()
_WORK = pathlib.Path(tempfile.mkdtemp(prefix="cnn-protocol-"))
PREFIX = _WORK / "prefix"
DATA_DIR = _WORK / "data"
DATA_DIR.mkdir(parents=True)

os.environ["JUPYTER_PATH"] = str(PREFIX / "share" / "jupyter")
os.environ["JUPYTER_DATA_DIR"] = str(DATA_DIR)
os.environ["JUPYTER_RUNTIME_DIR"] = str(_WORK / "runtime")
os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
os.environ.setdefault("JUPYTER_CONFIG_DIR", str(_WORK / "config"))

for name, mode in (("cnn", "signal"), ("cnn_message", "message")):
    subprocess.run(
        [BIN, "install", "--prefix", str(PREFIX), "--name", name, "--interrupt-mode", mode, "--language", "en",
         "--display-name", f"CNN ({mode} interrupts)"],
        check=True, stdout=subprocess.DEVNULL,
    )

# The Portuguese kernelspec, as `tools/setup` installs it.
subprocess.run(
    [BIN, "install", "--prefix", str(PREFIX), "--name", "cnn-pt", "--language", "pt-BR",
     "--display-name", "CNN (Swift, português)"],
    check=True, stdout=subprocess.DEVNULL,
)
