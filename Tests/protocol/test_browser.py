"""The kernel in a real browser: the README's run command (`tools/setup lab`) serves JupyterLab
headless on loopback (with this test's port, token and a copy of notebooks/), Debian's
Chromium (through Selenium and chromium-driver) opens notebook 2, the cnn kernel starts, a new
cell that shows feature maps runs, and the rendered image appears. The screenshot is saved to
artifacts/browser-featuremaps.png."""

import os
import pathlib
import shutil
import socket
import subprocess
import sys
import time
import uuid

import pytest

from conftest import ROOT

# Debian's chromium and chromium-driver, which tools/setup installs.
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

CELL = "data shapes n=200 size=28\nmodel m = simplecnn input=[1, 28, 28]\nshow featuremaps layer=conv1 image=1"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


@pytest.fixture
def lab(tmp_path):
    port, token = free_port(), uuid.uuid4().hex
    notebooks = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    # The cell to run goes first in the copy of notebook 2 (so the test clicks it, rather than typing it).
    import nbformat
    nb = nbformat.read(notebooks / "2-a-first-cnn.ipynb", as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(CELL))
    nbformat.write(nb, notebooks / "2-a-first-cnn.ipynb")
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp_path / "config"), CNN_NOTEBOOKS_DIR=str(notebooks))
    proc = subprocess.Popen([str(ROOT / "tools" / "setup"), "lab", f"--port={port}", f"--IdentityProvider.token={token}"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 180
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.3)
    yield f"http://127.0.0.1:{port}", token
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_browser_renders_feature_maps(lab):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    url, token = lab
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000", "--disable-gpu"):
        opts.add_argument(a)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    artifacts = ROOT / "artifacts"
    artifacts.mkdir(exist_ok=True)
    try:
        driver.get(f"{url}/lab/tree/2-a-first-cnn.ipynb?token={token}")
        wait = WebDriverWait(driver, 90)
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".jp-Notebook .jp-Cell")))
        # The notebook names the cnn kernel; accept the dialog if JupyterLab asks which kernel to use.
        end = time.time() + 30
        while time.time() < end:
            buttons = [b for b in driver.find_elements(By.CSS_SELECTOR, ".jp-Dialog button.jp-mod-accept") if b.is_displayed()]
            if buttons:
                buttons[0].click()
            status = driver.find_elements(By.CSS_SELECTOR, ".jp-Toolbar-kernelName, .jp-KernelName")
            if status and "CNN" in status[0].text:
                break
            time.sleep(0.5)
        assert any("CNN" in e.text for e in driver.find_elements(By.CSS_SELECTOR, ".jp-Toolbar-kernelName, .jp-KernelName")), "the CNN kernel is selected"
        # Select the first cell (the feature-map program) and run it with Shift-Enter.
        prompt = driver.find_elements(By.CSS_SELECTOR, ".jp-Notebook .jp-Cell")[0].find_element(By.CSS_SELECTOR, ".jp-InputPrompt")
        prompt.click()
        run = driver.find_elements(By.CSS_SELECTOR, "[data-command='notebook:run-cell-and-select-next']")
        if run:
            run[0].click()
        else:
            from selenium.webdriver.common.action_chains import ActionChains
            ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(Keys.SHIFT).perform()
        img = WebDriverWait(driver, 120).until(EC.presence_of_element_located(
            (By.CSS_SELECTOR, ".jp-Notebook .jp-Cell:first-child .jp-OutputArea-output img")))
        assert img.get_attribute("src").startswith("data:image/png;base64,")
        assert img.size["width"] > 200 and img.size["height"] > 50, img.size
        driver.execute_script("arguments[0].scrollIntoView()", img)
        driver.save_screenshot(str(artifacts / "browser-featuremaps.png"))
    finally:
        driver.save_screenshot(str(artifacts / "browser-last.png"))
        driver.quit()
