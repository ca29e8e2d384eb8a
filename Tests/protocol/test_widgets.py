"""The Jupyter widgets protocol with a real jupyter_client, as a widget manager speaks it: the
kernel's widget models carry the keys ipywidgets 8 itself sends for the same controls, a Stop
click ends a running `train` within a second with the kernel idle and the model usable, an lr
slider update changes the rate of the next batches, request_state returns the whole state, and
bad widget traffic leaves the kernel serving."""

import time

import ipywidgets

from kernel_helpers import collect_until_idle, execute, running_kernel, stdout_of


def send_shell(kc, msg_type, content, buffers=None):
    msg = kc.session.msg(msg_type, content)
    kc.session.send(kc.shell_channel.socket, msg, buffers=buffers or [])
    return msg["header"]["msg_id"]


def comm_msg(kc, comm_id, data, buffers=None):
    return send_shell(kc, "comm_msg", {"comm_id": comm_id, "data": data}, buffers)


def announce_widget_manager(kc):
    """What JupyterLab's widget manager does on connecting: ask for the widget comms (the kernel
    answers with the open ones)."""
    kc.comm_info(target_name="jupyter.widget")
    reply = kc.get_shell_msg(timeout=10)
    assert reply["msg_type"] == "comm_info_reply" and reply["content"]["status"] == "ok"


def wait_for_opens(kc, names, timeout=30):
    """IOPub comm_opens until one of each model name has been seen; returns them by name."""
    found = {}
    deadline = time.monotonic() + timeout
    while set(names) - set(found):
        assert time.monotonic() < deadline, f"no comm_open for {set(names) - set(found)}"
        msg = kc.get_iopub_msg(timeout=deadline - time.monotonic())
        if msg["msg_type"] == "comm_open":
            found.setdefault(msg["content"]["data"]["state"]["_model_name"], msg)
    return found


def reference_keys(widget):
    return set(widget.get_state()) - {"layout"} | {"layout"}


def test_stop_and_learning_rate_while_train_runs():
    with running_kernel() as (km, kc):
        announce_widget_manager(kc)
        reply, outputs = execute(kc, "data shapes n=3000 size=16\nmodel m input=[1, 16, 16]\n  conv 8 pad=1\n  relu\n  maxpool 2\n  flatten\n  linear 10\nend")
        assert reply["content"]["status"] == "ok", outputs
        train_id = kc.execute("train epochs=500 batch=20 lr=0.05")
        opens = wait_for_opens(kc, ["ButtonModel", "FloatLogSliderModel", "HBoxModel", "LayoutModel"])

        # The models are what ipywidgets 8 itself sends for these controls: the same keys.
        for name, reference in [("ButtonModel", ipywidgets.Button()), ("FloatLogSliderModel", ipywidgets.FloatLogSlider()),
                                ("HBoxModel", ipywidgets.HBox()), ("LayoutModel", ipywidgets.Layout())]:
            msg = opens[name]
            assert msg["content"]["target_name"] == "jupyter.widget"
            assert msg["metadata"]["version"] == "2.1.0"
            state = msg["content"]["data"]["state"]
            assert set(state) == set(reference.get_state()), (name, set(state) ^ set(reference.get_state()))
            for key in ("_model_module", "_model_module_version", "_view_module", "_view_module_version", "_view_name"):
                assert state[key] == reference.get_state()[key], (name, key)
        assert opens["ButtonModel"]["content"]["data"]["state"]["description"] == "Stop"
        slider = opens["FloatLogSliderModel"]["content"]["comm_id"]
        button = opens["ButtonModel"]["content"]["comm_id"]

        # The lr slider, then Stop, while the cell runs.
        time.sleep(0.5)
        comm_msg(kc, slider, {"method": "update", "state": {"value": 0.002}, "buffer_paths": []})
        time.sleep(0.5)
        clicked = time.monotonic()
        comm_msg(kc, button, {"method": "custom", "content": {"event": "click"}})
        reply = kc.get_shell_msg(timeout=30)
        while reply["parent_header"].get("msg_id") != train_id:
            reply = kc.get_shell_msg(timeout=30)
        stopped_in = time.monotonic() - clicked
        assert reply["content"]["status"] == "ok", reply["content"]
        assert stopped_in < 1.0, stopped_in
        iopub = collect_until_idle(kc, train_id)
        text = stdout_of(iopub)
        assert "lr set to 2.00e−3 from step" in text, text
        last = [m for m in iopub if m["msg_type"] == "update_display_data"][-1]["content"]["data"]["text/plain"]
        assert "stopped with the Stop button" in last, last

        # request_state (the kernel idle): the whole state, as an update, the slider at the value set.
        request = comm_msg(kc, slider, {"method": "request_state"})
        updates = [m["content"]["data"] for m in collect_until_idle(kc, request) if m["msg_type"] == "comm_msg"]
        assert updates and updates[0]["method"] == "update", updates
        assert updates[0]["state"]["_model_name"] == "FloatLogSliderModel" and updates[0]["state"]["value"] == 0.002
        assert updates[0]["state"]["disabled"] is True, "the controls are disabled once training ends"
        # An update is echoed to every frontend, its parent the frontend's message.
        request = comm_msg(kc, slider, {"method": "update", "state": {"value": 0.003}, "buffer_paths": []})
        echoes = [m for m in collect_until_idle(kc, request) if m["msg_type"] == "comm_msg"]
        assert [m["content"]["data"]["method"] for m in echoes] == ["echo_update"], echoes
        assert echoes[0]["parent_header"]["msg_id"] == request

        # The model is usable.
        reply, outputs = execute(kc, "train limit=2 batch=20 lr=0.01\nevaluate")
        assert reply["content"]["status"] == "ok", outputs

        # Bad widget traffic: unknown comms, wrong types, a flood; the kernel goes on serving.
        for data in ({"method": "update", "state": {"value": "fast"}}, {"method": "update", "state": {"value": None}},
                     {"method": "update", "state": {"max": 1e9}}, {"method": "nonsense"}, {"state": 3}, {}):
            comm_msg(kc, slider, data)
        comm_msg(kc, "no-such-comm", {"method": "update", "state": {"value": 1}})
        send_shell(kc, "comm_open", {"comm_id": "x1", "target_name": "no.such.target", "data": {}})
        for i in range(500):
            comm_msg(kc, slider, {"method": "update", "state": {"value": 1e-4 * (1 + i % 7)}, "buffer_paths": []})
        reply, outputs = execute(kc, "print 1 + 1", timeout=60)
        assert reply["content"]["status"] == "ok" and "2" in stdout_of(outputs)
        assert km.is_alive()


