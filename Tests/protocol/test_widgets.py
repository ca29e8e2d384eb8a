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
