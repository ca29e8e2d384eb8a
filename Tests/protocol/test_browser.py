"""The kernel in a real browser: the README's run command (`tools/setup lab`, with this test's
port, token, a copy of notebooks/ and the kernel binary under test) serves JupyterLab headless on
loopback, and Debian's Chromium (through Selenium and chromium-driver) opens notebook 2 with the
cnn kernel.

- JupyterLab: a new cell that shows feature maps runs and the rendered image appears
  (artifacts/browser-featuremaps.png).
- JupyterLab and Notebook 7: `convolve`'s stride slider, moved with the keyboard, narrows the
  picture; `train`'s Stop button ends training and the display says where
  (artifacts/browser-widgets-*.png).
- JupyterLab and Notebook 7: a stroke drawn with the mouse on `draw`'s pad (an anywidget module
  the kernel sends) changes the prediction's picture, and a file given to `classify`'s Upload
  button is classified (artifacts/browser-draw-*.png).
- JupyterLab: notebook 2 in Brazilian Portuguese (notebooks/pt-BR/, kernelspec `cnn-pt`) opens
  with the Portuguese kernel, and a cell's output and error come back in Portuguese
  (artifacts/browser-portuguese.png).
- JupyterLab and Notebook 7: a cell in the language is highlighted by the extension
  cnn-kernel-highlight (tools/jupyterlab-cnn) — its editor has the language `cnn`, keywords,
  commands, layers, options, numbers, strings and comments are in styled spans with colours of
  their own, and the console shows no error from the extension
  (artifacts/browser-highlighting-lab.png, artifacts/browser-highlighting-notebook.png)."""

import os
import shutil
import socket
import subprocess
import time
import uuid

import pytest

from conftest import BIN, ROOT

# Debian's chromium and chromium-driver, which tools/setup installs.
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "artifacts"

CELL = "data shapes n=200 size=28\nmodel m = simplecnn input=[1, 28, 28]\nshow featuremaps layer=conv1 image=1"
# Run first in the Portuguese notebook: a data set's description, then a command that needs a model.
PORTUGUESE_CELL = "data shapes n=60 size=16\nevaluate"
# Shown, not run: one of each kind of token.
HIGHLIGHT_CELL = 'model net  # a small net\n  conv2d 16 kernel=5 padding=2\n  relu\nend\ntrain epochs=2\nsave "net.ckpt"'


# The interactive convolution, and a long training to stop.
WIDGET_CELLS = ["convolve kernel=vertical_edges padding=1 image=3",
                "data shapes n=3000 size=16\nmodel m input=[1, 16, 16]\n  conv 8 pad=1\n  relu\n  maxpool 2\n  flatten\n  linear 10\nend\n"
                "train epochs=300 batch=20",
                "data shapes n=600 size=28\nmodel m input=[1, 28, 28]\n  conv 8 pad=1\n  relu\n  maxpool 2\n  flatten\n  linear 10\nend\n"
                "train epochs=2 batch=20\ndraw\nclassify"]


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("lab")
    port, token = free_port(), uuid.uuid4().hex
    notebooks = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    # The cell to run goes first in the copy of notebook 2 (so the test clicks it, rather than typing it),
    # the cell to look at second.
    import nbformat
    nb = nbformat.read(notebooks / "2-a-first-cnn.ipynb", as_version=4)
    nb.cells[0:0] = [nbformat.v4.new_code_cell(CELL), nbformat.v4.new_code_cell(HIGHLIGHT_CELL)]
    nbformat.write(nb, notebooks / "2-a-first-cnn.ipynb")
    # The Portuguese notebook 2, as build.py makes it, with the cell to run first.
    import sys
    sys.path.insert(0, str(ROOT / "notebooks"))
    import build
    pt = build.build("2-a-first-cnn.ipynb", "pt-BR")
    pt.cells.insert(0, nbformat.v4.new_code_cell(PORTUGUESE_CELL))
    (notebooks / "pt-BR").mkdir(exist_ok=True)
    nbformat.write(pt, notebooks / "pt-BR" / "2-uma-primeira-cnn.ipynb")
    # The widget tests: one notebook per cell and frontend (each opens its own kernel, and the
    # cell to run is the first: a windowed notebook does not lay out cells out of view).
    for i, code in enumerate(WIDGET_CELLS):
        one = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
        one.metadata["kernelspec"] = nb.metadata["kernelspec"]
        for frontend in ("lab", "notebook"):
            nbformat.write(one, notebooks / f"widgets-{i}-{frontend}.ipynb")
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp_path / "config"), CNN_NOTEBOOKS_DIR=str(notebooks),
               CNN_KERNEL_BIN=os.path.abspath(BIN))
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


