import JSONKit
import JupyterKernel
import Widgets
#if canImport(Glibc)
import Glibc
#endif

/// Controls a command puts beside its output when the frontend renders widgets.
extension CommandEnvironment {
    var controls: Controls? { interpreter.controls(for: context) }

    /// A Stop button and a learning-rate slider for `train` (log scale, 10^-5 … 10), shown above
    /// the training display; the previous train's controls are closed. A frontend without
    /// widgets shows the output's text instead (and an interrupt does what Stop does). Nil
    /// without comms (`cnn-kernel run`).
    ///
    /// (The kernel cannot tell in advance whether a frontend renders widgets: JupyterLab's widget
    /// manager introduces itself when it connects, but a cell run at once can come first. So
    /// every output with controls also carries what a frontend without them shows.)
    func trainingControls(learningRate: Double) -> (stop: Widget, lr: Widget)? {
        guard let controls, !context.silent else { return nil }
        controls.close(session.trainingControls)
        let stop = controls.button("Stop", style: "danger", icon: "stop", css: ["width": "90px"])
        // The exponent grid (steps of 0.05) goes through the given rate, so the slider can show it exactly.
        let e = log10(max(learningRate, 1e-12))
        let lr = controls.floatLogSlider("lr", value: learningRate, minExponent: e - 0.05 * ((e + 5) / 0.05).rounded(),
                                         maxExponent: e + 0.05 * ((1 - e) / 0.05).rounded(), step: 0.05, css: ["width": "360px"])
        let box = controls.hbox([stop, lr])
        session.trainingControls = [box, stop, lr]
        context.display(box.bundle(text: "[Stop] [lr \(sci(learningRate))]  (live controls; a frontend with Jupyter widgets shows them)"))
        return (stop, lr)
    }
}
