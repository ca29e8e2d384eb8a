import CNNCore
import CNNEngine

/// The memory budget, asked before a command allocates (see MemoryBudget): a refusal is a
/// MemoryError located at the option to change, with the numbers and what fits.
extension CommandEnvironment {
    func requireMemory(_ bytes: Int, for what: Phrase, hint: Phrase, at token: Token,
                       usage: MemoryBudget.Usage = MemoryBudget.currentUsage()) throws {
        do { try MemoryBudget.require(bytes, for: what, hint: hint, usage: usage) } catch let e as MemoryBudgetError {
            throw LanguageError(.memory, at: token, Phrase(verbatim: e.description))
        }
    }

    /// Training `entry` at `batch` (the step, or the validation pass after each epoch).
    func requireTrainingMemory(_ entry: ModelEntry, batch: Int, optimizer: Optimizer.Kind, momentum: Bool, at token: Token) throws {
        let kept = entry.optimizer?.kind == optimizer
        let need = { (b: Int) in entry.model.trainingRunBytes(batch: b, optimizer: optimizer, momentum: momentum, keptState: kept) }
        try requireBatch(need, batch: batch, what: "training \(entry.name) at batch \(batch)", at: token)
    }

    /// A forward pass of `entry` over `batch` images (all outputs kept when `keepsOutputs`).
    func requireInferenceMemory(_ entry: ModelEntry, batch: Int, keepsOutputs: Bool = false, what: Phrase, at token: Token) throws {
        let need = entry.model.inferenceMemory(keepsOutputs: keepsOutputs)
        try requireBatch({ need.bytes(batch: $0) }, batch: batch, what: "\(what) on \(entry.name) at batch \(batch)", at: token)
    }

    private func requireBatch(_ need: (Int) -> Int, batch: Int, what: Phrase, at token: Token) throws {
        let bytes = need(batch)
        // /proc and the cgroup files are read once for the check and its hint.
        let usage = MemoryBudget.currentUsage()
        guard let standing = MemoryBudget.standing(usage: usage), bytes > standing.free else {
            return try requireMemory(bytes, for: what, hint: "use a smaller batch or fewer channels", at: token, usage: usage)
        }
        let fits = MemoryNeed.largestBatch(upTo: batch, fitting: standing.free, need: need)
        let hint = fits >= 1 ? tr("use a smaller batch (at most \(formatCount(fits)) fits) or fewer channels")
            : tr("the model itself is too large: use fewer channels or layers")
        try requireMemory(bytes, for: what, hint: Phrase(verbatim: hint), at: token, usage: usage)
    }
}
