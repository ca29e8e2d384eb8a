#if canImport(Glibc)
import Glibc
#endif

/// Learning-rate schedules, as a function of the step (0-based) and the total number of steps.
///   constant
///   multistep(milestones in epochs, ×gamma at each) – the reference set-up: ×0.1 at epochs 100 and 150
///   cosine – Loshchilov & Hutter 2016, arXiv:1608.03983 (no restarts), down to 0 at the last step
///   onecycle – Smith & Topin 2017, arXiv:1708.07120: cosine warm-up over 30% of the steps from lr/25 to lr,
///              then cosine annealing to lr/(25·10⁴), as torch.optim.lr_scheduler.OneCycleLR
public enum Schedule: Equatable, Sendable, CustomStringConvertible {
    case constant
    case multistep(milestones: [Int], gamma: Double)
    case cosine
    case onecycle(warmup: Double)

    public func learningRate(base: Double, step: Int, stepsPerEpoch: Int, totalSteps: Int) -> Double {
        let total = max(1, totalSteps)
        switch self {
        case .constant: return base
        case .multistep(let milestones, let gamma):
            let epoch = step / max(1, stepsPerEpoch)
            return base * pow(gamma, Double(milestones.filter { epoch >= $0 }.count))
        case .cosine:
            return base * 0.5 * (1 + cos(Double.pi * Double(step) / Double(total)))
        case .onecycle(let warmup):
            let initial = base / 25, final = initial / 1e4
            let up = max(1, Int(warmup * Double(total)) - 1)
            func anneal(_ a: Double, _ b: Double, _ f: Double) -> Double { b + (a - b) / 2 * (cos(Double.pi * f) + 1) }
            if step <= up { return anneal(initial, base, Double(step) / Double(up)) }
            let down = max(1, total - 1 - up)
            return anneal(base, final, min(1, Double(step - up) / Double(down)))
        }
    }

    public var description: String {
        switch self {
        case .constant: return "constant"
        case .multistep(let m, let g): return "multistep(\(m.map(String.init).joined(separator: ",")); ×\(g))"
        case .cosine: return "cosine"
        case .onecycle(let w): return "onecycle(warm-up \(Int(w * 100))%)"
        }
    }
}
