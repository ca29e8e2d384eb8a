"""The container recipe, as far as it runs without a container runtime: the steps of
deploy/container/install that the Dockerfile runs after the packages (`kernel`, `course`) run here
into a temporary prefix, and the installed kernel answers through its own kernelspec; the
Dockerfile only calls steps the script has; the image's Python pins are the tested ones."""
import os
import pathlib
import re
import subprocess

from kernel_helpers import execute, running_kernel, stdout_of

ROOT = pathlib.Path(__file__).resolve().parents[2]
INSTALL = ROOT / "deploy" / "container" / "install"


def pins(path):
    return dict(line.split("==") for line in path.read_text().splitlines() if "==" in line and not line.startswith("#"))


def test_the_image_pins_the_versions_the_suite_tests():
    image, tested = pins(ROOT / "deploy" / "container" / "requirements.txt"), pins(ROOT / "tools" / "requirements.txt")
    assert image and all(tested.get(name) == version for name, version in image.items()), (image, tested)


def test_the_dockerfile_calls_only_steps_the_script_has():
    steps = set(re.findall(r"^        ([a-z-]+)\)", INSTALL.read_text(), re.M))
    dockerfile = (ROOT / "Dockerfile").read_text()
    called = re.findall(r"deploy/container/install ([^\n&\\]+)", dockerfile)
    assert called, "the Dockerfile runs the script"
    for call in called:
        words = call.split()
        for word in words:
            if not word.startswith("/") and not word.startswith('"'):
                assert word in steps, f"{word} (in: {call}) is not a step of {INSTALL}"
    assert re.search(r"^USER \$\{NB_UID\}", dockerfile, re.M), "not root at run time"
    assert "ARG NB_USER" in dockerfile and "ARG NB_UID" in dockerfile, "repo2docker passes these"


def test_every_package_the_recipe_installs_is_in_debian_12():
    """The apt steps are not run here (no container); their package names are checked instead."""
    def candidate(package):
        out = subprocess.run(["apt-cache", "policy", package], capture_output=True, text=True).stdout
        return next((line.split(":", 1)[1].strip() for line in out.splitlines() if "Candidate:" in line), "(none)")
    # tools/setup ran apt-get update whenever it installed a package, so the lists are here.
    assert candidate("python3") != "(none)", "apt has no package lists: run apt-get update"
    script = INSTALL.read_text()
    packages = [p for name in ("BUILD_PACKAGES", "RUNTIME_PACKAGES")
                for p in re.search(name + r"=\(([^)]*)\)", script).group(1).split()]
    assert len(packages) > 15
    missing = [p for p in packages if candidate(p) == "(none)"]
    assert not missing, f"not in this machine's Debian: {missing}"


def test_kernel_and_course_steps_install_a_kernel_that_runs(tmp_path, monkeypatch):
    prefix, course, cache = tmp_path / "venv", tmp_path / "home" / "cnn-course", tmp_path / "cache"
    bundle = tmp_path / "bundle"
    env = dict(os.environ, CNN_KERNEL_DATA_CACHE=str(cache))
    # As the Dockerfile: bundled in the build stage, installed from the bundle in the image.
    subprocess.run([str(INSTALL), "bundle", str(bundle)], check=True, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    env["CNN_KERNEL_BIN"] = str(bundle / "cnn-kernel")
    subprocess.run([str(INSTALL), "kernel", str(prefix), "course", str(course)], check=True, env=env,
                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    lib = prefix / "lib" / "cnn-kernel"
    linked = subprocess.run(["ldd", str(lib / "cnn-kernel")], capture_output=True, text=True, check=True).stdout
    swift_libs = [pathlib.Path(m).name for m in re.findall(r"=> (\S+/swift/linux/\S+\.so)", linked)]
    assert swift_libs, linked
    for name in swift_libs + ["libCNNCore.so"]:
        assert (lib / name).is_file(), f"{name} is not beside the binary"
    assert any(p.name.startswith("fashion-mnist-") for p in cache.glob("*.cnndata")), "the data decoded into the image"
    assert (course / "2-a-first-cnn.ipynb").is_file() and (course / "pt-BR" / "2-uma-primeira-cnn.ipynb").is_file()
    assert (course / "glossary.md").is_file() and not (course / "lessons").exists()
    kernelspec = (prefix / "share" / "jupyter" / "kernels" / "cnn" / "kernel.json").read_text()
    assert str(lib / "cnn-kernel") in kernelspec

    monkeypatch.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
    monkeypatch.setenv("CNN_KERNEL_DATA_CACHE", str(cache))
    with running_kernel("cnn-pt") as (km, kc):
        assert km.kernel_spec.argv[0] == str(lib / "cnn-kernel")
        reply, outputs = execute(kc, "data fashion-mnist\nmemory", timeout=60)
    assert reply["content"]["status"] == "ok"
    text = stdout_of(outputs)
    assert "fashion-mnist: 55,000 de treino" in text and "10,000 de teste" in text, text
    # The kernel maps the data the image decoded rather than decoding its own.
    assert any("mapeados do cache de dados" in m["content"]["data"].get("text/plain", "")
               for m in outputs if m["msg_type"] in ("display_data", "execute_result")), outputs
