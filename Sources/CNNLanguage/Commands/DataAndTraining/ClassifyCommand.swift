import CNNCore
import CNNEngine
import ImageFiles
import JSONKit
import JupyterKernel
import Rendering
import SafeFiles
import Widgets

/// `classify`: the model on a picture of the learner's own, a file named or (with Jupyter
/// widgets) one uploaded: decoded by libpng or libjpeg-turbo, made into the data's shape as the
/// data were, its class probabilities as bars beside it and the Grad-CAM evidence over it.
struct ClassifyCommand: Command {
    static let path = Key<String>("path", .path, default: "", positional: true, "a PNG or JPEG file (default: upload one with the button, or a test image)")
    static let fit = Key<String>("fit", .choice(PicturePreparation.Fit.allCases.map(\.rawValue)), default: "pad", "pad: the whole picture; crop: its middle; stretch: squeezed")
    static let invert = Key<String>("invert", .choice(PicturePreparation.Invert.allCases.map(\.rawValue)), default: "auto", "auto: when its background is the opposite of the data's")
    let spec = CommandSpec(
        name: "classify", summary: "The model on a picture of your own: its class probabilities as bars, and where the evidence lies (Grad-CAM).",
        doc: "The picture (PNG or JPEG, a phone photo turned upright by its EXIF tag) is made into the data's shape the way the data were made: grey when the data are, fitted into their size, grey levels stretched, and inverted when its background is the opposite of the data's (a dark sketch on white paper, for Fashion-MNIST's light things on black). In a notebook with Jupyter widgets, `classify` alone shows an Upload button and classifies a test image until you upload one.",
        parameters: [path.spec, fit.spec, invert.spec, Common.image.spec, Common.split.spec, Common.model.spec],
        examples: ["classify \"my-sneaker.jpg\"", "classify", "classify \"sketch.png\" fit=crop invert=no"])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let setting = try env.classificationSetting(inv)
        let fit = PicturePreparation.Fit(rawValue: inv[Self.fit]) ?? .pad
        let invert = PicturePreparation.Invert(rawValue: inv[Self.invert]) ?? .auto
        let shouldStop = { [token = env.context.token] in token.isCancelled }
        try env.requireInferenceMemory(setting.entry, batch: 1, keepsOutputs: true, what: "classifying", at: inv.nameToken)
        let (source, name): (DecodedImage, String)
        if inv.given(Self.path) {
            let path = inv[Self.path]
            source = try env.readPicture(path, at: inv.token(Self.path), shouldStop: shouldStop)
            name = path.split(separator: "/").last.map(String.init) ?? path
        } else {
            (source, name) = try env.dataPicture(inv)
        }
        let result: PictureClassification
        do { result = try PictureClassification.run(source, name: name, setting: setting, fit: fit, invert: invert, shouldStop: shouldStop) } catch let p as PictureClassification.Problem {
            throw LanguageError(.value, at: inv.nameToken, Phrase(verbatim: p.message))
        }
        guard !inv.given(Self.path), let controls = env.controls, !env.context.silent else {
            var bundle = result.bundle()
            if !inv.given(Self.path) {
                bundle.data["text/plain"] = .string(result.text + tr("(a picture of your own: classify \"FILE.png\", or the Upload button in a notebook with Jupyter widgets)\n"))
            }
            return env.context.display(bundle)
        }
        // One drawing for both: the Output widget's bundle and the static picture beside the controls.
        let first = result.output()
        let live = ClassifyControls(controls: controls, setting: setting, source: source, name: name, fit: fit, invert: invert, first: first.bundle)
        env.context.display(live.box.bundle(text: result.text + tr("(upload a picture of your own with the button, in a frontend with Jupyter widgets)\n"),
                                            png: first.png))
    }
}

extension CommandEnvironment {
    /// The model and what it was trained on: its own normalisation and classes (a loaded
    /// checkpoint has them) or the loaded data's.
    func classificationSetting(_ inv: Invocation) throws -> PictureClassification.Setting {
        let entry = try model(inv)
        let data = session.data
        if let data, entry.model.inputShape == data.shape || !entry.trained { _ = try dataFor(entry, inv) }
        guard let normalization = entry.normalization ?? (data?.shape == entry.model.inputShape ? data?.split.normalization : nil),
              let classes = entry.classNames ?? (data?.shape == entry.model.inputShape ? data?.classNames : nil) else {
            throw LanguageError(.state, at: inv.nameToken, data == nil
                ? "no data loaded: load the data model \(entry.name) was trained on (`data fashion-mnist`), for its classes and pixel statistics"
                : "model \(entry.name) takes \(entry.model.inputShape) but the data is \(data!.shape)")
        }
        let look = data?.shape == entry.model.inputShape ? data?.split.train.look() : nil
        return .init(entry: entry, normalization: normalization, classNames: classes, look: look)
    }

