"""The prebuilt JupyterLab extension cnn-kernel-highlight, which highlights cnn-kernel cells
(text/x-cnn) in JupyterLab 4 and Notebook 7. Installing this package puts it into
<prefix>/share/jupyter/labextensions/cnn-kernel-highlight; the files are written by
tools/jupyterlab-cnn/generate.py."""


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "cnn-kernel-highlight"}]