@pytest.fixture
def driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000", "--disable-gpu"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    d = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    ARTIFACTS.mkdir(exist_ok=True)
    yield d
    d.save_screenshot(str(ARTIFACTS / "browser-last.png"))
    d.quit()


def open_notebook(driver, url):
    """Opens the notebook and waits until the toolbar names the CNN kernel."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    WebDriverWait(driver, 90).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".jp-Notebook .jp-Cell")))
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


def test_browser_renders_feature_maps(lab, driver):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    url, token = lab
    open_notebook(driver, f"{url}/lab/tree/2-a-first-cnn.ipynb?token={token}")
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
    # The picture: the widget's (a blob of the kernel's PNG buffer), else the output's static PNG.
    assert img.get_attribute("src").startswith(("blob:", "data:image/png;base64,")), img.get_attribute("src")[:40]
    assert img.size["width"] > 200 and img.size["height"] > 50, img.size
    driver.execute_script("arguments[0].scrollIntoView()", img)
    driver.save_screenshot(str(ARTIFACTS / "browser-featuremaps.png"))


def test_browser_runs_a_portuguese_notebook(lab, driver):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.support.ui import WebDriverWait

    url, token = lab
    open_notebook(driver, f"{url}/lab/tree/pt-BR/2-uma-primeira-cnn.ipynb?reset&token={token}")
    # JupyterLab restores the workspace of the tests before (notebook 2 in English may be open in
    # another tab), so look for the Portuguese kernel among the toolbars, not in the first one.
    names = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".jp-Toolbar-kernelName, .jp-KernelName")]
    assert any("português" in n for n in names), names
    first = WebDriverWait(driver, 30).until(lambda d: [c for c in d.find_elements(By.CSS_SELECTOR, ".jp-Notebook .jp-CodeCell")
                                                        if "evaluate" in c.text and "data shapes" in c.text][:1])[0]
    driver.execute_script("arguments[0].scrollIntoView()", first)
    ActionChains(driver).move_to_element(first.find_element(By.CSS_SELECTOR, ".jp-InputArea")).click().perform()
    ActionChains(driver).key_down(Keys.SHIFT).send_keys(Keys.ENTER).key_up(Keys.SHIFT).perform()

    def output_text(d):
        text = first.find_element(By.CSS_SELECTOR, ".jp-OutputArea").text
        return text if "ainda não há modelo" in text else False

    text = WebDriverWait(driver, 60).until(output_text)
    driver.save_screenshot(str(ARTIFACTS / "browser-portuguese.png"))
    assert "de treino" in text and "de validação" in text, text[:500]
    assert "StateError em linha 2, coluna 1: ainda não há modelo" in text, text[-500:]
    # The notebook's own prose is the Portuguese lesson.
    assert "camada" in driver.find_element(By.CSS_SELECTOR, ".jp-Notebook").text


# In the page: the editor of the cell holding HIGHLIGHT_CELL, its language, the colour of plain
# text, and each token span's text, colour, weight and style. null until the editor shows the cell.
READ_HIGHLIGHTING = """
const cell = [...document.querySelectorAll('.jp-CodeCell')].find(c => {
  const content = c.querySelector('.cm-content');
  return content && content.textContent.includes('conv2d 16 kernel=5');
});
if (!cell) return null;
cell.scrollIntoView();
const content = cell.querySelector('.cm-content');
const style = e => { const s = getComputedStyle(e); return {color: s.color, weight: s.fontWeight, italic: s.fontStyle === 'italic'}; };
return {
  language: content.getAttribute('data-language'),
  plain: style(content.querySelector('.cm-line')),
  spans: [...content.querySelectorAll('.cm-line span')].map(s => ({text: s.textContent, cls: s.className, ...style(s)})),
};
"""


def check_highlighting(driver, url, screenshot):
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    open_notebook(driver, url)
    # The language loads asynchronously; wait until some token is in a styled span.
    try:
        seen = WebDriverWait(driver, 30).until(lambda d: (r := d.execute_script(READ_HIGHLIGHTING)) and r["spans"] and r)
    except TimeoutException:
        seen = driver.execute_script(READ_HIGHLIGHTING)
    driver.save_screenshot(str(ARTIFACTS / screenshot))
    assert seen is not None, "the notebook shows the cell to highlight"
    assert seen["language"] == "cnn", f"the cell's editor has no cnn language (data-language={seen['language']!r})"
    tokens = {s["text"]: s for s in seen["spans"]}
    plain = seen["plain"]["color"]

    def styled(text):
        assert text in tokens, f"{text!r} is not in a highlighted span; spans: {[s['text'] for s in seen['spans']]}"
        assert tokens[text]["cls"], f"{text!r} has no highlighting class"
        assert tokens[text]["color"] != plain, f"{text!r} has the colour of plain text ({plain})"
        return tokens[text]

    keyword, command, layer, option, number = styled("model"), styled("train"), styled("conv2d"), styled("kernel"), styled("16")
    string, comment = styled('"net.ckpt"'), styled("# a small net")
    assert styled("end")["color"] == keyword["color"] and styled("relu")["color"] == layer["color"]
    assert int(keyword["weight"]) >= 600, "keywords are bold in JupyterLab's theme"
    assert comment["italic"], "comments are italic in JupyterLab's theme"
    assert len({t["color"] for t in (keyword, layer, option, number, string, comment)}) == 6, \
        "keywords, layers, options, numbers, strings and comments have colours of their own"
    # Errors and CodeMirror's warnings about unknown tags, from the extension's script or naming it.
    logs = driver.get_log("browser")
    ours = [e["message"] for e in logs if e["level"] in ("SEVERE", "WARNING")
            and any(k in e["message"] for k in ("cnn-kernel-highlight", "highlighting tag", "Stream parser", "text/x-cnn"))]
    assert ours == [], ours


def test_jupyterlab_highlights_cnn_cells(lab, driver):
    url, token = lab
    check_highlighting(driver, f"{url}/lab/tree/2-a-first-cnn.ipynb?token={token}", "browser-highlighting-lab.png")


def test_notebook7_highlights_cnn_cells(lab, driver):
    url, token = lab
    check_highlighting(driver, f"{url}/notebooks/2-a-first-cnn.ipynb?token={token}", "browser-highlighting-notebook.png")


def run_all(driver):
    """Runs every cell through the menu bar (Run → Run All Cells), the same in JupyterLab and
    Notebook 7; returns the first cell."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    menu = WebDriverWait(driver, 60).until(lambda d: [m for m in d.find_elements(By.CSS_SELECTOR, ".lm-MenuBar-item") if m.text.strip() == "Run"])[0]
    menu.click()
    item = WebDriverWait(driver, 30).until(lambda d: [i for i in d.find_elements(By.CSS_SELECTOR, ".lm-Menu-item") if i.text.strip().startswith("Run All Cells")])[0]
    item.click()
    # JupyterLab keeps earlier notebooks open in hidden tabs: the cell is the visible one.
    return WebDriverWait(driver, 60).until(lambda d: [c for c in d.find_elements(By.CSS_SELECTOR, ".jp-Notebook .jp-Cell") if c.is_displayed()])[0]


