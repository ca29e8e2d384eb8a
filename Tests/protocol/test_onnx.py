"""`export` in a live kernel, read back by the tools the file is written for: ONNX's own checker
(with full shape inference) accepts it, and onnxruntime, given the same pixels, gives the
engine's logits (`predict`'s JSON carries them) within 1e-4 on a batch of four, for all five
zoo models, for a model with every built-in layer kind, and for a plugin's layer."""

import os

import numpy as np
import pytest

from kernel_helpers import execute, running_kernel
from test_cnn_language import SWISH

BATCH = 4


def errors_of(outputs):
    return [m["content"] for m in outputs if m["msg_type"] == "error"]


def write_cifar(directory, count, seed):
    """A CIFAR-10 binary file pair of smooth random pictures: label byte, then 1,024 bytes per
    channel R, G, B. Returns the test pictures as (N, 3, 32, 32) values in [0, 1]."""
    rng = np.random.default_rng(seed)
    directory.mkdir(parents=True, exist_ok=True)
    test = None
    for name in ("data_batch_1.bin", "test_batch.bin"):
        coarse = rng.integers(0, 256, size=(count, 3, 8, 8)).astype(np.float32)
        pictures = np.clip(coarse.repeat(4, axis=2).repeat(4, axis=3) + rng.normal(0, 20, size=(count, 3, 32, 32)), 0, 255).astype(np.uint8)
        labels = rng.integers(0, 10, size=count).astype(np.uint8)
        records = np.concatenate([labels[:, None], pictures.reshape(count, -1)], axis=1)
        (directory / name).write_bytes(records.tobytes())
        test = pictures
    return test.astype(np.float32) / 255


def fashion_test_pictures(count):
    import gzip
    raw = gzip.open("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz").read()
    return np.frombuffer(raw[16:16 + 784 * count], np.uint8).reshape(count, 1, 28, 28).astype(np.float32) / 255


def engine_logits(kc, model):
    code = "\n".join(f"predict index={i} model={model}" for i in range(BATCH))
    reply, outputs = execute(kc, code, timeout=120)
    assert reply["content"]["status"] == "ok", errors_of(outputs)
    results = [m["content"]["data"]["application/json"] for m in outputs if "application/json" in m["content"].get("data", {})]
    assert [r["index"] for r in results] == list(range(BATCH))
    return np.array([r["logits"] for r in results], dtype=np.float64)


def export_and_run(kc, tmp_path, model, pictures, extra=""):
    import onnx
    import onnxruntime as ort

    path = tmp_path / f"{model}.onnx"
    reply, outputs = execute(kc, f'export "{path}" model={model} {extra}', timeout=120)
    assert reply["content"]["status"] == "ok", errors_of(outputs)
    text = outputs[0]["content"]["data"]["text/plain"]
    assert f"exported {model} to {path}" in text and "opset 17" in text, text
    checked = onnx.load(str(path))
    onnx.checker.check_model(checked, full_check=True)
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    logits, probabilities = session.run(None, {"pixels": pictures})
    assert np.allclose(probabilities.sum(axis=1), 1, atol=1e-5)
    return checked, logits.astype(np.float64), text


def assert_same_logits(engine, onnx_logits, model):
    difference = np.abs(engine - onnx_logits).max()
    assert difference <= 1e-4, f"{model}: onnxruntime's logits differ from the engine's by {difference}"
    # Trained a little, so the logits are not all alike: the comparison can fail.
    assert np.ptp(engine) > 1e-2, engine


def test_onnxruntime_runs_simplecnn_on_fashion_mnist(tmp_path):
    with running_kernel() as (km, kc):
        reply, outputs = execute(kc, "data fashion-mnist limit=512\nmodel s = simplecnn\ntrain epochs=1 batch=64", timeout=120)
        assert reply["content"]["status"] == "ok", errors_of(outputs)
        model, logits, text = export_and_run(kc, tmp_path, "s", fashion_test_pictures(BATCH))
        assert_same_logits(engine_logits(kc, "s"), logits, "simplecnn")
        assert "pixel values in [0, 1]" in text
        metadata = {p.key: p.value for p in model.metadata_props}
        assert metadata["classes"].split("\n")[0] == "T-shirt/top"
        assert [n.op_type for n in model.graph.node][:3] == ["Sub", "Div", "Conv"], "the data's normalisation comes first"
        # Names follow the summary's, so Netron shows the same layers.
        assert any(i.name.endswith("conv1.weight") for i in model.graph.initializer), [i.name for i in model.graph.initializer][:5]


