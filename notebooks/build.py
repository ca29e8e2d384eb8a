"""Builds the teaching notebooks, in English (notebooks/) and Brazilian Portuguese
(notebooks/pt-BR/), from one source (notebooks/lessons/, cells.py) and executes them with the cnn
kernel of their language (kernelspecs `cnn` and `cnn-pt`), saving them with their real outputs.

    .venv/bin/python notebooks/build.py                     # full runs, both languages (committed)
    .venv/bin/python notebooks/build.py --lang pt-BR 2-a-first-cnn.ipynb   # one notebook, one language
    CNN_KERNEL_QUICK=1 .venv/bin/python notebooks/build.py --check   # quick: execute, check, write nothing

CNN_KERNEL_QUICK=1 makes the kernel shrink the data (3,000 training and 1,000 test images) and
every `train` to one short epoch, so the tests run every notebook in seconds.
"""
import argparse
import pathlib
import sys

import nbformat
from nbclient import NotebookClient

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE / "lessons"))

import lesson_1  # noqa: E402
import lesson_2  # noqa: E402
import lesson_3  # noqa: E402
import lesson_4  # noqa: E402
import lesson_5  # noqa: E402
import lesson_gallery  # noqa: E402
from cells import LANGUAGES  # noqa: E402

# English file name → (Portuguese file name, cells).
NOTEBOOKS = {
    "1-what-a-convolution-does.ipynb": ("1-o-que-faz-uma-convolucao.ipynb", lesson_1.CELLS),
    "2-a-first-cnn.ipynb": ("2-uma-primeira-cnn.ipynb", lesson_2.CELLS),
    "3-inception-resnet-densenet.ipynb": ("3-inception-resnet-densenet.ipynb", lesson_3.CELLS),
    "4-backpropagation.ipynb": ("4-retropropagacao.ipynb", lesson_4.CELLS),
    "5-writing-a-layer-plugin.ipynb": ("5-escrevendo-um-plugin-de-camada.ipynb", lesson_5.CELLS),
    "gallery.ipynb": ("galeria.ipynb", lesson_gallery.CELLS),
}

KERNELS = {
    "en": ("cnn", "CNN (Swift)", HERE),
    "pt-BR": ("cnn-pt", "CNN (Swift, português)", HERE / "pt-BR"),
}


def path(name, language):
    """Where the notebook `name` (its English file name) is written in `language`."""
    _, _, folder = KERNELS[language]
    return folder / (name if language == "en" else NOTEBOOKS[name][0])


def build(name, language="en"):
    kernel, display, _ = KERNELS[language]
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": kernel, "display_name": display, "language": "cnn"}
    nb.metadata["language_info"] = {"name": "cnn"}
    nb.cells = [c.notebook_cell(language) for c in NOTEBOOKS[name][1]]
    return nb


def execute(nb, timeout=3600, language="en"):
    kernel, _, folder = KERNELS[language]
    folder.mkdir(exist_ok=True)
    NotebookClient(nb, timeout=timeout, kernel_name=kernel, resources={"metadata": {"path": str(folder)}}).execute()
    return nb


def errors(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="execute but write nothing")
    ap.add_argument("--lang", choices=LANGUAGES + ("all",), default="all", help="which language (default: both)")
    ap.add_argument("names", nargs="*", help="only these notebooks (English or Portuguese file names)")
    a = ap.parse_args()
    languages = LANGUAGES if a.lang == "all" else (a.lang,)
    for name, (pt_name, _) in NOTEBOOKS.items():
        if a.names and name not in a.names and pt_name not in a.names:
            continue
        for language in languages:
            nb = execute(build(name, language), language=language)
            bad = errors(nb)
            if bad:
                sys.exit(f"{name} ({language}): {bad[0]['ename']}: {bad[0]['evalue']}")
            if not a.check:
                nbformat.write(nb, path(name, language))
            print(f"{path(name, language).relative_to(HERE)}: ok", flush=True)


if __name__ == "__main__":
    main()
