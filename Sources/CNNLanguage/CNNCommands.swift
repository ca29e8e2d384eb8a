/// The commands that work with data, models and training. Like the first commands, each is a
/// declaration: checking, completion, inspection and help read it.
enum CNNCommands {
    static let dataSources = ["fashion-mnist", "shapes", "idx", "cifar10"]
    static let optimizers = ["sgd", "adam", "adamw"]
    static let schedules = ["constant", "multistep", "cosine", "onecycle"]
    static let augmentations = ["flip", "crop", "resizedcrop"]
    static let inits = ["pytorch", "kaiming_in", "kaiming_out", "xavier"]

    static let data = CommandSpec(
        name: "data", summary: "Loads a data set: Fashion-MNIST (Debian's dataset-fashion-mnist), an IDX directory, CIFAR-10 (binary version) or synthetic shapes.",
        doc: "The training images are split into training and validation (val=); pixels are normalised with the training set's per-channel mean and standard deviation. Augmentation applies to training batches only.",
        positionals: [ParameterSpec("source", .choice(dataSources), "fashion-mnist, idx, cifar10 or shapes")],
        options: [
            ParameterSpec("path", .path, default: "", "directory of the files (idx, cifar10; fashion-mnist defaults to /usr/share/datasets/fashion-mnist)"),
            ParameterSpec("val", .integer(min: 0, max: 1_000_000), default: "5000", "training images held out for validation (default: a tenth, at most 5000)"),
            ParameterSpec("limit", .integer(min: 0, max: 10_000_000), default: "0", "use only this many training images (0: all)"),
            ParameterSpec("augment", .words, default: "[]", "training augmentation: flip, crop(4) (pad and crop), resizedcrop"),
            ParameterSpec("n", .integer(min: 10, max: 200_000), default: "6000", "shapes: number of images (a sixth more are made for the test set)"),
            ParameterSpec("size", .integer(min: 8, max: 128), default: "28", "shapes: image size"),
            ParameterSpec("channels", .integer(min: 1, max: 3), default: "1", "shapes: 1 (grey) or 3 (colour)"),
            ParameterSpec("seed", .integer(min: 0, max: Int(Int32.max)), default: "1", "shapes: which images; also the validation split"),
        ],
        examples: ["data fashion-mnist val=5000 augment=[flip]", "data shapes n=2000 size=32 channels=3 seed=1", "data cifar10 path=\"/data/cifar-10-batches-bin\""])

    static let use = CommandSpec(
        name: "use", summary: "Makes a model the current one (the one train, evaluate, summary … use by default).",
        positionals: [ParameterSpec("model", .name, "a model name")], examples: ["use net"])

    static let summary = CommandSpec(
        name: "summary", summary: "A table of the model's layers: name, type, output shape, parameters, multiply-adds.",
        positionals: [ParameterSpec("model", .name, default: "", "a model name (default: the current model)")],
        examples: ["summary", "summary r"])

    static let params = CommandSpec(
        name: "params", summary: "The number of trained parameters of a model, as the cell's value.",
        positionals: [ParameterSpec("model", .name, default: "", "a model name (default: the current model)")],
        examples: ["params r"])

    static let train = CommandSpec(
        name: "train", summary: "Trains the current model on the loaded data, showing live progress; continues from where the last train stopped.",
        doc: "Each epoch shuffles the training images, and ends with a pass over the validation images. The weights of the best validation epoch are kept. An interrupt stops between two batches and leaves a usable model.",
        options: [
            ParameterSpec("epochs", .integer(min: 1, max: 10_000), default: "1", "passes over the training images"),
            ParameterSpec("batch", .integer(min: 1, max: 65_536), default: "128", "images per step"),
            ParameterSpec("optimizer", .choice(optimizers), default: "sgd", "sgd (with momentum), adam or adamw"),
            ParameterSpec("lr", .number(min: 0, max: 100), default: "0.05", "learning rate"),
            ParameterSpec("momentum", .number(min: 0, max: 1), default: "0.9", "SGD momentum"),
            ParameterSpec("nesterov", .bool, default: "false", "Nesterov momentum"),
            ParameterSpec("weight_decay", .number(min: 0, max: 1), default: "0", "L2 penalty (decoupled for adamw)"),
            ParameterSpec("schedule", .call(schedules), default: "constant", "constant, cosine, onecycle, or multistep(E1, E2, …): ×0.1 at those epochs"),
            ParameterSpec("clip", .number(min: 0, max: 1e6), default: "0", "clip the gradient norm to this (0: no clipping)"),
            ParameterSpec("limit", .integer(min: 0, max: 10_000_000), default: "0", "at most this many batches per epoch (0: all)"),
            ParameterSpec("model", .name, default: "", "the model to train (default: the current model)"),
        ],
        examples: ["train epochs=3 batch=128 optimizer=sgd lr=0.1 momentum=0.9 weight_decay=1e-4 schedule=multistep(2) limit=100"])

