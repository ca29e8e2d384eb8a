"""Highlighting of the language outside the kernel, without a browser: the Pygments lexer
(tools/pygments-cnn, nbconvert) and the JupyterLab extension cnn-kernel-highlight
(tools/jupyterlab-cnn). The extension's committed files are what generate.py makes from its
source and the lexer's word lists; its container, loaded in Node as JupyterLab's bootstrap
loads it, hands out a plugin that takes the shared registry token and registers `cnn`; and its
tokenizer gives every token of the notebooks and the README the lexer's class. The browser test
checks the same extension in JupyterLab and Notebook 7."""

import json
import pathlib
import re
import shutil
import subprocess
import sys

import nbformat
from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Text, Whitespace

from conftest import ROOT

EXT_SRC = ROOT / "tools" / "jupyterlab-cnn"
LABEXT = EXT_SRC / "cnn_kernel_jupyterlab" / "labextension"
NAME = "cnn-kernel-highlight"
sys.path.insert(0, str(ROOT / "tools" / "pygments-cnn"))
import cnn_kernel_pygments  # noqa: E402  (the source tree's lexer, which generate.py reads)

# Pygments token → the CodeMirror tag name the extension gives the same text.
CM_STYLE = {
    Keyword: "keyword", Name.Builtin: "variableName.standard", Keyword.Constant: "atom",
    Operator.Word: "operatorKeyword", Name.Class: "typeName.definition", Name.Attribute: "propertyName",
    Number: "number", Operator: "operator", Punctuation: "punctuation", Name: "variableName",
    Comment.Single: "comment", String.Double: "string", Text: None,
}

EDGE_CASES = """\
model m = simplecnn input=[1, 28, 28]
block b(c, subsample=false)
  residual
    conv c kernel=3 stride=if(subsample, 2, 1) pad=1 bias=false
    conv2d 8 kernel=5 padding=2
  shortcut
    if subsample and not x or true
      conv c kernel=1 stride=2
    else
      identity
    end
  end
  concat
    branch
      dense 4
  end
  repeat 3 as i
    linear 10 # dense here is a layer
  end
end
data fashion-mnist val=5000 augment=[flip]
  train epochs=1e-3 lr=.5 lr2=3.25E+2 x==y a!=b c<=d e>=f 1true conv1 my.conv -conv model.x
show featuremaps layer=conv1 image=3
print "a \\"quoted\\" # not a comment" "unterminated
plugin load "lib.so"
plugins
x = 2 ^ 3 % 4 / 5 * (6 - 7); @ $
    help conv
"""


def corpus():
    """Every code cell of the notebooks, the README's language listings, and the edge cases."""
    texts = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        texts += [c.source for c in nb.cells if c.cell_type == "code"]
    readme = (ROOT / "README.md").read_text()
    texts += [block for block in re.findall(r"```\n(.*?)```", readme, re.S) if "model" in block or "show" in block]
    texts.append(EDGE_CASES)
    return texts


def pygments_tokens(text):
    out = []
    for ttype, value in cnn_kernel_pygments.CNNLexer().get_tokens(text):
        if ttype in (Whitespace, Text) and not value.strip():
            continue
        assert ttype in CM_STYLE, f"the lexer made a token type the extension does not map: {ttype}"
        out.append([value, CM_STYLE[ttype]])
    return out


def run_harness(texts):
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "Node.js is needed (tools/setup installs Debian's nodejs)"
    [entry] = LABEXT.glob("static/remoteEntry.*.js")
    request = json.dumps({"entry": str(entry), "name": NAME, "texts": texts})
    proc = subprocess.run([node, str(ROOT / "Tests" / "protocol" / "cnn_highlight_harness.js")], input=request,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_committed_extension_is_what_generate_makes():
    proc = subprocess.run([sys.executable, str(EXT_SRC / "generate.py"), "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    package = json.loads((LABEXT / "package.json").read_text())
    build = package["jupyterlab"]["_build"]
    assert package["name"] == NAME and build["extension"] == "./extension"
    assert (LABEXT / build["load"]).is_file()


def test_extension_word_lists_are_the_lexers():
    [entry] = LABEXT.glob("static/remoteEntry.*.js")
    words = json.loads(re.search(r"^  const WORDS = (\{.*\});$", entry.read_text(), re.M).group(1))
    assert words == {"commands": list(cnn_kernel_pygments.COMMANDS), "blocks": list(cnn_kernel_pygments.BLOCKS),
                     "layers": list(cnn_kernel_pygments.LAYERS)}


def test_lexer_knows_every_command_of_the_kernel(tmp_path):
    """The commands `help` lists are the lexer's (a new command must be highlighted too)."""
    from conftest import BIN
    cell = tmp_path / "help.cnn"
    cell.write_text("help\n")
    text = subprocess.run([BIN, "run", str(cell)], capture_output=True, text=True, timeout=60).stdout
    section = text.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    commands = {line.split()[0] for line in section.splitlines() if line.strip()}
    assert commands == set(cnn_kernel_pygments.COMMANDS), commands ^ set(cnn_kernel_pygments.COMMANDS)


def test_pygments_lexer_highlights_indented_blocks_and_commands():
    tokens = pygments_tokens("model m\n  residual\n    if x\n    end\n  end\nend\n  train epochs=1\n")
    assert [t for t, s in tokens if s == "keyword"] == ["model", "residual", "if", "end", "end", "end"]
    assert ["train", "variableName.standard"] in tokens


def test_container_contract_and_plugin():
    result = run_harness(["model"])
    c = result["contract"]
    assert c["registered"], "the script sets window._JUPYTERLAB['cnn-kernel-highlight'] = {init, get}"
    assert c["getBeforeInit"] == "rejected"
    assert c["reinitOtherScope"] == "rejected"
    assert c["unknownModule"] == "rejected"
    assert c["factoryIsFunction"] and c["esModule"]
    assert c["plugin"] == {"id": f"{NAME}:plugin", "autoStart": True, "requiresRegistryToken": True}, \
        "the plugin asks for the shared IEditorLanguageRegistry token, by identity"
    # The loaded 4.x (not 3.x, 5.x or an unloaded prerelease) and the highest 6.x release.
    assert c["loads"] == ["@codemirror/language@6.12.1", "@jupyterlab/codemirror@4.6.6"]
    assert c["languagesAdded"] == 1 and c["loadReturnsLanguageSupport"]
    assert result["language"] == {"name": "cnn", "displayName": "CNN", "mime": "text/x-cnn", "extensions": ["cnn"],
                                  "parserName": "cnn", "languageData": {"commentTokens": {"line": "#"}}}


def test_extension_tokenizer_agrees_with_pygments_lexer():
    texts = corpus()
    assert len(texts) > 40
    result = run_harness(texts)
    for text, tokens in zip(texts, result["tokens"]):
        js = [t for t in tokens if not (t[1] is None and not t[0].strip())]
        assert js == pygments_tokens(text), text
    styles = {s for tokens in result["tokens"] for _, s in tokens}
    assert styles >= {"keyword", "variableName.standard", "atom", "operatorKeyword", "typeName.definition",
                      "propertyName", "number", "operator", "punctuation", "variableName", "comment", "string"}
