"""The cnn kernel's own protocol tests, with real Jupyter clients (jupyter_client, nbclient,
jupyter console): interrupts in both modes, heartbeat, live displays, bad signatures,
shutdown and restart, several clients, stop_on_error, history across restarts."""

import contextlib
import json
import os
import pathlib
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid

import nbformat
import pexpect
import pytest
import zmq
from jupyter_client import BlockingKernelClient
from jupyter_client.connect import write_connection_file
from jupyter_client.session import Session
from nbclient import NotebookClient

from conftest import BIN
from kernel_helpers import collect_until_idle, execute, jupyter_console, running_kernel, stdout_of


# ---------------------------------------------------------------- interrupts

@pytest.mark.parametrize("kernel_name", ["cnn", "cnn_message"])
def test_cnn_interrupt_keeps_state(kernel_name):
    """SIGINT (signal mode) or interrupt_request (message mode) stops `sleep 30` within 2 s
    with a KeyboardInterrupt error; the same process then runs the next cell, with its
    execution count and history intact."""
    with running_kernel(kernel_name) as (km, kc):
        reply, _ = execute(kc, "1 + 2")
        assert reply["content"]["execution_count"] == 1
        session_before = reply["header"]["session"]

        msg_id = kc.execute("sleep 30")
        # wait until the cell is really running
        while True:
            m = kc.get_iopub_msg(timeout=10)
            if m["msg_type"] == "execute_input" and m["parent_header"]["msg_id"] == msg_id:
                break
        time.sleep(0.3)
        started = time.monotonic()
        km.interrupt_kernel()
        reply = kc.get_shell_msg(timeout=5)
        elapsed = time.monotonic() - started
        assert reply["parent_header"]["msg_id"] == msg_id
        assert elapsed < 2.0, f"interrupt took {elapsed:.2f} s"
        assert reply["content"]["status"] == "error"
        assert reply["content"]["ename"] == "KeyboardInterrupt"
        outputs = collect_until_idle(kc, msg_id)
        errors = [m for m in outputs if m["msg_type"] == "error"]
        assert len(errors) == 1 and errors[0]["content"]["ename"] == "KeyboardInterrupt"

        assert km.is_alive()
        reply, outputs = execute(kc, "2 * (3 + 4)")
        assert reply["content"]["status"] == "ok"
        assert reply["content"]["execution_count"] == 3
        assert reply["header"]["session"] == session_before
        results = [m for m in outputs if m["msg_type"] == "execute_result"]
        assert results[0]["content"]["data"]["text/plain"] == "14"
        kc.history(hist_access_type="tail", n=3)
        hist = kc.get_shell_msg(timeout=5)["content"]["history"]
        assert [h[2] for h in hist] == ["1 + 2", "sleep 30", "2 * (3 + 4)"]


def test_cnn_interrupt_while_idle_is_harmless():
    with running_kernel() as (km, kc):
        km.interrupt_kernel()
        time.sleep(0.3)
        assert km.is_alive()
        reply, outputs = execute(kc, 'print "still here"')
        assert reply["content"]["status"] == "ok"
        assert stdout_of(outputs) == "still here\n"


def test_cnn_interrupted_progress_leaves_display_where_it_stopped():
    with running_kernel("cnn_message") as (km, kc):
        msg_id = kc.execute("progress 100 delay=0.05")
        time.sleep(1.0)
        km.interrupt_kernel()
        reply = kc.get_shell_msg(timeout=5)
        assert reply["content"]["ename"] == "KeyboardInterrupt"
        outputs = collect_until_idle(kc, msg_id)
        updates = [m for m in outputs if m["msg_type"] == "update_display_data"]
        assert updates and "interrupted" in updates[-1]["content"]["data"]["text/plain"]


# ---------------------------------------------------------------- heartbeat

