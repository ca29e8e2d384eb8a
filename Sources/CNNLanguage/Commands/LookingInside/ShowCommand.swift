import CNNCore
import JupyterKernel

/// One thing `show` can show: a file in Views/, listed in `Views.all`.
protocol View: Sendable {
    var name: String { get }
    /// Its line in `show`'s documentation.
    var usage: String { get }
    func show(_ inv: Invocation, in env: CommandEnvironment) throws
}

enum Views {
    static let all: [View] = [
        SourceView(), ImagesView(), AugmentView(), FeatureMapsView(), FiltersView(), ConfusionView(), MistakesView(), SaliencyView(),
        GradCAMView(), GraphView(), HistogramsView(), GradientsView(), ProjectorView(), MaximizeView(),
    ]
    static let byName: [String: View] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}

/// `show WHAT`: what a model sees and does, one view at a time.
struct ShowCommand: Command {
    static let what = Key<String>("what", .choice(Views.all.map(\.name)), positional: true, "what to show")
    static let name = Key<String>("name", .name, default: "", positional: true, "for source: a block, zoo model or model")
    static let n = Key<Int>("n", .integer(min: 1, max: 2000), default: 16, "how many images (images, mistakes: at most 256 drawn; projector: default 500)")
    static let normalize = Key<Bool>("normalize", .bool, default: false, "confusion: divide each row by its total")
    static let method = Key<String>("method", .choice(["pca", "tsne"]), default: "pca", "projector: PCA (linear: distances along its two axes mean something) or t-SNE (near neighbours kept near)")
    static let classes = Key<Bool>("classes", .bool, default: false, "maximize: one input per class instead of per channel")
    static let classIndex = Key<Int>("class", .integer(min: -1, max: 100_000), default: -1, "saliency, gradcam: the class whose score is explained (-1: the predicted one)")
    let spec = CommandSpec(
        name: "show", summary: "Shows what a model sees and does: images, featuremaps, filters, confusion, mistakes, or the source of a block.",
        doc: Views.all.map(\.usage).joined(separator: "\n"),
        parameters: [what.spec, name.spec, Common.layer.spec, Common.image.spec, n.spec, Common.split.spec, normalize.spec, Common.model.spec, classIndex.spec, classes.spec, method.spec],
        examples: ["show images", "show featuremaps layer=conv1 image=3", "show filters layer=conv1", "show confusion normalize=true", "show mistakes n=12", "show source resnet"])

    func run(_ inv: Invocation, in env: CommandEnvironment) throws {
        guard let view = Views.byName[inv[Self.what]] else { preconditionFailure("the binder admits only the views' names") }
        try view.show(inv, in: env)
    }
}
