"""The course a learner finds in ~/cnn-course: the notebooks of both languages and the glossary,
copied on the first start of the learner's server (JupyterHub's pre_spawn_hook) and theirs from
then on (a later start never overwrites a learner's changes)."""
import os
import pathlib
import pwd
import shutil

NOTEBOOKS = pathlib.Path(__file__).resolve().parent.parent.parent / "notebooks"
# How the notebooks are built, not what a learner reads.
NOT_COURSE = shutil.ignore_patterns("lessons", "build.py", "cells.py", "__pycache__", ".ipynb_checkpoints")


def learner_home(spawner):
    """The learner's home: the spawner's own (SimpleLocalProcessSpawner) or the system user's."""
    home = getattr(spawner, "home_dir", None)
    if home:
        return pathlib.Path(home), None
    entry = pwd.getpwnam(spawner.user.name)
    return pathlib.Path(entry.pw_dir), entry


def copy_course(spawner):
    home, entry = learner_home(spawner)
    dest = home / "cnn-course"
    if dest.exists():
        return
    home.mkdir(parents=True, exist_ok=True)
    shutil.copytree(NOTEBOOKS, dest, ignore=NOT_COURSE)
    if entry is not None and os.geteuid() == 0:
        for path in [dest, *dest.rglob("*")]:
            os.chown(path, entry.pw_uid, entry.pw_gid, follow_symlinks=False)