def test_cnn_heartbeat_answers_during_long_cell():
    with running_kernel() as (km, kc):
        kc.execute("sleep 3")
        time.sleep(0.5)
        ctx = zmq.Context.instance()
        hb = ctx.socket(zmq.REQ)
        hb.linger = 0
        hb.connect(f"{km.transport}://{km.ip}:{km.hb_port}")
        try:
            for i in range(3):
                payload = f"ping {i}".encode()
                started = time.monotonic()
                hb.send(payload)
                assert hb.poll(1000), "heartbeat did not answer within 1 s while a cell runs"
                assert hb.recv() == payload
                assert time.monotonic() - started < 0.5
        finally:
            hb.close()
        kc.get_shell_msg(timeout=10)


# ---------------------------------------------------------------- live display

def test_cnn_progress_updates_one_display():
    with running_kernel() as (km, kc):
        reply, outputs = execute(kc, "progress 5 delay=0.1")
        assert reply["content"]["status"] == "ok"
        displays = [m for m in outputs if m["msg_type"] == "display_data"]
        updates = [m for m in outputs if m["msg_type"] == "update_display_data"]
        assert len(displays) == 1
        assert len(updates) == 5
        display_id = displays[0]["content"]["transient"]["display_id"]
        assert all(u["content"]["transient"]["display_id"] == display_id for u in updates)
        assert "5/5" in updates[-1]["content"]["data"]["text/plain"]
        assert "text/html" in updates[-1]["content"]["data"]


def test_cnn_all_output_precedes_reply():
    """A request's outputs come between its busy and idle, and the idle follows the reply at
    once (jupyter_kernel_test allows 0.1 s). That the kernel hands every output to ZeroMQ
    before the reply (IOPubPublisher.flush) is not observable from here: the two sockets are
    delivered independently."""
    with running_kernel() as (km, kc):
        msg_id = kc.execute('print "a"\nprogress 3 delay=0\nprint "b"', allow_stdin=False)
        reply = kc.get_shell_msg(timeout=10)
        received_reply = time.monotonic()
        msgs = collect_until_idle(kc, msg_id)
        assert time.monotonic() - received_reply < 0.1
        kinds = [m["msg_type"] for m in msgs]
        assert kinds[0] == "status" and kinds[-1] == "status"
        assert kinds.count("stream") == 2


# ---------------------------------------------------------------- wire security

def _raw_shell(km, key):
    ctx = zmq.Context.instance()
    sock = ctx.socket(zmq.DEALER)
    sock.linger = 0
    sock.connect(f"{km.transport}://{km.ip}:{km.shell_port}")
    return sock, Session(key=key, signature_scheme="hmac-sha256")


def test_cnn_bad_signature_is_ignored():
    with running_kernel() as (km, kc):
        sock, wrong = _raw_shell(km, b"not-the-key")
        try:
            wrong.send(sock, "execute_request", content={"code": 'print "pwned"', "silent": False})
            # a message with no signature at all, and one correctly signed that is not JSON
            # (so it gets past the signature check to the parser)
            sock.send_multipart([b"<IDS|MSG>", b"", b"{}", b"{}", b"{}", b"{}"])
            frames = [b"not json", b"{}", b"{}", b"{}"]
            sock.send_multipart([b"<IDS|MSG>", Session(key=km.session.key).sign(frames)] + frames)
            assert not sock.poll(1000), "the kernel answered a message with a bad signature"
        finally:
            sock.close()
        reply, outputs = execute(kc, 'print "ok"')
        assert reply["content"]["status"] == "ok"
        assert stdout_of(outputs) == "ok\n"
        assert reply["content"]["execution_count"] == 1, "the forged cell must not have run"


def test_cnn_replayed_message_is_refused():
    """A correctly signed message sent a second time, byte for byte, is not run again
    (jupyter_client's Session keeps a digest history for the same reason)."""
    with running_kernel() as (km, kc):
        sock, session = _raw_shell(km, km.session.key)
        try:
            msg = session.msg("execute_request", content={"code": 'print "once"', "silent": False, "store_history": True})
            session.send(sock, msg)
            assert sock.poll(10_000), "no reply to the first copy"
            session.recv(sock)
            session.send(sock, msg)  # the same header, so the same signature
            assert not sock.poll(1500), "the kernel answered a replayed message"
        finally:
            sock.close()
        reply, outputs = execute(kc, 'print "ok"')
        assert reply["content"]["execution_count"] == 2, "the replay must not have run"


