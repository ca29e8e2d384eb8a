"""Widget round trip: from a slider `update` sent to the kernel to the kernel's update of the
picture (the Image widget's new PNG), for `convolve` on a 28×28 grey image and on a 32×32
colour one. Prints the median and p90 over many moves of the padding slider (0 ↔ 1, so every
move changes the picture). Target: median under 30 ms.

Then `draw`'s pad: from a sketch (a 280×280 PNG, as the browser sends it) to the Output
widget's new classification (decoded, made into 28×28, classified by simplecnn, Grad-CAM drawn,
the picture encoded), on Fashion-MNIST.

    .venv/bin/python bench/widgets.py [--moves 200] [--cnn BIN]
"""

import argparse
import os
import statistics
import time

from benchkit import cpu_model, kernel_binary, private_kernelspec, run_cell, start_kernel


def report(label, times, what):
    times.sort()
    p90 = times[int(0.9 * (len(times) - 1))]
    print(f"{label:<14} median {statistics.median(times):6.2f} ms   p90 {p90:6.2f} ms   ({len(times)} {what})")


def sketch_round_trip(kc, sketches):
    import io

    from PIL import Image, ImageDraw

    opens = [m for m in run_cell(kc, "data fashion-mnist\nmodel m = simplecnn\ndraw", timeout=120) if m["msg_type"] == "comm_open"]
    state = lambda m: m["content"]["data"]["state"]
    pad = next(m for m in opens if state(m)["_model_name"] == "AnyModel")["content"]["comm_id"]
    output = [m for m in opens if state(m)["_model_name"] == "OutputModel"][-1]["content"]["comm_id"]
    times = []
    for i in range(sketches):
        img = Image.new("RGB", (280, 280), "black")
        ImageDraw.Draw(img).line((40 + i % 50, 40, 240, 200 + i % 60), fill="white", width=20)
        png = io.BytesIO()
        img.save(png, format="PNG")
        msg = kc.session.msg("comm_msg", {"comm_id": pad, "data": {"method": "update", "state": {"sent": i + 1}, "buffer_paths": [["png"]]}})
        sent = time.perf_counter()
        kc.session.send(kc.shell_channel.socket, msg, buffers=[png.getvalue()])
        while True:
            reply = kc.get_iopub_msg(timeout=30)
            if (reply["msg_type"] == "comm_msg" and reply["content"]["comm_id"] == output
                    and reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]):
                times.append((time.perf_counter() - sent) * 1000)
                break
    report("draw sketch", times, "sketches")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=200)
    parser.add_argument("--cnn", default=None, help="the cnn-kernel binary")
    args = parser.parse_args()
    private_kernelspec(kernel_binary(args.cnn), prefix="cnn-widgets-bench-")
    km, kc = start_kernel()
    kc.comm_info(target_name="jupyter.widget")  # as a widget manager does when it connects
    kc.get_shell_msg(timeout=10)


    print(f"# widget round trip: slider update → picture update; CPU: {cpu_model()}, {os.cpu_count()} cores")
    try:
        for label, code in [("28×28 grey", "convolve kernel=edges"),
                            ("32×32 colour", "data shapes n=100 size=32 channels=3\nconvolve kernel=edges")]:
            opens = [m for m in run_cell(kc, code, timeout=60) if m["msg_type"] == "comm_open"]
            state = lambda m: m["content"]["data"]["state"]
            padding = next(m for m in opens if state(m)["_model_name"] == "IntSliderModel" and state(m)["description"] == "padding")["content"]["comm_id"]
            picture = next(m for m in opens if state(m)["_model_name"] == "ImageModel")["content"]["comm_id"]
            times = []
            for i in range(args.moves):
                msg = kc.session.msg("comm_msg", {"comm_id": padding, "data": {"method": "update", "state": {"value": (i + 1) % 2}, "buffer_paths": []}})
                sent = time.perf_counter()
                kc.session.send(kc.shell_channel.socket, msg)
                while True:
                    reply = kc.get_iopub_msg(timeout=30)
                    if (reply["msg_type"] == "comm_msg" and reply["content"]["comm_id"] == picture
                            and reply["parent_header"].get("msg_id") == msg["header"]["msg_id"]):
                        times.append((time.perf_counter() - sent) * 1000)
                        break
            report(label, times, "moves")
        sketch_round_trip(kc, max(20, args.moves // 4))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
