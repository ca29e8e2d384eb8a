"""Every notebook, in English (notebooks/) and Brazilian Portuguese (notebooks/pt-BR/), runs
under nbclient without an error output (in quick mode, CNN_KERNEL_QUICK=1, which shrinks data
and epochs), on the kernelspec of its language; every image it shows decodes; the committed
notebooks are the build's cells with full-mode outputs, and notebook 2 shows at least 90% test
accuracy in both languages."""

import base64
import io
import json
import os
import pathlib
import sys

import pytest
from PIL import Image

from conftest import ROOT

sys.path.insert(0, str(ROOT / "notebooks"))
import build  # noqa: E402


@pytest.mark.parametrize("language", ["en", "pt-BR"])
@pytest.mark.parametrize("name", sorted(build.NOTEBOOKS))
def test_notebook_runs_in_quick_mode(name, language, monkeypatch):
    monkeypatch.setenv("CNN_KERNEL_QUICK", "1")
    nb = build.execute(build.build(name, language), timeout=600, language=language)
    assert build.errors(nb) == []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if out["output_type"] in ("display_data", "execute_result"):
                assert "text/plain" in data
            if "image/png" in data:
                Image.open(io.BytesIO(base64.b64decode(data["image/png"]))).load()


@pytest.mark.parametrize("language", ["en", "pt-BR"])
def test_committed_notebooks_are_the_build_with_outputs(language):
    for name in build.NOTEBOOKS:
        path = build.path(name, language)
        nb = json.loads(path.read_text())
        assert nb["metadata"]["kernelspec"]["name"] == build.KERNELS[language][0]
        assert ["".join(c["source"]) for c in nb["cells"]] == [c.source for c in build.build(name, language).cells], \
            f"{path.name} differs from its cells in notebooks/lessons: run notebooks/build.py"
        code = [c for c in nb["cells"] if c["cell_type"] == "code"]
        assert all(c.get("outputs") for c in code), f"{path.name} is committed without outputs"
        errors = [o for c in code for o in c["outputs"] if o.get("output_type") == "error"]
        assert not errors, f"{path.name} is committed with an error"
    nb = json.loads(build.path("2-a-first-cnn.ipynb", language).read_text())
    results = [o["data"]["application/json"] for c in nb["cells"] if c["cell_type"] == "code"
               for o in c.get("outputs", []) if o.get("output_type") == "execute_result" and "application/json" in o.get("data", {})]
    # The main network `net` on the whole test set (the experiments after it evaluate other models).
    main = [r for r in results if r["model"] == "net" and r["split"] == "test" and r.get("shift", [0, 0]) == [0, 0]]
    assert main and main[-1]["accuracy"] >= 0.90, main


def test_nbconvert_html_has_images_and_highlighted_code(tmp_path):
    import subprocess
    out = tmp_path / "gallery.html"
    subprocess.run([sys.executable, "-m", "nbconvert", "--to", "html", "--output", str(out),
                    str(ROOT / "notebooks" / "gallery.ipynb")], check=True, capture_output=True, timeout=300)
    html = out.read_text()
    assert html.count("data:image/png;base64,") >= 8
    assert "<svg" in html
    assert 'class="nc">conv</span>' in html, "the cnn Pygments lexer highlights layer names"
