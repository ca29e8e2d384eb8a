"""`jupyter console --kernel cnn` as a learner meets it over SSH: the real console (its
prompt_toolkit prompt, not --simple-prompt) in a pseudo-terminal of 80 columns with no
display, its screen rendered by a terminal emulator (pyte) and read back.

- pictures come as the kernel's text forms, with no viewer error (the console configuration
  that tools/setup installs, tools/console/jupyter_console_config.py);
- `train` shows its progress before the epoch ends, and leaves only the epoch's line;
- tables fit the 80 columns, and the per-class table is printed once;
- CNN_CONSOLE_IMAGES=viewer hands the picture to a viewer instead, and another kernel's
  pictures go to the viewer as the console's default handler sends them.
"""
import os
import pathlib
import sys
import time

import pexpect
import pyte
import pytest

from conftest import ROOT

VENV = pathlib.Path(sys.executable).parent.parent
COLUMNS = 80
# A one-pixel PNG (for the python3 kernel's picture).
PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=="


class Console:
    def __init__(self, kernel="cnn", env=None, rows=400):
        self.screen = pyte.Screen(COLUMNS, rows)
        self.stream = pyte.ByteStream(self.screen)
        environment = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "CNN_CONSOLE_IMAGES")}
        environment["TERM"] = "xterm-256color"
        environment.update(env or {})
        self.child = pexpect.spawn(str(VENV / "bin" / "jupyter"), ["console", "--kernel", kernel], env=environment,
                                   dimensions=(rows, COLUMNS), timeout=120)
        # The prompt asks the terminal where its cursor is; the emulator answers.
        self.screen.write_process_input = lambda data: self.child.send(data)
        self.cells = 1
        self.wait_for(lambda: self.has_prompt(1), 90)

    def lines(self):
        return [line.rstrip() for line in self.screen.display]

    def text(self):
        return "\n".join(self.lines())

    def has_prompt(self, n):
        return any(line.startswith(f"In [{n}]:") for line in self.lines())

    def pump(self, timeout=0.2):
        try:
            self.stream.feed(self.child.read_nonblocking(1 << 16, timeout=timeout))
        except pexpect.TIMEOUT:
            pass

    def wait_for(self, condition, seconds):
        end = time.time() + seconds
        while not condition():
            assert time.time() < end, "timed out; the screen:\n" + self.text()
            self.pump()

    def send(self, cell):
        """Types a cell (pasted, as one block) and Enter; returns at once."""
        self.child.send("\x1b[200~" + cell + "\x1b[201~")
        time.sleep(0.2)
        self.child.send("\r")
        self.cells += 1

    def run(self, cell, seconds=120):
        """Runs a cell and returns what it printed on the screen (the lines after its input)."""
        before = len([l for l in self.lines() if l])
        self.send(cell)
        self.wait_for(lambda: self.has_prompt(self.cells), seconds)
        self.pump(0.3)
        shown = self.lines()
        start = next(i for i, l in enumerate(shown) if l.startswith(f"In [{self.cells - 1}]:"))
        end = next(i for i, l in enumerate(shown) if l.startswith(f"In [{self.cells}]:"))
        assert before <= end
        return shown[start + cell.count("\n") + 1:end]

    def close(self):
        self.child.sendline("exit")
        self.child.close(force=True)


@pytest.fixture
def console():
    c = Console()
    try:
        yield c
    finally:
        c.close()


def test_the_installed_console_configuration_is_the_repositorys():
    installed = VENV / "etc" / "jupyter" / "jupyter_console_config.py"
    assert installed.read_text() == (ROOT / "tools" / "console" / "jupyter_console_config.py").read_text(), \
        "tools/setup installs tools/console/jupyter_console_config.py into .venv/etc/jupyter"


def test_console_shows_text_forms_progress_and_tables_that_fit(console):
    console.run("data fashion-mnist val=5000\nmodel net = simplecnn")

    maps = "\n".join(console.run("show featuremaps layer=conv1 image=0"))
    assert "channel 0 (range" in maps and "▓" in maps, maps
    assert "xdg-open" not in console.text() and "not found" not in maps, console.text()

    # An epoch of 430 batches takes several seconds: progress shows before its end.
    console.send("train epochs=1 batch=128 optimizer=adamw lr=0.003")
    console.wait_for(lambda: any(l.startswith("epoch 1/1 ▕") and "% · loss " in l for l in console.lines()), 120)
    assert not any(l.startswith("epoch 1: train loss") for l in console.lines()), "the progress came before the epoch's end"
    first = console.text()
    assert "The line below shows the progress" in first, first
    console.wait_for(lambda: console.has_prompt(console.cells), 300)
    console.pump(0.3)
    shown = console.lines()
    assert any(l.startswith("epoch 1: train loss") for l in shown), console.text()
    assert not any("% · loss " in l for l in shown), "the epoch's line replaced the progress line:\n" + console.text()

    summary = console.run("summary")
    assert any(l.startswith("layer     type") for l in summary) and any(l.startswith("layer     multiply-adds") for l in summary), \
        "the summary's table comes in two parts that fit 80 columns:\n" + "\n".join(summary)

    confusion = console.run("show confusion")
    assert sum("precision" in l for l in confusion) == 1, "\n".join(confusion)
    assert any(l.startswith("T-shirt/top") for l in confusion)


def test_viewer_on_request_and_other_kernels_unchanged(tmp_path):
    # A stand-in image viewer: Pillow's ImageShow finds `xdg-open` on the PATH and hands it the file.
    marker = tmp_path / "opened"
    viewer = tmp_path / "bin" / "xdg-open"
    viewer.parent.mkdir()
    viewer.write_text(f"#!/bin/sh\necho \"$1\" >> {marker}\n")
    viewer.chmod(0o755)
    path = f"{viewer.parent}:{os.environ['PATH']}"

    c = Console(env={"PATH": path, "CNN_CONSOLE_IMAGES": "viewer"})
    try:
        shown = c.run("data shapes n=64 size=16\nshow images n=1")
        c.wait_for(lambda: marker.exists(), 10)
        assert not any("░" in l or "▓" in l for l in shown), "the picture went to the viewer, not to the screen:\n" + "\n".join(shown)
    finally:
        c.close()

    # Another kernel without a display: its picture still goes to the viewer, as the console's default handler sends it.
    marker.unlink()
    c = Console(kernel="python3", env={"PATH": path})
    try:
        c.run(f"from IPython.display import Image, display; import base64; display(Image(data=base64.b64decode('{PIXEL}')))", 60)
        c.wait_for(lambda: marker.exists(), 10)
    finally:
        c.close()
