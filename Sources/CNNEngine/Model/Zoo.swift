import CNNCore

/// The reference models of ../shared/reference/architectures.md, for 1- or 3-channel input,
/// 28×28 or 32×32, configurable as the teaching configuration allows.
///   simplecnn     – two conv/pool stages and two linear layers (LeCun et al. 1998 style)
///   googlenet     – Inception blocks, Szegedy et al. 2014, arXiv:1409.4842
///   resnet        – He et al. 2015, arXiv:1512.03385 (depth 20: blocks [3,3,3])
///   preactresnet  – He et al. 2016, arXiv:1603.05027
///   densenet      – Huang et al. 2016, arXiv:1608.06993 (blocks [6,6,6,6], growth 16, bottleneck 2)
public enum Zoo {
    public static let names = ["simplecnn", "googlenet", "resnet", "preactresnet", "densenet"]

    static func conv(_ out: Int, k: Int, s: Int = 1, p: Int = 0, bias: Bool = true) -> ModelSpec {
        .layer("conv", ["out_channels": .int(out), "kernel": .int(k), "stride": .int(s), "padding": .int(p), "bias": .bool(bias)])
    }
    static let bn = ModelSpec.layer("batchnorm")
    static func act(_ a: String) -> ModelSpec { .layer(a) }
    static func head(_ classes: Int) -> [ModelSpec] { [.layer("gap"), .layer("flatten"), .layer("linear", ["out_features": .int(classes)])] }

    public static func simplecnn(classes: Int = 10, channels: [Int] = [16, 32], hidden: Int = 128, activation: String = "relu") -> ModelSpec {
        .seq([
            conv(channels[0], k: 5, p: 2), act(activation), .layer("maxpool", ["kernel": .int(2)]),
            conv(channels[1], k: 5, p: 2), act(activation), .layer("maxpool", ["kernel": .int(2)]),
            .layer("flatten"), .layer("linear", ["out_features": .int(hidden)]), act(activation),
            .layer("linear", ["out_features": .int(classes)]),
        ])
    }

    /// Four branches: 1×1; 1×1 reduce then 3×3; 1×1 reduce then 5×5; 3×3 max-pool then 1×1.
    public static func inception(red3: Int, red5: Int, out1: Int, out3: Int, out5: Int, outPool: Int, activation: String) -> ModelSpec {
        func cba(_ c: Int, _ k: Int) -> [ModelSpec] { [conv(c, k: k, p: k / 2), bn, act(activation)] }
        return .concat([
            .seq(cba(out1, 1), name: "conv1x1"),
            .seq(cba(red3, 1) + cba(out3, 3), name: "conv3x3"),
            .seq(cba(red5, 1) + cba(out5, 5), name: "conv5x5"),
            .seq([.layer("maxpool", ["kernel": .int(3), "stride": .int(1), "padding": .int(1)])] + cba(outPool, 1), name: "pool"),
        ], name: nil, kind: "inception")
    }

    public static func googlenet(classes: Int = 10, activation: String = "relu") -> ModelSpec {
        let b = { (r3: Int, r5: Int, o1: Int, o3: Int, o5: Int, op: Int) in
            inception(red3: r3, red5: r5, out1: o1, out3: o3, out5: o5, outPool: op, activation: activation)
        }
        let pool = ModelSpec.layer("maxpool", ["kernel": .int(3), "stride": .int(2), "padding": .int(1)])
        return .seq([
            conv(64, k: 3, p: 1), bn, act(activation),
            b(32, 16, 16, 32, 8, 8), b(32, 16, 24, 48, 12, 12), pool,
            b(32, 16, 24, 48, 12, 12), b(32, 16, 16, 48, 16, 16), b(32, 16, 16, 48, 16, 16), b(32, 16, 32, 48, 24, 24), pool,
            b(48, 16, 32, 64, 16, 16), b(48, 16, 32, 64, 16, 16),
        ] + head(classes))
    }

