import CNNCore
import CNNEngine
import JupyterKernel

/// How the kernel runs in CI: CNN_KERNEL_QUICK=1 shrinks data (3,000 training, 1,000 test images)
/// and training (one epoch of at most 30 batches), so notebooks written for full runs execute in
/// seconds. It is read and applied here only; the commands hand it what they are about to use.
enum QuickMode {
    static let isOn: Bool = FileIO.environment("CNN_KERNEL_QUICK").map { $0 == "1" || $0 == "true" } ?? false

    /// The training images to keep (0: all) and the test set, shrunk.
    static func shrink(limit: Int, test: Dataset?) -> (limit: Int, test: Dataset?) {
        guard isOn else { return (limit, test) }
        var t = test
        if let s = t, s.count > 1000 { t = s.subset(Array(0..<1000)) }
        return (limit > 0 ? min(limit, 3000) : 3000, t)
    }

    /// The validation images to hold out of `train` training images.
    static func validation(_ val: Int, train: Int) -> Int { isOn ? min(val, train / 10) : val }

    /// One short epoch, whatever the cell asks for.
    static func adjust(_ config: inout TrainingConfig) {
        guard isOn else { return }
        config.epochs = 1
        config.batchLimit = min(config.batchLimit ?? 30, 30)
    }

    /// What a line about the loaded data adds.
    static var note: String { isOn ? tr(" (quick mode, CNN_KERNEL_QUICK=1: data shrunk)") : "" }
}
