import CNNCore
import CNNEngine
import JupyterKernel
import Rendering

/// `memory`: the memory budget the kernel checks work against, what the current model needs,
/// and a lower limit for this session.
struct MemoryCommand: Command {
    static let limit = Key<Double>("limit", .number(min: 0, max: 1_000_000), default: -1, "GB this session may use (0: back to the detected limit)")
    static let batch = Key<Int>("batch", .integer(min: 1, max: 65_536), default: 128, "the batch size to work out the current model's needs for")
    let spec = CommandSpec(
        name: "memory", summary: "Shows the memory limit the kernel works within, what it uses, and what the current model needs to train; limit= lowers the limit for this session.",
        doc: "The limit is the smallest of the cgroup's memory limit, the machine's memory and the process's address-space limit, or CNN_KERNEL_MEMORY_LIMIT when set (for example 8G). Commands that would need more than is free are refused with an error before they allocate anything.",
        parameters: [limit.spec, batch.spec], examples: ["memory", "memory limit=2", "memory batch=256"])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        if inv.given(Self.limit) {
            let gb = inv[Self.limit]
            if gb == 0 {
                env.session.memoryLimit = nil
            } else {
                let bytes = Int(gb * 1_073_741_824)
                guard bytes >= 16 << 20 else {
                    throw LanguageError(.value, at: inv.token(Self.limit), "limit=\(NumberFormat.shortest(gb)) is less than 16 MB, too little for anything; give it in GB (limit=2 is 2 GB), or 0 for the detected limit")
                }
                let detected = MemoryBudget.limits().filter { $0.source != "set by `memory limit=`" }.map(\.bytes).min()
                if let d = detected, bytes > d {
                    throw LanguageError(.value, at: inv.token(Self.limit), "limit=\(NumberFormat.shortest(gb)) is above the kernel's limit of \(MemoryBudget.formatBytes(d)); a session can only lower it (set CNN_KERNEL_MEMORY_LIMIT before the kernel starts to change it)")
                }
                env.session.memoryLimit = bytes
            }
        }
        MemoryBudget.sessionLimit = env.session.memoryLimit
        let f = MemoryBudget.formatBytes
        var table = Table([.init(""), .init("", .right), .init("")])
        if let s = MemoryBudget.standing() {
            table.add(["limit", f(s.limit.bytes), s.limit.source])
            table.add([tr("in use"), f(s.inUse), s.limit.measure == .addressSpace ? tr("address space of the kernel") : tr("resident memory of the kernel")])
            table.add(["free", f(s.free), s.systemFree != nil ? tr("what other programs leave") : ""], strong: true)
        }
        let heap = MemoryBudget.heap()
        table.add(["allocated", f(heap.inUse), tr("by the kernel's code, of which:")])
        table.add([tr("held by tensors"), f(Tensor.liveBytes), tr("weights, gradients, activations")])
        var mappedData = 0
        if let d = env.session.data?.split {
            // Train and validation are views of one store: each store counts once.
            let sets = [d.train, d.validation, d.test].compactMap { $0 }
            var stores: [ObjectIdentifier: PixelStore] = [:]
            for s in sets { stores[ObjectIdentifier(s.store)] = s.store }
            let owned = stores.values.filter { !$0.isMapped }.reduce(0) { $0 + $1.count }
            let mapped = stores.values.filter(\.isMapped).reduce(0) { $0 + $1.count }
            table.add([tr("held by the data"), f(owned + sets.reduce(0) { $0 + $1.ownBytes }), owned > 0 ? tr("\(d.train.name), one byte per pixel") : tr("\(d.train.name): the labels, and which images each split holds")])
            mappedData = mapped
        }
        table.add([tr("kept for reuse"), f(heap.free), tr("freed, not counted as in use")])
        if mappedData > 0 {
            // Not malloc's: the pages of the cache file, in the page cache, counted once per machine.
            table.add([tr("mapped from the data cache"), f(mappedData), tr("the pixels, shared with every kernel on this machine that loads the same data")])
        }
        if let name = env.session.current, let entry = env.session.models[name] {
            let b = inv[Self.batch]
            let kind = entry.optimizer?.kind ?? .sgd, momentum = (entry.optimizer?.momentum ?? 0.9) > 0
            let step = entry.model.trainingMemory(optimizer: kind, momentum: momentum)
            let more = { (batch: Int) in entry.model.trainingRunBytes(batch: batch, optimizer: kind, momentum: momentum, keptState: entry.optimizer != nil) }
            table.add([tr("\(name): training at batch \(b)"), f(step.bytes(batch: b)),
                       tr("\(f(step.fixed)) for the weights, copies and optimiser + \(f(step.perImage)) per image; \(f(more(b))) more than it holds now")])
            if let s = MemoryBudget.standing() {
                let fits = MemoryNeed.largestBatch(upTo: 65_536, fitting: s.free, need: more)
                table.add([tr("\(name): largest batch that fits"), fits == 65_536 ? tr("65,536 or more") : formatCount(fits), ""])
            }
        }
        env.context.display(table.bundle)
    }
}
