import ArgumentParser
import CNNCore
import CNNEngine
import JSONKit
#if canImport(Glibc)
import Glibc
#endif

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Training and inference images/s of the reference models (same terms as torch_bench.py).")

    @Option(help: "Comma-separated models: simplecnn, resnet, preactresnet, googlenet, densenet, or all.") var model = "all"
    @Option(parsing: .upToNextOption, help: "Batch sizes.") var batch: [Int] = [128, 32]
    @Option(parsing: .upToNextOption, help: "Thread counts.") var threads: [Int] = [1, 2]
    @Option(help: "train, infer or both.") var mode = "both"
    @Option(help: "Steps per timed block.") var steps = 10
    @Option(help: "Timed blocks.") var repeats = 5
    @Option(help: "Untimed warm-up steps.") var warmup = 3
    @Option(name: .customLong("min-block-s"), help: "Raise the steps so a block lasts at least this long.") var minBlockSeconds = 0.0
    @Flag(help: "One JSON object per line, as torch_bench.py --json.") var json = false

    func run() throws {
        let models = model == "all" ? ["simplecnn", "resnet", "preactresnet", "googlenet", "densenet"] : model.split(separator: ",").map(String.init)
        let modes = mode == "both" ? ["train", "infer"] : [mode]
        if !json { print("GEMM: \(GEMM.backendName)") }
        for t in threads {
            for m in models {
                for b in batch {
                    for md in modes {
                        let r = try Benchmark.run(model: m, mode: md, batch: b, threads: t, warmup: warmup, repeats: repeats,
                                                  steps: steps, minBlockSeconds: minBlockSeconds)
                        let rates = r.imagesPerSecond.sorted()
                        if json {
                            let o: JSON = ["model": .string(m), "mode": .string(md), "batch": .int(b), "threads": .int(t),
                                           "img_s": ["min": .number(rates.first!), "median": .number(r.median), "max": .number(rates.last!)],
                                           "fwd_macs_per_img": .int(r.multiplyAddsPerImage), "achieved_gflops_median": .number(r.gflops),
                                           "final_loss": .number(r.finalLoss), "engine": "cnn-kernel"]
                            print(o.serializedString())
                        } else {
                            print(String(format: "%-13@ %-5@ batch %4d threads %d: %9.1f img/s (min %.1f, max %.1f), %.1f GFLOP/s",
                                         m, md, b, t, r.median, rates.first!, rates.last!, r.gflops))
                        }
                        fflush(nil)
                    }
                }
            }
        }
    }
}