    static let evaluate = CommandSpec(
        name: "evaluate", summary: "Accuracy and loss of a model on the test (or validation, or training) images, as the cell's value.",
        options: [
            ParameterSpec("split", .choice(["test", "validation", "train"]), default: "test", "which images"),
            ParameterSpec("limit", .integer(min: 0, max: 10_000_000), default: "0", "at most this many images (0: all)"),
            ParameterSpec("model", .name, default: "", "the model (default: the current model)"),
        ],
        examples: ["evaluate", "evaluate split=validation"])

    static let predict = CommandSpec(
        name: "predict", summary: "The model's prediction for one image: its class probabilities beside the true label.",
        options: [
            ParameterSpec("index", .integer(min: 0, max: 10_000_000), default: "0", "which image"),
            ParameterSpec("split", .choice(["test", "validation", "train"]), default: "test", "from which images"),
            ParameterSpec("model", .name, default: "", "the model (default: the current model)"),
        ],
        examples: ["predict index=7"])

    static let save = CommandSpec(
        name: "save", summary: "Saves a model with its weights, optimiser state and history (safetensors, written atomically).",
        positionals: [ParameterSpec("path", .path, "file to write")],
        options: [ParameterSpec("model", .name, default: "", "the model (default: the current model)")],
        examples: ["save \"net.ckpt\""])

    static let load = CommandSpec(
        name: "load", summary: "Loads a saved model and makes it current; every shape is checked.",
        positionals: [ParameterSpec("path", .path, "file to read")],
        options: [ParameterSpec("as", .name, default: "", "name for the model (default: the name it was saved with)")],
        examples: ["load \"net.ckpt\"", "load \"net.ckpt\" as=old"])

    static let seed = CommandSpec(
        name: "seed", summary: "Seeds the session's random source: the same seed and thread count give the same run, bit for bit.",
        positionals: [ParameterSpec("value", .integer(min: 0, max: Int(Int32.max)), "the seed")], examples: ["seed 42"])

    static let threads = CommandSpec(
        name: "threads", summary: "Sets how many threads the engine uses (default: all cores).",
        positionals: [ParameterSpec("count", .integer(min: 1, max: 256), "number of threads")], examples: ["threads 2"])

    static let plugin = CommandSpec(
        name: "plugin", summary: "Loads a layer plugin from a shared library: `plugin load \"path/libX.so\"`.",
        doc: "The library must be built against this kernel's plugin interface (CNNCore). Its layers then work like built-in ones. Plugins in $CNN_KERNEL_PLUGINS (a colon-separated list of directories or files) and in ~/.local/share/cnn-kernel/plugins are loaded at start-up.",
        positionals: [ParameterSpec("action", .choice(["load"]), "load"), ParameterSpec("path", .path, "the shared library")],
        examples: ["plugin load \"Plugins/Swish/.build/release/libSwishPlugin.so\""])

    static let plugins = CommandSpec(
        name: "plugins", summary: "Lists the layer types: built-in, from plugin libraries, and blocks defined in cells.")

    static let gradcheck = CommandSpec(
        name: "gradcheck", summary: "Checks a layer's backward pass against finite differences, for the input and every parameter.",
        doc: "For L = Σ y·r with random r, compares backward's gradients with (L(v + ε) − L(v − ε)) / 2ε. Layer options follow the layer name.",
        positionals: [ParameterSpec("layer", .name, "a layer type (plugin or block)")],
        options: [
            ParameterSpec("input", .intList, default: "[3, 8, 8]", "input shape (C, H, W), or [F] for flat features"),
            ParameterSpec("batch", .integer(min: 1, max: 64), default: "2", "samples in the test batch"),
        ],
        examples: ["gradcheck conv kernel=3 stride=2", "gradcheck linear 5 input=[12]"])

    static let showKinds = ["source", "images", "augment", "featuremaps", "filters", "confusion", "mistakes", "saliency", "gradcam", "graph", "histograms"]
    static let show = CommandSpec(
        name: "show", summary: "Shows what a model sees and does: images, featuremaps, filters, confusion, mistakes, or the source of a block.",
        doc: """
            show images [n=16]                      a labelled grid of data samples
            show featuremaps layer=NAME image=N     every channel of a layer's output for one input, beside the input
            show featuremaps image=N                the first channels of every layer, as an overview
            show filters layer=NAME                 the kernels of a convolution (first layer in colour)
            show confusion [normalize=true]         the confusion matrix and per-class precision, recall and F1
            show mistakes [n=16]                    the misclassified images with the highest loss
            show augment [n=8]                      the same training images before and after augmentation
            show saliency image=N [class=K]         |d score / d input|: which pixels the class score is most sensitive to
            show gradcam image=N layer=NAME         Grad-CAM: where the layer's evidence for the class lies, over the image
            show graph                              the model as a diagram: branches side by side, residual arcs, shapes on the edges
            show histograms layer=NAME              weights and activations of a layer, and the fraction of dead ReLU units
            show source NAME                        the definition of a block or zoo model
            """,
        positionals: [ParameterSpec("what", .choice(showKinds), "what to show"), ParameterSpec("name", .name, default: "", "for source: a block, zoo model or model")],
        options: [
            ParameterSpec("layer", .name, default: "", "a layer of the model, by its name (conv1, resblock2.residual1…)"),
            ParameterSpec("image", .integer(min: 0, max: 10_000_000), default: "0", "which image of the split"),
            ParameterSpec("n", .integer(min: 1, max: 256), default: "16", "how many images"),
            ParameterSpec("split", .choice(["test", "validation", "train"]), default: "test", "which images"),
            ParameterSpec("normalize", .bool, default: "false", "confusion: divide each row by its total"),
            ParameterSpec("model", .name, default: "", "the model (default: the current model)"),
            ParameterSpec("class", .integer(min: -1, max: 100_000), default: "-1", "saliency, gradcam: the class whose score is explained (-1: the predicted one)"),
        ],
        examples: ["show images", "show featuremaps layer=conv1 image=3", "show filters layer=conv1", "show confusion normalize=true", "show mistakes n=12", "show source resnet"])

