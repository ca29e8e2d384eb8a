"""Every example of the language in the README runs as written: each ```cnn block is one cell,
run in order in one kernel (quick mode, so training is short), with no error. Inline examples
in the README's prose are written as such blocks too, so this covers them."""

import os
import re

from jupyter_client.manager import KernelManager

from conftest import ROOT
from kernel_helpers import execute


def readme_blocks():
    text = (ROOT / "README.md").read_text()
    return [m.group(1) for m in re.finditer(r"^```cnn\n(.*?)^```$", text, re.S | re.M)]


def test_readme_has_language_examples():
    blocks = readme_blocks()
    assert len(blocks) >= 4
    assert any("gradcheck" in b for b in blocks)


def test_every_readme_example_runs(tmp_path):
    # The plugin example names a path relative to the repository.
    (tmp_path / "Plugins").symlink_to(ROOT / "Plugins")
    km = KernelManager(kernel_name="cnn")
    km.start_kernel(env={**os.environ, "CNN_KERNEL_QUICK": "1"}, cwd=str(tmp_path))
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=30)
        for block in readme_blocks():
            # Run as nbclient runs notebooks: nobody at the keyboard, so `ask` prints its answer.
            reply, outputs = execute(kc, block, timeout=600, allow_stdin=False)
            errors = [m["content"]["evalue"] for m in outputs if m["msg_type"] == "error"]
            assert reply["content"]["status"] == "ok" and not errors, f"README example failed:\n{block}\n{errors}"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
