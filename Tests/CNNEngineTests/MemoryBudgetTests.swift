import CNNCore
@testable import CNNEngine
import Foundation
import XCTest

/// The memory budget: where the limit comes from, when a request is refused and what the error
/// says, and that the engine's estimates cover what training and evaluation really allocate.
final class MemoryBudgetTests: XCTestCase {
    override func tearDown() {
        MemoryBudget.procRoot = ""
        MemoryBudget.sessionLimit = nil
    }

    func testSizesParseAndPrint() {
        XCTAssertEqual(MemoryBudget.parseSize("8G"), 8 << 30)
        XCTAssertEqual(MemoryBudget.parseSize("512m"), 512 << 20)
        XCTAssertEqual(MemoryBudget.parseSize("1.5GB"), 3 << 29)
        XCTAssertEqual(MemoryBudget.parseSize("2GiB"), 2 << 30)
        XCTAssertEqual(MemoryBudget.parseSize("4096"), 4096)
        for bad in ["", "G", "-1G", "0", "nan", "1e30G", "eight"] { XCTAssertNil(MemoryBudget.parseSize(bad), bad) }
        XCTAssertEqual(MemoryBudget.formatBytes(7_800 << 20), "7.6 GB")
        XCTAssertEqual(MemoryBudget.formatBytes(512 << 20), "512 MB")
        XCTAssertEqual(MemoryBudget.formatBytes(1000), "1000 bytes")
    }

    func testTheTightestLimitBindsAndAddressSpaceCountsVirtualSize() {
        let usage = MemoryBudget.Usage(resident: 1 << 30, addressSpace: 6 << 30, systemAvailable: nil)
        let limits = [MemoryBudget.Limit(bytes: 24 << 30, source: "physical memory"),
                      MemoryBudget.Limit(bytes: 8 << 30, source: "address-space limit (ulimit -v)", measure: .addressSpace),
                      MemoryBudget.Limit(bytes: 4 << 30, source: "cgroup memory limit")]
        let s = MemoryBudget.standing(limits: limits, usage: usage)!
        // cgroup: 4 − 1 = 3 GB free; address space: 8 − 6 = 2 GB free, which binds.
        XCTAssertEqual(s.limit.source, "address-space limit (ulimit -v)")
        XCTAssertEqual(s.free, 2 << 30)
        XCTAssertEqual(s.inUse, 6 << 30)
        // Other programs leaving less than that binds instead, and the error says so.
        let crowded = MemoryBudget.Usage(resident: 1 << 30, addressSpace: 6 << 30, systemAvailable: 1 << 30)
        XCTAssertEqual(MemoryBudget.standing(limits: limits, usage: crowded)?.free, 1 << 30)
        XCTAssertThrowsError(try MemoryBudget.require(3 << 29, for: "training m at batch 128", hint: "use a smaller batch", limits: limits, usage: crowded)) {
            XCTAssertTrue("\($0)".contains("other programs leave only 1.0 GB free"), "\($0)")
        }
    }

    func testARefusalNamesTheNeedTheLimitAndTheHint() throws {
        let limits = [MemoryBudget.Limit(bytes: 9_400 << 20, source: "cgroup memory limit")]
        let usage = MemoryBudget.Usage(resident: 1_200 << 20, addressSpace: 2 << 30, systemAvailable: nil)
        XCTAssertThrowsError(try MemoryBudget.require(8_500 << 20, for: "training m at batch 128", hint: "use a smaller batch or fewer channels",
                                                      limits: limits, usage: usage)) { error in
            XCTAssertEqual("\(error)", "training m at batch 128 needs 8.3 GB; the kernel's limit is 9.2 GB (cgroup memory limit), of which 1.2 GB is in use: use a smaller batch or fewer channels")
        }
        XCTAssertNoThrow(try MemoryBudget.require(7_000 << 20, for: "x", hint: "", limits: limits, usage: usage))
    }

    /// Where the numbers say yes but the allocator says no (an address-space limit the numbers
    /// did not see, overcommit off), the request is refused too: an error, not a trap later.
    func testAnAllocationTheSystemRefusesIsAnError() {
        XCTAssertThrowsError(try MemoryBudget.require(1 << 60, for: "x", hint: "h", limits: [], usage: .init(resident: 0, addressSpace: 0, systemAvailable: nil))) {
            XCTAssertTrue(($0 as? MemoryBudgetError)?.allocationFailed == true, "\($0)")
        }
    }

    /// Freed tensors stay in malloc's heap (Tensor tunes it so); past the threshold, the pages go
    /// back between two lines of a cell, and a second call finds nothing to give.
    func testFreeMemoryBeyondTheThresholdIsGivenBack() throws {
        MemoryBudget.releaseFreeMemory()
        do {
            let tensors = (0..<4).map { _ in Tensor(batch: 8, shape: .flat(1 << 20)) }  // 4 × 32 MB, zeroed: resident
            XCTAssertEqual(tensors.count, 4)
        }
        let before = try XCTUnwrap(MemoryBudget.anonymousResident()) - MemoryBudget.heap().inUse
        XCTAssertGreaterThan(before, 100 << 20, "the freed tensors are still resident")
        MemoryBudget.releaseFreeMemory(beyond: 64 << 20)
        let after = try XCTUnwrap(MemoryBudget.anonymousResident()) - MemoryBudget.heap().inUse
        XCTAssertLessThan(after, 64 << 20, "given back")
    }