def test_cnn_unsigned_kernel_accepts_unsigned_messages():
    """An empty key disables signing (security.rst)."""
    _print_through_launched_kernel('print "unsigned"', "unsigned\n", key=b"")


def test_cnn_warns_about_an_unsafe_connection_file():
    """An empty key, and a connection file others can read, are warned about on stderr at start."""
    with _launched_kernel(key=b"", file_mode=0o644) as (kc, proc):
        reply, _ = execute(kc, "1 + 1")
        assert reply["content"]["status"] == "ok"
    err = proc.stderr.read().decode()
    assert "has an empty key: messages are not signed" in err, err
    assert "can be read by other users (mode 644)" in err, err
    with _launched_kernel() as (kc, proc):
        execute(kc, "1 + 1")
    assert "warning" not in proc.stderr.read().decode()


# ---------------------------------------------------------------- lifecycle

def _free_ports(n):
    socks, ports = [], []
    for _ in range(n):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        socks.append(s)
        ports.append(s.getsockname()[1])
    for s in socks:
        s.close()
    return ports


@contextlib.contextmanager
def _launched_kernel(key=None, ip="127.0.0.1", file_mode=None, **extra):
    """The binary started on a connection file of its own (not through a kernel manager), and a
    ready client; the client is stopped and the process ended afterwards."""
    ports = _free_ports(5)
    fd, path = tempfile.mkstemp(suffix=".json")
    os.close(fd)
    key = uuid.uuid4().hex.encode() if key is None else key
    write_connection_file(path, ip=ip, key=key, shell_port=ports[0], iopub_port=ports[1],
                          stdin_port=ports[2], hb_port=ports[3], control_port=ports[4], **extra)
    with open(path) as f:
        info = json.load(f)
    if file_mode is not None:
        os.chmod(path, file_mode)
    proc = subprocess.Popen([BIN, "kernel", "--connection-file", path], stderr=subprocess.PIPE)
    kc = BlockingKernelClient()
    kc.load_connection_info(info)
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=10)
        yield kc, proc
    finally:
        kc.stop_channels()
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        os.unlink(path)


@pytest.mark.parametrize("restart", [False, True])
def test_cnn_shutdown_replies_and_exits_zero(restart):
    with _launched_kernel() as (kc, proc):
        msg = kc.session.msg("shutdown_request", {"restart": restart})
        kc.control_channel.send(msg)
        reply = kc.control_channel.get_msg(timeout=5)
        assert reply["msg_type"] == "shutdown_reply"
        assert reply["content"] == {"status": "ok", "restart": restart}
        started = time.monotonic()
        assert proc.wait(timeout=2) == 0
        assert time.monotonic() - started < 1.0


def test_cnn_shutdown_during_a_running_cell():
    with _launched_kernel() as (kc, proc):
        kc.execute("sleep 60")
        time.sleep(0.3)
        kc.control_channel.send(kc.session.msg("shutdown_request", {"restart": False}))
        assert kc.control_channel.get_msg(timeout=5)["content"]["status"] == "ok"
        assert proc.wait(timeout=2) == 0


def _gone(pid):
    """Exited (or a zombie left for whoever adopted it to reap)."""
    try:
        return pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (FileNotFoundError, ProcessLookupError):
        return True