def test_convolve_controls_change_the_picture():
    """A stride update from the client: the kernel answers with a new PNG (decoded here) of the
    smaller output, and the column slider's range follows; the output also carries the picture
    and text that frontends without widgets show."""
    import io

    from PIL import Image

    with running_kernel() as (km, kc):
        msg_id = kc.execute("convolve kernel=edges")
        iopub = collect_until_idle(kc, msg_id)
        opens = {}
        for m in iopub:
            if m["msg_type"] == "comm_open":
                s = m["content"]["data"]["state"]
                opens[(s["_model_name"], s.get("description"))] = m
        display = next(m for m in iopub if m["msg_type"] == "display_data")["content"]["data"]
        assert display["application/vnd.jupyter.widget-view+json"]["version_major"] == 2
        assert "image/png" in display and "text/plain" in display
        image = opens[("ImageModel", None)]
        before = Image.open(io.BytesIO(image["buffers"][0]))
        assert image["content"]["data"]["buffer_paths"] == [["value"]]

        stride = opens[("IntSliderModel", "stride")]["content"]["comm_id"]
        request = comm_msg(kc, stride, {"method": "update", "state": {"value": 2}, "buffer_paths": []})
        sent = [m for m in collect_until_idle(kc, request) if m["msg_type"] == "comm_msg"]
        pictures = [m for m in sent if m["content"]["comm_id"] == image["content"]["comm_id"]]
        assert pictures and pictures[0]["content"]["data"]["buffer_paths"] == [["value"]]
        after = Image.open(io.BytesIO(pictures[0]["buffers"][0]))
        assert after.format == "PNG" and after.size != before.size, (before.size, after.size)
        column = opens[("IntSliderModel", "column")]["content"]["comm_id"]
        assert any(m["content"]["comm_id"] == column and m["content"]["data"]["state"].get("max") == 12 for m in sent), sent
        assert km.is_alive()


TRAINED = ("data shapes n=600 size=28\nmodel m input=[1, 28, 28]\n  conv 8 pad=1\n  relu\n  maxpool 2\n  flatten\n  linear 10\nend\n"
           "train epochs=2 batch=20")


def outputs_of(sent, comm_id):
    """The Output widget's display bundles in the updates sent to it."""
    return [o["data"] for m in sent if m["content"]["comm_id"] == comm_id
            for o in m["content"]["data"].get("state", {}).get("outputs", [])]


