"""Helpers for the cnn kernel's own protocol tests: start kernels with jupyter_client,
run code and collect what IOPub says about it; drive `jupyter console` in a terminal."""

import contextlib
import os
import pathlib
import sys
import time

from jupyter_client.manager import KernelManager


@contextlib.contextmanager
def running_kernel(name="cnn"):
    km = KernelManager(kernel_name=name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=30)
        yield km, kc
    finally:
        kc.stop_channels()
        if km.is_alive():
            km.shutdown_kernel(now=False)


def collect_until_idle(kc, msg_id, timeout=30.0):
    """IOPub messages whose parent is msg_id, up to and including status idle."""
    out = []
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"no idle for {msg_id} within {timeout} s; saw {[m['msg_type'] for m in out]}"
        msg = kc.get_iopub_msg(timeout=remaining)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        out.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return out


def execute(kc, code, timeout=30.0, **kwargs):
    """Runs code; returns (reply, iopub messages other than status and execute_input)."""
    # A test client answers no input_request: it is headless, as nbclient is (jupyter_client's
    # default, stdin allowed and no cell id, is what the kernel takes for a person at a console).
    kwargs.setdefault("allow_stdin", False)
    msg_id = kc.execute(code, **kwargs)
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    iopub = collect_until_idle(kc, msg_id, timeout)
    outputs = [m for m in iopub if m["msg_type"] not in ("status", "execute_input")]
    return reply, outputs


def stdout_of(outputs):
    return "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")


@contextlib.contextmanager
def jupyter_console(timeout=30):
    """`jupyter console` on the cnn kernel in a pseudo-terminal (pexpect), at its first prompt;
    it is closed afterwards whatever happened."""
    import pexpect

    jupyter = pathlib.Path(sys.executable).parent / "jupyter"
    child = pexpect.spawn(str(jupyter), ["console", "--kernel", "cnn", "--simple-prompt"],
                          env=dict(os.environ), encoding="utf-8", timeout=timeout)
    try:
        child.expect(r"In \[1\]: ")
        yield child
    finally:
        child.close(force=True)
