import ArgumentParser
import CNNCore
import CNNEngine

/// `cnn-kernel cache-data`: fills the shared data cache before a class starts, so that no
/// learner's kernel decodes the data itself and every kernel maps the same pages (DataCache).
struct CacheDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache-data",
        abstract: "Decode Fashion-MNIST (and CIFAR-10 when given) into the data cache that every kernel on this machine maps read-only.")

    @Option(help: "The cache directory (default: CNN_KERNEL_DATA_CACHE, else $XDG_CACHE_HOME/cnn-kernel or ~/.cache/cnn-kernel).")
    var directory: String?

    @Option(help: "Fashion-MNIST's directory.")
    var fashionMnist = DataReaders.fashionDirectory

    @Option(help: "A CIFAR-10 binary-version directory to cache as well.")
    var cifar10: String?

    func run() throws {
        guard let cache = directory.map(DataCache.init(directory:)) ?? DataCache.fromEnvironment() else {
            throw ValidationError("no cache directory: give --directory, or unset CNN_KERNEL_DATA_CACHE=off")
        }
        var sets: [(String, Dataset?)] = []
        let fashion = try DataReaders.readIDXDirectory(fashionMnist, name: "fashion-mnist", classNames: DataReaders.fashionClasses, cache: cache)
        sets += [("fashion-mnist train", fashion.train), ("fashion-mnist test", fashion.test)]
        if let cifar10 {
            let cifar = try DataReaders.readCIFARDirectory(cifar10, cache: cache)
            sets += [("cifar10 train", cifar.train), ("cifar10 test", cifar.test)]
        }
        var failed = false
        for case let (what, set?) in sets {
            print("\(what): \(set.count) images, \(MemoryBudget.formatBytes(set.imageBytes)), \(set.store.isMapped ? "cached" : "NOT cached (the directory cannot take it)")")
            failed = failed || !set.store.isMapped
        }
        print("cache: \(cache.directory)")
        if failed { throw ExitCode(1) }
    }
}
