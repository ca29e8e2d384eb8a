"""A checkpoint written by the engine is a real safetensors file: Python's `safetensors`
package and plain NumPy (parsing the header by hand) read the same weights, in PyTorch's
shapes, and the model description rides in the metadata."""

import json
import struct
import subprocess

import numpy as np
from safetensors.numpy import load_file

from conftest import BIN


def test_engine_checkpoint_reads_in_python(tmp_path):
    path = tmp_path / "shapes.ckpt"
    subprocess.run([BIN, "train", "--model", "simplecnn", "--data", "shapes", "--limit", "400", "--val", "100",
                    "--epochs", "1", "--batch", "50", "--optimizer", "adamw", "--lr", "1e-3",
                    "--schedule", "multistep(1)", "--augment", "[flip, crop(2)]", "--save", str(path)], check=True, capture_output=True, timeout=300)
    tensors = load_file(str(path))
    assert tensors["conv1.weight"].shape == (16, 1, 5, 5)  # (out, in, kh, kw), as PyTorch stores it
    assert tensors["conv2.weight"].shape == (32, 16, 5, 5)
    assert tensors["linear1.weight"].shape == (128, 1568)
    assert tensors["linear2.bias"].shape == (10,)
    assert sum(v.size for k, v in tensors.items() if not k.startswith("optimizer/")) == 215_370
    assert all(np.isfinite(v).all() for v in tensors.values())

    raw = path.read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n])
    meta = json.loads(header["__metadata__"]["cnn_kernel"])
    assert meta["format"] == "cnn-kernel checkpoint"
    assert meta["input"] == {"c": 1, "h": 28, "w": 28}
    assert meta["optimizer"]["kind"] == "adamw"  # the options are read as a `train` line reads them
    begin, end = header["conv1.weight"]["data_offsets"]
    by_hand = np.frombuffer(raw[8 + n + begin:8 + n + end], dtype="<f4").reshape(16, 1, 5, 5)
    assert np.array_equal(by_hand, tensors["conv1.weight"])


def test_command_line_reads_options_as_the_language_does():
    """`cnn-kernel train` takes the `train` command's option text and defaults, and its errors."""
    ok = subprocess.run([BIN, "train", "--model", "simplecnn", "--data", "shapes", "--limit", "200", "--val", "50",
                         "--batch", "50", "--schedule", "multistep(1, 2)", "--augment", "[flip, crop(2)]"],
                        capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stderr
    assert "sgd lr 0.05 momentum 0.9 weight decay 0, schedule multistep(1, 2), 1 epochs" in ok.stdout
    assert "augment [flip, crop(2)]" in ok.stdout
    bad = subprocess.run([BIN, "train", "--data", "shapes", "--schedule", "multistep(1e300)"], capture_output=True, text=True, timeout=60)
    assert bad.returncode != 0 and "multistep(E1, E2, …) takes epoch numbers" in bad.stderr, bad.stderr
    bad = subprocess.run([BIN, "train", "--data", "shapes", "--optimizer", "sdg"], capture_output=True, text=True, timeout=60)
    assert bad.returncode != 0 and "did you mean `sgd`?" in bad.stderr, bad.stderr
    bad = subprocess.run([BIN, "train", "--data", "shapes", "--augment", "[flop]"], capture_output=True, text=True, timeout=60)
    assert bad.returncode != 0 and "`flop` is not an augmentation" in bad.stderr, bad.stderr
    for args in (["--schedule", "multistep(1e300)"], ["--augment", "[crop(99)]"], ["--augment", "[2]"]):
        bad = subprocess.run([BIN, "train", "--data", "shapes"] + args, capture_output=True, text=True, timeout=60)
        assert bad.returncode != 0 and "Error(" not in bad.stderr and "Error: " in bad.stderr, bad.stderr
