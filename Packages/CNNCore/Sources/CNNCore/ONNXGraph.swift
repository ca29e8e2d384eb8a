/// A model written as an ONNX graph (https://onnx.ai; the format is onnx/onnx.proto): nodes
/// that each run one standard operator on named values, and the weights as named constants
/// ("initializers"). Values are in ONNX's order, (N, C, H, W) or (N, F), whatever the engine's
/// memory layout; weights in the conventional order of `Parameter.shape`.
///
/// A layer joins an exported model by conforming to `ONNXExportable`. The built-in layers do;
/// a plugin layer may, or may throw `ONNXExportRefusal` with its reason. A layer that does not
/// conform stops the export with a message naming it.
public protocol ONNXExportable: Layer {
    /// Adds the nodes that compute this layer from the value named `input` (shaped as
    /// `inputShape`, with the batch first) and returns the name of its output value.
    func exportONNX(input: String, into graph: ONNXGraph) throws -> String
}

/// Why a model cannot be exported, naming the layer.
public struct ONNXExportRefusal: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: Phrase) { self.description = description.text }
}

/// An attribute of an ONNX node (the operator's settings).
public enum ONNXAttribute: Equatable {
    case int(String, Int)
    case ints(String, [Int])
    case float(String, Float)
    case string(String, String)
}

public final class ONNXGraph {
    /// The operator set the nodes are written for: 17 (2022) is read by every onnxruntime since
    /// 1.13 and by Netron; the operators used here have not changed their meaning since.
    public static let opset = 17
    /// The file format's version matching opset 17 (ONNX 1.12).
    public static let irVersion = 8

    private(set) var nodes: [ProtobufWriter] = []
    private(set) var initializers: [ProtobufWriter] = []
    /// Shapes of the values between layers.
    private var shapes: [(value: String, shape: FeatureShape)] = []
    /// How many nodes of each operator, for the export's report.
    public private(set) var operatorCounts: [String: Int] = [:]
    public var nodeCount: Int { nodes.count }
    public private(set) var weightCount = 0
    private var usedNames: Set<String> = []
    /// Node names are a namespace of their own.
    private var usedNodeNames: Set<String> = []
    /// The layer path being exported (`stage1.0.body.conv1`): nodes and weights are named after it,
    /// so Netron shows the names the summary uses.
    private var scope: [String] = []
    /// Stops a long export between layers (a cell's interrupt).
    public var shouldStop: () -> Bool = { false }

    public init() {}

    /// The current layer's path, or `model` at the top.
    public var scopeName: String { scope.isEmpty ? "model" : scope.joined(separator: ".") }

    /// A name not used before, from `hint` (suffixed `_2`, `_3` … when taken).
    public func uniqueName(_ hint: String) -> String { Self.unique(hint, in: &usedNames) }

    private static func unique(_ hint: String, in used: inout Set<String>) -> String {
        var name = hint, k = 2
        while used.contains(name) {
            name = "\(hint)_\(k)"
            k += 1
        }
        used.insert(name)
        return name
    }

    /// Marks `name` as taken (the graph's input and outputs).
    public func reserve(_ name: String) { usedNames.insert(name) }

    /// Exports `layer`, reached from its parent by `name` (the path component in the summary).
    public func export(_ layer: Layer, named name: String?, input: String) throws -> String {
        if shouldStop() { throw ONNXExportRefusal("the export was interrupted") }
        if let name { scope.append(name) }
        defer { if name != nil { scope.removeLast() } }
        guard let exportable = layer as? ONNXExportable else {
            throw ONNXExportRefusal("layer \(scopeName) (`\(layer.typeName)`) cannot be written to ONNX: its plugin does not implement ONNXExportable")
        }
        let output = try exportable.exportONNX(input: input, into: self)
        if output != input { describe(output, layer.outputShape) }
        return output
    }

    /// A constant's name: `name` within the current layer (`conv1.weight`), made unique.
    private func weightName(_ name: String) -> String { uniqueName(scope.isEmpty ? name : "\(scopeName).\(name)") }

    /// A float weight named after the current layer (`conv1.weight`), in `dims` order.
    public func addWeight(_ name: String, dims: [Int], values: [Float]) -> String {
        precondition(dims.reduce(1, *) == values.count, "ONNX weight \(name): \(values.count) values for dims \(dims)")
        let full = weightName(name)
        var t = ProtobufWriter()
        for d in dims { t.int(1, d) }  // dims
        t.int(2, 1)  // data_type FLOAT
        t.string(8, full)  // name
        t.rawFloats(9, values)  // raw_data, little-endian
        initializers.append(t)
        weightCount += values.count
        return full
    }

