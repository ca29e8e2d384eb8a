import CNNCore
import CNNEngine
import JSONKit
import JupyterKernel
import Rendering

/// `explain ["shapes"]`: how each output size follows from kernel, stride and padding.
struct ShapesExplanation: Explanation {
    let names = ["shapes"]
    let usage = tr("explain shapes                                       how each layer's output size follows from kernel, stride and padding")
    func explain(_ inv: Invocation, in env: CommandEnvironment) throws { try env.explainShapes(inv) }
}

extension CommandEnvironment {
    fileprivate func explainShapes(_ inv: Invocation) throws {
        let entry = try model(inv)
        var table = Table(title: tr("how each layer's output size follows from its input (model \(entry.name), input \(entry.model.inputShape))"),
                          [.init(tr("layer")), .init(tr("rule")), .init(tr("output"))])
        for (name, l, depth) in entry.model.allLayers() {
            let rule = CommandEnvironment.shapeRule(l)
            table.add(["\(String(name.split(separator: ".").last ?? "")) (\(l.typeName))", rule, l.outputShape.description], depth: depth)
        }
        context.display(table.bundle)
    }

    /// How a layer's output size follows from its input (also the explanation `ask shape` gives).
    static func shapeRule(_ l: Layer) -> String {
        switch (l, l.inputShape) {
        case (let c as Conv2d, .image(_, let h, let w)):
            // (size + 2·padding − kernel)/stride + 1, the form the lessons use; a dilated kernel
            // spans dilation·(kernel − 1) + 1 inputs.
            let span = c.dilation == 1 ? "\(c.k)" : "(\(c.dilation)·\(c.k - 1) + 1)"
            return tr("⌊(\(h) + 2·\(c.padding) − \(span))/\(c.stride)⌋ + 1 = \(c.ho) rows, ⌊(\(w) + 2·\(c.padding) − \(span))/\(c.stride)⌋ + 1 = \(c.wo) columns; \(c.cout) channels (one per kernel)")
        case (let p as Pool2d, .image(_, let h, let w)):
            return tr("⌊(\(h) + 2·\(p.padding) − \(p.k))/\(p.stride)⌋ + 1 = \(p.ho), ⌊(\(w) + 2·\(p.padding) − \(p.k))/\(p.stride)⌋ + 1 = \(p.wo); channels unchanged")
        case (_, .image(let c, let h, let w)) where l.typeName == "flatten":
            return tr("\(c) × \(h) × \(w) = \(c * h * w) features")
        case (_, .image(let c, _, _)) where l.typeName == "gap":
            return tr("one mean per channel: \(c) features")
        case (let li as Linear, _):
            return tr("\(li.inFeatures) inputs → \(li.outFeatures) outputs")
        case (_, _) where l is Concat:
            return tr("channels of the branches added: \((l as? Concat)?.detail ?? "")")
        case (_, _) where l is Residual:
            return tr("body and shortcut agree: sum keeps the shape")
        default:
            return l.children.isEmpty ? tr("element-wise: shape unchanged") : "block"
        }
    }
}