def check_widgets(driver, urls, screenshot, keyboard):
    """convolve's stride slider moved (with the keyboard, else by dragging its handle) narrows
    the picture; train's Stop button ends training and the display says where."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    open_notebook(driver, urls[0])
    cell = run_all(driver)

    def picture_size(d):
        # Looked up afresh each time: a frontend may replace the img element when the picture changes.
        sizes = [(int(i.get_attribute("naturalWidth") or 0), int(i.get_attribute("naturalHeight") or 0))
                 for i in cell.find_elements(By.CSS_SELECTOR, "img.widget-image")]
        return sizes[0] if sizes and sizes[0][0] > 0 else None

    before = WebDriverWait(driver, 90).until(picture_size)
    sliders = cell.find_elements(By.CSS_SELECTOR, ".widget-slider")
    stride = next(s for s in sliders if s.find_element(By.CSS_SELECTOR, ".widget-label").text.strip() == "stride")
    handle = stride.find_element(By.CSS_SELECTOR, ".noUi-handle")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus()", handle)
    if keyboard:
        driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
    else:
        ActionChains(driver).drag_and_drop_by_offset(handle, 30, 0).perform()
    # The output map is drawn at the input's scale: stride 2 makes it, and the picture, narrower.
    WebDriverWait(driver, 30).until(lambda d: stride.find_element(By.CSS_SELECTOR, ".widget-readout").text.strip() == "2")
    after = WebDriverWait(driver, 30).until(lambda d: (s := picture_size(d)) and s != before and s)
    assert after[0] < before[0], (before, after)
    assert stride.find_element(By.CSS_SELECTOR, ".widget-readout").text.strip() == "2"
    driver.execute_script("arguments[0].scrollIntoView()", cell)
    driver.save_screenshot(str(ARTIFACTS / screenshot.replace(".png", "-convolve.png")))

    open_notebook(driver, urls[1])
    cell = run_all(driver)
    stop = WebDriverWait(driver, 90).until(lambda d: [b for b in cell.find_elements(By.CSS_SELECTOR, "button.jupyter-button") if b.text.strip() == "Stop"])[0]
    WebDriverWait(driver, 60).until(lambda d: "/300, batch" in cell.text)  # training has started
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", stop)
    stop.click()
    WebDriverWait(driver, 30).until(lambda d: "stopped with the Stop button at epoch" in cell.text)
    driver.save_screenshot(str(ARTIFACTS / screenshot.replace(".png", "-stop.png")))


def test_jupyterlab_widgets(lab, driver):
    url, token = lab
    # ?reset: a fresh workspace, so the notebook opened is the only one (and the active one).
    check_widgets(driver, [f"{url}/lab/tree/widgets-{i}-lab.ipynb?reset&token={token}" for i in (0, 1)], "browser-widgets-lab.png", keyboard=True)


def test_notebook7_widgets(lab, driver):
    url, token = lab
    # Notebook 7's page does not hand the arrow keys to the slider in headless Chromium (it does
    # in JupyterLab): the handle is dragged instead.
    check_widgets(driver, [f"{url}/notebooks/widgets-{i}-notebook.ipynb?token={token}" for i in (0, 1)], "browser-widgets-notebook.png", keyboard=False)


def check_drawing_and_upload(driver, url, screenshot, tmp_path):
    """A stroke on draw's pad makes the kernel classify the sketch (the Output widget's picture
    changes); a PNG given to classify's Upload button is classified (its picture changes too)."""
    from PIL import Image, ImageDraw
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    open_notebook(driver, url)
    cell = run_all(driver)
    canvas = WebDriverWait(driver, 120).until(lambda d: cell.find_elements(By.CSS_SELECTOR, ".cnn-pad canvas"))[0]

    def pictures(d):
        # Read in one script: the Output widget replaces its img when the picture changes.
        srcs = d.execute_script("return [...arguments[0].querySelectorAll('.widget-output img')].map(i => i.src)", cell)
        return srcs if len(srcs) == 2 and all(srcs) else None

    before = WebDriverWait(driver, 60).until(pictures)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", canvas)
    ActionChains(driver).move_to_element_with_offset(canvas, -60, -60).click_and_hold() \
        .move_by_offset(40, 10).move_by_offset(40, 40).move_by_offset(20, 60).release().perform()
    WebDriverWait(driver, 30).until(lambda d: (p := pictures(d)) and p[0] != before[0])
    # The drag reaches the kernel as several strokes, each redrawing the pad's picture: wait until
    # it settles (unchanged for a second), or a late stroke would look like the upload's doing.
    def settled(d):
        now = pictures(d)
        time.sleep(1)
        return (p := pictures(d)) and p == now and p
    drawn = WebDriverWait(driver, 30).until(settled)
    assert drawn[1] == before[1], "the classify output is untouched by the pad"
    driver.save_screenshot(str(ARTIFACTS / screenshot.replace(".png", "-pad.png")))

    # A dark ring on white paper, given to the Upload button's file input.
    picture = tmp_path / "ring.png"
    img = Image.new("RGB", (200, 160), "white")
    ImageDraw.Draw(img).ellipse((50, 30, 150, 130), outline="black", width=14)
    img.save(picture)
    # The Upload button opens the file chooser of a file input it keeps out of the page; headless
    # Chromium has no chooser to answer, so the input is put in the page when the button opens it,
    # and the file is given to it there (the widget's own change handler reads and sends it).
    driver.execute_script("""
        const click = HTMLInputElement.prototype.click;
        HTMLInputElement.prototype.click = function () {
            if (this.type !== 'file') return click.call(this);
            this.id = 'cnn-test-file-input';
            document.body.appendChild(this);
        };""")
    button = cell.find_element(By.CSS_SELECTOR, ".widget-upload")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.ID, "cnn-test-file-input"))[0].send_keys(str(picture))
    uploaded = WebDriverWait(driver, 30).until(lambda d: (p := pictures(d)) and p[1] != before[1] and p)
    assert uploaded[0] == drawn[0]
    driver.execute_script("arguments[0].scrollIntoView()", cell.find_elements(By.CSS_SELECTOR, ".widget-output img")[1])
    driver.save_screenshot(str(ARTIFACTS / screenshot.replace(".png", "-upload.png")))