    static let explain = CommandSpec(
        name: "explain", summary: "Shows the arithmetic of a layer on your own model and data, with the real numbers.",
        doc: """
            explain conv layer=NAME image=N channel=C at=[y,x]   the input patch of every channel, the kernel, the products, their sum plus bias
            explain pool layer=NAME image=N channel=C at=[y,x]   the window and which input won
            explain relu layer=NAME image=N channel=C            values before and after, and how many became zero
            explain backprop layer=NAME                          for one weight: the chain-rule gradient beside the numeric one, and the optimiser's update
            explain shapes                                       how each layer's output size follows from kernel, stride and padding
            """,
        positionals: [ParameterSpec("what", .choice(["conv", "pool", "relu", "backprop", "shapes"]), "what to explain")],
        options: [
            ParameterSpec("layer", .name, default: "", "the layer (default: the first of its kind)"),
            ParameterSpec("image", .integer(min: 0, max: 10_000_000), default: "0", "which test image"),
            ParameterSpec("channel", .integer(min: 0, max: 65_535), default: "0", "which output channel"),
            ParameterSpec("at", .intList, default: "[-1, -1]", "output position [y, x] (default: the centre)"),
            ParameterSpec("split", .choice(["test", "validation", "train"]), default: "test", "which images"),
            ParameterSpec("model", .name, default: "", "the model (default: the current model)"),
        ],
        examples: ["explain conv layer=conv1 image=0 channel=3 at=[10, 12]", "explain pool", "explain backprop layer=conv2", "explain shapes"])

    static let setweights = CommandSpec(
        name: "setweights", summary: "Sets a layer's weights (and bias) by hand, to see what a chosen kernel does.",
        doc: "values= lists every weight in the conventional order: for a convolution (out, in, kh, kw), for a linear layer (out, in).",
        options: [
            ParameterSpec("layer", .name, "the layer (conv1, linear1, …)"),
            ParameterSpec("values", .numberList, "the weights, flat"),
            ParameterSpec("bias", .numberList, default: "[]", "the biases (default: leave them)"),
            ParameterSpec("model", .name, default: "", "the model (default: the current model)"),
        ],
        examples: ["setweights layer=conv1 values=[-1, 0, 1, -2, 0, 2, -1, 0, 1] bias=[0]"])

    static let compare = CommandSpec(
        name: "compare", summary: "A table comparing models: parameters, multiply-adds, time per epoch, validation and test accuracy.",
        options: [ParameterSpec("models", .words, default: "[]", "the models (default: all)")],
        examples: ["compare models=[g, r, d]"])

    static let plot = CommandSpec(
        name: "plot", summary: "Charts of training history: loss, accuracy or learning rate; several models on one chart.",
        positionals: [ParameterSpec("what", .choice(["loss", "accuracy", "lr"]), "which curve")],
        options: [ParameterSpec("models", .words, default: "[]", "models to compare (default: the current model)")],
        examples: ["plot loss", "plot accuracy models=[a, b, c]"])

    static let all: [CommandSpec] = [data, use, summary, params, train, evaluate, predict, save, load, seed, threads, plugin, plugins, gradcheck, show, plot, explain, setweights, compare]

    /// Keyword lines, documented for help and completion although they are not ordinary commands.
    static let keywordDocs: [String: String] = [
        "model": "model NAME … end         a model from layers, one per line\nmodel NAME = TEMPLATE args   a model from the zoo or a block: model r = resnet blocks=[3,3,3]\nmodel NAME input=[C,H,W] … end   for a given input shape (default: the loaded data's, else (3, 32, 32))",
        "block": "block NAME(p1, p2=default) … end\nA composite layer with parameters, usable in models like any layer for the rest of the session.\nComment lines right after the header document it.",
        "residual": "residual … shortcut … end\nbody(x) + shortcut(x); an empty or missing shortcut section is the identity.",
        "concat": "concat branch … branch … end\nThe same input through every branch; outputs concatenated on channels in order.",
        "dense": "dense … end\nconcat(body(x), x): the body's new channels first, then the input (DenseNet).",
        "repeat": "repeat N [as i] … end\nRepeats the lines N times; i counts from 0.",
        "if": "if CONDITION … [else …] end\nLines used only when the condition holds.",
    ]
}