@pytest.mark.parametrize("zoo", ["googlenet", "resnet", "preactresnet", "densenet"])
def test_onnxruntime_runs_the_colour_zoo_models(tmp_path, zoo):
    pictures = write_cifar(tmp_path / "cifar", 64, seed=7)[:BATCH]
    with running_kernel() as (km, kc):
        # One short epoch moves the batch-norm running statistics away from 0 and 1, so a mistake
        # in exporting them would show.
        reply, outputs = execute(kc, f'data cifar10 path="{tmp_path / "cifar"}" val=0\nmodel z = {zoo}\ntrain epochs=1 batch=32 lr=0.01', timeout=600)
        assert reply["content"]["status"] == "ok", errors_of(outputs)
        model, logits, _ = export_and_run(kc, tmp_path, "z", pictures)
        assert_same_logits(engine_logits(kc, "z"), logits, zoo)
        expected = {"googlenet": "Concat", "resnet": "Add", "preactresnet": "Add", "densenet": "Concat"}[zoo]
        assert expected in {n.op_type for n in model.graph.node}


# Every built-in layer kind and setting that changes what ONNX must be told: grouped, dilated and
# bias-free convolutions, batch norm on images and on features, each activation, both poolings
# with padding (and an average that leaves the padding out), an inception-style concat with an
# identity branch, a residual with a projection shortcut, dropout, linear layers with and without bias.
EVERY_LAYER = """model every input=[3, 32, 32]
  conv 8 kernel=3 pad=1 bias=false
  batchnorm
  leaky_relu 0.1
  concat
  branch
    conv 4 kernel=3 pad=2 dilation=2 groups=2
    gelu
  branch
    avgpool 3 stride=1 pad=1 count_include_pad=false
  branch
    identity
  end
  residual
    conv 20 kernel=3 pad=1
    tanh
  shortcut
    conv 20 kernel=1
  end
  maxpool 3 stride=2 pad=1
  avgpool 2
  sigmoid
  flatten
  dropout 0.3
  linear 32 bias=false
  batchnorm
  relu
  linear 10
end
train epochs=2 batch=20 lr=0.05"""


def test_onnxruntime_runs_every_layer_kind(tmp_path):
    pictures = write_cifar(tmp_path / "cifar", 60, seed=5)[:BATCH]
    with running_kernel() as (km, kc):
        reply, outputs = execute(kc, f'data cifar10 path="{tmp_path / "cifar"}" val=0\n' + EVERY_LAYER, timeout=120)
        assert reply["content"]["status"] == "ok", errors_of(outputs)
        model, logits, _ = export_and_run(kc, tmp_path, "every", pictures)
        assert_same_logits(engine_logits(kc, "every"), logits, "every layer kind")
        used = {n.op_type for n in model.graph.node}
        assert {"Conv", "BatchNormalization", "LeakyRelu", "Erf", "AveragePool", "Concat", "Add", "Tanh", "MaxPool",
                "Sigmoid", "Flatten", "Dropout", "Gemm", "Relu"} <= used, used


def test_a_plugin_layer_exports_itself(tmp_path):
    assert SWISH.exists(), "build Plugins/SwishPlugin first (tools/setup test does)"
    pictures = write_cifar(tmp_path / "cifar", 40, seed=3)[:BATCH]
    with running_kernel() as (km, kc):
        reply, outputs = execute(kc, f'plugin load "{SWISH}"\ndata cifar10 path="{tmp_path / "cifar"}" val=0\n'
                                     "model p\n  conv 6 kernel=3 pad=1\n  swish beta=1.5\n  gap\n  linear 10\nend\ntrain epochs=1 batch=20", timeout=120)
        assert reply["content"]["status"] == "ok", errors_of(outputs)
        model, logits, _ = export_and_run(kc, tmp_path, "p", pictures)
        assert_same_logits(engine_logits(kc, "p"), logits, "swish plugin")
        assert [n.op_type for n in model.graph.node if n.name.startswith("swish1")] == ["Mul", "Sigmoid", "Mul"]
