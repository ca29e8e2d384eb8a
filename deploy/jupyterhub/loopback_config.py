# cnn-kernel: the single-host recipe (jupyterhub_config.py) on 127.0.0.1 with made-up learners.
#
# Any name logs in with the password CNN_HUB_PASSWORD (default "learn"); every learner's server
# runs as the hub's own user, with its home at CNN_HUB_STATE/home/<name>. For trying the hub on
# one's own machine, for the suite's hub test (Tests/protocol/test_hub.py) and for the classroom
# load test (bench/classroom.py):
#     CNN_HUB_STATE=/tmp/hub .venv/bin/jupyterhub -f deploy/jupyterhub/loopback_config.py
import os
import pathlib

c = get_config()  # noqa: F821
os.environ.setdefault("CNN_HUB_IP", "127.0.0.1")
load_subconfig(str(pathlib.Path(__file__).with_name("jupyterhub_config.py")))  # noqa: F821

STATE = pathlib.Path(os.environ.get("CNN_HUB_STATE", "/var/lib/cnn-hub"))
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = os.environ.get("CNN_HUB_PASSWORD", "learn")
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
# The load test asks for the quick lessons (CNN_KERNEL_QUICK=1) in the hub's environment.
c.Spawner.env_keep.append("CNN_KERNEL_QUICK")
if os.geteuid() == 0:
    # CI runs as root; Jupyter Server refuses root unless told.
    c.Spawner.args = c.Spawner.args + ["--ServerApp.allow_root=True"]
