"""A classroom on one host, measured: the JupyterHub recipe (deploy/jupyterhub/loopback_config.py)
on 127.0.0.1, N learners who log in through the hub's login form, start their servers, and run
notebook 2 (quick mode) all at once through the hub's proxy, with the Jupyter Server REST and
WebSocket APIs, as JupyterLab would.

    .venv/bin/python bench/classroom.py --learners 10 [--notebook notebooks/2-a-first-cnn.ipynb]

Prints: servers started, cells run, errors, p50/p95 cell latency, kernel start time through the
hub, memory per learner (resident and proportional set size of the learner's server and kernel)
and in total, the data cache's sharing, and the largest class this machine's memory would hold by
that measure. The suite's hub test (Tests/protocol/test_hub.py) uses the same Hub and Learner.
"""
import argparse
import contextlib
import json
import os
import pathlib
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid

import requests
import websocket

ROOT = pathlib.Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
PASSWORD = "learn"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Hub:
    """JupyterHub with the loopback recipe, in a private state directory, stopped on exit."""

    def __init__(self, quick=True, extra_env=None, kernel=None):
        self.state = pathlib.Path(tempfile.mkdtemp(prefix="cnn-hub-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.cache = self.state / "data-cache"
        # As deploy/jupyterhub/start does: the data decoded once, before the class comes in.
        kernel = kernel or os.environ.get("CNN_KERNEL_BIN") or str(ROOT / ".build" / "release" / "cnn-kernel")
        subprocess.run([kernel, "cache-data", "--directory", str(self.cache)], check=True, stdout=subprocess.DEVNULL)
        env = dict(os.environ)
        env.update({
            "CNN_HUB_STATE": str(self.state), "CNN_HUB_PORT": str(self.port),
            "CNN_HUB_API_PORT": str(free_port()), "CNN_HUB_PROXY_API_PORT": str(free_port()),
            "CNN_HUB_PASSWORD": PASSWORD, "CNN_KERNEL_DATA_CACHE": str(self.cache),
            "PATH": f"{VENV / 'bin'}:{env.get('PATH', '')}",
        })
        if quick:
            env["CNN_KERNEL_QUICK"] = "1"
        env.update(extra_env or {})
        self.log = open(self.state / "hub.log", "w")
        self.process = subprocess.Popen(
            [str(VENV / "bin" / "jupyterhub"), "-f", str(ROOT / "deploy" / "jupyterhub" / "loopback_config.py")],
            cwd=self.state, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                text = self.log_text()[-3000:]
                self.stop()
                raise RuntimeError(f"the hub exited ({self.process.returncode}):\n{text}")
            try:
                if requests.get(self.url + "/hub/api/", timeout=2).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError("the hub did not answer within 60 s:\n" + self.log_text()[-3000:])

    def log_text(self):
        self.log.flush()
        return (self.state / "hub.log").read_text(errors="replace")

    def stop(self):
        if self.process.poll() is None:
            # SIGTERM: JupyterHub stops the servers it spawned and its proxy.
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        # Servers run in sessions of their own: whatever outlived the hub goes before its homes do.
        for p in all_processes():
            if p["user"] and p["home"] and p["home"].startswith(str(self.state)):
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(p["pid"], signal.SIGKILL)
        self.log.close()
        shutil.rmtree(self.state, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


class Learner:
    """One simulated learner: logs in through the form, starts the server, runs cells."""

    def __init__(self, hub, name):
        self.hub, self.name = hub, name
        self.http = requests.Session()
        self.token = None
        self.kernel_id = None
        self.ws = None
        self.session = uuid.uuid4().hex

    def hub_api(self, method, path, **kw):
        headers = {"X-XSRFToken": self.http.cookies.get("_xsrf", path="/hub/") or ""}
        r = self.http.request(method, f"{self.hub.url}/hub/api{path}", headers=headers, timeout=60, **kw)
        r.raise_for_status()
        return r.json() if r.content else None

    def log_in(self):
        """The login form, as a browser submits it (with the form's XSRF token)."""
        self.http.get(f"{self.hub.url}/hub/login", timeout=30).raise_for_status()
        xsrf = self.http.cookies.get("_xsrf", path="/hub/")
        r = self.http.post(f"{self.hub.url}/hub/login?next=", data={"username": self.name, "password": PASSWORD, "_xsrf": xsrf},
                           allow_redirects=False, timeout=30)
        if r.status_code != 302:
            raise RuntimeError(f"{self.name}: login answered {r.status_code}")
        # A token for the scripted calls that follow, made with the logged-in session.
        self.token = self.hub_api("POST", f"/users/{self.name}/tokens", json={"note": "classroom load test", "expires_in": 3600})["token"]

    def start_server(self, timeout=300):
        """Asks the hub to start the server and waits until it is ready; returns the seconds taken."""
        t0 = time.monotonic()
        self.hub_api("POST", f"/users/{self.name}/server")
        while time.monotonic() - t0 < timeout:
            server = (self.hub_api("GET", f"/users/{self.name}").get("servers") or {}).get("")
            if server and server.get("ready"):
                return time.monotonic() - t0
            time.sleep(0.5)
        raise RuntimeError(f"{self.name}: server not ready after {timeout} s")

    @property
    def server(self):
        return f"{self.hub.url}/user/{self.name}"

    def api(self, method, path, **kw):
        r = requests.request(method, f"{self.server}/api{path}", headers={"Authorization": f"token {self.token}"}, timeout=120, **kw)
        r.raise_for_status()
        return r.json() if r.content else None

    def start_kernel(self, name="cnn"):
        """Starts a kernel through the proxy and waits for its kernel_info reply over the
        WebSocket; returns the seconds taken."""
        t0 = time.monotonic()
        self.kernel_id = self.api("POST", "/kernels", json={"name": name})["id"]
        url = self.server.replace("http://", "ws://") + f"/api/kernels/{self.kernel_id}/channels?session_id={self.session}"
        self.ws = websocket.create_connection(url, header=[f"Authorization: token {self.token}"], timeout=120)
        reply = self.request("kernel_info_request", {}, timeout=120)
        if reply["shell"]["content"].get("status") != "ok":
            raise RuntimeError(f"{self.name}: kernel_info failed")
        return time.monotonic() - t0

    def request(self, msg_type, content, timeout=600):
        """Sends one shell request; returns its reply and the IOPub messages up to idle."""
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": msg_type, "session": self.session, "username": self.name,
                       "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "content": content, "channel": "shell", "buffers": []}))
        reply, iopub, idle = None, [], False
        deadline = time.monotonic() + timeout
        while reply is None or not idle:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.name}: no reply to {msg_type} in {timeout} s")
            self.ws.settimeout(max(1, deadline - time.monotonic()))
            msg = decode_frame(self.ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if msg["channel"] == "shell":
                reply = msg
            elif msg["channel"] == "iopub":
                if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                    idle = True
                elif msg["msg_type"] not in ("status", "execute_input"):
                    iopub.append(msg)
        return {"shell": reply, "iopub": iopub}

    def execute(self, code, timeout=600):
        """Runs a cell as a notebook does (no stdin); returns (seconds, reply, outputs)."""
        t0 = time.monotonic()
        r = self.request("execute_request", {"code": code, "silent": False, "store_history": True,
                                             "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
                         timeout=timeout)
        return time.monotonic() - t0, r["shell"], r["iopub"]

    def kernel_pids(self):
        return [p for p in processes_of(self.name) if "cnn-kernel" in p["cmdline"]]

    def close(self):
        if self.ws:
            self.ws.close()


def decode_frame(frame):
    """A message of Jupyter Server's legacy WebSocket protocol: JSON text, or (when the message has
    binary buffers, as widget messages do) a binary frame: the number of parts, their offsets,
    then the JSON message and the buffers."""
    if isinstance(frame, str):
        return json.loads(frame)
    parts = int.from_bytes(frame[0:4], "big")
    offsets = [int.from_bytes(frame[4 + 4 * i:8 + 4 * i], "big") for i in range(parts)] + [len(frame)]
    return json.loads(frame[offsets[0]:offsets[1]].decode("utf-8"))


# --- memory, from /proc -----------------------------------------------------------------------

def process_info(pid):
    try:
        status = pathlib.Path(f"/proc/{pid}/status").read_text()
        rollup = pathlib.Path(f"/proc/{pid}/smaps_rollup").read_text()
        cmdline = pathlib.Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        environ = pathlib.Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    kb = {}
    for line in status.splitlines() + rollup.splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM", "Pss", "RssFile", "RssAnon") and value.strip().endswith("kB"):
            kb[key] = int(value.split()[0])
    def variable(name):
        prefix = name.encode() + b"="
        return next((e[len(prefix):].decode(errors="replace") for e in environ if e.startswith(prefix)), None)
    return {"pid": pid, "cmdline": cmdline, "user": variable("JUPYTERHUB_USER"), "home": variable("HOME"), **kb}


def all_processes():
    for entry in pathlib.Path("/proc").iterdir():
        if entry.name.isdigit():
            info = process_info(int(entry.name))
            if info:
                yield info


def processes_of(user):
    """A learner's server and kernels (they carry JupyterHub's JUPYTERHUB_USER)."""
    return [p for p in all_processes() if p["user"] == user]


def cache_mappings(pid):
    """The data-cache files a process maps: {(device, inode, path): resident kB}."""
    out, current = {}, None
    try:
        for line in pathlib.Path(f"/proc/{pid}/smaps").read_text().splitlines():
            parts = line.split()
            if len(parts) >= 6 and "-" in parts[0] and ":" in parts[3]:
                current = (parts[3], parts[4], parts[5]) if parts[5].endswith(".cnndata") else None
            elif current and parts and parts[0] == "Rss:":
                out[current] = out.get(current, 0) + int(parts[1])
    except (FileNotFoundError, PermissionError):
        pass
    return out


def notebook_cells(path):
    nb = json.loads(pathlib.Path(path).read_text())
    return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in nb["cells"] if c["cell_type"] == "code"]


def percentile(values, q):
    values = sorted(values)
    if not values:
        return float("nan")
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def mem_total_kb():
    for line in pathlib.Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1])
    return 0


def run_class(n, notebook, quick=True):
    cells = notebook_cells(notebook)
    report = {"learners": n, "notebook": str(notebook), "cells_per_learner": len(cells), "quick": quick}
    with Hub(quick=quick) as hub:
        learners = [Learner(hub, f"learner{i:02d}") for i in range(n)]
        results = {l.name: {"latencies": [], "errors": [], "server_start": None, "kernel_start": None} for l in learners}
        barrier = threading.Barrier(n)

        def lesson(learner):
            r = results[learner.name]
            try:
                learner.log_in()
                barrier.wait(timeout=300)  # everyone starts at once, as a class does
                r["server_start"] = learner.start_server()
                r["kernel_start"] = learner.start_kernel()
                for i, code in enumerate(cells):
                    seconds, reply, outputs = learner.execute(code)
                    r["latencies"].append(seconds)
                    errors = [m for m in outputs if m["msg_type"] == "error"]
                    if reply["content"]["status"] != "ok" or errors:
                        r["errors"].append(f"cell {i}: " + "; ".join(e["content"]["evalue"] for e in errors)[:300])
            except Exception as e:  # noqa: BLE001 (a learner's failure is a finding, not a crash)
                r["errors"].append(f"{type(e).__name__}: {e}")
                barrier.abort()  # the others must not wait for a learner who will never come

        t0 = time.monotonic()
        threads = [threading.Thread(target=lesson, args=(l,)) for l in learners]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        report["wall_seconds"] = round(time.monotonic() - t0, 1)

        # Memory with every learner's server and kernel still running, after the lesson.
        per_learner, sharing = [], {}
        for l in learners:
            procs = processes_of(l.name)
            kernels = [p for p in procs if "cnn-kernel" in p["cmdline"]]
            servers = [p for p in procs if "cnn-kernel" not in p["cmdline"]]
            per_learner.append({
                "name": l.name,
                "kernel_rss_mb": sum(p.get("VmRSS", 0) for p in kernels) / 1024,
                "kernel_pss_mb": sum(p.get("Pss", 0) for p in kernels) / 1024,
                "kernel_anon_mb": sum(p.get("RssAnon", 0) for p in kernels) / 1024,
                # VmHWM: the kernel's high-water mark since it started, so read once, at the end.
                "kernel_peak_mb": sum(p.get("VmHWM", 0) for p in kernels) / 1024,
                "server_rss_mb": sum(p.get("VmRSS", 0) for p in servers) / 1024,
                "server_pss_mb": sum(p.get("Pss", 0) for p in servers) / 1024,
            })
            for p in kernels:
                for key, kb in cache_mappings(p["pid"]).items():
                    sharing.setdefault(key, []).append(kb)
        hub_side = [p for p in all_processes() if p["user"] is None and (
            "jupyterhub" in p["cmdline"] or "configurable-http-proxy" in p["cmdline"])]
        for l in learners:
            l.close()

    latencies = [s for r in results.values() for s in r["latencies"]]
    errors = {name: r["errors"] for name, r in results.items() if r["errors"]}
    starts = [r["server_start"] for r in results.values() if r["server_start"] is not None]
    kernel_starts = [r["kernel_start"] for r in results.values() if r["kernel_start"] is not None]
    learner_pss = [p["kernel_pss_mb"] + p["server_pss_mb"] for p in per_learner]
    learner_peak = [p["kernel_peak_mb"] + p["server_rss_mb"] for p in per_learner]
    hub_pss = sum(p.get("Pss", 0) for p in hub_side) / 1024
    total_pss = sum(learner_pss) + hub_pss
    report.update({
        "servers_started": len(starts),
        "cells_run": len(latencies),
        "cells_expected": n * len(cells),
        "errors": errors,
        "cell_latency_p50_s": round(percentile(latencies, 0.5), 3),
        "cell_latency_p95_s": round(percentile(latencies, 0.95), 3),
        "server_start_p50_s": round(percentile(starts, 0.5), 2),
        "server_start_max_s": round(max(starts), 2) if starts else None,
        "kernel_start_p50_s": round(percentile(kernel_starts, 0.5), 2),
        "kernel_start_max_s": round(max(kernel_starts), 2) if kernel_starts else None,
        "per_learner": per_learner,
        "learner_pss_mean_mb": round(statistics.mean(learner_pss), 1) if learner_pss else None,
        "learner_peak_max_mb": round(max(learner_peak), 1) if learner_peak else None,
        "hub_and_proxy_pss_mb": round(hub_pss, 1),
        "total_pss_mb": round(total_pss, 1),
        "data_cache": [{"file": k[2], "inode": k[1], "mapped_by_kernels": len(v), "resident_kb_each": v} for k, v in sharing.items()],
        "memory_total_mb": round(mem_total_kb() / 1024),
    })
    # The largest class by that measure: every learner at the worst peak seen at once, beside the
    # hub, within the machine's memory less 2 GB for the system.
    if report["learner_peak_max_mb"]:
        report["largest_class_by_peak"] = int((report["memory_total_mb"] - 2048 - hub_pss) // report["learner_peak_max_mb"])
        report["largest_class_by_pss"] = int((report["memory_total_mb"] - 2048 - hub_pss) // report["learner_pss_mean_mb"])
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--learners", type=int, default=10)
    parser.add_argument("--notebook", default=str(ROOT / "notebooks" / "2-a-first-cnn.ipynb"))
    parser.add_argument("--full", action="store_true", help="full lessons, not quick mode (CNN_KERNEL_QUICK=1)")
    parser.add_argument("--json", help="also write the report as JSON here")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from benchkit import cpu_model

    report = run_class(args.learners, args.notebook, quick=not args.full)
    cores = os.cpu_count()
    print(f"classroom load test: {report['learners']} learners, {pathlib.Path(report['notebook']).name} "
          f"({report['cells_per_learner']} cells{', quick mode' if report['quick'] else ''}), all at once")
    print(f"machine: {cpu_model()}, {cores} cores, {report['memory_total_mb']:,} MB")
    print(f"servers started: {report['servers_started']}/{report['learners']}   "
          f"cells run: {report['cells_run']}/{report['cells_expected']}   errors: {sum(len(e) for e in report['errors'].values())}")
    for name, errs in report["errors"].items():
        for e in errs[:3]:
            print(f"  {name}: {e}")
    print(f"cell latency: p50 {report['cell_latency_p50_s']} s, p95 {report['cell_latency_p95_s']} s   "
          f"(whole lesson, wall clock: {report['wall_seconds']} s)")
    print(f"server start through the hub: p50 {report['server_start_p50_s']} s, max {report['server_start_max_s']} s; "
          f"kernel start (REST + first kernel_info over the WebSocket): p50 {report['kernel_start_p50_s']} s, max {report['kernel_start_max_s']} s")
    print("memory per learner after the lesson (MB):  kernel RSS / PSS / private (anon) / peak RSS   server RSS / PSS")
    for p in report["per_learner"]:
        print(f"  {p['name']}:  {p['kernel_rss_mb']:7.1f} {p['kernel_pss_mb']:7.1f} {p['kernel_anon_mb']:7.1f} {p['kernel_peak_mb']:7.1f}"
              f"   {p['server_rss_mb']:7.1f} {p['server_pss_mb']:7.1f}")
    print(f"per learner (server + kernel): PSS mean {report['learner_pss_mean_mb']} MB; worst peak {report['learner_peak_max_mb']} MB")
    print(f"hub and proxy: PSS {report['hub_and_proxy_pss_mb']} MB; everything: PSS {report['total_pss_mb']} MB")
    for d in report["data_cache"]:
        print(f"data cache {pathlib.Path(d['file']).name}: mapped by {d['mapped_by_kernels']} kernels (one inode, {d['inode']}), "
              f"resident {min(d['resident_kb_each']) / 1024:.1f}–{max(d['resident_kb_each']) / 1024:.1f} MB in each")
    if "largest_class_by_peak" in report:
        print(f"largest class on this machine ({report['memory_total_mb']:,} MB less 2 GB for the system): "
              f"{report['largest_class_by_peak']} learners if every one is at the worst peak at once, "
              f"{report['largest_class_by_pss']} by the mean PSS after the lesson")
    if args.json:
        pathlib.Path(args.json).write_text(json.dumps(report, indent=1))
    return 0 if not report["errors"] and report["cells_run"] == report["cells_expected"] else 1


if __name__ == "__main__":
    sys.exit(main())
