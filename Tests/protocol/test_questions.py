"""`ask` through the real clients: the question is an input_request on the stdin channel
(jupyter_client answers it as JupyterLab and Notebook do; jupyter console prompts in the
terminal); the kernel checks the answer and explains the right one. An interrupt while the
kernel waits ends the cell and keeps the session. Without stdin (nbclient) the question and its
answer are printed."""

import time

import nbformat
import pexpect
from nbclient import NotebookClient

from kernel_helpers import collect_until_idle, execute, jupyter_console, running_kernel, stdout_of

SETUP = "data shapes n=60 size=16\nmodel m input=[1, 16, 16]\n  conv 8 kernel=3 pad=1\n  relu\n  maxpool 2\n  flatten\n  linear 10\nend"


def ask(kc, code, answer):
    """Runs `code` allowing stdin, answers its one question with `answer`; returns (prompt, stdout)."""
    msg_id = kc.execute(code, allow_stdin=True)
    request = kc.get_stdin_msg(timeout=30)
    assert request["msg_type"] == "input_request"
    assert request["parent_header"]["msg_id"] == msg_id
    assert request["content"]["password"] is False
    kc.input(answer)
    reply = kc.get_shell_msg(timeout=30)
    assert reply["content"]["status"] == "ok", reply["content"]
    outputs = collect_until_idle(kc, msg_id)
    return request["content"]["prompt"], stdout_of(outputs)


def test_questions_are_asked_on_stdin_and_checked():
    with running_kernel() as (km, kc):
        reply, outputs = execute(kc, SETUP)
        assert reply["content"]["status"] == "ok", outputs
        prompt, said = ask(kc, "ask shape layer=conv1", "(8, 16, 16)")
        assert "What shape does conv1 give for one image" in prompt
        assert said.startswith("✓ Right: conv1 gives (8, 16, 16).") and "⌊(16 + 2·1 − 3)/1⌋ + 1 = 16" in said, said
        prompt, said = ask(kc, "ask params layer=conv1", "72")
        assert said.startswith("✗ Not quite: you said 72; the answer is conv1 has 80.") and "plus 8 biases" in said, said
        prompt, said = ask(kc, 'ask choice question="Which layer has no weights?" options=["conv", "maxpool"] answer=2 why="It only picks."', "b")
        assert prompt.startswith("Which layer has no weights?  a) conv  b) maxpool")
        assert said == "✓ Right: b) maxpool. It only picks.\n"
        prompt, said = ask(kc, "ask class image=3", "")
        assert said.startswith("No answer given. The answer: "), said


def test_an_interrupt_while_the_kernel_waits_ends_the_cell():
    with running_kernel() as (km, kc):
        execute(kc, SETUP)
        msg_id = kc.execute("ask shape layer=relu1", allow_stdin=True)
        assert kc.get_stdin_msg(timeout=30)["msg_type"] == "input_request"
        time.sleep(0.2)
        km.interrupt_kernel()
        reply = kc.get_shell_msg(timeout=30)
        assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "KeyboardInterrupt"
        collect_until_idle(kc, msg_id)
        # A late answer to the abandoned question is dropped; the model is still there.
        kc.input("(8, 16, 16)")
        reply, outputs = execute(kc, "ask params layer=linear1", allow_stdin=False)
        assert reply["content"]["status"] == "ok"
        assert any("Answer: linear1 has 5,130." in m["content"].get("data", {}).get("text/plain", "") for m in outputs), outputs


def test_without_stdin_the_question_and_answer_are_printed():
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "cnn", "display_name": "CNN (Swift)", "language": "cnn"}
    nb.cells = [nbformat.v4.new_code_cell(SETUP), nbformat.v4.new_code_cell("ask shape layer=maxpool1")]
    NotebookClient(nb, timeout=60, kernel_name="cnn").execute()
    data = nb.cells[1].outputs[0]["data"]
    text = data["text/plain"]
    assert text.startswith("Question: What shape does maxpool1 give") and "Answer: maxpool1 gives (8, 8, 8)." in text, text
    assert "<details><summary>The answer (predict first, then open)</summary>" in data["text/html"], "the answer is folded away in a notebook"


def test_jupyter_console_asks_in_the_terminal():
    with jupyter_console(timeout=60) as child:
        # One line at a time: the console sends what is typed at its simple prompt line by line.
        child.sendline("data shapes n=60 size=16")
        child.expect(r"In \[2\]: ")
        child.sendline("model m = simplecnn input=[1, 16, 16]")
        child.expect(r"In \[3\]: ")
        child.sendline("ask params layer=conv1")
        child.expect("How many trainable parameters does conv1")
        child.sendline("416")
        child.expect("✓ Right: conv1 has 416.")
        child.expect(r"In \[4\]: ")
        child.sendline("exit")
        child.expect(pexpect.EOF)