    /// A parameter's values, in its conventional shape.
    public func addWeight(_ p: Parameter) -> String {
        addWeight(p.name, dims: p.shape, values: p.valuesInShapeOrder())
    }

    /// An int64 constant (a shape for Reshape, axes).
    public func addInt64s(_ name: String, dims: [Int], values: [Int]) -> String {
        let full = weightName(name)
        var t = ProtobufWriter()
        for d in dims { t.int(1, d) }
        t.int(2, 7)  // data_type INT64
        t.packedInts(7, values)  // int64_data
        t.string(8, full)
        initializers.append(t)
        return full
    }

    /// Adds one node running `op` on `inputs` and returns its output's name (after the current
    /// layer, with `suffix` when a layer writes several nodes).
    @discardableResult
    public func addNode(_ op: String, inputs: [String], attributes: [ONNXAttribute] = [], suffix: String? = nil, output: String? = nil) -> String {
        let base = [scope.isEmpty ? nil : scopeName, suffix].compactMap { $0 }.joined(separator: ".")
        let name = base.isEmpty ? op.lowercased() : base
        let out = output ?? uniqueName(name)
        var n = ProtobufWriter()
        for i in inputs { n.string(1, i) }
        n.string(2, out)
        n.string(3, Self.unique(name, in: &usedNodeNames))
        n.string(4, op)
        for a in attributes { n.message(5, Self.attribute(a)) }
        nodes.append(n)
        operatorCounts[op, default: 0] += 1
        return out
    }

    /// Records a value's shape (with a symbolic batch `N`), which Netron shows on the edges.
    public func describe(_ value: String, _ shape: FeatureShape) {
        shapes.append((value, shape))
    }

    static func attribute(_ a: ONNXAttribute) -> ProtobufWriter {
        var m = ProtobufWriter()
        switch a {
        case .int(let name, let v):
            m.string(1, name); m.int(3, v); m.int(20, 2)  // i, type INT
        case .ints(let name, let v):
            m.string(1, name); m.packedInts(8, v); m.int(20, 7)  // ints, type INTS
        case .float(let name, let v):
            m.string(1, name); m.float(2, v); m.int(20, 1)  // f, type FLOAT
        case .string(let name, let v):
            m.string(1, name); m.string(4, v); m.int(20, 3)  // s, type STRING
        }
        return m
    }

    /// ValueInfoProto: a float tensor (N, …) with the batch symbolic.
    static func valueInfo(_ name: String, _ shape: FeatureShape) -> ProtobufWriter {
        let dims: [Int]
        switch shape {
        case .image(let c, let h, let w): dims = [c, h, w]
        case .flat(let f): dims = [f]
        }
        var v = ProtobufWriter()
        v.string(1, name)
        v.message(2) { type in  // TypeProto
            type.message(1) { tensor in  // tensor_type
                tensor.int(1, 1)  // elem_type FLOAT
                tensor.message(2) { s in  // TensorShapeProto
                    s.message(1) { $0.string(2, "N") }  // dim_param
                    for d in dims { s.message(1) { $0.int(1, d) } }  // dim_value
                }
            }
        }
        return v
    }

    /// The ModelProto: the graph with its one input and its outputs, and the model's metadata.
    public func serialize(graphName: String, input: (name: String, shape: FeatureShape), outputs: [(name: String, shape: FeatureShape)],
                          docString: String, metadata: [(String, String)], producerVersion: String) -> [UInt8] {
        var g = ProtobufWriter()
        for n in nodes { g.message(1, n) }
        g.string(2, graphName)
        for t in initializers { g.message(5, t) }
        g.string(10, docString)
        g.message(11, Self.valueInfo(input.name, input.shape))
        for o in outputs { g.message(12, Self.valueInfo(o.name, o.shape)) }
        let outputNames = Set(outputs.map(\.name))
        for (value, shape) in shapes where !outputNames.contains(value) { g.message(13, Self.valueInfo(value, shape)) }

        var m = ProtobufWriter()
        m.int(1, Self.irVersion)
        m.string(2, "cnn-kernel")
        m.string(3, producerVersion)
        m.string(6, docString)
        m.message(7, g)
        m.message(8) { $0.string(1, ""); $0.int(2, Self.opset) }  // opset_import: the default domain
        for (k, v) in metadata { m.message(14) { $0.string(1, k); $0.string(2, v) } }
        return m.bytes
    }
}
