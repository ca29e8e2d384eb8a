import CNNCore
import CNNEngine
import JupyterKernel
import SafeFiles

/// `data`: loads a data set and splits it into training, validation and test images.
struct DataCommand: Command {
    static let sources = ["fashion-mnist", "shapes", "idx", "cifar10"]
    static let source = Key<String>("source", .choice(sources), positional: true, "fashion-mnist, idx, cifar10 or shapes")
    static let path = Key<String>("path", .path, default: "", "directory of the files (idx, cifar10; fashion-mnist defaults to /usr/share/datasets/fashion-mnist)")
    static let val = Key<Int>("val", .integer(min: 0, max: 1_000_000), default: 5000, "training images held out for validation (default: a tenth, at most 5000)")
    static let limit = Key<Int>("limit", .integer(min: 0, max: 10_000_000), default: 0, "use only this many training images (0: all)")
    static let augment = Key<[ParameterValue]>("augment", .words, default: [], "training augmentation: flip, crop(4) (pad and crop), resizedcrop")
    static let n = Key<Int>("n", .integer(min: 10, max: 200_000), default: 6000, "shapes: number of images (a sixth more are made for the test set)")
    static let size = Key<Int>("size", .integer(min: 8, max: 128), default: 28, "shapes: image size")
    static let channels = Key<Int>("channels", .integer(min: 1, max: 3), default: 1, "shapes: 1 (grey) or 3 (colour)")
    static let seed = Key<Int>("seed", .integer(min: 0, max: Int(Int32.max)), default: 1, "shapes: which images; also the validation split")

    let spec = CommandSpec(
        name: "data", summary: "Loads a data set: Fashion-MNIST (Debian's dataset-fashion-mnist), an IDX directory, CIFAR-10 (binary version) or synthetic shapes.",
        doc: "The training images are split into training and validation (val=); pixels are normalised with the training set's per-channel mean and standard deviation. Augmentation applies to training batches only.",
        parameters: [source.spec, path.spec, val.spec, limit.spec, augment.spec, n.spec, size.spec, channels.spec, seed.spec],
        examples: ["data fashion-mnist val=5000 augment=[flip]", "data shapes n=2000 size=32 channels=3 seed=1", "data cifar10 path=\"/data/cifar-10-batches-bin\""])

    /// The augmentations and a needed path are checked with the rest of the cell.
    func check(_ inv: Invocation, in session: Session, earlier: EarlierLines) throws {
        _ = try Self.augmentations(inv)
        if ["idx", "cifar10"].contains(inv[Self.source]) && inv[Self.path].isEmpty {
            throw LanguageError(.type, at: inv.nameToken, "data \(inv[Self.source]) needs path=\"DIR\"\(inv[Self.source] == "cifar10" ? tr(" (the CIFAR-10 binary version)") : "")")
        }
    }

    static func augmentations(_ inv: Invocation) throws -> [Augmentation] {
        do { return try Augmentation.list(.list(inv[augment])) } catch let e as OptionValueError {
            throw LanguageError(.value, at: inv.token(augment), Phrase(verbatim: e.description))
        }
    }

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        let source = inv[Self.source], path = inv[Self.path]
        let loaded: (Dataset, Dataset?)
        let stop = { [context = env.context] in context.token.isCancelled }
        do {
            switch source {
            case "fashion-mnist":
                loaded = try DataReaders.readIDXDirectory(path.isEmpty ? DataReaders.fashionDirectory : path, name: "fashion-mnist", classNames: DataReaders.fashionClasses,
                                                          cache: DataCache.fromEnvironment(), shouldStop: stop)
            case "idx":
                loaded = try DataReaders.readIDXDirectory(path, name: "idx", classNames: nil, shouldStop: stop)
            case "cifar10":
                loaded = try DataReaders.readCIFARDirectory(path, cache: DataCache.fromEnvironment(), shouldStop: stop)
            default:
                let n = inv[Self.n], size = inv[Self.size], ch = inv[Self.channels], seed = UInt64(inv[Self.seed])
                // The training and test images, and the copies the validation split makes.
                let bytes = 2 * SyntheticShapes.bytes(count: n, size: size, channels: ch) + SyntheticShapes.bytes(count: max(10, n / 6), size: size, channels: ch)
                try env.requireMemory(bytes, for: "making \(formatCount(n + max(10, n / 6))) images of \(ch)×\(size)×\(size)",
                                      hint: "ask for fewer (n=) or smaller (size=) images", at: inv.given(Self.n) ? inv.token(Self.n) : inv.token(Self.source))
                guard let train = SyntheticShapes.make(count: n, size: size, channels: ch, seed: seed, shouldStop: stop),
                      let test = SyntheticShapes.make(count: max(10, n / 6), size: size, channels: ch, seed: seed &+ 1_000_003, shouldStop: stop) else {
                    throw ExecutionInterrupted()
                }
                loaded = (train, test)
            }
        } catch is RegularFile.Stopped {
            throw ExecutionInterrupted()
        } catch let e as DataError {
            throw LanguageError(.value, at: inv.given(Self.path) ? inv.token(Self.path) : inv.token(Self.source), Phrase(verbatim: e.description))
        }
        var train = loaded.0
        let (limit, test) = QuickMode.shrink(limit: inv[Self.limit], test: loaded.1)
        if limit > 0 && limit < train.count { train = train.subset(Array(0..<limit)) }
        // Unless given, a tenth of the training images, at most 5,000 (Fashion-MNIST: 5,000).
        let val = QuickMode.validation(inv.given(Self.val) ? inv[Self.val] : min(5000, train.count / 10), train: train.count)
        guard val < train.count else {
            throw LanguageError(.value, at: inv.token(Self.val), "val=\(val) leaves no training images (there are \(train.count))")
        }
        let augment = try Self.augmentations(inv)
        guard let split = DataSplit(train: train, test: test, validation: val, seed: UInt64(inv[Self.seed]),
                                    shouldStop: { [context = env.context] in context.token.isCancelled }) else { throw ExecutionInterrupted() }
        env.session.data = LoadedData(source: source, split: split, augment: augment)
        let shape = train.shape
        var line = tr("\(train.name): \(formatCount(split.train.count)) training, \(formatCount(split.validation?.count ?? 0)) validation")
        line += tr(", \(formatCount(split.test?.count ?? 0)) test images of \(shape), \(train.classNames.count) classes")
        if !augment.isEmpty { line += tr("; augmentation: \(augment.map(\.description).joined(separator: ", "))") }
        env.context.stream(.stdout, line + QuickMode.note + "\n")
    }
}
