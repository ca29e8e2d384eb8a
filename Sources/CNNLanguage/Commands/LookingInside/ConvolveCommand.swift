import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering
import Widgets

/// `convolve`: one convolution of one image, to see what a kernel, stride, padding and dilation
/// do. In a frontend that renders Jupyter widgets the settings are controls and the picture and
/// the arithmetic follow them; the same output also carries the picture and the text of the
/// current settings, which is what console, nbconvert and GitHub show (`cnn-kernel run`, which
/// has no comms, writes the picture).
struct ConvolveCommand: Command {
    static let kernel = Key<String>("kernel", .choice(ConvolutionPlayground.kernelChoices), default: "edges", "a classic kernel, or custom (with values=)")
    static let size = Key<Int>("size", .integer(min: 1, max: 7), default: 3, "kernel height and width (odd)")
    static let stride = Key<Int>("stride", .integer(min: 1, max: 4), default: 1, "step between kernel positions")
    static let padding = Key<Int>("padding", .integer(min: 0, max: 3), default: 0, aliases: ["pad"], "zeros added on each side")
    static let dilation = Key<Int>("dilation", .integer(min: 1, max: 3), default: 1, "spacing between kernel taps")
    static let bias = Key<Double>("bias", .number(min: -1000, max: 1000), default: 0, "added to every output value")
    static let values = Key<[Double]>("values", .numberList, default: [], "kernel=custom: the k×k values, row by row (k odd, at most 7)")
    static let at = Key<[Int]>("at", .integerList(min: -1, max: 10_000), default: [-1, -1], "output position [y, x] whose arithmetic is shown (default: the centre)")

    let spec = CommandSpec(
        name: "convolve", summary: "One convolution of one image with a kernel you choose: the window on the input, the output map, and the arithmetic at one position; with Jupyter widgets, sliders and a menu change it live.",
        doc: "Every input channel is multiplied by the same kernel and the channels are summed, plus the bias: one output channel of a conv layer, computed by the engine's own conv layer. Pixels are 0…1 (not normalised). Kernels: " + ConvolutionPlayground.presets.joined(separator: ", ") + ", or custom with values=.",
        parameters: [kernel.spec, size.spec, stride.spec, padding.spec, dilation.spec, bias.spec, values.spec, at.spec, Common.image.spec, Common.split.spec],
        examples: ["convolve kernel=vertical_edges padding=1 image=3", "convolve kernel=custom values=[0, 1, 0, 1, -4, 1, 0, 1, 0] stride=2", "convolve kernel=blur size=5 dilation=2 at=[4, 4]"])

    func check(_ inv: Invocation, in session: Session, earlier: EarlierLines) throws {
        if inv[Self.size] % 2 == 0 { throw LanguageError(.value, at: inv.token(Self.size), "size=\(inv[Self.size]): a kernel here has an odd side (1, 3, 5 or 7), so it has a centre") }
        if inv[Self.kernel] == "custom" {
            let v = inv[Self.values]
            let k = Int(Double(v.count).squareRoot().rounded())
            guard k * k == v.count, k % 2 == 1, k <= 7, v.allSatisfy({ $0.isFinite && abs($0) <= 1e6 }) else {
                throw LanguageError(.value, at: inv.given(Self.values) ? inv.token(Self.values) : inv.token(Self.kernel),
                                    "kernel=custom needs values=[…] with 1, 9, 25 or 49 numbers (a square kernel of odd side), got \(v.count)")
            }
        } else if inv.given(Self.values) {
            throw LanguageError(.value, at: inv.token(Self.values), "values= goes with kernel=custom")
        }
    }

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let (set, index) = try env.convolutionImage(inv)
        let (c, h, w) = env.imageSize(set)
        let preset = inv[Self.kernel]
        let values = inv[Self.values]
        let size = preset == "custom" ? Int(Double(values.count).squareRoot().rounded()) : inv[Self.size]
        var p = ConvolutionPlayground(pixels: env.pixels(set, index), channels: c, height: h, width: w,
                                      kernel: preset == "custom" ? values : ConvolutionPlayground.preset(preset, size: size), size: size, preset: preset)
        p.stride = inv[Self.stride]; p.padding = inv[Self.padding]; p.dilation = inv[Self.dilation]; p.bias = inv[Self.bias]
        p.caption = tr("image \(index) of the \(set.name) set (\(set.classNames[Int(set.labels[index])]))")
        guard p.fits else {
            throw LanguageError(.value, at: inv.nameToken, "a \(size)×\(size) kernel with dilation \(p.dilation) and padding \(p.padding) does not fit a \(h)×\(w) image")
        }
        let at = inv[Self.at]
        guard at.count == 2 else { throw LanguageError(.type, at: inv.token(Self.at), "at=[y, x]") }
        p.y = at[0] < 0 ? p.outputHeight / 2 : at[0]
        p.x = at[1] < 0 ? p.outputWidth / 2 : at[1]
        guard p.y < p.outputHeight, p.x < p.outputWidth else {
            throw LanguageError(.value, at: inv.token(Self.at), "position [\(p.y), \(p.x)] is outside the \(p.outputHeight)×\(p.outputWidth) output")
        }
        let out = try p.output()
        let canvas = p.render(output: out)
        let (text, html) = p.explanation(output: out)
        let png = canvas.png()
        guard let controls = env.controls, !env.context.silent else {
            env.context.display(env.imageBundle(canvas, text: text, html: html))
            return
        }
        let live = ConvolutionControls(controls: controls, playground: p, set: set, ownsSet: env.session.data == nil, index: index, png: png, html: html)
        env.context.display(live.box.bundle(text: text, png: png))
    }
}

