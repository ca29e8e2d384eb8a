import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering

/// `show graph`: the model as an SVG diagram. Sequences stack downwards; parallel branches
/// (Inception, dense layers) sit side by side and meet in a concat node; residual blocks draw
/// their shortcut as an arc (or a column, for a projection) into a ⊕ node; user blocks are framed;
/// every edge carries the shape flowing along it.
struct GraphView: View {
    let name = "graph"
    let usage = tr("show graph                              the model as a diagram: branches side by side, residual arcs, shapes on the edges")
    func show(_ inv: Invocation, in env: CommandEnvironment) throws { try env.showGraph(inv) }
}

extension CommandEnvironment {
    final class GraphBox {
        var width: Double
        var height: Double
        /// Draws with the top-left corner at (x, y); input enters at the top centre, output leaves at the bottom centre.
        var draw: (inout SVG, Double, Double) -> Void
        init(width: Double, height: Double, draw: @escaping (inout SVG, Double, Double) -> Void) {
            self.width = width
            self.height = height
            self.draw = draw
        }
    }

    static let nodeHeight = 26.0, gap = 26.0

    fileprivate func graphNode(_ label: String, _ sub: String, fill: String) -> GraphBox {
        let w = max(120, Double(max(Canvas.textWidth(label), Canvas.textWidth(sub) * 9 / 10)) + 20)
        return GraphBox(width: w, height: CommandEnvironment.nodeHeight) { s, x, y in
            s.rect(x: x, y: y, w: w, h: CommandEnvironment.nodeHeight, fill: fill, stroke: "#666", title: sub, rx: 5)
            s.text(label, x: x + w / 2, y: y + 17, size: 11, anchor: "middle", fill: "#222")
        }
    }

    static func edge(_ s: inout SVG, _ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, label: String?) {
        if x1 == x2 {
            s.path("M \(x1) \(y1) L \(x2) \(y2)", stroke: "#555", width: 1.2, marker: true)
        } else {
            let my = (y1 + y2) / 2
            s.path("M \(x1) \(y1) C \(x1) \(my) \(x2) \(my) \(x2) \(y2)", stroke: "#555", width: 1.2, marker: true)
        }
        if let label { s.text(label, x: x2 + 6, y: (y1 + y2) / 2 + 4, size: 9, fill: "#777") }
    }

    /// The width of an edge's shape label (9 px text; `Canvas.textWidth` measures 11 px).
    static func labelWidth(_ label: String) -> Double { Double(Canvas.textWidth(label)) * 9 / 11 + 4 }

    /// Repeated blocks in a row, drawn once with their count: the same block type on the same
    /// grid, changing the channels by the same amount: ResNet's blocks within a stage (same
    /// shapes), DenseNet's layers within a dense block (each adds the growth rate to its input).
    static func sameBlock(_ a: Layer, _ b: Layer) -> Bool {
        guard !a.children.isEmpty, a.typeName == b.typeName,
              case .image(let ac, let ah, let aw) = a.inputShape, case .image(let aoc, let aoh, let aow) = a.outputShape,
              case .image(let bc, let bh, let bw) = b.inputShape, case .image(let boc, let boh, let bow) = b.outputShape else { return false }
        return ah == bh && aw == bw && aoh == boh && aow == bow && aoc - ac == boc - bc
    }

    /// A block drawn once for `count` repeats of it, framed and labelled "N ×".
    fileprivate func folded(_ first: GraphBox, names: [String], typeName: String) -> GraphBox {
        let pad = 8.0
        let title = "\(names.count) × \(typeName): \(names.first!) … \(names.last!)"
        let w = max(first.width + 2 * pad, Double(Canvas.textWidth(title)) * 0.95 + 20), h = first.height + 2 * pad + 14
        return GraphBox(width: w, height: h) { s, x, y in
            s.rect(x: x + 1, y: y, w: w - 2, h: h, fill: "none", stroke: "#468", rx: 10)
            s.rect(x: x + 4, y: y + 3, w: w - 8, h: h - 6, fill: "none", stroke: "#9ab", rx: 8)
            s.text(title, x: x + 10, y: y + 13, size: 10, fill: "#246", weight: "bold")
            first.draw(&s, x + (w - first.width) / 2, y + pad + 14)
        }
    }

