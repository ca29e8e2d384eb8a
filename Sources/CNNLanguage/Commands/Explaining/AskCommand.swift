import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering

/// `ask`: a question to the learner before an output shows the answer: predict, then see.
/// Where the frontend can answer (JupyterLab, Notebook 7, `jupyter console`: the execute request
/// allows stdin), the kernel asks with an input_request, checks the answer and explains the right
/// one; elsewhere (nbclient, `cnn-kernel run`) it prints the question and its answer.
/// The kernel works out the answers to its own questions (a layer's shape or parameter count, the
/// class the model will predict) from the learner's model; a written question brings its options,
/// the right one and why.
struct AskCommand: Command {
    static let what = Key<String>("what", .choice(["shape", "params", "class", "choice"]), positional: true,
                                  tr("shape: a layer's output shape; params: its parameter count; class: the model's prediction for an image; choice: a written question"))
    static let question = Key<String>("question", .text, default: "", "choice: the question")
    static let options = Key<ParameterValue>("options", .literal, default: .list([]), "choice: the possible answers, a list of strings")
    static let answer = Key<Int>("answer", .integer(min: 1, max: 26), default: 1, "choice: which option is right (1 is the first)")
    static let why = Key<String>("why", .text, default: "", "choice: why it is right, shown after the answer")
    let spec = CommandSpec(
        name: "ask",
        summary: "Asks the learner to predict (a layer's shape or parameters, the model's prediction, or a written question), checks the answer and explains it.",
        parameters: [what.spec, Common.layer.spec, Common.image.spec, Common.split.spec, Common.model.spec, question.spec, options.spec, answer.spec, why.spec],
        examples: ["ask shape layer=conv2", "ask params layer=conv1", "ask class image=7",
                   "ask choice question=\"Which layer has no weights?\" options=[\"conv\", \"maxpool\", \"linear\"] answer=2 why=\"Pooling only picks or averages.\""])

