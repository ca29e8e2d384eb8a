import CNNCore
#if canImport(Glibc)
import Glibc
#endif

/// Softmax cross-entropy, computed stably (the largest score is subtracted before exp),
/// averaged over the batch. Its gradient with respect to the scores is (softmax − one-hot)/N.
public enum SoftmaxCrossEntropy {
    public struct Result {
        public var loss: Double
        public var correct: Int
        public var gradient: Tensor
    }

    public static func evaluate(logits: Tensor, labels: [Int], needGradient: Bool = true) -> Result {
        let n = logits.batch, k = logits.shape.count
        let grad = Tensor(batch: needGradient ? n : 0, shape: logits.shape)
        var loss = 0.0
        var correct = 0
        for i in 0..<n {
            let row = logits.data + i * k
            var m = row[0], arg = 0
            for j in 1..<k where row[j] > m {
                m = row[j]
                arg = j
            }
            if arg == labels[i] { correct += 1 }
            var sum = 0.0
            for j in 0..<k { sum += exp(Double(row[j] - m)) }
            let logSum = log(sum)
            loss += logSum - Double(row[labels[i]] - m)
            if needGradient {
                let g = grad.data + i * k
                for j in 0..<k {
                    let p = exp(Double(row[j] - m)) / sum
                    g[j] = Float((p - (j == labels[i] ? 1 : 0)) / Double(n))
                }
            }
        }
        return Result(loss: loss / Double(max(1, n)), correct: correct, gradient: grad)
    }

    /// Class probabilities of one row of scores.
    public static func softmax(_ row: [Float]) -> [Double] {
        let m = row.max() ?? 0
        let e = row.map { exp(Double($0 - m)) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }
}
