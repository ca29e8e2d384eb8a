"""The language in a live kernel: the example dynamic plugin loaded and used, bad plugin files
refused with the kernel still up, the live training display, and a notebook-sized scenario
that survives a restart of the kernel through a checkpoint."""

import os
import pathlib
import subprocess


from conftest import ROOT
from kernel_helpers import execute, running_kernel, stdout_of

SWISH = pathlib.Path(os.environ.get("CNN_SWISH_PLUGIN", ROOT / "Plugins/SwishPlugin/.build/release/libSwishPlugin.so"))


def errors_of(outputs):
    return [m["content"] for m in outputs if m["msg_type"] == "error"]


def test_cnn_example_plugin_in_a_live_kernel():
    assert SWISH.exists(), "build Plugins/SwishPlugin first (tools/setup test does)"
    with running_kernel() as (km, kc):
        reply, outputs = execute(kc, f'plugin load "{SWISH}"')
        assert reply["content"]["status"] == "ok", outputs
        assert "swish" in stdout_of(outputs)
        reply, outputs = execute(kc, "data shapes n=300 size=16\nmodel s\n  conv 4 kernel=3 pad=1\n  swish beta=1.5\n  gap\n  linear 10\nend\ntrain epochs=1 batch=30\nsummary")
        assert reply["content"]["status"] == "ok", errors_of(outputs)
        summary = [m for m in outputs if m["msg_type"] == "display_data" and "swish" in m["content"]["data"]["text/plain"] and "layer" in m["content"]["data"]["text/plain"]]
        assert summary, "the plugin's layer appears in the summary"
        kc.complete("model x\n  swi")
        assert kc.get_shell_msg(timeout=5)["content"]["matches"] == ["swish"]
        kc.complete("model x\n  swish be")
        assert kc.get_shell_msg(timeout=5)["content"]["matches"] == ["beta="]
        reply, outputs = execute(kc, "help swish")
        assert "arXiv:1710.05941" in reply["content"]["payload"][0]["data"]["text/plain"]
        reply, outputs = execute(kc, "gradcheck swish input=[2, 3, 3]")
        assert "all gradients agree" in outputs[0]["content"]["data"]["text/plain"]
        reply, outputs = execute(kc, "plugins")
        assert "SwishPlugin library" in outputs[0]["content"]["data"]["text/plain"]


def test_cnn_bad_plugin_files_are_clear_errors(tmp_path):
    wrong = tmp_path / "wrong.c"
    wrong.write_text("int cnn_kernel_plugin_interface_version(void) { return 999; }\nint cnn_kernel_plugin_register(void) { return 0; }\n")
    lib = tmp_path / "libwrong.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(lib), str(wrong)], check=True)
    text = tmp_path / "notes.so"
    text.write_text("not a library at all, but long enough to have an ELF header's size " * 4)
    # The example plugin cut to a third: dlopen would map it and die of SIGBUS touching the rest.
    truncated = tmp_path / "libtruncated.so"
    whole = SWISH.read_bytes()
    truncated.write_bytes(whole[: len(whole) // 3])
    fifo = tmp_path / "fifo.so"
    os.mkfifo(fifo)
    with running_kernel() as (km, kc):
        cases = [
            (tmp_path / "missing.so", "No such file or directory"),
            (text, "is not an ELF file; it is not loaded"),
            (truncated, "is truncated"),
            (fifo, "is not a regular file"),
            ("/lib/x86_64-linux-gnu/libz.so.1", "has no cnn_kernel_plugin_interface_version symbol"),
            (lib, "built against plugin interface version 999, but this kernel has version 2"),
        ]
        for path, needle in cases:
            reply, outputs = execute(kc, f'plugin load "{path}"')
            assert reply["content"]["status"] == "error"
            errs = errors_of(outputs)
            assert len(errs) == 1 and needle in errs[0]["evalue"], errs
            assert "line 1, column 13" in errs[0]["evalue"]
        reply, outputs = execute(kc, "1 + 1")
        assert reply["content"]["status"] == "ok" and km.is_alive()


def test_cnn_train_updates_one_display():
    with running_kernel() as (km, kc):
        reply, outputs = execute(kc, "data shapes n=1200 size=16\nmodel m = simplecnn input=[1, 16, 16] channels=[8, 16] hidden=32\ntrain epochs=3 batch=20 lr=0.05", timeout=120)
        assert reply["content"]["status"] == "ok", errors_of(outputs)
        # The training display (beside the Stop and lr controls' output).
        displays = [m for m in outputs if m["msg_type"] == "display_data"
                    and "application/vnd.jupyter.widget-view+json" not in m["content"]["data"]]
        updates = [m for m in outputs if m["msg_type"] == "update_display_data"]
        assert len(displays) == 1 and len(updates) >= 3
        ident = displays[0]["content"]["transient"]["display_id"]
        assert all(u["content"]["transient"]["display_id"] == ident for u in updates)
        assert "done" in updates[-1]["content"]["data"]["text/plain"]
        assert stdout_of(outputs).count("epoch ") >= 3, "each epoch is also printed, for consoles"


def test_cnn_notebook_scenario_survives_a_restart(tmp_path):
    ckpt = tmp_path / "net.ckpt"
    cell1 = """
seed 7
data shapes n=1500 size=20 seed=4
block convblock(c)
  # conv, batch norm and ReLU
  conv c kernel=3 pad=1 bias=false
  batchnorm
  relu
end
model net
  convblock 8
  maxpool 2
  residual
    convblock 8
  end
  convblock 16
  gap
  linear 10
end
summary
train epochs=2 batch=50 optimizer=adam lr=0.01
evaluate
"""
    with running_kernel() as (km, kc):
        reply, outputs = execute(kc, cell1, timeout=300)
        assert reply["content"]["status"] == "ok", errors_of(outputs)
        before = [m for m in outputs if m["msg_type"] == "execute_result"][-1]["content"]["data"]
        reply, outputs = execute(kc, f'save "{ckpt}"')
        assert reply["content"]["status"] == "ok"
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=30)
        reply, outputs = execute(kc, f'data shapes n=1500 size=20 seed=4\nload "{ckpt}"\nevaluate', timeout=300)
        assert reply["content"]["status"] == "ok", errors_of(outputs)
        after = [m for m in outputs if m["msg_type"] == "execute_result"][-1]["content"]["data"]
        assert after["text/plain"] == before["text/plain"]
        assert after["application/json"]["accuracy"] == before["application/json"]["accuracy"]
        # the block definition does not survive the restart, but the model does (it was expanded into the checkpoint)
        reply, outputs = execute(kc, "params net")
        assert reply["content"]["status"] == "ok"
