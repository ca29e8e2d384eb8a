import CNNCore

/// A model as an ONNX file that onnxruntime runs and Netron draws: the layers' own nodes
/// (each layer's `exportONNX`), optionally preceded by the data's normalisation so that the
/// file takes pixel values in [0, 1], and followed by a softmax for the probabilities.
public enum ONNXExport {
    public struct Result {
        public let bytes: [UInt8]
        public let nodeCount: Int
        public let weightCount: Int
        /// Operators used, with how many nodes run each, most used first.
        public let operators: [(name: String, count: Int)]
        public let inputName: String
        public let normalizes: Bool
    }

    /// The names of the graph's input and outputs.
    public static let inputName = "pixels", logitsName = "logits", probabilitiesName = "probabilities"

    /// Protobuf messages cannot pass 2 GiB; a file holding more needs ONNX's external data,
    /// which this writer does not produce.
    public static let maximumBytes = Int(Int32.max) - (1 << 20)

    /// - Parameters:
    ///   - normalization: when given, (x − mean) / std per channel is the graph's first step.
    ///   - classNames: stored in the file's metadata (`classes`, one name per output).
    public static func export(_ model: Model, name: String, normalization: Normalization?, classNames: [String]?,
                              producerVersion: String, shouldStop: @escaping () -> Bool = { false }) throws -> Result {
        let weightBytes = model.parameters.reduce(0) { $0 + $1.1.count * 4 } + model.buffers.reduce(0) { $0 + $1.1.count * 4 }
        guard weightBytes < maximumBytes else {
            throw ONNXExportRefusal("\(name) holds \(weightBytes / (1 << 20)) MiB of weights, more than one ONNX file without external data can hold (2 GiB)")
        }
        let graph = ONNXGraph()
        graph.shouldStop = shouldStop
        for n in [inputName, logitsName, probabilitiesName] { graph.reserve(n) }
        var value = inputName
        let channels = model.inputShape.channels
        if let n = normalization {
            guard case .image = model.inputShape, n.mean.count == channels, n.std.count == channels else {
                throw ONNXExportRefusal("the data's normalisation has \(n.mean.count) channels but \(name) takes \(model.inputShape); export with normalize=no")
            }
            // Broadcast over (N, C, H, W) as (C, 1, 1).
            let mean = graph.addWeight("normalize.mean", dims: [channels, 1, 1], values: n.mean)
            let std = graph.addWeight("normalize.std", dims: [channels, 1, 1], values: n.std)
            let centred = graph.addNode("Sub", inputs: [value, mean], suffix: "normalize.centre")
            graph.describe(centred, model.inputShape)
            value = graph.addNode("Div", inputs: [centred, std], suffix: "normalize.scale")
            graph.describe(value, model.inputShape)
        }
        let out = try graph.export(model.root, named: nil, input: value)
        graph.addNode("Identity", inputs: [out], suffix: "logits", output: logitsName)
        graph.addNode("Softmax", inputs: [logitsName], attributes: [.int("axis", 1)], suffix: "softmax", output: probabilitiesName)

        let inputDoc = normalization == nil
            ? tr("\(inputName): the images as the model sees them (already normalised), (N, \(shapeText(model.inputShape)))")
            : tr("\(inputName): pixel values in [0, 1], (N, \(shapeText(model.inputShape))); the graph normalises them with the training data's mean and standard deviation")
        let doc = """
            \(name), exported by cnn-kernel.
            Input \(inputDoc).
            Outputs \(logitsName) (N, \(model.classes)) and \(probabilitiesName), their softmax.
            """
        var metadata: [(String, String)] = [("input", inputDoc)]
        if let classNames { metadata.append(("classes", classNames.joined(separator: "\n"))) }
        if let n = normalization {
            metadata.append(("normalization_mean", n.mean.map { "\($0)" }.joined(separator: ", ")))
            metadata.append(("normalization_std", n.std.map { "\($0)" }.joined(separator: ", ")))
        }
        let bytes = graph.serialize(graphName: name, input: (inputName, model.inputShape),
                                    outputs: [(logitsName, model.root.outputShape), (probabilitiesName, model.root.outputShape)],
                                    docString: doc, metadata: metadata, producerVersion: producerVersion)
        guard bytes.count < maximumBytes else {
            throw ONNXExportRefusal("\(name) would take \(bytes.count / (1 << 20)) MiB as ONNX, more than one file without external data can hold (2 GiB)")
        }
        let operators = graph.operatorCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { (name: $0.key, count: $0.value) }
        return Result(bytes: bytes, nodeCount: graph.nodeCount, weightCount: graph.weightCount, operators: operators,
                      inputName: inputName, normalizes: normalization != nil)
    }

    public static func shapeText(_ s: FeatureShape) -> String {
        switch s {
        case .image(let c, let h, let w): return "\(c), \(h), \(w)"
        case .flat(let f): return "\(f)"
        }
    }
}
