import CNNCore

/// Pooling written the plain way, one element at a time on one thread: the reference that
/// PoolingTests hold the fast kernels in Pooling.swift to, bit for bit.
extension Pool2d {
    /// y[n, c, oy, ox] = max (or mean) of x over the window; for max, also the flat input index
    /// of the first maximum (rows first), or −1 for a window with no value above −∞.
    func referenceForward(_ x: Tensor) -> (y: Tensor, argmax: [Int]) {
        let n = x.batch
        let y = Tensor(batch: n, shape: outputShape)
        var argmax = [Int](repeating: -1, count: isMax ? y.count : 0)
        for nn in 0..<n {
            for oy in 0..<ho {
                for ox in 0..<wo {
                    let (ys, xs, full) = window(oy, ox)
                    for ch in 0..<c {
                        let out = ((nn * ho + oy) * wo + ox) * c + ch
                        var best = -Float.infinity, sum: Float = 0, at = -1
                        for iy in ys {
                            for ix in xs {
                                let i = ((nn * h + iy) * w + ix) * c + ch
                                if x.data[i] > best { best = x.data[i]; at = i }
                                sum += x.data[i]
                            }
                        }
                        if isMax {
                            y.data[out] = best
                            argmax[out] = at >= 0 ? at : ((nn * h + ys.lowerBound) * w + xs.lowerBound) * c + ch
                        } else {
                            y.data[out] = sum * (1 / Float(full))
                        }
                    }
                }
            }
        }
        return (y, argmax)
    }

    /// dx: each dy goes to the input that won its window (max), or 1/count of it to each input
    /// of the window (average), added in output order.
    func referenceBackward(_ dy: Tensor, argmax: [Int]) -> Tensor {
        let dx = Tensor(batch: dy.batch, shape: inputShape)
        for nn in 0..<dy.batch {
            for oy in 0..<ho {
                for ox in 0..<wo {
                    let (ys, xs, full) = window(oy, ox)
                    for ch in 0..<c {
                        let out = ((nn * ho + oy) * wo + ox) * c + ch
                        if isMax {
                            dx.data[argmax[out]] += dy.data[out]
                        } else {
                            for iy in ys {
                                for ix in xs { dx.data[((nn * h + iy) * w + ix) * c + ch] += dy.data[out] * (1 / Float(full)) }
                            }
                        }
                    }
                }
            }
        }
        return dx
    }
}