    /// A PNG or JPEG file, read as untrusted (a regular file, at most 32 MB) and decoded within the memory budget.
    func readPicture(_ path: String, at token: Token, shouldStop: @escaping () -> Bool) throws -> DecodedImage {
        let bytes: [UInt8]
        do { bytes = try RegularFile.read(path, limit: ImageDecoder.maxFileBytes, shouldStop: shouldStop) } catch let f as RegularFile.Failure {
            throw LanguageError(.value, at: token, Phrase(verbatim: f.description))
        } catch is RegularFile.Stopped {
            throw ExecutionInterrupted()
        }
        do {
            return try ImageDecoder.decode(bytes) { need in
                try requireMemory(need, for: "decoding \(path)", hint: "use a smaller picture", at: token)
            }
        } catch let e as ImageDecodeError {
            throw LanguageError(.value, at: token, "\(path): \(e)")
        }
    }

    /// Image `image=` of the split, as a picture (what `classify` shows until one is uploaded).
    func dataPicture(_ inv: Invocation, index key: Key<Int> = Common.image) throws -> (DecodedImage, String) {
        guard let data = session.data else {
            throw LanguageError(.state, at: inv.nameToken, "no data loaded, so no test image to start from: name a picture (classify \"FILE.png\") or load the data")
        }
        let set = try evaluationData(inv, data)
        let i = inv[key]
        guard i < set.count else { throw LanguageError(.value, at: inv.token(key), "image \(i) is past the last one (\(set.count - 1))") }
        let (c, h, w) = imageSize(set)
        let pixels = set.image(i)
        var rgb = [UInt8](repeating: 0, count: h * w * 3)
        for p in 0..<(h * w) { for k in 0..<3 { rgb[3 * p + k] = pixels[p * c + (c == 3 ? k : 0)] } }
        let name = tr("\(shownSplit(inv[Common.split])) image \(i) (\(set.classNames[Int(set.labels[i])]))")
        return (DecodedImage(width: w, height: h, rgb: rgb, format: tr("from the data")), name)
    }
}

/// The controls of one `classify` output: an Upload button, the fit and invert menus, and an
/// Output widget with the result (picture and text). Each upload or menu change classifies
/// again with the model as it is then; the model is held weakly (a replaced model is let go).
/// An uploaded picture is decoded again when a menu changes rather than kept decoded: its bytes
/// are in the upload's state already, and a decoded photo can be 150 MB.
final class ClassifyControls {
    weak var entry: ModelEntry?
    let normalization: Normalization
    let classNames: [String]
    let look: PicturePreparation.DataLook?
    /// The picture from the data, until one is uploaded.
    let dataPicture: DecodedImage
    let dataName: String
    let upload, fit, invert, message, result: Widget
    let box: Widget

    init(controls: Controls, setting: PictureClassification.Setting, source: DecodedImage, name: String,
         fit f: PicturePreparation.Fit, invert i: PicturePreparation.Invert, first: MimeBundle) {
        entry = setting.entry
        normalization = setting.normalization
        classNames = setting.classNames
        look = setting.look
        dataPicture = source
        dataName = name
        upload = controls.fileUpload(tr("Upload a picture"), accept: "image/png,image/jpeg,.png,.jpg,.jpeg", maxBytes: ImageDecoder.maxFileBytes, css: ["width": "200px"])
        let fits = PicturePreparation.Fit.allCases.map(\.rawValue), inverts = PicturePreparation.Invert.allCases.map(\.rawValue)
        fit = controls.dropdown(tr("fit"), options: fits, index: fits.firstIndex(of: f.rawValue), css: ["width": "170px"])
        invert = controls.dropdown(tr("invert"), options: inverts, index: inverts.firstIndex(of: i.rawValue), css: ["width": "170px"])
        message = controls.html("")
        result = controls.output()
        box = controls.vbox([controls.hbox([upload, fit, invert]), message, result])
        result.setOutputs([first])
        // The controls' handlers hold this object: it lives as long as they are open.
        upload.onChange = { _ in self.classify() }
        fit.onChange = { _ in self.classify() }
        invert.onChange = { _ in self.classify() }
    }

    /// The picture to classify: the last upload, decoded, or the data's picture.
    func picture() throws -> (DecodedImage, String) {
        guard let file = upload.uploadedFiles.first else { return (dataPicture, dataName) }
        let name = file.name.isEmpty ? tr("the uploaded picture") : file.name
        do {
            return (try ImageDecoder.decode(file.content) { need in try MemoryBudget.require(need, for: "decoding \(name)", hint: "use a smaller picture") }, name)
        } catch {
            throw PictureClassification.Problem("\(name): \(error)")
        }
    }

    func classify() {
        guard let entry else { return say(tr("this model has been replaced since; run the cell again")) }
        let fits = PicturePreparation.Fit.allCases, inverts = PicturePreparation.Invert.allCases
        let f = fits[min(fits.count - 1, max(0, fit["index"]?.intValue ?? 0))], i = inverts[min(inverts.count - 1, max(0, invert["index"]?.intValue ?? 0))]
        let setting = PictureClassification.Setting(entry: entry, normalization: normalization, classNames: classNames, look: look)
        do {
            let (source, name) = try picture()
            let r = try PictureClassification.run(source, name: name, setting: setting, fit: f, invert: i, shouldStop: { false })
            result.setOutputs([r.bundle()])
            message.clearMessage()
        } catch let p as PictureClassification.Problem {
            say(p.message)
        } catch {
            say("\(error)")
        }
    }

    func say(_ text: String) { message.say(problem: text) }
}
