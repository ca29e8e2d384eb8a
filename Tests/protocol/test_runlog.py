"""`train log=DIR` in a live kernel, read back by the tools it is written for: TensorBoard's own
event reader (tensorboard's EventAccumulator) finds a train/loss scalar for every batch and the
epochs' validation scalars, equal (as 32-bit floats) to metrics.csv, which has a row per epoch."""

import csv

from kernel_helpers import execute, running_kernel, stdout_of


def test_tensorboard_reads_the_run(tmp_path):
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    run = tmp_path / "runs" / "net"
    with running_kernel() as (km, kc):
        reply, outputs = execute(kc, "data shapes n=400 size=16 val=100\nmodel m input=[1, 16, 16]\n  conv 4 pad=1\n  relu\n  flatten\n  linear 10\nend\n"
                                     f"train epochs=3 batch=30 log=\"{run}\"", timeout=120)
        assert reply["content"]["status"] == "ok", outputs
        assert f"written to {run}: metrics.csv and events.out.tfevents." in stdout_of(outputs)
        reply, outputs = execute(kc, f"train epochs=1 batch=30 log=\"{run}\"", timeout=120)
        assert reply["content"]["status"] == "ok", outputs
    rows = list(csv.DictReader(open(run / "metrics.csv")))
    assert [r["epoch"] for r in rows] == ["1", "2", "3", "4"], "the second train continues the file"
    acc = EventAccumulator(str(run), size_guidance={"scalars": 0})
    acc.Reload()
    tags = set(acc.Tags()["scalars"])
    assert {"train/loss", "train/accuracy", "train/learning_rate", "epoch/validation_loss", "epoch/validation_accuracy"} <= tags, tags
    # 300 training images in batches of 30: 10 a epoch, 4 epochs.
    steps = [e.step for e in acc.Scalars("train/loss")]
    assert sorted(steps) == list(range(40)), steps
    validation = [e.value for e in sorted(acc.Scalars("epoch/validation_loss"), key=lambda e: e.step)]
    import numpy as np
    assert np.allclose(validation, [np.float32(float(r["validation_loss"])) for r in rows], rtol=1e-6), (validation, rows)
    assert all(abs(e.value - 0.05) < 1e-7 for e in acc.Scalars("train/learning_rate"))