    fileprivate func graphBox(_ l: Layer, _ name: String, fold: Bool = true) -> GraphBox {
        let shapeLabel: (Layer) -> String = { $0.outputShape.description }
        if let seq = l as? Sequence {
            // Runs of the same block fold into one drawing of it (`fold`), so a 56-layer ResNet
            // or a DenseNet stays as tall as its stages, not its layers.
            var runs: [[(name: String, layer: Layer)]] = []
            for item in seq.items {
                if fold, let last = runs.last?.last, CommandEnvironment.sameBlock(last.layer, item.layer) { runs[runs.count - 1].append(item) } else { runs.append([item]) }
            }
            let boxes = runs.map { run in
                run.count == 1 ? graphBox(run[0].layer, run[0].name, fold: fold)
                    : folded(graphBox(run[0].layer, run[0].name, fold: fold), names: run.map(\.name), typeName: run[0].layer.typeName)
            }
            let framed = seq.typeName != "sequence"
            let pad = framed ? 12.0 : 0
            // Wide enough for the shape labels, which start just right of the centre line.
            let labels = runs.dropLast().map { CommandEnvironment.labelWidth(shapeLabel($0.last!.layer)) }
            let w = max(boxes.map(\.width).max() ?? 100, 2 * ((labels.max() ?? 0) + 10)) + 2 * pad
            let h = boxes.reduce(0) { $0 + $1.height } + Double(max(0, boxes.count - 1)) * CommandEnvironment.gap + (framed ? 2 * pad + 14 : 0)
            let items = runs.map { $0.last! }
            return GraphBox(width: w, height: h) { s, x, y in
                if framed {
                    s.rect(x: x + 2, y: y, w: w - 4, h: h, fill: "#f6f8fb", stroke: "#9ab", rx: 8)
                    s.text("\(name): \(seq.typeName)", x: x + 10, y: y + 13, size: 10, fill: "#468")
                }
                var cy = y + (framed ? pad + 14 : 0)
                let cx = x + w / 2
                for (i, b) in boxes.enumerated() {
                    b.draw(&s, cx - b.width / 2, cy)
                    cy += b.height
                    if i < boxes.count - 1 {
                        CommandEnvironment.edge(&s, cx, cy, cx, cy + CommandEnvironment.gap, label: shapeLabel(items[i].layer))
                        cy += CommandEnvironment.gap
                    }
                }
            }
        }
        if let cat = l as? Concat {
            let boxes = cat.branches.map { graphBox($0.layer, $0.name, fold: fold) }
            // The join says what it adds up: each branch's channels (a dense layer's new ones, then its input).
            let join = graphNode(cat.typeName == "dense" ? tr("concat: \(cat.detail) (new, input)") : tr("concat: \(cat.detail)"), cat.outputShape.description, fill: "#fde8c8")
            let inner = boxes.reduce(0) { $0 + $1.width } + Double(max(0, boxes.count - 1)) * 12
            let w = max(inner, join.width) + 10
            let h = 10 + (boxes.map(\.height).max() ?? 0) + CommandEnvironment.gap + join.height
            return GraphBox(width: w, height: h) { s, x, y in
                let cx = x + w / 2
                var bx = x + (w - inner) / 2
                let bottom = y + 10 + (boxes.map(\.height).max() ?? 0)
                for (i, b) in boxes.enumerated() {
                    CommandEnvironment.edge(&s, cx, y, bx + b.width / 2, y + 10, label: nil)
                    b.draw(&s, bx, y + 10)
                    // A shorter branch goes straight down to the longest one's end before it turns to the
                    // join, so its edge passes beside the other branches' nodes, not through them.
                    let bxc = bx + b.width / 2
                    if y + 10 + b.height < bottom { s.path("M \(bxc) \(y + 10 + b.height) L \(bxc) \(bottom)", stroke: "#555", width: 1.2, marker: false) }
                    CommandEnvironment.edge(&s, bxc, bottom, cx, bottom + CommandEnvironment.gap, label: nil)
                    bx += b.width + 12
                }
                join.draw(&s, cx - join.width / 2, bottom + CommandEnvironment.gap)
            }
        }
        if let res = l as? Residual {
            let body = graphBox(res.body, tr("body"), fold: fold)
            let short = res.shortcut.map { graphBox($0, tr("shortcut"), fold: fold) }
            let plus = 22.0
            // Symmetric about the body's centre, so the sum sits where the next layer's edge starts.
            let side = short.map { $0.width + 16 } ?? 60
            let w = body.width + 2 * side
            let h = 10 + max(body.height, short?.height ?? 0) + CommandEnvironment.gap + plus
            return GraphBox(width: w, height: h) { s, x, y in
                let bx = x + w / 2
                body.draw(&s, bx - body.width / 2, y + 10)
                CommandEnvironment.edge(&s, bx, y, bx, y + 10, label: nil)
                let bottom = y + 10 + max(body.height, short?.height ?? 0)
                CommandEnvironment.edge(&s, bx, y + 10 + body.height, bx, bottom + CommandEnvironment.gap, label: res.body.outputShape.description)
                if let short {
                    let sx = bx + body.width / 2 + 16
                    CommandEnvironment.edge(&s, bx, y, sx + short.width / 2, y + 10, label: nil)
                    short.draw(&s, sx, y + 10)
                    CommandEnvironment.edge(&s, sx + short.width / 2, y + 10 + short.height, bx + plus / 2, bottom + CommandEnvironment.gap + plus / 2, label: nil)
                } else {
                    let rx = bx + body.width / 2 + 30
                    s.path("M \(bx) \(y + 4) C \(rx) \(y + 4) \(rx) \(y + 4) \(rx) \(y + 30) L \(rx) \(bottom) C \(rx) \(bottom + CommandEnvironment.gap + plus / 2) \(rx) \(bottom + CommandEnvironment.gap + plus / 2) \(bx + plus / 2) \(bottom + CommandEnvironment.gap + plus / 2)", stroke: "#2a7", width: 1.4, marker: true)
                    s.text(tr("identity"), x: rx + 4, y: (y + bottom) / 2, size: 9, fill: "#2a7")
                }
                s.circle(bx, bottom + CommandEnvironment.gap + plus / 2, r: plus / 2, fill: "#e8f5e9")
                s.text("+", x: bx, y: bottom + CommandEnvironment.gap + plus / 2 + 5, size: 15, anchor: "middle", fill: "#222", weight: "bold")
            }
        }
        let detail = l.detail.isEmpty ? l.typeName : "\(l.typeName) \(l.detail)"
        let fill: String
        switch l.typeName {
        case "conv", "linear": fill = "#dbe9f6"
        case "batchnorm": fill = "#eeeeee"
        case "maxpool", "avgpool", "gap": fill = "#e3f1de"
        case "identity": fill = "#ffffff"
        default: fill = "#fff4d6"
        }
        let label = l.typeName == "identity" ? name : "\(name): \(l.detail.isEmpty ? l.typeName : detail)"
        return graphNode(label, tr("\(l.outputShape) · \(formatCount(l.parameterCount)) parameters"), fill: fill)
    }

