/// Brazilian Portuguese for the kernel's words (see Translations.swift and notebooks/glossary.md).
enum PortugueseLabels {
    static let entries: [(String, String)] = [
        // Packages/CNNCore/Sources/CNNCore/ELFCheck.swift:17
        ("cannot be examined ({1})",
         ""),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:324
        ("takes 1 positional value",
         ""),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:324
        ("takes {1} positional values",
         ""),
        // Sources/CNNEngine/Data/PicturePreparation.swift:106
        ("inverted: its background is light, the data's is dark (invert=no keeps it)",
         ""),
        // Sources/CNNEngine/Data/PicturePreparation.swift:107
        ("inverted: its background is dark, the data's is light (invert=no keeps it)",
         ""),
        // Sources/CNNEngine/Data/Readers.swift:147
        ("; the file is truncated or not CIFAR-10",
         ""),
        // Sources/CNNEngine/Data/Readers.swift:76
        ("truncated",
         ""),
        // Sources/CNNEngine/Data/Readers.swift:76
        ("corrupt",
         ""),
        // Sources/CNNLanguage/Commands/DataAndTraining/ClassifyCommand.swift:102
        ("{1} image {2} ({3})",
         ""),
        // Sources/CNNLanguage/Commands/DataAndTraining/ClassifyCommand.swift:131
        ("Upload a picture",
         ""),
        // Sources/CNNLanguage/Commands/DataAndTraining/ClassifyCommand.swift:133
        ("fit",
         ""),
        // Sources/CNNLanguage/Commands/DataAndTraining/ClassifyCommand.swift:134
        ("invert",
         ""),
        // Sources/CNNLanguage/Commands/DataAndTraining/DataCommand.swift:29
        (" (the CIFAR-10 binary version)",
         ""),
        // Sources/CNNLanguage/Commands/DataAndTraining/DataCommand.swift:82
        ("{1}: {2} training, {3} validation",
         ""),
        // Sources/CNNLanguage/Commands/DataAndTraining/DataCommand.swift:84
        ("; augmentation: {1}",
         ""),
        // Sources/CNNLanguage/Commands/DataAndTraining/EvaluateCommand.swift:16
        ("accuracy {1} (loss {2}) on {3} {4} images",
         ""),
        // Sources/CNNLanguage/Commands/DataAndTraining/EvaluateCommand.swift:17
        ("<b>{1}</b>: accuracy <b>{2}</b>, loss {3} on {4} {5} images",
         ""),
        // Sources/CNNLanguage/Commands/DataAndTraining/LRFindCommand.swift:58
        ("loss",
         ""),
        // Sources/CNNLanguage/Commands/DataAndTraining/LRFindCommand.swift:59
        ("loss (smoothed)",
         ""),
        // Sources/CNNLanguage/Commands/DataAndTraining/LRFindCommand.swift:68
        ("suggested {1}",
         ""),
        // Sources/CNNLanguage/Commands/DataAndTraining/LRFindCommand.swift:69
        ("minimum {1}",
         ""),
        // Sources/CNNLanguage/Commands/DataAndTraining/TrainCommand.swift:163
        ("the weights overflowed (loss {1})",
         ""),
        // Sources/CNNLanguage/Commands/DataAndTraining/TrainCommand.swift:163
        ("the loss became {1}",
         ""),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:101
        ("{1} image {2}",
         ""),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:104
        ("{1} image {2} ({3}×{4})",
         ""),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:111
        (", then {1} {2}",
         ""),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:182
        ("{1} kernels, each {2} channels × {3} × {4} = {5} weights",
         ""),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:184
        ("{1} outputs × {2} inputs = {3} weights",
         ""),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:184
        (", plus {1} biases.",
         ""),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:48
        ("<div style=\"border-left:3px solid #468;padding:4px 10px\"><b>Question.</b> {1}",
         ""),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:59
        ("✓ Right: {1}.",
         ""),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:77
        ("(channels, height, width)",
         ""),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:77
        ("(features)",
         ""),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:80
        ("{1} gives {2}",
         ""),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:91
        ("{1} has {2}",
         ""),
        // Sources/CNNLanguage/Commands/Explaining/AttributeCommand.swift:174
        ("image",
         ""),
        // Sources/CNNLanguage/Commands/Explaining/GradcheckCommand.swift:54
        ("tensor",
         ""),
        // Sources/CNNLanguage/Commands/Explaining/GradcheckCommand.swift:54
        ("of",
         ""),
        // Sources/CNNLanguage/Commands/Explaining/GradcheckCommand.swift:54
        ("result",
         ""),
        // Sources/CNNLanguage/Commands/Explaining/GradcheckCommand.swift:57
        ("ok",
         ""),
        // Sources/CNNLanguage/Commands/Explaining/GradcheckCommand.swift:57
        ("FAILED (analytic {1}, numeric {2})",
         ""),
        // Sources/CNNLanguage/Commands/Explaining/SetWeightsCommand.swift:29
        ("{1} biases",
         ""),
        // Sources/CNNLanguage/Commands/Explaining/SetWeightsCommand.swift:29
        ("no bias",
         ""),
        // Sources/CNNLanguage/Commands/Explaining/SetWeightsCommand.swift:33
        ("set {1}.{2} {3}{4}\n",
         ""),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:108
        ("kernel",
         ""),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:109
        ("size",
         ""),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:110
        ("stride",
         ""),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:111
        ("padding",
         ""),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:112
        ("dilation",
         ""),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:114
        ("row",
         ""),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:115
        ("column",
         ""),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:116
        ("values",
         ""),
        // Sources/CNNLanguage/Commands/Models/CompareCommand.swift:17
        ("model",
         ""),
        // Sources/CNNLanguage/Commands/Models/CompareCommand.swift:17
        ("parameters",
         ""),
        // Sources/CNNLanguage/Commands/Models/CompareCommand.swift:17
        ("multiply-adds",
         ""),
        // Sources/CNNLanguage/Commands/Models/CompareCommand.swift:17
        ("s/epoch",
         ""),
        // Sources/CNNLanguage/Commands/Models/ExportCommand.swift:62
        ("exported {1} to {2} (ONNX, opset {3}, {4})\n",
         ""),
        // Sources/CNNLanguage/Commands/Models/ExportCommand.swift:63
        ("  input   {1}: {2}\n",
         ""),
        // Sources/CNNLanguage/Commands/Models/ExportCommand.swift:64
        ("  outputs {1} and {2}, shape (N, {3})\n",
         ""),
        // Sources/CNNLanguage/Commands/Models/ExportCommand.swift:65
        ("  {1} nodes: {2}\n",
         ""),
        // Sources/CNNLanguage/Commands/Models/ExportCommand.swift:69
        ("<div><b>exported {1}</b> to <code>{2}</code> (ONNX, opset {3}, {4})",
         ""),
        // Sources/CNNLanguage/Commands/Models/ExportCommand.swift:70
        ("<table><tr><td>input</td><td><code>{1}</code>: {2}</td></tr>",
         ""),
        // Sources/CNNLanguage/Commands/Models/ExportCommand.swift:71
        ("<tr><td>outputs</td><td><code>{1}</code> and <code>{2}</code>, shape (N, {3})</td></tr>",
         ""),
        // Sources/CNNLanguage/Commands/Models/ExportCommand.swift:72
        ("<tr><td>nodes</td><td>{1}: {2}</td></tr>",
         ""),
        // Sources/CNNLanguage/Commands/Models/SaveCommand.swift:21
        ("saved {1} to {2}\n",
         ""),
        // Sources/CNNLanguage/Commands/Support/LiveControls.swift:25
        ("Stop",
         ""),
        // Sources/CNNLanguage/Commands/Support/ModelAccess.swift:105
        (" or ",
         ""),
        // Sources/CNNLanguage/Commands/Support/ModelAccess.swift:24
        (" (no models yet)",
         ""),
        // Sources/CNNLanguage/Commands/Support/ModelAccess.swift:24
        (" (models: {1})",
         ""),
        // Sources/CNNLanguage/Commands/Tools/MemoryCommand.swift:43
        ("weights, gradients, activations",
         ""),
        // Sources/CNNLanguage/Commands/Tools/PluginCommand.swift:18
        ("loaded {1}: {2}\n",
         ""),
        // Sources/CNNLanguage/Commands/Tools/PluginsCommand.swift:11
        ("from",
         ""),
        // Sources/CNNLanguage/Commands/Tools/PluginsCommand.swift:11
        ("summary",
         ""),
        // Sources/CNNLanguage/Display/HistoryCharts.swift:21
        ("train (smoothed)",
         ""),
        // Sources/CNNLanguage/Display/HistoryCharts.swift:28
        ("validation",
         ""),
        // Sources/CNNLanguage/Display/HistoryCharts.swift:33
        ("epoch",
         ""),
        // Sources/CNNLanguage/Display/HistoryCharts.swift:42
        ("accuracy",
         ""),
        // Sources/CNNLanguage/Display/HistoryCharts.swift:66
        ("train",
         ""),
        // Sources/CNNLanguage/Display/HistoryCharts.swift:80
        ("epoch {1} {2}",
         ""),
        // Sources/CNNLanguage/Display/HistoryCharts.swift:81
        (" (validation)",
         ""),
        // Sources/CNNLanguage/Display/HistoryCharts.swift:81
        (" (training)",
         ""),
        // Sources/CNNLanguage/Display/ModelSummary.swift:62
        ("type",
         ""),
        // Sources/CNNLanguage/Display/ModelSummary.swift:63
        ("kept/image",
         ""),
        // Sources/CNNLanguage/Display/ModelSummary.swift:63
        ("ms/image",
         ""),
        // Sources/CNNLanguage/Display/TrainingDisplay.swift:112
        ("epoch {1}/{2}, batch {3}/{4}: {5}, {6} images/s, {7} left, lr {8}\n",
         ""),
        // Sources/CNNLanguage/Display/TrainingDisplay.swift:137
        ("val. loss",
         ""),
        // Sources/CNNLanguage/Display/TrainingDisplay.swift:138
        ("val. acc.",
         ""),
        // Sources/CNNLanguage/Display/TrainingDisplay.swift:138
        ("seconds",
         ""),
        // Sources/CNNLanguage/Explanations/BackpropExplanation.swift:66
        ("4. update (SGD, lr {1}, weight decay {2}): w ← w − lr·(∂loss/∂w + λ·w) = {3} + ({4}) = {5}",
         ""),
        // Sources/CNNLanguage/Explanations/BackpropExplanation.swift:67
        ("4. update (SGD, lr {1}): w ← w − lr·(∂loss/∂w) = {2} + ({3}) = {4}",
         ""),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:66
        ("Backpropagation by hand: a 6×6 picture of a T (class 0, {1}), through",
         ""),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:67
        ("Backpropagation by hand: a 6×6 picture of an L (class 1, {1}), through",
         ""),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:70
        ("input x (ink 1, paper 0):\n",
         ""),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:73
        ("kernel K:\n",
         ""),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:76
        ("Step 2 · forward.",
         ""),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:87
        ("p = softmax(s) = e^s / Σ e^s = {1} ({2} {3}, {4} {5})",
         ""),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:89
        ("Step 3 · loss. L = −log p[{1}] = −log {2} = {3}",
         ""),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:93
        ("∂L/∂W = δs·vᵀ (row k is δs[k] times v):\n",
         ""),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:126
        ("  mean μ = {1}, variance σ² = {2}\n",
         ""),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:159
        ("x (training)",
         ""),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:159
        ("mask",
         ""),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:159
        ("x·mask",
         ""),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:159
        ("evaluation: y = x",
         ""),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:162
        ("0 (dropped)",
         ""),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:162
        ("{1} (kept)",
         ""),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:57
        ("weight",
         ""),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:57
        ("input",
         ""),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:57
        ("product",
         ""),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:59
        ("{1} more",
         ""),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:68
        (", not all finite",
         ""),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:79
        ("class",
         ""),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:79
        ("logit z",
         ""),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:79
        ("z − max",
         ""),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:79
        ("e^(z − max)",
         ""),
        // Sources/CNNLanguage/Explanations/LayerArithmetic.swift:100
        ("max",
         ""),
        // Sources/CNNLanguage/Explanations/LayerArithmetic.swift:100
        ("average",
         ""),
        // Sources/CNNLanguage/Explanations/ShapesExplanation.swift:18
        ("rule",
         ""),
        // Sources/CNNLanguage/Explanations/ShapesExplanation.swift:18
        ("output",
         ""),
        // Sources/CNNLanguage/Explanations/ShapesExplanation.swift:37
        ("{1} × {2} × {3} = {4} features",
         ""),
        // Sources/CNNLanguage/Explanations/ShapesExplanation.swift:41
        ("{1} inputs → {2} outputs",
         ""),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:118
        ("input {1}×{2}×{3}, padding {4}  *  kernel {5}×{6} ({7})",
         ""),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:119
        ("stride {1}, dilation {2}  ->  output {3}×{4}",
         ""),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:120
        ("output (blue < 0 < red)",
         ""),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:120
        ("output (dark low, bright high)",
         ""),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:136
        ("input (padded)",
         ""),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:171
        ("red",
         ""),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:171
        ("green",
         ""),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:171
        ("blue",
         ""),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:171
        ("channel {1}",
         ""),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:172
        ("\n{1}: patch\n{2}\n× kernel\n{3}\n= products, sum {4}\n{5}\n",
         ""),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:175
        ("sum ",
         ""),
        // Sources/CNNLanguage/Interactive/PictureClassification.swift:66
        ("saliency (|d score / d pixel|)",
         ""),
        // Sources/CNNLanguage/Interpreter/Help.swift:35
        ("built-in",
         ""),
        // Sources/CNNLanguage/Models/Definitions.swift:108
        ("model {1}: {2} → {3}, {4} parameters\n",
         ""),
        // Sources/CNNLanguage/Syntax/LanguageError.swift:78
        ("… ({1} characters)",
         ""),
        // Sources/CNNLanguage/Syntax/Lexer.swift:10
        ("line {1}, column {2}",
         ""),
        // Sources/CNNLanguage/Views/AugmentView.swift:30
        ("original",
         ""),
        // Sources/CNNLanguage/Views/AugmentView.swift:30
        ("augmented",
         ""),
        // Sources/CNNLanguage/Views/ConfusionView.swift:53
        (", row-normalised",
         ""),
        // Sources/CNNLanguage/Views/ConfusionView.swift:74
        ("precision",
         ""),
        // Sources/CNNLanguage/Views/ConfusionView.swift:74
        ("recall",
         ""),
        // Sources/CNNLanguage/Views/ConfusionView.swift:74
        ("support",
         ""),
        // Sources/CNNLanguage/Views/FeatureMapsView.swift:46
        ("image {1}: {2}, predicted {3} ({4})",
         ""),
        // Sources/CNNLanguage/Views/FeatureMapsView.swift:72
        ("channel {1} (range {2}…{3}):\n",
         ""),
        // Sources/CNNLanguage/Views/FiltersView.swift:62
        ("filter {1}:\n",
         ""),
        // Sources/CNNLanguage/Views/GradientsView.swift:57
        ("{1} ({2} layers, epoch {3})",
         ""),
        // Sources/CNNLanguage/Views/GraphView.swift:116
        ("concat: {1}{2}",
         ""),
        // Sources/CNNLanguage/Views/GraphView.swift:138
        ("body",
         ""),
        // Sources/CNNLanguage/Views/GraphView.swift:139
        ("shortcut",
         ""),
        // Sources/CNNLanguage/Views/GraphView.swift:159
        ("identity",
         ""),
        // Sources/CNNLanguage/Views/GraphView.swift:175
        ("{1} · {2} parameters",
         ""),
        // Sources/CNNLanguage/Views/GraphView.swift:194
        ("input {1}",
         ""),
        // Sources/CNNLanguage/Views/GraphView.swift:198
        ("output {1}",
         ""),
        // Sources/CNNLanguage/Views/GraphView.swift:199
        ("model {1} (input {2}):\n",
         ""),
        // Sources/CNNLanguage/Views/HistogramsView.swift:21
        ("{1}.{2}: {3} values",
         ""),
        // Sources/CNNLanguage/Views/ImageSupport.swift:97
        ("overlay",
         ""),
        // Sources/CNNLanguage/Views/ImagesView.swift:19
        ("{1}: {2} images 0–{3}",
         ""),
        // Sources/CNNLanguage/Views/ImagesView.swift:27
        ("image 0:\n",
         ""),
        // Sources/CNNLanguage/Views/MistakesView.swift:34
        ("  image {1}: true {2}, predicted {3} ({4}), loss {5}\n",
         ""),
        // Sources/CNNLanguage/Views/ProjectorView.swift:52
        ("projector: {1}, {2} of {3} ({4} features) for {5} {6} images",
         ""),
        // Sources/CNNLanguage/Views/ProjectorView.swift:56
        ("images",
         ""),
        // Sources/CNNLanguage/Views/ProjectorView.swift:56
        ("mean x",
         ""),
        // Sources/CNNLanguage/Views/ProjectorView.swift:56
        ("mean PC1",
         ""),
        // Sources/CNNLanguage/Views/ProjectorView.swift:56
        ("mean y",
         ""),
        // Sources/CNNLanguage/Views/ProjectorView.swift:56
        ("mean PC2",
         ""),
        // Sources/CNNLanguage/Views/ProjectorView.swift:56
        ("misclassified",
         ""),
    ]
}
