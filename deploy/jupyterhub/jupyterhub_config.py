# cnn-kernel: JupyterHub for a class on one host.
#
# Every learner is a user of this machine (PAM logins; with CNN_HUB_GROUP set, only that group's
# members), gets the course copied into ~/cnn-course on first start, and JupyterLab with the `cnn`
# and `cnn-pt` kernels. Run it as root from a clone every learner can read (for example
# /opt/cnn-kernel), after tools/setup has built it:  deploy/jupyterhub/start
#
# Per-learner limits (CNN_HUB_MEM_LIMIT, default 2G; CNN_HUB_CPU_LIMIT, default 1 core):
#   - on a systemd host, systemdspawner runs each server in its own unit, and the kernel's memory
#     budget reads that cgroup's limit: the kernel refuses work that would not fit, with the reason,
#     instead of being killed by the OOM killer;
#   - elsewhere (a container without systemd) nothing in the OS enforces them, but JupyterHub passes
#     them on as MEM_LIMIT and CPU_LIMIT, and each kernel keeps its memory budget within MEM_LIMIT
#     and its threads within CPU_LIMIT (per kernel: a learner with two notebooks running may then
#     use twice the limit; only an enforcing spawner bounds the learner's total).
# The data sets are decoded once into CNN_KERNEL_DATA_CACHE (default /var/cache/cnn-kernel,
# filled by `deploy/jupyterhub/start`), which every learner's kernel maps read-only: thirty
# learners on Fashion-MNIST hold its 52 MB of pixels once.
# Idle servers are stopped after CNN_HUB_CULL_AFTER seconds (default 3600) by
# jupyterhub-idle-culler; a learner's files stay.
#
# Other settings: CNN_HUB_PORT (8000), CNN_HUB_IP (0.0.0.0), CNN_HUB_ADMIN (the teacher's user name),
# CNN_HUB_GROUP, CNN_HUB_SSL_CERT and CNN_HUB_SSL_KEY (HTTPS), CNN_HUB_STATE (/var/lib/cnn-hub: the
# hub's database and cookie secret).
#
# deploy/jupyterhub/loopback_config.py runs this same recipe on 127.0.0.1 with made-up learners
# (the suite's hub test and the classroom load test use it).
import os
import pathlib
import shutil
import sys

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads this file)

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VENV = pathlib.Path(os.environ.get("CNN_HUB_VENV", ROOT / ".venv"))
STATE = pathlib.Path(os.environ.get("CNN_HUB_STATE", "/var/lib/cnn-hub"))
DATA_CACHE = os.environ.get("CNN_KERNEL_DATA_CACHE", "/var/cache/cnn-kernel")
STATE.mkdir(parents=True, exist_ok=True)

# The hub, its proxy and their state.
c.JupyterHub.bind_url = f"http://{os.environ.get('CNN_HUB_IP', '0.0.0.0')}:{os.environ.get('CNN_HUB_PORT', '8000')}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{os.environ.get('CNN_HUB_API_PORT', '8081')}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ.get('CNN_HUB_PROXY_API_PORT', '8001')}"
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")
# Debian's configurable-http-proxy (node-configurable-http-proxy) finds its modules in
# /usr/share/nodejs, which Debian's nodejs searches and other builds of Node.js do not.
os.environ["NODE_PATH"] = os.pathsep.join(p for p in [os.environ.get("NODE_PATH"), "/usr/share/nodejs"] if p)
c.ConfigurableHTTPProxy.command = [shutil.which("configurable-http-proxy") or "configurable-http-proxy"]

# Passwords cross the network: serve HTTPS (or put the hub behind a proxy that does).
if os.environ.get("CNN_HUB_SSL_CERT"):
    c.JupyterHub.ssl_cert = os.environ["CNN_HUB_SSL_CERT"]
    c.JupyterHub.ssl_key = os.environ["CNN_HUB_SSL_KEY"]

# Who may log in, and the teacher (an existing user) who may see and stop every server.
if os.environ.get("CNN_HUB_ADMIN"):
    c.Authenticator.admin_users = {os.environ["CNN_HUB_ADMIN"]}
if os.environ.get("CNN_HUB_GROUP"):
    c.LocalAuthenticator.allowed_groups = {os.environ["CNN_HUB_GROUP"]}
else:
    c.Authenticator.allow_all = True  # every user of the machine

# What a learner gets: JupyterLab from the project's environment (where the kernelspecs are),
# the course in ~/cnn-course (copied by course.py, running as the learner, before it becomes
# jupyterhub-singleuser), the cnn kernel by default, and the shared data cache.
c.Spawner.cmd = [str(VENV / "bin" / "python"), str(HERE / "course.py")]
c.Spawner.args = ["--MultiKernelManager.default_kernel_name=cnn"]
c.Spawner.default_url = "/lab/tree/cnn-course/2-a-first-cnn.ipynb"
c.Spawner.environment = {"CNN_KERNEL_DATA_CACHE": DATA_CACHE}
c.Spawner.mem_limit = os.environ.get("CNN_HUB_MEM_LIMIT", "2G")
c.Spawner.cpu_limit = float(os.environ.get("CNN_HUB_CPU_LIMIT", "1"))
# Thirty servers starting at once on a small host take a while.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 120

if pathlib.Path("/run/systemd/system").is_dir():
    try:
        import systemdspawner  # noqa: F401
    except ImportError:
        pass
    else:
        # One systemd unit per learner: the limits are enforced by its cgroup.
        c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
        c.SystemdSpawner.unit_extra_properties = {"MemorySwapMax": "0"}

# Idle culling: a server unused for an hour is stopped (its files stay).
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                f"--timeout={os.environ.get('CNN_HUB_CULL_AFTER', '3600')}", "--cull-every=300"],
}]
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "description": "Stops idle learners' servers",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