    fileprivate func showGraph(_ inv: Invocation) throws {
        let entry = try model(inv)
        // layer= draws one block alone and unfolded (a way into a folded stage).
        let (rootName, root): (String, Layer) = inv.given(Common.layer) ? try layerNamed(entry, inv) : (entry.name, entry.model.root)
        let box = graphBox(root, rootName, fold: !inv.given(Common.layer))
        let title = inv.given(Common.layer) ? tr("\(rootName) of model \(entry.name): \(formatCount(root.parameterCount)) parameters") : tr("model \(entry.name): \(formatCount(entry.model.parameterCount)) parameters")
        let note = inv.given(Common.layer) ? nil : tr("repeated blocks drawn once; show graph layer=NAME draws one alone")
        let top = note == nil ? 46.0 : 62
        // The title is 13 px bold, the note 10 px; textWidth measures 11 px regular, and browsers'
        // sans-serif fonts run wider than the canvas font.
        let textWidth = max(Double(Canvas.textWidth(title)) * 1.35, Double(Canvas.textWidth(note ?? "")) * 1.05)
        let width = Int(max(box.width + 40, textWidth + 24)), height = Int(box.height + top + 50)
        var s = SVG(width: width, height: height)
        s.text(title, x: 12, y: 18, size: 13, weight: "bold")
        if let note { s.text(note, x: 12, y: 33, size: 10, fill: "#555") }
        let cx = Double(width) / 2
        s.text(tr("input \(root.inputShape)"), x: cx, y: top - 10, size: 10, anchor: "middle", fill: "#555")
        CommandEnvironment.edge(&s, cx, top - 8, cx, top, label: nil)
        box.draw(&s, cx - box.width / 2, top)
        CommandEnvironment.edge(&s, cx, top + box.height, cx, top + box.height + 20, label: nil)
        s.text(tr("output \(root.outputShape)"), x: cx, y: top + box.height + 34, size: 10, anchor: "middle", fill: "#555")
        var text = tr("model \(entry.name) (input \(entry.model.inputShape)):\n")
        for (name, layer, depth) in entry.model.allLayers() {
            let mark: String
            switch layer.typeName {
            case "concat", "dense", "inception", "denselayer": mark = "╦ "
            case "residual": mark = "⊕ "
            default: mark = layer.children.isEmpty ? "│ " : "┌ "
            }
            text += String(repeating: "  ", count: depth) + mark + "\(String(name.split(separator: ".").last ?? "")) \(layer.typeName) → \(layer.outputShape)\n"
        }
        context.display(MimeBundle(data: ["image/svg+xml": .string(s.document), "text/plain": .string(text)],
                                   metadata: ["image/svg+xml": ["width": .int(width), "height": .int(height)]]))
    }
}
