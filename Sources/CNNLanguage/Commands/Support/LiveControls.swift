import JSONKit
import JupyterKernel
import Widgets

/// Controls a command puts beside its output when the frontend renders widgets.
extension CommandEnvironment {
    var controls: Controls? { interpreter.controls(for: context) }

    /// A Stop button and a learning-rate slider for `train` (log scale, 10^-5 … 10), shown above
    /// the training display; the previous train's controls are closed. Nil where no frontend
    /// renders widgets (console, nbclient, `cnn-kernel run`): an interrupt does what Stop does.
    func trainingControls(learningRate: Double) -> (stop: Widget, lr: Widget)? {
        guard let controls, controls.frontendRendersWidgets, !context.silent else { return nil }
        controls.close(session.trainingControls)
        let stop = controls.button("Stop", style: "danger", icon: "stop", css: ["width": "90px"])
        let lr = controls.floatLogSlider("lr", value: learningRate, minExponent: -5, maxExponent: 1, step: 0.05, css: ["width": "360px"])
        let box = controls.hbox([stop, lr])
        session.trainingControls = [box, stop, lr]
        context.display(box.bundle(text: "[Stop] [lr \(sci(learningRate))]  (live controls; a frontend with Jupyter widgets shows them)"))
        return (stop, lr)
    }
}
