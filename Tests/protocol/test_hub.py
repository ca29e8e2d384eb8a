"""The classroom recipe (deploy/jupyterhub/) with two learners: each logs in through the hub's form,
starts a server and runs a cell of the cnn kernel through the hub's proxy; both kernels map the
same data-cache file, keep within the hub's per-learner limit, and find the course at home.
The load test (bench/classroom.py) drives the same Hub and Learner with more learners."""
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
import classroom  # noqa: E402
from kernel_helpers import stdout_of  # noqa: E402


@pytest.fixture(scope="module")
def two_learners():
    with classroom.Hub(quick=True) as hub:
        learners = [classroom.Learner(hub, name) for name in ("ana", "bruno")]
        try:
            for learner in learners:
                learner.log_in()
                learner.start_server()
                learner.start_kernel()
            yield hub, learners
        finally:
            for learner in learners:
                learner.close()


def plain(outputs):
    return "".join(m["content"]["data"].get("text/plain", "") for m in outputs if m["msg_type"] in ("display_data", "execute_result"))


def test_each_learner_runs_the_cnn_kernel_through_the_proxy(two_learners):
    hub, learners = two_learners
    for learner in learners:
        _, reply, outputs = learner.execute("data fashion-mnist\nmemory")
        assert reply["content"]["status"] == "ok", outputs
        assert "fashion-mnist: 2,700 training, 300 validation, 1,000 test images of (1, 28, 28), 10 classes" in stdout_of(outputs)
        table = plain(outputs)
        assert "the hub's limit for this learner (MEM_LIMIT)" in table, "the hub's mem_limit is the kernel's memory budget"
        assert "mapped from the data cache" in table


def test_the_data_cache_is_shared_by_both_kernels(two_learners):
    hub, learners = two_learners
    maps = []
    for learner in learners:
        pids = learner.kernel_pids()
        assert len(pids) == 1, f"{learner.name}: kernels {pids}"
        maps.append(classroom.cache_mappings(pids[0]["pid"]))
    train = [{k: kb for k, kb in m.items() if "fashion-mnist-train" in k[2]} for m in maps]
    assert all(len(t) == 1 for t in train), maps
    (ana_file, ana_kb), = train[0].items()
    (bruno_file, bruno_kb), = train[1].items()
    assert ana_file == bruno_file, "one file, one inode: the same pages"
    assert ana_file[2].startswith(str(hub.cache))
    assert ana_kb > 0 and bruno_kb > 0, "both kernels have its pages mapped"


def test_every_learner_finds_the_course_and_the_culler_runs(two_learners):
    hub, learners = two_learners
    for learner in learners:
        course = hub.state / "home" / learner.name / "cnn-course"
        assert (course / "2-a-first-cnn.ipynb").is_file()
        assert (course / "pt-BR" / "2-uma-primeira-cnn.ipynb").is_file()
        assert not (course / "lessons").exists() and not (course / "build.py").exists(), "how the course is built stays out"
    culler = [p for p in classroom.all_processes()
              if "jupyterhub_idle_culler" in p["cmdline"] and parent_of(p["pid"]) == hub.process.pid]
    assert len(culler) == 1, "the hub runs its idle culler as a managed service"


def parent_of(pid):
    return int(pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