@pytest.mark.parametrize("wrapper", [[], ["timeout", "600"]], ids=["direct", "through-a-forking-wrapper"])
def test_cnn_exits_when_the_process_that_started_it_dies(tmp_path, wrapper):
    """A server killed hard (SIGKILL: no shutdown_request) must not leave its kernel running: the
    kernel watches JPY_PARENT_PID, which jupyter_client sets, as ipykernel does; also when a
    wrapper that forks (here `timeout`) stands between them."""
    script = tmp_path / "parent.py"
    script.write_text(
        "import sys, time\n"
        "from jupyter_client.manager import KernelManager\n"
        "km = KernelManager(kernel_name='cnn')\n"
        f"km.kernel_spec.argv = {wrapper!r} + km.kernel_spec.argv\n"
        "km.start_kernel()\n"
        "print(km.provisioner.process.pid, flush=True)\n"
        "time.sleep(120)\n")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    kernel = None
    try:
        started = int(parent.stdout.readline())
        time.sleep(1.5)
        kernel = started
        if wrapper:
            children = pathlib.Path(f"/proc/{started}/task/{started}/children").read_text().split()
            assert len(children) == 1, children
            kernel = int(children[0])
        assert "cnn-kernel" in pathlib.Path(f"/proc/{kernel}/cmdline").read_text()
        assert not _gone(kernel), "the kernel runs while its parent does"
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 10
        while not _gone(kernel) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _gone(kernel), "the kernel outlived the process that started it"
    finally:
        parent.kill()
        if kernel and not _gone(kernel):
            with contextlib.suppress(ProcessLookupError):
                os.kill(kernel, signal.SIGKILL)


def test_cnn_restart_through_kernel_manager():
    with running_kernel() as (km, kc):
        reply, _ = execute(kc, "40 + 2")
        old_session = reply["header"]["session"]
        old_pid = km.provisioner.process.pid
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=30)
        assert km.provisioner.process.pid != old_pid
        reply, outputs = execute(kc, "1 + 1")
        assert reply["content"]["status"] == "ok"
        assert reply["content"]["execution_count"] == 1
        assert reply["header"]["session"] != old_session
        # history survives the restart: it lives in a file under the Jupyter data directory
        kc.history(hist_access_type="search", pattern="40 + ?", n=1)
        hist = kc.get_shell_msg(timeout=5)["content"]["history"]
        assert hist and hist[-1][2] == "40 + 2"


def test_cnn_two_clients_see_iopub():
    with running_kernel() as (km, kc):
        other = BlockingKernelClient()  # its own session, so its own socket identities
        other.load_connection_info(km.get_connection_info())
        other.start_channels()
        try:
            other.wait_for_ready(timeout=10)
            while True:  # drain the second client's start-up traffic
                try:
                    other.get_iopub_msg(timeout=0.3)
                except Exception:
                    break
            reply, outputs = execute(kc, 'print "for everyone"')
            seen = []
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                m = other.get_iopub_msg(timeout=5)
                if m["parent_header"].get("msg_id") == reply["parent_header"]["msg_id"]:
                    seen.append(m["msg_type"])
                    if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                        break
            assert seen == ["status", "execute_input", "stream", "status"]
        finally:
            other.stop_channels()


# ---------------------------------------------------------------- execute options

def test_cnn_stop_on_error_aborts_queued_cells():
    with running_kernel() as (km, kc):
        # The failing cell waits first, so the other two are surely queued behind it when it fails.
        ids = [kc.execute('sleep 0.5\nfail "first"'), kc.execute('print "second"'), kc.execute('print "third"')]
        replies = {}
        while len(replies) < 3:
            r = kc.get_shell_msg(timeout=10)
            replies[r["parent_header"]["msg_id"]] = r
        assert replies[ids[0]]["content"]["ename"] == "Failure"
        assert replies[ids[1]]["content"]["status"] == "error"
        assert replies[ids[1]]["content"]["ename"] == "ExecutionAborted"
        assert replies[ids[2]]["content"]["ename"] == "ExecutionAborted"
        # not aborted when the client asks so
        a = kc.execute('sleep 0.5\nfail "again"', stop_on_error=False)
        b = kc.execute('print "runs"')
        got = {}
        while len(got) < 2:
            r = kc.get_shell_msg(timeout=10)
            got[r["parent_header"]["msg_id"]] = r
        assert got[a]["content"]["status"] == "error"
        assert got[b]["content"]["status"] == "ok"


def test_cnn_silent_and_store_history():
    with running_kernel() as (km, kc):
        reply, outputs = execute(kc, 'print "quiet"', silent=True)
        assert outputs == []
        assert reply["content"]["execution_count"] == 0
        reply, _ = execute(kc, "1 + 1", store_history=False)
        assert reply["content"]["execution_count"] == 0
        reply, _ = execute(kc, "1 + 1")
        assert reply["content"]["execution_count"] == 1