    /// conv-BN-act-conv-BN plus shortcut (identity, or 1×1 stride-2 conv with bias), act after the sum.
    public static func resnetBlock(_ cout: Int, subsample: Bool, activation: String) -> ModelSpec {
        .seq([
            .residual(
                body: .seq([conv(cout, k: 3, s: subsample ? 2 : 1, p: 1, bias: false), bn, act(activation), conv(cout, k: 3, p: 1, bias: false), bn]),
                shortcut: subsample ? .seq([conv(cout, k: 1, s: 2)]) : nil, name: nil, kind: nil),
            act(activation),
        ], kind: "resblock")
    }

    /// BN-act-conv-BN-act-conv plus shortcut (identity, or BN-act-1×1 stride-2 conv without bias); no act after the sum.
    public static func preactBlock(_ cout: Int, subsample: Bool, activation: String) -> ModelSpec {
        .residual(
            body: .seq([bn, act(activation), conv(cout, k: 3, s: subsample ? 2 : 1, p: 1, bias: false), bn, act(activation), conv(cout, k: 3, p: 1, bias: false)]),
            shortcut: subsample ? .seq([bn, act(activation), conv(cout, k: 1, s: 2, bias: false)]) : nil, name: nil, kind: "preactblock")
    }

    public static func resnet(classes: Int = 10, blocks: [Int] = [3, 3, 3], channels: [Int] = [16, 32, 64], activation: String = "relu", preactivation: Bool = false) -> ModelSpec {
        var items: [ModelSpec] = preactivation ? [conv(channels[0], k: 3, p: 1, bias: false)] : [conv(channels[0], k: 3, p: 1, bias: false), bn, act(activation)]
        for (group, count) in blocks.enumerated() {
            for i in 0..<count {
                let subsample = group > 0 && i == 0
                items.append(preactivation ? preactBlock(channels[group], subsample: subsample, activation: activation)
                                           : resnetBlock(channels[group], subsample: subsample, activation: activation))
            }
        }
        return .seq(items + head(classes))
    }

    /// BN-act-1×1 conv (→ bottleneck·growth) - BN-act-3×3 conv (→ growth), concatenated before its input.
    public static func denseLayer(growth: Int, bottleneck: Int, activation: String) -> ModelSpec {
        .concat([
            .seq([bn, act(activation), conv(bottleneck * growth, k: 1, bias: false), bn, act(activation), conv(growth, k: 3, p: 1, bias: false)], name: "new"),
            .layer("identity", name: "input"),
        ], name: nil, kind: "denselayer")
    }

    public static func transition(_ cout: Int, activation: String) -> ModelSpec {
        .seq([bn, act(activation), conv(cout, k: 1, bias: false), .layer("avgpool", ["kernel": .int(2), "stride": .int(2)])], kind: "transition")
    }

    public static func densenet(classes: Int = 10, layers: [Int] = [6, 6, 6, 6], growth: Int = 16, bottleneck: Int = 2, activation: String = "relu") -> ModelSpec {
        var items: [ModelSpec] = [conv(growth * bottleneck, k: 3, p: 1)]
        var c = growth * bottleneck
        for (i, n) in layers.enumerated() {
            items.append(.seq((0..<n).map { _ in denseLayer(growth: growth, bottleneck: bottleneck, activation: activation) }, kind: "denseblock"))
            c += n * growth
            if i < layers.count - 1 {
                items.append(transition(c / 2, activation: activation))
                c /= 2
            }
        }
        return .seq(items + [bn, act(activation)] + head(classes))
    }

    public static func spec(named name: String, classes: Int = 10) -> ModelSpec? {
        switch name {
        case "simplecnn": return simplecnn(classes: classes)
        case "googlenet": return googlenet(classes: classes)
        case "resnet": return resnet(classes: classes)
        case "preactresnet": return resnet(classes: classes, preactivation: true)
        case "densenet": return densenet(classes: classes)
        default: return nil
        }
    }
}
