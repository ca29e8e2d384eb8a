"""Kernel latency benchmark: this kernel against ipykernel, in one run, interleaved.

Prints, for each kernel:
  start   median time from process start (Popen) to the kernel_info_reply
  rtt     median time of a no-op execute_request, from sending it until status idle

Both are measured with the same client code (jupyter_client's Session over pyzmq sockets
with a 1 ms reconnect interval, so the client never sleeps 100 ms waiting to reconnect).

    .venv/bin/python bench/latency.py [--starts 15] [--executes 300] [--cnn BIN]
"""

import argparse
import json
import os
import pathlib
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid

import zmq
from benchkit import private_kernelspec
from jupyter_client.session import Session

ROOT = pathlib.Path(__file__).resolve().parents[1]


def free_ports(n):
    socks = [socket.socket() for _ in range(n)]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


class Launch:
    """A kernel process with connected shell and iopub sockets."""

    def __init__(self, argv_template, ctx, env=None):
        ports = free_ports(5)
        self.key = uuid.uuid4().hex
        info = dict(transport="tcp", ip="127.0.0.1", shell_port=ports[0], iopub_port=ports[1],
                    stdin_port=ports[2], control_port=ports[3], hb_port=ports[4], key=self.key,
                    signature_scheme="hmac-sha256", kernel_name="bench")
        fd, self.path = tempfile.mkstemp(suffix=".json")
        with os.fdopen(fd, "w") as f:
            json.dump(info, f)
        self.session = Session(key=self.key.encode())
        self.shell = ctx.socket(zmq.DEALER)
        self.shell.setsockopt(zmq.RECONNECT_IVL, 1)
        self.shell.linger = 0
        self.shell.connect(f"tcp://127.0.0.1:{ports[0]}")
        self.iopub = ctx.socket(zmq.SUB)
        self.iopub.setsockopt(zmq.RECONNECT_IVL, 1)
        self.iopub.linger = 0
        self.iopub.setsockopt(zmq.SUBSCRIBE, b"")
        self.iopub.connect(f"tcp://127.0.0.1:{ports[1]}")
        self.control = ctx.socket(zmq.DEALER)
        self.control.linger = 0
        self.control.connect(f"tcp://127.0.0.1:{ports[3]}")
        argv = [a.replace("{connection_file}", self.path) for a in argv_template]
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)

    def wait_kernel_info(self, timeout=30):
        """Sends kernel_info_request until answered (a request sent before the kernel binds may be lost)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            self.session.send(self.shell, "kernel_info_request", {})
            if self.shell.poll(50):
                self.session.recv(self.shell)
                return time.perf_counter() - self.started
        raise RuntimeError("no kernel_info_reply")

    def wait_iopub_ready(self):
        """Until a kernel_info round trip is also seen on iopub (the subscription is live)."""
        for _ in range(200):
            self.session.send(self.shell, "kernel_info_request", {})
            self.session.recv(self.shell)
            if self.iopub.poll(100):
                while self.iopub.poll(10):
                    self.iopub.recv_multipart()
                return
        raise RuntimeError("iopub never delivered")

    def noop_execute(self):
        msg = self.session.send(self.shell, "execute_request", {
            "code": "", "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True})
        started = time.perf_counter()
        msg_id = msg["header"]["msg_id"]
        while True:
            idents, m = self.session.feed_identities(self.iopub.recv_multipart())
            m = self.session.deserialize(m, content=True)
            if (m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status"
                    and m["content"]["execution_state"] == "idle"):
                elapsed = time.perf_counter() - started
                break
        self.session.recv(self.shell)  # the execute_reply
        return elapsed

    def close(self):
        self.session.send(self.control, "shutdown_request", {"restart": False})
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for s in (self.shell, self.iopub, self.control):
            s.close()
        os.unlink(self.path)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--starts", type=int, default=15)
    ap.add_argument("--executes", type=int, default=300)
    ap.add_argument("--cnn", default=str(ROOT / ".build" / "release" / "cnn-kernel"), help="path of the cnn-kernel binary")
    args = ap.parse_args()

    kernels = {
        "cnn-kernel": [args.cnn, "kernel", "--connection-file", "{connection_file}"],
        "ipykernel": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
    }
    # Each kernel starts with the environment its kernelspec gives it (cnn's sets GOMP_SPINCOUNT),
    # read from the kernelspec `cnn-kernel install` writes.
    spec = json.loads((private_kernelspec(args.cnn) / "share" / "jupyter" / "kernels" / "cnn" / "kernel.json").read_text())
    envs = {"cnn-kernel": dict(os.environ, **spec.get("env", {})), "ipykernel": dict(os.environ)}
    ctx = zmq.Context.instance()
    starts = {k: [] for k in kernels}
    rtts = {k: [] for k in kernels}
    for i in range(args.starts):  # interleaved, so drift on a shared machine hits both alike
        for name, argv in kernels.items():
            k = Launch(argv, ctx, envs[name])
            try:
                starts[name].append(k.wait_kernel_info())
                if i == 0:
                    k.wait_iopub_ready()
                    for _ in range(20):
                        k.noop_execute()  # warm-up
                    rtts[name] = [k.noop_execute() for _ in range(args.executes)]
            finally:
                k.close()

    print(f"{'kernel':<12} {'start → kernel_info_reply':>26} {'no-op execute → idle':>22}")
    for name in kernels:
        s = statistics.median(starts[name])
        r = statistics.median(rtts[name])
        p90 = sorted(rtts[name])[int(0.9 * len(rtts[name]))]
        print(f"{name:<12} {s * 1000:>22.1f} ms {r * 1000:>14.2f} ms (p90 {p90 * 1000:.2f})")
    s_ratio = statistics.median(starts["ipykernel"]) / statistics.median(starts["cnn-kernel"])
    r_ratio = statistics.median(rtts["ipykernel"]) / statistics.median(rtts["cnn-kernel"])
    print(f"cnn-kernel is {s_ratio:.1f}x faster to start and {r_ratio:.1f}x faster per no-op execute "
          f"({args.starts} starts, {args.executes} executes each)")


if __name__ == "__main__":
    main()
