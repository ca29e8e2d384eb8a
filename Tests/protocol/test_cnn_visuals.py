"""Every visual command in a live kernel: each output is a mime bundle with text/plain; every PNG
decodes with a real decoder (Pillow) to the size its metadata states; every SVG parses as XML."""

import base64
import io
import xml.etree.ElementTree as ET

from PIL import Image

from kernel_helpers import execute, running_kernel

CELL = """
seed 3
data shapes n=900 size=24 seed=2 augment=[flip, crop(2)]
model net
  conv 8 kernel=3 pad=1
  relu
  maxpool 2
  residual
    conv 8 kernel=3 pad=1
    relu
  end
  conv 12 kernel=3 pad=1
  relu
  gap
  linear 10
end
train epochs=2 batch=30 lr=0.05
"""

VISUALS = [
    "show images n=10",
    "show featuremaps layer=conv1 image=4",
    "show featuremaps layer=residual1.body.conv1 image=4",
    "show featuremaps image=4",
    "show filters layer=conv1",
    "show filters layer=conv2",
    "show confusion",
    "show confusion normalize=true",
    "show mistakes n=6",
    "plot loss",
    "plot accuracy",
    "plot lr",
    "summary",
    "show augment",
    "show saliency image=3",
    "show gradcam image=3 layer=conv2",
    "show graph",
    "show histograms layer=conv1",
    "explain conv layer=conv1 image=2 channel=3 at=[10, 12]",
    "explain pool image=2",
    "explain relu image=2",
    "explain backprop layer=conv2",
    "explain shapes",
    "explain linear channel=2 image=1",
    "explain softmax image=1",
    "attribute image=3 sanity=true",
    "attribute image=3 methods=[gradcam, gradcampp] layers=all",
    "lrfind steps=60 batch=30",
    "classify image=5",
    "draw image=2",
    "show gradients",
    "plot gradients",
    "plot gradients by=epoch",
    "show projector",
    "show projector layer=conv2 n=200",
    "show projector method=tsne n=200",
    "show maximize n=4",
    "show maximize classes=true n=3",
]


def check_bundle(msg):
    data, meta = msg["content"]["data"], msg["content"]["metadata"]
    assert "text/plain" in data and data["text/plain"].strip(), msg["msg_type"]
    if "image/png" in data:
        img = Image.open(io.BytesIO(base64.b64decode(data["image/png"])))
        img.load()
        assert img.format == "PNG"
        assert img.size == (meta["image/png"]["width"], meta["image/png"]["height"])
        assert img.size[0] >= 100 and img.size[1] >= 40
    if "image/svg+xml" in data:
        root = ET.fromstring(data["image/svg+xml"])
        assert root.tag.endswith("svg")
        assert meta["image/svg+xml"]["width"] > 0
    if "text/html" in data and "<svg" in data["text/html"]:
        for part in data["text/html"].split("<svg")[1:]:
            ET.fromstring("<svg" + part.split("</svg>")[0] + "</svg>")


def test_cnn_every_visual_output_is_a_proper_bundle():
    with running_kernel() as (km, kc):
        reply, outputs = execute(kc, CELL, timeout=300)
        assert reply["content"]["status"] == "ok"
        for m in outputs:
            if m["msg_type"] in ("display_data", "update_display_data"):
                check_bundle(m)
        kinds = set()
        for code in VISUALS:
            reply, outputs = execute(kc, code, timeout=120)
            assert reply["content"]["status"] == "ok", (code, outputs)
            shown = [m for m in outputs if m["msg_type"] in ("display_data", "execute_result")]
            assert shown, code
            for m in shown:
                check_bundle(m)
                kinds.update(k for k in m["content"]["data"] if k.startswith("image/"))
        assert kinds == {"image/png", "image/svg+xml"}
        # explain conv reproduces the layer's own output from the products it shows
        reply, outputs = execute(kc, "explain conv layer=conv1 image=2 channel=3 at=[10, 12]")
        line = [l for l in outputs[0]["content"]["data"]["text/plain"].splitlines() if l.startswith("Σ = ")][0]
        assert line.split("= ")[-1].split(";")[0] == line.split("computed ")[-1]
        reply, outputs = execute(kc, "show featuremaps layer=linear1")
        assert reply["content"]["status"] == "error" and "flat features" in outputs[0]["content"]["evalue"]
        reply, outputs = execute(kc, "show filters layer=conv9")
        assert "did you mean `conv1`?" in outputs[0]["content"]["evalue"] or "conv2" in outputs[0]["content"]["evalue"]