def test_jupyterlab_drawing_pad_and_upload(lab, driver, tmp_path):
    url, token = lab
    check_drawing_and_upload(driver, f"{url}/lab/tree/widgets-2-lab.ipynb?reset&token={token}", "browser-draw-lab.png", tmp_path)


def test_notebook7_drawing_pad_and_upload(lab, driver, tmp_path):
    url, token = lab
    check_drawing_and_upload(driver, f"{url}/notebooks/widgets-2-notebook.ipynb?token={token}", "browser-draw-notebook.png", tmp_path)


def test_netron_draws_an_exported_model(driver, tmp_path):
    """GoogLeNet exported by the kernel, opened in Netron (its own web app, served by the
    `netron` package): every node of the file is drawn, with the shapes on the edges."""
    import netron
    import onnx
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from kernel_helpers import execute, running_kernel

    path = tmp_path / "googlenet.onnx"
    with running_kernel() as (km, kc):
        reply, outputs = execute(kc, f'data shapes n=100 size=32 channels=3\nmodel g = googlenet\nexport "{path}"', timeout=120)
        assert reply["content"]["status"] == "ok", outputs
    nodes = len(onnx.load(str(path)).graph.node)
    port = free_port()
    netron.serve(str(path), address=("127.0.0.1", port), browse=False)
    try:
        driver.get(f"http://127.0.0.1:{port}/")
        # Netron first asks to accept its cookie notice.
        accept = WebDriverWait(driver, 60).until(lambda d: [b for b in d.find_elements(By.TAG_NAME, "button") if b.text.strip() == "Accept" and b.is_displayed()])
        accept[0].click()
        # The graph's nodes, its input and its two outputs.
        drawn = WebDriverWait(driver, 120).until(lambda d: (n := d.execute_script("return document.querySelectorAll('#canvas g.node').length")) >= nodes + 3 and n)
        assert drawn == nodes + 3, (drawn, nodes)
        text = driver.execute_script("return document.querySelector('#canvas').textContent")
        assert "Concat" in text and "inception" in text, "the operators, and the layers' names from the summary"
        labels = driver.execute_script("return Array.from(document.querySelectorAll('#canvas .edge-label, #canvas text')).map(e => e.textContent).join(' ')")
        assert "N×64×32×32" in labels, "the shapes between layers are on the edges"
        driver.save_screenshot(str(ARTIFACTS / "browser-netron-googlenet.png"))
    finally:
        netron.stop()
