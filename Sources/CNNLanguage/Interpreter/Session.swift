import CNNCore
import CNNEngine
import Widgets
import JSONKit

/// A model the session knows, with what it has been through.
public final class ModelEntry {
    public let name: String
    public var model: Model
    /// How it was written (for `show source`), when it came from a cell.
    public var source: String
    public var optimizer: Optimizer?
    public var history: TrainingHistory
    /// The normalisation of the data it was trained on (used again to evaluate it).
    public var normalization: Normalization?
    public var classNames: [String]?

    init(name: String, model: Model, source: String) {
        self.name = name
        self.model = model
        self.source = source
        history = TrainingHistory()
    }

    var trained: Bool { !history.steps.isEmpty }
}

/// The loaded data.
public struct LoadedData {
    public var source: String
    public var split: DataSplit
    public var augment: [Augmentation]
    public var shape: FeatureShape { split.train.shape }
    public var classNames: [String] { split.train.classNames }
}

/// Everything a kernel session holds between cells.
public final class Session {
    public var data: LoadedData?
    public var models: [String: ModelEntry] = [:]
    public var modelOrder: [String] = []
    public var current: String?
    public var seed: UInt64 = 42
    public var rng = RandomSource(seed: 42)
    public var definitions: [String: Definition] = [:]
    /// The layer types this session knows: the process's (built-in and plugin libraries) and,
    /// registered here only, the blocks its cells (and the zoo) define.
    public let layers = LayerRegistry(parent: .shared)
    public var cellCounter = 0
    /// Bytes this session may use, lowered by `memory limit=` (nil: the detected limit). The
    /// interpreter hands it to MemoryBudget as each cell starts.
    public var memoryLimit: Int?
    /// The controls of the last `train` (Stop, lr): closed when the next one replaces them.
    var trainingControls: [Widget] = []

    public init() {
        BuiltinLayers.register()
    }

    func add(_ entry: ModelEntry) {
        if models[entry.name] == nil { modelOrder.append(entry.name) }
        models[entry.name] = entry
        current = entry.name
    }

    /// The input shape for a new model: the data's, else (3, 32, 32).
    var defaultInput: FeatureShape { data?.shape ?? .image(c: 3, h: 32, w: 32) }
}