    func testOverridesReplaceAndLowerTheDetectedLimit() {
        XCTAssertEqual(MemoryBudget.limits(environment: ["CNN_KERNEL_MEMORY_LIMIT": "3G"]).map(\.bytes), [3 << 30])
        MemoryBudget.sessionLimit = 1 << 30
        XCTAssertEqual(MemoryBudget.limits(environment: ["CNN_KERNEL_MEMORY_LIMIT": "3G"]).first?.bytes, 1 << 30)
        XCTAssertTrue(MemoryBudget.limits(environment: [:]).contains { $0.source == "physical memory" })
    }

    /// A hub's per-learner limits (JupyterHub's spawners set MEM_LIMIT in bytes and CPU_LIMIT in
    /// cores): the memory one joins the detected limits; the kernel's own override still wins.
    func testAHubsLimitsBindTheKernel() {
        let hub = MemoryBudget.limits(environment: ["MEM_LIMIT": "1073741824"])
        XCTAssertEqual(hub.first?.bytes, 1 << 30, "tighter than this machine's memory")
        XCTAssertEqual(hub.first?.source, "the hub's limit for this learner (MEM_LIMIT)")
        XCTAssertEqual(MemoryBudget.limits(environment: ["MEM_LIMIT": "1073741824", "CNN_KERNEL_MEMORY_LIMIT": "3G"]).map(\.bytes), [3 << 30])
        for junk in ["", "-5", "0", "1G", "lots"] {
            XCTAssertFalse(MemoryBudget.limits(environment: ["MEM_LIMIT": junk]).contains { $0.source.contains("MEM_LIMIT") }, junk)
        }
        let before = Parallel.threads
        defer { Parallel.threads = before }
        Parallel.threads = 2
        for junk in [nil, "", "0", "-1", "nan", "inf", "two"] {
            Parallel.adoptCPULimit(junk)
            XCTAssertEqual(Parallel.threads, 2, junk ?? "nil")
        }
        Parallel.adoptCPULimit("8")
        XCTAssertEqual(Parallel.threads, 2, "a limit above the cores changes nothing")
        Parallel.adoptCPULimit("0.5")
        XCTAssertEqual(Parallel.threads, 1, "half a core: one thread")
    }