extension CommandEnvironment {
    /// The image to convolve: from the loaded data, or a synthetic shape when none is loaded.
    func convolutionImage(_ inv: Invocation) throws -> (Dataset, Int) {
        let set: Dataset
        if let data = session.data {
            set = try evaluationData(inv, data)
        } else {
            set = SyntheticShapes.make(count: 10, size: 28, channels: 1, seed: 7)
        }
        let i = inv[Common.image]
        guard i < set.count else { throw LanguageError(.value, at: inv.token(Common.image), "image \(i) is past the last one (\(set.count - 1))") }
        return (set, i)
    }
}

/// The controls of one `convolve` output and what each does: every change recomputes the
/// convolution and sends the new picture (a PNG buffer) and arithmetic.
final class ConvolutionControls {
    var playground: ConvolutionPlayground
    /// The images the slider picks from, held weakly when they are the session's data (controls
    /// left on the page must not keep a replaced data set alive); a synthetic set made for this
    /// output is held here.
    weak var set: Dataset?
    let ownedSet: Dataset?
    let kernel, size, stride, padding, dilation, image, y, x, values, picture, arithmetic, message: Widget
    let box: Widget

    init(controls: Controls, playground p: ConvolutionPlayground, set: Dataset, ownsSet: Bool, index: Int, png: [UInt8], html: String) {
        playground = p
        self.set = set
        ownedSet = ownsSet ? set : nil
        let wide = ["width": "260px"]
        kernel = controls.dropdown(tr("kernel"), options: ConvolutionPlayground.kernelChoices, index: ConvolutionPlayground.kernelChoices.firstIndex(of: p.preset), css: wide)
        size = controls.intSlider(tr("size"), value: p.size, min: 1, max: 7, step: 2, css: wide)
        stride = controls.intSlider(tr("stride"), value: p.stride, min: 1, max: 4, css: wide)
        padding = controls.intSlider(tr("padding"), value: p.padding, min: 0, max: 3, css: wide)
        dilation = controls.intSlider(tr("dilation"), value: p.dilation, min: 1, max: 3, css: wide)
        image = controls.intSlider(tr("image"), value: index, min: 0, max: max(0, min(set.count, 10_000) - 1), css: wide)
        y = controls.intSlider(tr("row"), value: p.y, min: 0, max: max(0, p.outputHeight - 1), css: wide)
        x = controls.intSlider(tr("column"), value: p.x, min: 0, max: max(0, p.outputWidth - 1), css: wide)
        values = controls.text(tr("values"), value: p.kernelText, css: ["width": "530px"])
        message = controls.html("")
        picture = controls.image(png: png)
        arithmetic = controls.html(html)
        box = controls.vbox([controls.hbox([kernel, size]), controls.hbox([stride, padding]), controls.hbox([dilation, image]),
                             controls.hbox([y, x]), values, message, picture, arithmetic])
        // The controls keep this object alive (their handlers hold it) for as long as they are open.
        for w in [kernel, size, stride, padding, dilation, image, y, x, values] {
            w.onChange = { [weak w] _ in
                guard let w else { return }
                self.changed(w)
            }
        }
    }