def test_cnn_user_expressions():
    with running_kernel() as (km, kc):
        reply, _ = execute(kc, 'print "x"', user_expressions={"a": "6 * 7", "b": "1 / 0", "c": "print"})
        ue = reply["content"]["user_expressions"]
        assert ue["a"] == {"status": "ok", "data": {"text/plain": "42"}, "metadata": {}}
        assert ue["b"]["status"] == "error" and ue["b"]["ename"] == "ArithmeticError"
        assert ue["c"]["status"] == "error"


def test_cnn_comms_are_closed_and_listed_empty():
    with running_kernel() as (km, kc):
        kc.comm_info()
        assert kc.get_shell_msg(timeout=5)["content"] == {"status": "ok", "comms": {}}
        msg = kc.session.msg("comm_open", {"comm_id": "c1", "target_name": "jupyter.widget", "data": {}})
        kc.shell_channel.send(msg)
        msgs = collect_until_idle(kc, msg["header"]["msg_id"])
        closes = [m for m in msgs if m["msg_type"] == "comm_close"]
        assert closes and closes[0]["content"]["comm_id"] == "c1"


def test_cnn_kernel_info_on_control_and_language_info():
    with running_kernel() as (km, kc):
        msg = kc.session.msg("kernel_info_request", {})
        kc.control_channel.send(msg)
        reply = kc.control_channel.get_msg(timeout=5)
        content = reply["content"]
        assert reply["header"]["version"] == "5.4"
        assert content["protocol_version"] == "5.4"
        li = content["language_info"]
        assert li["name"] == "cnn" and li["file_extension"] == ".cnn"
        assert li["pygments_lexer"] and li["codemirror_mode"] and li["mimetype"]
        assert content["banner"] and content["help_links"]
        # status busy/idle is published around control requests too
        states = [m["content"]["execution_state"] for m in collect_until_idle(kc, msg["header"]["msg_id"])
                  if m["msg_type"] == "status"]
        assert states == ["busy", "idle"]


def test_cnn_error_shows_line_column_and_suggestion():
    with running_kernel() as (km, kc):
        reply, outputs = execute(kc, 'print "fine"\nprnt "typo"')
        assert reply["content"]["status"] == "error"
        assert [m["msg_type"] for m in outputs] == ["error"], "a syntax-checked cell runs nothing"
        err = outputs[0]["content"]
        assert "line 2, column 1" in err["evalue"]
        assert "did you mean `print`?" in err["evalue"]
        assert any("^^^^" in line for line in err["traceback"])


# ---------------------------------------------------------------- start-up errors

def _run_kernel_with(path):
    return subprocess.run([BIN, "kernel", "--connection-file", path], capture_output=True, text=True, timeout=10)


def test_cnn_startup_errors_are_one_line(tmp_path):
    missing = _run_kernel_with(str(tmp_path / "nope.json"))
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    malformed = _run_kernel_with(str(bad))
    scheme = tmp_path / "scheme.json"
    ports = _free_ports(5)
    conf = dict(transport="tcp", ip="127.0.0.1", shell_port=ports[0], iopub_port=ports[1], stdin_port=ports[2],
                control_port=ports[3], hb_port=ports[4], key="k", signature_scheme="hmac-whirlpool")
    scheme.write_text(json.dumps(conf))
    bad_scheme = _run_kernel_with(str(scheme))
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    conf.update(signature_scheme="hmac-sha256", shell_port=busy.getsockname()[1])
    inuse = tmp_path / "inuse.json"
    inuse.write_text(json.dumps(conf))
    port_taken = _run_kernel_with(str(inuse))
    busy.close()
    for result, needle in ((missing, "cannot be read"), (malformed, "not valid JSON"),
                           (bad_scheme, "unknown signature scheme"), (port_taken, "Address already in use")):
        assert result.returncode != 0
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert needle in lines[0]


def test_cnn_ipc_transport(tmp_path):
    _print_through_launched_kernel('print "over ipc"', "over ipc\n", transport="ipc", ip=str(tmp_path / "k"))


