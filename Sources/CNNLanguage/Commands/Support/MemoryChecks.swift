import CNNCore
import CNNEngine

/// The memory budget, asked before a command allocates (see MemoryBudget): a refusal is a
/// MemoryError located at the option to change, with the numbers and what fits.
extension CommandEnvironment {
    func requireMemory(_ bytes: Int, for what: String, hint: String, at token: Token) throws {
        do { try MemoryBudget.require(bytes, for: what, hint: hint) } catch let e as MemoryBudgetError {
            throw LanguageError(.memory, at: token, e.description)
        }
    }

    /// Training `entry` at `batch` (validation runs at least 256 images a batch, in evaluation mode).
    func requireTrainingMemory(_ entry: ModelEntry, batch: Int, optimizer: Optimizer.Kind, momentum: Bool, at token: Token) throws {
        let training = entry.model.trainingMemory(optimizer: optimizer, momentum: momentum)
        let validation = entry.model.inferenceMemory()
        let need = max(training.bytes(batch: batch), validation.bytes(batch: max(batch, 256)))
        try requireBatch(need, training, batch: batch, what: "training \(entry.name) at batch \(batch)", at: token)
    }

    /// A forward pass of `entry` over `batch` images (all outputs kept when `keepsOutputs`).
    func requireInferenceMemory(_ entry: ModelEntry, batch: Int, keepsOutputs: Bool = false, what: String, at token: Token) throws {
        let need = entry.model.inferenceMemory(keepsOutputs: keepsOutputs)
        try requireBatch(need.bytes(batch: batch), need, batch: batch, what: "\(what) on \(entry.name) at batch \(batch)", at: token)
    }

    private func requireBatch(_ bytes: Int, _ need: MemoryNeed, batch: Int, what: String, at token: Token) throws {
        guard let standing = MemoryBudget.standing(), bytes > standing.free else {
            return try requireMemory(bytes, for: what, hint: "use a smaller batch or fewer channels", at: token)
        }
        let fits = need.largestBatch(fitting: standing.free)
        let hint = fits >= 1 && fits < batch ? "use a smaller batch (at most \(formatCount(fits)) fits) or fewer channels"
            : "the model itself is too large: use fewer channels or layers"
        try requireMemory(bytes, for: what, hint: hint, at: token)
    }
}