def test_uploading_a_picture_and_drawing_on_the_pad():
    """classify's FileUpload and draw's pad, driven as a widget manager drives them: the models
    carry the keys ipywidgets 8 and anywidget themselves send (FileUpload, Output, AnyModel), a
    PNG sent as the upload's value (its bytes a buffer at ["value", 0, "content"]) and a sketch
    sent as the pad's `png` each come back classified in the Output widget (a PNG, decoded
    here, and the probabilities), and a file that is not a picture is said beside the controls."""
    import io

    import anywidget
    import traitlets
    from PIL import Image, ImageDraw

    class Pad(anywidget.AnyWidget):
        _esm = "export default {}"
        _css = ""
        png = traitlets.Bytes(b"").tag(sync=True)

    with running_kernel() as (km, kc):
        reply, outputs = execute(kc, TRAINED, timeout=120)
        assert reply["content"]["status"] == "ok", outputs
        msg_id = kc.execute("classify\ndraw")
        iopub = collect_until_idle(kc, msg_id)
        opens = [m for m in iopub if m["msg_type"] == "comm_open"]
        by_name = {}
        for m in opens:
            by_name.setdefault(m["content"]["data"]["state"]["_model_name"], []).append(m)
        for name, reference in [("FileUploadModel", ipywidgets.FileUpload()), ("OutputModel", ipywidgets.Output()), ("AnyModel", Pad())]:
            state = by_name[name][0]["content"]["data"]["state"]
            ref = reference.get_state()
            own = {"side", "brush", "paper", "ink", "sent", "hint", "png"} if name == "AnyModel" else set()
            assert set(state) - own == set(ref) - {"png"}, (name, set(state) ^ set(ref))
            for key in ("_model_module", "_model_module_version", "_view_module", "_view_module_version", "_view_name"):
                assert state[key] == ref[key], (name, key, state[key], ref[key])
        upload = by_name["FileUploadModel"][0]["content"]["comm_id"]
        classify_output, draw_output = [m["content"]["comm_id"] for m in by_name["OutputModel"]]
        pad = by_name["AnyModel"][0]
        assert pad["content"]["data"]["buffer_paths"] == [["png"]], "the pad starts with its picture as a buffer"

        # A dark ring on white paper, uploaded.
        picture = io.BytesIO()
        img = Image.new("RGB", (200, 160), "white")
        ImageDraw.Draw(img).ellipse((50, 30, 150, 130), outline="black", width=14)
        img.save(picture, format="PNG")
        content = picture.getvalue()
        value = [{"name": "ring.png", "type": "image/png", "size": len(content), "last_modified": 1.7e12}]
        request = comm_msg(kc, upload, {"method": "update", "state": {"value": value}, "buffer_paths": [["value", 0, "content"]]}, [content])
        sent = [m for m in collect_until_idle(kc, request) if m["msg_type"] == "comm_msg"]
        echo = next(m for m in sent if m["content"]["comm_id"] == upload)
        assert echo["content"]["data"]["method"] == "echo_update" and bytes(echo["buffers"][0]) == content
        shown = outputs_of(sent, classify_output)
        assert shown and shown[0]["text/plain"].startswith("m on ring.png (200×160 PNG): "), shown
        assert "inverted: its background is light" in shown[0]["text/plain"]
        probabilities = shown[0]["application/vnd.cnn-kernel.classification+json"]["probabilities"]
        assert len(probabilities) == 10 and abs(sum(probabilities) - 1) < 1e-6
        import base64
        assert Image.open(io.BytesIO(base64.b64decode(shown[0]["image/png"]))).format == "PNG"

        # A sketch on the pad: a white stroke on black, as the browser sends it.
        sketch = Image.new("RGB", (280, 280), "black")
        ImageDraw.Draw(sketch).line((60, 60, 220, 220), fill="white", width=20)
        png = io.BytesIO()
        sketch.save(png, format="PNG")
        request = comm_msg(kc, pad["content"]["comm_id"], {"method": "update", "state": {"sent": 1}, "buffer_paths": [["png"]]}, [png.getvalue()])
        sent = [m for m in collect_until_idle(kc, request) if m["msg_type"] == "comm_msg"]
        drawn = outputs_of(sent, draw_output)
        assert drawn and drawn[0]["text/plain"].startswith("m on your drawing (280×280 PNG): "), drawn
        assert "inverted" not in drawn[0]["text/plain"], "light ink on dark paper, as the data are"

        # Not a picture: said in the HTML line; the kernel serves on.
        bad = b"GIF89a\x01\x00\x01\x00\x00\x00\x00"
        request = comm_msg(kc, upload, {"method": "update", "state": {"value": [dict(value[0], name="cat.gif")]}, "buffer_paths": [["value", 0, "content"]]}, [bad])
        sent = [m for m in collect_until_idle(kc, request) if m["msg_type"] == "comm_msg"]
        said = " ".join(str(m["content"]["data"].get("state", {}).get("value", "")) for m in sent)
        assert "cat.gif: a GIF is not a picture this kernel reads" in said, said
        reply, outputs = execute(kc, "print 1 + 1")
        assert reply["content"]["status"] == "ok" and km.is_alive()
