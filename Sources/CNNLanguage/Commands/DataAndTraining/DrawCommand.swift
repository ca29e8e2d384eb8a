import CNNCore
import CNNEngine
import ImageFiles
import JSONKit
import JupyterKernel
import Rendering
import Widgets

/// `draw`: a pad to sketch an input on, and the model's prediction beside it, following the
/// strokes. The pad is an anywidget module the kernel sends (DrawingPadModule): plain JavaScript
/// the frontend imports, so there is no webpack build; the `anywidget` package gives JupyterLab
/// and Notebook 7 its frontend. Each sketch arrives as a PNG and goes the way of an uploaded
/// picture (decoded by libpng, made into the data's shape, classified, Grad-CAM drawn).
struct DrawCommand: Command {
    static let image = Key<Int>("image", .integer(min: -1, max: 10_000_000), default: -1, "start from this image of the split, to draw over (default: a blank pad)")
    let spec = CommandSpec(
        name: "draw", summary: "A pad to sketch an input on, with the model's prediction beside it following your strokes.",
        doc: "The pad is painted in the data's colours (light ink on dark for Fashion-MNIST) and is as many times larger than an image as fits 280 pixels. What you draw is classified as `classify` classifies a picture: made into the data's shape, the probabilities as bars, the evidence as Grad-CAM. Start from a test image (image=N) to see how few strokes change the model's mind. Needs a frontend with Jupyter widgets and anywidget (tools/setup installs it); elsewhere the output is the prediction for the starting picture.",
        parameters: [image.spec, Common.split.spec, Common.model.spec],
        examples: ["draw", "draw image=7"])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let setting = try env.classificationSetting(inv)
        try env.requireInferenceMemory(setting.entry, batch: 1, keepsOutputs: true, what: "classifying", at: inv.nameToken)
        guard case .image(_, let h, let w) = setting.entry.model.inputShape else {
            throw LanguageError(.value, at: inv.nameToken, "model \(setting.entry.name) takes \(setting.entry.model.inputShape), not an image")
        }
        let scale = max(4, 280 / max(h, w))
        let side = max(h, w) * scale
        let dark = (setting.look?.background ?? 0) < 0.5
        let paper: UInt8 = dark ? 0 : 255
        var start: DecodedImage, name: String
        if inv[Self.image] >= 0 {
            let (picture, n) = try env.dataPicture(inv, index: Self.image)
            (start, name) = (picture.enlarged(to: side, paper: paper), n)
        } else {
            start = DecodedImage(width: side, height: side, rgb: [UInt8](repeating: paper, count: side * side * 3), format: "PNG")
            name = tr("a blank pad")
        }
        let first: PictureClassification
        do { first = try PictureClassification.run(start, name: name, setting: setting, fit: .pad, invert: .auto, shouldStop: { false }) } catch let p as PictureClassification.Problem {
            throw LanguageError(.value, at: inv.nameToken, Phrase(verbatim: p.message))
        }
        guard let controls = env.controls, !env.context.silent else {
            var bundle = first.bundle()
            bundle.data["text/plain"] = .string(first.text + tr("(the drawing pad needs a frontend with Jupyter widgets and anywidget)\n"))
            return env.context.display(bundle)
        }
        let live = DrawingPadControls(controls: controls, setting: setting, start: start, side: side, brush: max(3, side / 14), dark: dark, first: first)
        env.context.display(live.box.bundle(text: first.text + tr("(a drawing pad: JupyterLab or Notebook 7 with anywidget show it)\n"), png: first.render().png()))
    }
}

extension DecodedImage {
    /// Scaled to fit a `side`×`side` pad (by whole pixels when it is smaller, nearest neighbour
    /// either way) and centred on it, the rest `paper`.
    func enlarged(to side: Int, paper: UInt8) -> DecodedImage {
        let longer = max(width, height)
        let sw = max(1, min(side, width * side / longer)), sh = max(1, min(side, height * side / longer))
        let f = longer <= side ? max(1, side / longer) : 0
        let (ow, oh) = f > 0 ? (width * f, height * f) : (sw, sh)
        let ox = (side - ow) / 2, oy = (side - oh) / 2
        var out = [UInt8](repeating: paper, count: side * side * 3)
        for y in 0..<oh {
            for x in 0..<ow {
                let sx = min(width - 1, x * width / ow), sy = min(height - 1, y * height / oh)
                for k in 0..<3 { out[((oy + y) * side + ox + x) * 3 + k] = rgb[(sy * width + sx) * 3 + k] }
            }
        }
        return DecodedImage(width: side, height: side, rgb: out, format: "PNG")
    }

    var png: [UInt8] {
        var img = RGBAImage(width: width, height: height)
        for p in 0..<(width * height) { img.set(p % width, p / width, (rgb[3 * p], rgb[3 * p + 1], rgb[3 * p + 2], 255)) }
        return PNGEncoder.encode(img)
    }
}

/// The controls of one `draw` output: the pad (an anywidget model), a message line and an Output
/// widget with the classification. Each sketch the pad sends is classified with the model as it
/// is then; the model is held weakly.
final class DrawingPadControls {
    weak var entry: ModelEntry?
    let setting: (normalization: Normalization, classNames: [String], look: PicturePreparation.DataLook?)
    let pad, message, result: Widget
    let box: Widget
    /// The sketches classified (the pad's `sent` counter says how many it sent).
    private(set) var classified = 0

    /// At most this many bytes in one sketch: a 280×280 canvas as PNG is about 10 KB.
    static let maxSketchBytes = 4 << 20

    init(controls: Controls, setting s: PictureClassification.Setting, start: DecodedImage, side: Int, brush: Int, dark: Bool, first: PictureClassification) {
        entry = s.entry
        setting = (s.normalization, s.classNames, s.look)
        pad = controls.anyWidget(
            id: "cnn_kernel.DrawingPad", esm: DrawingPadModule.esm, css: DrawingPadModule.css,
            state: ["side": .int(side), "brush": .int(brush), "paper": .string(dark ? "#000000" : "#ffffff"), "ink": .string(dark ? "#ffffff" : "#000000"),
                    "sent": 0, "hint": .string(tr("draw with the mouse, a pen or a finger; the prediction follows"))],
            binary: ["png": start.png], fields: ["png": .bytes(maxLength: Self.maxSketchBytes), "sent": .integer])
        message = controls.html("")
        result = controls.output()
        box = controls.hbox([pad, controls.vbox([message, result])])
        result.setOutputs([first.bundle(source: false)])
        // The pad's handler holds this object: it lives as long as the pad is open.
        pad.onChange = { keys in if keys.contains("png") { self.sketched() } }
    }

    func sketched() {
        guard let entry else { return say(tr("this model has been replaced since; run the cell again")) }
        guard let bytes = pad.binary["png"] else { return }
        do {
            let picture = try ImageDecoder.decode(bytes) { need in try MemoryBudget.require(need, for: "decoding the sketch", hint: "draw on a smaller pad") }
            let s = PictureClassification.Setting(entry: entry, normalization: setting.normalization, classNames: setting.classNames, look: setting.look)
            let r = try PictureClassification.run(picture, name: "your drawing", setting: s, fit: .pad, invert: .auto, shouldStop: { false })
            classified += 1
            result.setOutputs([r.bundle(source: false)])
            message.clearMessage()
        } catch let p as PictureClassification.Problem {
            say(p.message)
        } catch {
            say(tr("the sketch: \(error)"))
        }
    }

    func say(_ text: String) { message.say(problem: text) }
}