def _print_through_launched_kernel(code, expected, **launch):
    """Starts the binary on its own connection file, runs `code`, checks its stdout."""
    with _launched_kernel(**launch) as (kc, _):
        reply, outputs = execute(kc, code)
        assert stdout_of(outputs) == expected


# ---------------------------------------------------------------- real frontends

def test_cnn_jupyter_console_prints_output():
    with jupyter_console() as child:
        child.sendline('print "hi from the console"')
        child.expect("hi from the console")
        child.expect(r"In \[2\]: ")
        child.sendline("6 * 7")
        child.expect(r"Out\[2\]: 42")
        child.sendline("exit")
        child.expect(pexpect.EOF)


def test_cnn_nbclient_runs_a_notebook(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "cnn", "display_name": "CNN (Swift)", "language": "cnn"}
    nb.cells = [
        nbformat.v4.new_code_cell('print "hello from a notebook"'),
        nbformat.v4.new_code_cell("2 * (3 + 4)"),
        nbformat.v4.new_code_cell("progress 3 delay=0"),
        nbformat.v4.new_code_cell('print "before"\nclear\nprint "after"'),
    ]
    NotebookClient(nb, timeout=60, kernel_name="cnn").execute()
    assert nb.cells[0].outputs[0]["text"] == "hello from a notebook\n"
    assert nb.cells[1].outputs[0]["data"]["text/plain"] == "14"
    assert nb.cells[1].execution_count == 2
    progress = nb.cells[2].outputs
    assert len(progress) == 1 and "3/3" in progress[0]["data"]["text/plain"], "the display was updated in place"
    assert [o["text"] for o in nb.cells[3].outputs] == ["after\n"]
    nbformat.validate(nb)


def test_cnn_a_burst_of_display_updates_still_ends_idle():
    """`progress 10000 delay=0` publishes ten thousand updates of one display; they are coalesced
    (at most one every 50 ms is sent), so the client gets the last state and the final idle."""
    with running_kernel() as (km, kc):
        msg_id = kc.execute("progress 10000 delay=0")
        reply = kc.get_shell_msg(timeout=60)
        assert reply["content"]["status"] == "ok"
        msgs = collect_until_idle(kc, msg_id, timeout=30)
        updates = [m for m in msgs if m["msg_type"] == "update_display_data"]
        assert updates and "10000/10000" in updates[-1]["content"]["data"]["text/plain"]
        assert len(updates) < 2000, f"{len(updates)} updates were sent, not coalesced"
        assert msgs[-1]["msg_type"] == "status" and msgs[-1]["content"]["execution_state"] == "idle"


def _rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))


def test_cnn_stdin_is_drained_and_messages_are_bounded(monkeypatch):
    """Between `ask` questions nothing should arrive on stdin, yet what does is read and dropped
    (it used to pile up without limit); a frame larger than the maximum message size
    (CNN_KERNEL_MAX_MESSAGE_BYTES, 64 MB by default) disconnects its sender, and the kernel serves on."""
    monkeypatch.setenv("CNN_KERNEL_MAX_MESSAGE_BYTES", str(4 << 20))
    with running_kernel() as (km, kc):
        pid = km.provisioner.process.pid
        before = _rss_kb(pid)
        ctx = zmq.Context.instance()
        sock = ctx.socket(zmq.DEALER)
        sock.linger = 0
        sock.sndhwm = 1000
        sock.connect(f"{km.transport}://{km.ip}:{km.stdin_port}")
        try:
            blob = b"x" * (3 << 20)
            for _ in range(60):  # 180 MB in frames under the limit
                sock.send_multipart([b"<IDS|MSG>", b"", blob])
            time.sleep(3)
        finally:
            sock.close()
        assert _rss_kb(pid) - before < 100_000, f"RSS grew from {before} kB to {_rss_kb(pid)} kB"
        big, session = _raw_shell(km, km.session.key)
        try:
            session.send(big, "execute_request", content={"code": 'print "' + "y" * (5 << 20) + '"', "silent": False})
            assert not big.poll(2000), "a message over the limit was answered"
        finally:
            big.close()
        reply, outputs = execute(kc, 'print "still here"')
        assert stdout_of(outputs) == "still here\n"
