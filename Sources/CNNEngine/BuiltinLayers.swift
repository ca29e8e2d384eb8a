import CNNCore

/// Registers the built-in layer plugins, through the same `LayerRegistry.register` a
/// third-party plugin calls. Safe to call more than once.
public enum BuiltinLayers {
    public static let plugins: [LayerPlugin] = [
        Conv2dPlugin(), LinearPlugin(), PoolPlugin(max: true), PoolPlugin(max: false), GlobalAvgPoolPlugin(),
        FlattenPlugin(), BatchNormPlugin(), DropoutPlugin(), ReLUPlugins.relu, ReLUPlugins.leakyRelu,
        SmoothActivationPlugins.gelu, SmoothActivationPlugins.tanh, SmoothActivationPlugins.sigmoid, IdentityPlugin(),
    ]

    public static func register(in registry: LayerRegistry = .shared) {
        for p in plugins where registry.plugin(named: p.name) == nil {
            try? registry.register(p, origin: "built-in")
        }
    }
}
