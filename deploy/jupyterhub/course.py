"""The course a learner finds in ~/cnn-course: the notebooks of both languages and the glossary,
copied on the first start of the learner's server and theirs from then on (a later start never
overwrites a learner's changes).

Run as the learner's server command (jupyterhub_config.py's Spawner.cmd), so the copy is made by
the learner, in the learner's home, with the learner's rights: never by the hub as root into a
folder a learner could swap for a link. Then it becomes jupyterhub-singleuser with the same
arguments. `course.py --to DIR` only copies (the container recipe's `course` step)."""
import os
import pathlib
import shutil
import sys

NOTEBOOKS = pathlib.Path(__file__).resolve().parent.parent.parent / "notebooks"
# How the notebooks are built, not what a learner reads.
NOT_COURSE = shutil.ignore_patterns("lessons", "build.py", "cells.py", "__pycache__", ".ipynb_checkpoints")


def copy_course(dest):
    dest = pathlib.Path(dest)
    if not os.path.lexists(dest):
        shutil.copytree(NOTEBOOKS, dest, ignore=NOT_COURSE, symlinks=True)
    return dest


if __name__ == "__main__":
    if sys.argv[1:2] == ["--to"] and len(sys.argv) == 3:
        copy_course(sys.argv[2])
        sys.exit(0)
    try:
        copy_course(pathlib.Path(os.environ.get("HOME") or pathlib.Path.home()) / "cnn-course")
    except OSError as e:  # a full disk or a read-only home must not keep the learner out
        print(f"cnn-course: not copied ({e})", file=sys.stderr)
    server = pathlib.Path(sys.executable).with_name("jupyterhub-singleuser")
    os.execv(server, [str(server), *sys.argv[1:]])