    /// A question: its prompt, how an answer is judged, and the explanation shown either way.
    struct Question {
        var prompt: String
        var rightAnswer: String
        var judge: (String) -> Bool
        var explanation: String
    }

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let q: Question
        switch inv[Self.what] {
        case "shape": q = try shapeQuestion(inv, env)
        case "params": q = try parameterQuestion(inv, env)
        case "class": q = try classQuestion(inv, env)
        default: q = try writtenQuestion(inv)
        }
        guard let ask = env.context.requestInput else {
            // Nobody can answer (a notebook built by nbclient, `cnn-kernel run`): the question, and
            // its answer folded away in a notebook so that a reader can still predict first.
            let text = tr("Question: \(q.prompt)\nAnswer: \(q.rightAnswer). \(q.explanation)\n(asked interactively in JupyterLab, Notebook or jupyter console)\n")
            let html = tr("<div style=\"border-left:3px solid #468;padding:4px 10px\"><b>Question.</b> \(escape(q.prompt))")
                + tr("<details><summary>The answer (predict first, then open)</summary><p><b>\(escape(q.rightAnswer)).</b> \(escape(q.explanation))</p></details>")
                + tr("<div style=\"color:#777;font-size:90%\">Run the cell to be asked and answer it yourself.</div></div>")
            env.context.display(MimeBundle(data: ["text/plain": .string(text), "text/html": .string(html)]))
            return
        }
        let given = Self.stripped(try ask(q.prompt + " ", false))
        let verdict: String
        if given.isEmpty {
            verdict = tr("No answer given. The answer: \(q.rightAnswer).")
        } else if q.judge(given) {
            verdict = tr("✓ Right: \(q.rightAnswer).")
        } else {
            verdict = tr("✗ Not quite: you said \(given); the answer is \(q.rightAnswer).")
        }
        env.context.stream(.stdout, "\(verdict) \(q.explanation)\n")
    }

    // MARK: The kernel's own questions

    func shapeQuestion(_ inv: Invocation, _ env: CommandEnvironment) throws -> Question {
        let entry = try env.model(inv)
        let (name, layer) = try layerFor(inv, env, entry)
        let shape = layer.outputShape
        let dims: [Int]
        switch shape {
        case .image(let c, let h, let w): dims = [c, h, w]
        case .flat(let f): dims = [f]
        }
        let form = dims.count == 3 ? tr("(channels, height, width)") : tr("(features)")
        return Question(
            prompt: tr("What shape does \(name) give for one image, \(form), when it receives \(layer.inputShape)?"),
            rightAnswer: tr("\(name) gives \(shape)"),
            judge: { Self.integers(in: $0) == dims },
            explanation: CommandEnvironment.shapeRule(layer))
    }

    func parameterQuestion(_ inv: Invocation, _ env: CommandEnvironment) throws -> Question {
        let entry = try env.model(inv)
        let (name, layer) = try layerFor(inv, env, entry)
        let count = layer.parameterCount
        return Question(
            prompt: tr("How many trainable parameters does \(name) (\(layer.typeName)\(layer.detail.isEmpty ? "" : " " + layer.detail)) have, with input \(layer.inputShape)?"),
            rightAnswer: tr("\(name) has \(formatCount(count))"),
            judge: { Self.integers(in: $0.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: " ", with: "")) == [count] },
            explanation: Self.parameterRule(layer))
    }

    func classQuestion(_ inv: Invocation, _ env: CommandEnvironment) throws -> Question {
        let (entry, data, set, i, x) = try env.modelAndImage(inv)
        let names = data.classNames
        let (c, h, w) = env.imageSize(set)
        let scale = max(1, 112 / max(h, w))
        var canvas = Canvas(width: max(w * scale + 16, Canvas.textWidth(tr("\(shownSplit(inv[Common.split])) image \(i)")) + 16), height: h * scale + 28)
        canvas.text(tr("\(shownSplit(inv[Common.split])) image \(i)"), x: 8, y: 6)
        canvas.picture(env.pixels(set, i), channels: c, rows: h, cols: w, x: 8, y: 24, scale: scale)
        env.context.display(env.imageBundle(canvas, text: tr("\(shownSplit(inv[Common.split])) image \(i) (\(h)×\(w))")))
        let logits = entry.model.forward(x, context: entry.model.context(training: false, rng: RandomSource(seed: 0)))
        let p = SoftmaxCrossEntropy.softmax(logits.values)
        let predicted = p.indices.max { p[$0] < p[$1] }!
        let truth = Int(set.labels[i])
        let second = p.indices.filter { $0 != predicted }.max { p[$0] < p[$1] }
        var explanation = tr("It gives \(names[predicted]) \(percent(p[predicted]))")
        if let second { explanation += tr(", then \(names[second]) \(percent(p[second]))") }
        explanation += tr("; the image is labelled \(names[truth])") + (predicted == truth ? "." : tr(", so the model is wrong here."))
        return Question(
            prompt: tr("Which class will model \(entry.name) predict for this image? (\(names.joined(separator: ", ")))"),
            rightAnswer: names[predicted],
            judge: { Self.matchesClass($0, names: names) == predicted },
            explanation: explanation)
    }

    func writtenQuestion(_ inv: Invocation) throws -> Question {
        let question = inv[Self.question]
        guard !question.isEmpty else { throw LanguageError(.value, at: inv.nameToken, "ask choice needs question=\"…\"") }
        let values: [ParameterValue]
        if case .list(let l) = inv[Self.options] { values = l } else { values = [] }
        let options = values.compactMap { v -> String? in if case .string(let s) = v { return s } else { return nil } }
        guard options.count >= 2, options.count == values.count else {
            throw LanguageError(.value, at: inv.token(Self.options), "options= is a list of at least two strings: options=[\"max\", \"average\"]")
        }
        let right = inv[Self.answer]
        guard right <= options.count else {
            throw LanguageError(.value, at: inv.token(Self.answer), "answer=\(right), but there are \(options.count) options")
        }
        let letters = options.indices.map { String(UnicodeScalar(UInt8(97 + $0))) }
        let listed = zip(letters, options).map { "\($0)) \($1)" }.joined(separator: "  ")
        return Question(
            prompt: "\(question)  \(listed)",
            rightAnswer: "\(letters[right - 1])) \(options[right - 1])",
            judge: { given in
                let g = Self.stripped(given.lowercased(), also: ").")
                return g == letters[right - 1] || g == String(right) || g == options[right - 1].lowercased()
            },
            explanation: inv[Self.why])
    }

    // MARK: Helpers

    func layerFor(_ inv: Invocation, _ env: CommandEnvironment, _ entry: ModelEntry) throws -> (String, Layer) {
        guard inv.given(Common.layer) else {
            throw LanguageError(.value, at: inv.nameToken, "ask \(inv[Self.what]) needs layer=NAME (one of: \(entry.model.allLayers().prefix(8).map(\.name).joined(separator: ", ")), …)")
        }
        return try env.layerNamed(entry, inv)
    }

    /// Without surrounding white space (and the characters in `also`: "b)" is "b").
    static func stripped(_ text: String, also: String = "") -> String {
        let drop: (Character) -> Bool = { $0.isWhitespace || also.contains($0) }
        var s = Substring(text)
        while let f = s.first, drop(f) { s = s.dropFirst() }
        while let l = s.last, drop(l) { s = s.dropLast() }
        return String(s)
    }

    /// The whole numbers in an answer, in order: "(16, 14, 14)", "16x14x14" and "16 14 14" alike.
    static func integers(in text: String) -> [Int] {
        text.split { !$0.isNumber }.compactMap { Int($0) }
    }

    /// The class an answer names: its number (0-based, as the labels), or the start of its name.
    static func matchesClass(_ answer: String, names: [String]) -> Int? {
        let a = stripped(answer.lowercased())
        if let k = Int(a), names.indices.contains(k) { return k }
        if let exact = names.firstIndex(where: { $0.lowercased() == a }) { return exact }
        let starts = names.indices.filter { names[$0].lowercased().hasPrefix(a) }
        return starts.count == 1 ? starts[0] : nil
    }

    /// How a layer's parameters add up.
    static func parameterRule(_ l: Layer) -> String {
        switch l {
        case let c as Conv2d:
            let weights = c.cout * (c.cin / c.groups) * c.k * c.k
            return tr("\(c.cout) kernels, each \(c.cin / c.groups) channels × \(c.k) × \(c.k) = \(formatCount(weights)) weights") + (c.bias == nil ? tr(", no bias.") : tr(", plus \(c.cout) biases (one per kernel)."))
        case let li as Linear:
            return tr("\(li.outFeatures) outputs × \(li.inFeatures) inputs = \(formatCount(li.outFeatures * li.inFeatures)) weights") + (li.bias == nil ? tr(", no bias.") : tr(", plus \(li.outFeatures) biases."))
        default:
            if l.typeName == "batchnorm" { return tr("A scale γ and a shift β per channel (\(l.outputShape.channels) channels); the running mean and variance are statistics, not trained.") }
            if l.children.isEmpty { return tr("\(l.typeName) computes from its input alone: nothing to learn.") }
            return tr("The sum of its layers': ") + l.children.map { "\($0.name) \(formatCount($0.layer.parameterCount))" }.joined(separator: ", ") + "."
        }
    }
}
