import CNNCore

// Schedules and augmentations as the kernel's front ends write them (the `train` and `data`
// commands, `cnn-kernel train`): one reading and one printing, here in the engine, so both front
// ends accept the same text (`multistep(2, 4)`, `[flip, crop(4)]`) with the same defaults.

/// A schedule or augmentation that does not make sense, with the reason.
public struct OptionValueError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ d: Phrase) { description = d.text }
}

extension Schedule {
    public static let names = ["constant", "multistep", "cosine", "onecycle"]

    /// `constant`, `cosine`, `onecycle`, `onecycle(0.3)`, `multistep(2)`, `multistep(100, 150)`.
    public init(_ v: ParameterValue) throws {
        switch v {
        case .word("constant"): self = .constant
        case .word("cosine"): self = .cosine
        case .word("onecycle"): self = .onecycle(warmup: 0.3)
        case .call("onecycle", let a):
            guard a.count == 1, case .number(let w) = a[0], w > 0, w < 1 else {
                throw OptionValueError("onecycle(W) takes the warm-up fraction, between 0 and 1")
            }
            self = .onecycle(warmup: w)
        case .call("multistep", let args):
            var milestones: [Int] = []
            for a in args {
                guard let e = a.wholeNumber, e >= 1, e <= 1_000_000 else {
                    throw OptionValueError("multistep(E1, E2, …) takes epoch numbers from 1 to 1000000, not \(a)")
                }
                milestones.append(e)
            }
            guard !milestones.isEmpty, milestones.count <= 1000 else {
                throw OptionValueError("multistep needs the epochs at which the rate drops, as in multistep(2) or multistep(100, 150)")
            }
            self = .multistep(milestones: milestones, gamma: 0.1)
        case .word("multistep"):
            throw OptionValueError("multistep needs the epochs at which the rate drops, as in multistep(2) or multistep(100, 150)")
        default:
            throw OptionValueError("`\(v)` is not a schedule (\(Self.names.joined(separator: ", ")))")
        }
    }

    /// As it is written: what `init(_:)` reads back.
    public var written: String {
        switch self {
        case .constant: return "constant"
        case .cosine: return "cosine"
        case .onecycle(let w): return w == 0.3 ? "onecycle" : "onecycle(\(NumberFormat.shortest(w)))"
        case .multistep(let m, _): return "multistep(" + m.map(String.init).joined(separator: ", ") + ")"
        }
    }
}

extension Augmentation {
    public static let names = ["flip", "crop", "resizedcrop"]

    /// `flip`, `crop` (padding 4), `crop(P)`, `resizedcrop`.
    public init(_ v: ParameterValue) throws {
        switch v {
        case .word("flip"): self = .flip
        case .word("resizedcrop"): self = .resizedCrop(scale: 0.8...1.0, ratio: 0.9...1.1)
        case .word("crop"): self = .crop(padding: 4)
        case .call("crop", let args):
            guard args.count == 1, let p = args[0].wholeNumber, p >= 0, p <= 16 else {
                throw OptionValueError("crop(P) takes the padding P, 0–16")
            }
            self = .crop(padding: p)
        default:
            let name: String = { if case .call(let f, _) = v { return f }; return v.description }()
            throw OptionValueError("`\(name)` is not an augmentation (flip, crop(P), resizedcrop)\(Suggest.hint(for: name, in: Self.names))")
        }
    }

    /// A list `[flip, crop(4)]` (or one name) as augmentations.
    public static func list(_ v: ParameterValue) throws -> [Augmentation] {
        switch v {
        case .list(let items): return try items.map(Augmentation.init)
        default: return [try Augmentation(v)]
        }
    }
}
