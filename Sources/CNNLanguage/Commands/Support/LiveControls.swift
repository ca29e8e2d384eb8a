import CNNCore
import CNNEngine
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
        let stop = controls.button(tr("Stop"), style: "danger", icon: "stop", css: ["width": "90px"])
        // The exponent grid (steps of 0.05) goes through the given rate, so the slider can show it exactly.
        let e = log10(max(learningRate, 1e-12))
        let lr = controls.floatLogSlider("lr", value: learningRate, minExponent: e - 0.05 * ((e + 5) / 0.05).rounded(),
                                         maxExponent: e + 0.05 * ((1 - e) / 0.05).rounded(), step: 0.05, css: ["width": "360px"])
        let box = controls.hbox([stop, lr])
        session.trainingControls = [box, stop, lr]
        context.display(box.bundle(text: tr("[Stop] [lr \(sci(learningRate))]  (controls of a notebook with widgets; here, Ctrl-C stops training)")))
        return (stop, lr)
    }
}

extension CommandEnvironment {
    /// `train watch=`: what the live display redraws while training runs. The model is read as it
    /// is between two batches (a forward pass in evaluation mode, which keeps nothing for backward).
    func trainingWatch(_ inv: Invocation, entry: ModelEntry, data: LoadedData) throws -> () -> (png: [UInt8], caption: String)? {
        if inv[TrainCommand.watch] == "filters" {
            let (name, layer) = try firstLayer(entry, inv, types: ["conv"])
            return { [weak self] in
                guard let self else { return nil }
                return (self.filters(name, layer).canvas.png(), tr("filters of \(name), as training changes them"))
            }
        }
        let (name, _) = try layerOrDefault(entry, inv, tr("layer with feature maps")) { l in
            if case .image = l.layer.outputShape { return true }
            return false
        }
        let set = data.split.validation ?? data.split.test ?? data.split.train
        guard set.count > 0 else { throw LanguageError(.state, at: inv.token(TrainCommand.watch), "no images to watch") }
        try requireInferenceMemory(entry, batch: 1, keepsOutputs: true, what: "watching feature maps", at: inv.token(TrainCommand.watch))
        let normalization = data.split.normalization, classes = data.classNames
        return { [weak self, weak entry] in
            guard let self, let entry, let drawn = try? self.featureMaps(entry, normalization, classes, set, image: 0, layer: name, check: {}) else { return nil }
            return (drawn.canvas.png(), tr("feature maps of \(name) for image 0, as training changes them"))
        }
    }
}

/// The message line beside a command's controls (an HTML widget): a problem in red, or nothing.
extension Widget {
    func say(problem text: String) {
        set(["value": .string("<span style=\"color:#c62828\">\(escape(text))</span>")])
    }

    func clearMessage() {
        if !(self["value"]?.stringValue ?? "").isEmpty { set(["value": ""]) }
    }
}