    /// Reads the control that changed, recomputes, and updates the picture, the arithmetic and
    /// the controls that follow (the position's range, the values of a preset).
    func changed(_ w: Widget) {
        var p = playground
        switch w.id {
        case kernel.id:
            let names = ConvolutionPlayground.kernelChoices
            let name = names[min(names.count - 1, max(0, kernel["index"]?.intValue ?? 0))]
            p.preset = name
            if name != "custom" { p.kernel = ConvolutionPlayground.preset(name, size: p.size) }
        case size.id:
            var k = size["value"]?.intValue ?? p.size
            if k % 2 == 0 { k -= 1 }
            p.size = max(1, k)
            p.kernel = p.preset == "custom" ? resized(p.kernel, from: playground.size, to: p.size) : ConvolutionPlayground.preset(p.preset, size: p.size)
        case stride.id: p.stride = stride["value"]?.intValue ?? p.stride
        case padding.id: p.padding = padding["value"]?.intValue ?? p.padding
        case dilation.id: p.dilation = dilation["value"]?.intValue ?? p.dilation
        case image.id:
            guard let set else {
                message.say(problem: tr("the data has been replaced since; run the cell again to pick from the new images"))
                return
            }
            let i = min(set.count - 1, max(0, image["value"]?.intValue ?? 0))
            p.pixels = set.image(i).map { Double($0) / 255 }
            p.caption = tr("image \(i) of the \(set.name) set (\(set.classNames[Int(set.labels[i])]))")
        case y.id: p.y = y["value"]?.intValue ?? p.y
        case x.id: p.x = x["value"]?.intValue ?? p.x
        case values.id:
            if let k = ConvolutionPlayground.parseKernel(values["value"]?.stringValue ?? "") {
                p.kernel = k
                p.size = Int(Double(k.count).squareRoot().rounded())
                p.preset = "custom"
            } else {
                message.say(problem: tr("values: a square of numbers with an odd side up to 7, rows separated by ; (as -1 0 1; -2 0 2; -1 0 1)"))
                return
            }
        default: return
        }
        guard p.fits else {
            message.say(problem: tr("a \(p.size)×\(p.size) kernel with dilation \(p.dilation) and padding \(p.padding) does not fit a \(p.height)×\(p.width) image: the output would be empty"))
            return
        }
        // The position keeps its place in the picture when the output changes size.
        if p.outputHeight != playground.outputHeight { p.y = p.y * p.outputHeight / max(1, playground.outputHeight) }
        if p.outputWidth != playground.outputWidth { p.x = p.x * p.outputWidth / max(1, playground.outputWidth) }
        p.y = min(p.y, p.outputHeight - 1)
        p.x = min(p.x, p.outputWidth - 1)
        guard let out = try? p.output() else { return }
        let previous = playground
        playground = p
        if p.outputHeight != previous.outputHeight || p.y != y["value"]?.intValue { y.set(["max": .int(p.outputHeight - 1), "value": .int(p.y)]) }
        if p.outputWidth != previous.outputWidth || p.x != x["value"]?.intValue { x.set(["max": .int(p.outputWidth - 1), "value": .int(p.x)]) }
        if w.id != values.id && p.kernel != previous.kernel { values.set(["value": .string(p.kernelText)]) }
        if w.id != size.id && p.size != previous.size { size.set(["value": .int(p.size)]) }
        if w.id != kernel.id && p.preset != previous.preset { kernel.set(["index": .int(ConvolutionPlayground.kernelChoices.firstIndex(of: p.preset) ?? 0)]) }
        message.clearMessage()
        picture.set([:], binary: ["value": p.render(output: out).png()])
        arithmetic.set(["value": .string(p.explanation(output: out).html)])
    }

    /// A custom kernel taken to another size: cut around its centre or padded with zeros.
    func resized(_ k: [Double], from a: Int, to b: Int) -> [Double] {
        var out = [Double](repeating: 0, count: b * b)
        let shift = (a - b) / 2
        for r in 0..<b { for c in 0..<b {
            let sr = r + shift, sc = c + shift
            if sr >= 0, sr < a, sc >= 0, sc < a { out[r * b + c] = k[sr * a + sc] }
        } }
        return out
    }
}