    /// cgroup v1 and v2 trees as containers present them: the tightest limit along the path,
    /// "max" and v1's huge number meaning none, and the headroom of the innermost limited group.
    func testCgroupLimitsAreReadAlongThePath() throws {
        let root = NSTemporaryDirectory() + "cgroup-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: root) }
        func write(_ path: String, _ text: String) throws {
            try FileManager.default.createDirectory(atPath: root + (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: root + path, atomically: true, encoding: .utf8)
        }
        // v2: the user's slice limits to 6 GB, the kernel's own group to nothing ("max").
        try write("/proc/self/cgroup", "0::/user.slice/kernel\n")
        try write("/sys/fs/cgroup/cgroup.controllers", "cpu memory\n")
        try write("/sys/fs/cgroup/user.slice/memory.max", "6442450944\n")
        try write("/sys/fs/cgroup/user.slice/memory.current", "2147483648\n")
        try write("/sys/fs/cgroup/user.slice/kernel/memory.max", "max\n")
        MemoryBudget.procRoot = root
        XCTAssertEqual(MemoryBudget.cgroupLimit(), 6 << 30)
        XCTAssertEqual(MemoryBudget.cgroupHeadroom(), 4 << 30)
        // The kernel's own group allows 7 GB more, but the slice it shares with others only 4 GB.
        try write("/sys/fs/cgroup/user.slice/kernel/memory.max", "8589934592\n")
        try write("/sys/fs/cgroup/user.slice/kernel/memory.current", "1073741824\n")
        XCTAssertEqual(MemoryBudget.cgroupLimit(), 6 << 30)
        XCTAssertEqual(MemoryBudget.cgroupHeadroom(), 4 << 30)
        // v1 (this machine's layout): the memory controller's line, v1's "unlimited" ignored.
        try FileManager.default.removeItem(atPath: root)
        try write("/proc/self/cgroup", "5:devices:/\n4:memory:/process_api/abc\n0::/\n")
        try write("/sys/fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712\n")
        try write("/sys/fs/cgroup/memory/process_api/abc/memory.limit_in_bytes", "1073741824\n")
        try write("/sys/fs/cgroup/memory/process_api/abc/memory.usage_in_bytes", "536870912\n")
        XCTAssertEqual(MemoryBudget.cgroupLimit(), 1 << 30)
        XCTAssertEqual(MemoryBudget.cgroupHeadroom(), 1 << 29)
        // A path the container cannot see falls back to the mount's root.
        try write("/proc/self/cgroup", "4:memory:/hidden/elsewhere\n")
        XCTAssertNil(MemoryBudget.cgroupLimit())
        try write("/proc/self/cgroup", "garbage\n::\n")
        XCTAssertNil(MemoryBudget.cgroupLimit())
    }

    /// Tensor bytes at the peak of `steps` training steps at `batch` (with a validation pass
    /// over `validation` images when it is not 0), above what was held before.
    func measuredPeak(_ model: Model, _ data: Dataset, batch: Int, kind: Optimizer.Kind, validation: Int = 0) -> Int {
        let split = DataSplit(train: data, test: nil, validation: validation, seed: 1)
        var config = TrainingConfig()
        config.batchSize = batch
        config.optimizer = kind
        config.batchLimit = 2
        let before = Tensor.liveBytes
        Tensor.resetPeak()
        XCTAssertEqual(Trainer(model: model, data: split, config: config, rng: RandomSource(seed: 1)).run(), .completed)
        return Tensor.peakBytes - before
    }

    /// The training estimate against the tensors real steps allocate, on a plain CNN, a ResNet
    /// and a DenseNet, with SGD and Adam: the part per image (measured as the difference
    /// between batches of 16 and 48, so the fixed buffers cannot hide it) is at least what is
    /// measured and at most 3× that; the whole need at batch 48, with a validation pass, covers
    /// the measured peak.
    func testTrainingEstimateCoversWhatStepsAllocate() throws {
        let data = SyntheticShapes.make(count: 160, size: 32, channels: 3, seed: 4)
        for (name, kind) in [("simplecnn", Optimizer.Kind.sgd), ("resnet-small", .adam), ("densenet-small", .sgd), ("googlenet", .adam)] {
            let model = try Model(spec: try ZooFixtures.spec(name).0, input: data.shape)
            model.initialize(seed: 1)
            let small = measuredPeak(model, data, batch: 16, kind: kind)
            let large = measuredPeak(model, data, batch: 48, kind: kind)
            let perImage = (large - small) / 32
            let estimate = model.trainingMemory(optimizer: kind)
            print("training memory per image of \(name): estimate \(MemoryBudget.formatBytes(estimate.perImage)), measured \(MemoryBudget.formatBytes(perImage))")
            XCTAssertGreaterThanOrEqual(estimate.perImage, perImage, name)
            XCTAssertLessThanOrEqual(estimate.perImage, 3 * perImage, name)
            let withValidation = measuredPeak(model, data, batch: 48, kind: kind, validation: 100)
            let need = model.trainingRunBytes(batch: 48, optimizer: kind)
            XCTAssertGreaterThanOrEqual(need, withValidation, "\(name): need \(need), measured \(withValidation)")
        }
    }

    func testInferenceEstimateCoversAnEvaluationPass() throws {
        let (spec, input) = try ZooFixtures.spec("resnet-small")
        let model = try Model(spec: spec, input: input)
        model.initialize(seed: 1)
        let data = SyntheticShapes.make(count: 64, size: 32, channels: 3, seed: 4)
        let before = Tensor.liveBytes
        Tensor.resetPeak()
        _ = Evaluation.run(model, on: data, normalization: data.statistics(), batchSize: 64)
        let measured = Tensor.peakBytes - before
        XCTAssertGreaterThanOrEqual(model.inferenceMemory().bytes(batch: 64), measured)
        Tensor.resetPeak()
        let x = Batches.make(data, indices: Array(0..<16)[...], normalization: data.statistics()).0
        _ = model.activations(x)
        XCTAssertGreaterThanOrEqual(model.inferenceMemory(keepsOutputs: true).bytes(batch: 16), Tensor.peakBytes - before)
    }

    func testNeedsSaturateAndGiveTheLargestBatch() {
        let need = MemoryNeed(fixed: 100, perImage: 10)
        XCTAssertEqual(need.bytes(batch: 5), 150)
        XCTAssertEqual(need.largestBatch(fitting: 155), 5)
        XCTAssertEqual(need.largestBatch(fitting: 50), 0)
        XCTAssertEqual(MemoryNeed(fixed: 1, perImage: Int.max / 2).bytes(batch: 4), Int.max)
    }

    /// A layer whose weights would not fit is a shape error when it is built, before anything is allocated.
    func testALayerThatDoesNotFitIsRefusedBeforeAllocating() throws {
        MemoryBudget.sessionLimit = MemoryBudget.currentUsage().resident + (64 << 20)
        BuiltinLayers.register()
        let plugin = LayerRegistry.shared.plugin(named: "conv")!
        let live = Tensor.liveBytes
        XCTAssertThrowsError(try plugin.build(try plugin.bind(["out_channels": .number(4096), "kernel": .number(3)]), input: .image(c: 1024, h: 8, w: 8))) {
            XCTAssertTrue("\($0)".contains("conv with 37,748,736 weights needs 288 MB"), "\($0)")
        }
        XCTAssertEqual(Tensor.liveBytes, live)
    }
}
