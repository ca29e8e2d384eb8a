"""The message catalogue is complete and the Portuguese kernel speaks Portuguese.

Every English sentence in the sources (found by tools/messages.py, as Swift computes its key)
and every documentation text known at run time must have a Brazilian Portuguese entry that
keeps its `{n}` places, its HTML tags and its code in backticks; no entry may be stale. Then the
kernelspec `cnn-pt` (installed by conftest as `tools/setup` installs it) is asked for an error,
help and inspection through jupyter_client, and answers in Portuguese.
"""
import re
import sys

import pytest

from conftest import BIN, ROOT
from kernel_helpers import execute, running_kernel


def shown_text(outputs):
    """What a person reads of the outputs: streams and the text/plain of displays."""
    return "".join(m["content"].get("text") or m["content"].get("data", {}).get("text/plain", "") for m in outputs)

sys.path.insert(0, str(ROOT / "tools"))
import messages  # noqa: E402

PLACE = re.compile(r"\{\d+\}")
TAG = re.compile(r"<[^>]+>")
CODE = re.compile(r"`[^`]*`")


@pytest.fixture(scope="module")
def catalogue():
    absent, keys, entries = messages.missing(BIN)
    return absent, keys, entries, messages.kernel_messages(BIN)


def test_every_message_has_a_translation(catalogue):
    absent, keys, entries, _ = catalogue
    assert len(keys) > 800, "the scan found too few keys: is tools/messages.py still finding the literals?"
    assert not absent, f"{len(absent)} messages have no pt-BR entry:\n" + "\n".join(f"  {w}: {k!r}" for k, w in list(absent.items())[:40])
    empty = [k for k in keys if entries.get(k) == ""]
    assert not empty, f"{len(empty)} entries are empty, e.g. {empty[:5]}"


def test_translations_keep_places_tags_and_code(catalogue):
    _, keys, entries, _ = catalogue
    wrong = []
    for k in keys:
        t = entries.get(k)
        if not t:
            continue
        if sorted(set(PLACE.findall(k))) != sorted(set(PLACE.findall(t))):
            wrong.append(("places", k, t))
        elif TAG.findall(k) != TAG.findall(t):
            wrong.append(("tags", k, t))
        elif sorted(CODE.findall(k)) != sorted(CODE.findall(t)):
            wrong.append(("code", k, t))
    assert not wrong, "\n".join(f"{what}: {k!r} → {t!r}" for what, k, t in wrong[:20])


def test_no_stale_or_conflicting_entries(catalogue):
    _, keys, entries, data = catalogue
    stale = sorted(set(entries) - set(keys))
    assert not stale, f"{len(stale)} entries translate text the kernel no longer says: {stale[:10]}"
    assert data["conflicts"] == [], f"keys translated twice, differently: {data['conflicts'][:10]}"


def test_the_portuguese_kernelspec_speaks_portuguese():
    with running_kernel("cnn-pt") as (_, kc):
        reply, _ = execute(kc, "trian epochs=1")
        content = reply["content"]
        assert content["status"] == "error"
        assert content["ename"] == "NameError"
        assert "comando desconhecido `trian`" in content["evalue"], content["evalue"]
        assert "você quis dizer `train`?" in content["evalue"], content["evalue"]
        assert content["traceback"][1] == "1 | trian epochs=1"

        # help answers as a page (the execute reply's payload), as `?` does in IPython.
        reply, outputs = execute(kc, "help conv")
        text = shown_text(outputs) + "".join(p["data"]["text/plain"] for p in reply["content"]["payload"])
        assert "Parâmetros:" in text and "Convolução 2-D" in text, text[:400]
        assert "out_channels" in text, "parameter names are code and stay as they are"

        reply, outputs = execute(kc, "help")
        assert "Comandos:" in shown_text(outputs) + "".join(p["data"]["text/plain"] for p in reply["content"]["payload"])

        msg_id = kc.inspect("train lr", cursor_pos=len("train lr"))
        inspect = kc.get_shell_msg(timeout=10)
        assert inspect["parent_header"]["msg_id"] == msg_id
        assert "taxa de aprendizado" in inspect["content"]["data"]["text/plain"]


def test_the_english_kernelspec_is_unchanged():
    with running_kernel("cnn") as (_, kc):
        reply, _ = execute(kc, "trian epochs=1")
        assert "unknown command `trian`; did you mean `train`?" in reply["content"]["evalue"]
