/// Brazilian Portuguese for the kernel's words (see Translations.swift and notebooks/glossary.md).
enum PortugueseLabels {
    static let entries: [(String, String)] = [
        // Packages/CNNCore/Sources/CNNCore/ELFCheck.swift:17
        ("cannot be examined ({1})",
         "não pode ser examinado ({1})"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:324
        ("takes 1 positional value",
         "aceita 1 argumento por posição"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:324
        ("takes {1} positional values",
         "aceita {1} argumentos por posição"),
        // Sources/CNNEngine/Data/PicturePreparation.swift:106
        ("inverted: its background is light, the data's is dark (invert=no keeps it)",
         "invertida: o fundo da imagem é claro e o dos dados, escuro (invert=no a mantém)"),
        // Sources/CNNEngine/Data/PicturePreparation.swift:107
        ("inverted: its background is dark, the data's is light (invert=no keeps it)",
         "invertida: o fundo da imagem é escuro e o dos dados, claro (invert=no a mantém)"),
        // Sources/CNNEngine/Data/Readers.swift:147
        ("; the file is truncated or not CIFAR-10",
         "; o arquivo está truncado ou não é CIFAR-10"),
        // Sources/CNNEngine/Data/Readers.swift:76
        ("truncated",
         "truncados"),
        // Sources/CNNEngine/Data/Readers.swift:76
        ("corrupt",
         "corrompidos"),
        // Sources/CNNLanguage/Commands/DataAndTraining/ClassifyCommand.swift:102
        ("{1} image {2} ({3})",
         "imagem {2} do conjunto de {1} ({3})"),
        // Sources/CNNLanguage/Commands/DataAndTraining/ClassifyCommand.swift:131
        ("Upload a picture",
         "Enviar imagem"),
        // Sources/CNNLanguage/Commands/DataAndTraining/ClassifyCommand.swift:133
        ("fit",
         "ajuste"),
        // Sources/CNNLanguage/Commands/DataAndTraining/ClassifyCommand.swift:134
        ("invert",
         "inverter"),
        // Sources/CNNLanguage/Commands/DataAndTraining/DataCommand.swift:29
        (" (the CIFAR-10 binary version)",
         " (a versão binária do CIFAR-10)"),
        // Sources/CNNLanguage/Commands/DataAndTraining/DataCommand.swift:82
        ("{1}: {2} training, {3} validation",
         "{1}: {2} de treino, {3} de validação"),
        // Sources/CNNLanguage/Commands/DataAndTraining/DataCommand.swift:84
        ("; augmentation: {1}",
         "; aumento de dados: {1}"),
        // Sources/CNNLanguage/Commands/DataAndTraining/EvaluateCommand.swift:16
        ("accuracy {1} (loss {2}) on {3} {4} images",
         "acurácia {1} (perda {2}) em {3} imagens do conjunto de {4}"),
        // Sources/CNNLanguage/Commands/DataAndTraining/EvaluateCommand.swift:17
        ("<b>{1}</b>: accuracy <b>{2}</b>, loss {3} on {4} {5} images",
         "<b>{1}</b>: acurácia <b>{2}</b>, perda {3} em {4} imagens do conjunto de {5}"),
        // Sources/CNNLanguage/Commands/DataAndTraining/LRFindCommand.swift:58
        ("loss",
         "perda"),
        // Sources/CNNLanguage/Commands/DataAndTraining/LRFindCommand.swift:59
        ("loss (smoothed)",
         "perda (suavizada)"),
        // Sources/CNNLanguage/Commands/DataAndTraining/LRFindCommand.swift:68
        ("suggested {1}",
         "sugerida {1}"),
        // Sources/CNNLanguage/Commands/DataAndTraining/LRFindCommand.swift:69
        ("minimum {1}",
         "mínimo {1}"),
        // Sources/CNNLanguage/Commands/DataAndTraining/TrainCommand.swift:163
        ("the weights overflowed (loss {1})",
         "os pesos estouraram (perda {1})"),
        // Sources/CNNLanguage/Commands/DataAndTraining/TrainCommand.swift:163
        ("the loss became {1}",
         "a perda se tornou {1}"),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:101
        ("{1} image {2}",
         "imagem {2} do conjunto de {1}"),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:104
        ("{1} image {2} ({3}×{4})",
         "imagem {2} do conjunto de {1} ({3}×{4})"),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:111
        (", then {1} {2}",
         ", depois {1} {2}"),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:182
        ("{1} kernels, each {2} channels × {3} × {4} = {5} weights",
         "{1} filtros, cada um com {2} canais × {3} × {4} = {5} pesos"),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:184
        ("{1} outputs × {2} inputs = {3} weights",
         "{1} saídas × {2} entradas = {3} pesos"),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:184
        (", plus {1} biases.",
         ", mais {1} vieses."),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:48
        ("<div style=\"border-left:3px solid #468;padding:4px 10px\"><b>Question.</b> {1}",
         "<div style=\"border-left:3px solid #468;padding:4px 10px\"><b>Pergunta.</b> {1}"),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:59
        ("✓ Right: {1}.",
         "✓ Certo: {1}."),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:77
        ("(channels, height, width)",
         "(canais, altura, largura)"),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:77
        ("(features)",
         "(características)"),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:80
        ("{1} gives {2}",
         "{1} produz {2}"),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:91
        ("{1} has {2}",
         "{1} tem {2}"),
        // Sources/CNNLanguage/Commands/Explaining/AttributeCommand.swift:174
        ("image",
         "imagem"),
        // Sources/CNNLanguage/Commands/Explaining/GradcheckCommand.swift:54
        ("tensor",
         "tensor"),
        // Sources/CNNLanguage/Commands/Explaining/GradcheckCommand.swift:54
        ("of",
         "de"),
        // Sources/CNNLanguage/Commands/Explaining/GradcheckCommand.swift:54
        ("result",
         "resultado"),
        // Sources/CNNLanguage/Commands/Explaining/GradcheckCommand.swift:57
        ("ok",
         "ok"),
        // Sources/CNNLanguage/Commands/Explaining/GradcheckCommand.swift:57
        ("FAILED (analytic {1}, numeric {2})",
         "FALHOU (analítico {1}, numérico {2})"),
        // Sources/CNNLanguage/Commands/Explaining/SetWeightsCommand.swift:29
        ("no bias",
         "sem viés"),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:108
        ("kernel",
         "kernel"),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:109
        ("size",
         "tamanho"),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:110
        ("stride",
         "passo"),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:111
        ("padding",
         "preench."),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:112
        ("dilation",
         "dilatação"),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:114
        ("row",
         "linha"),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:115
        ("column",
         "coluna"),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:116
        ("values",
         "valores"),
        // Sources/CNNLanguage/Commands/Models/CompareCommand.swift:17
        ("model",
         "modelo"),
        // Sources/CNNLanguage/Commands/Models/CompareCommand.swift:17
        ("parameters",
         "parâmetros"),
        // Sources/CNNLanguage/Commands/Models/CompareCommand.swift:17
        ("multiply-adds",
         "mult.-adições"),
        // Sources/CNNLanguage/Commands/Models/CompareCommand.swift:17
        ("s/epoch",
         "s/época"),
        // Sources/CNNLanguage/Commands/Models/ExportCommand.swift:62
        ("exported {1} to {2} (ONNX, opset {3}, {4})\n",
         "{1} exportado para {2} (ONNX, opset {3}, {4})\n"),
        // Sources/CNNLanguage/Commands/Models/ExportCommand.swift:63
        ("  input   {1}: {2}\n",
         "  entrada {1}: {2}\n"),
        // Sources/CNNLanguage/Commands/Models/ExportCommand.swift:64
        ("  outputs {1} and {2}, shape (N, {3})\n",
         "  saídas  {1} e {2}, forma (N, {3})\n"),
        // Sources/CNNLanguage/Commands/Models/ExportCommand.swift:65
        ("  {1} nodes: {2}\n",
         "  {1} nós: {2}\n"),
        // Sources/CNNLanguage/Commands/Models/ExportCommand.swift:69
        ("<div><b>exported {1}</b> to <code>{2}</code> (ONNX, opset {3}, {4})",
         "<div><b>{1} exportado</b> para <code>{2}</code> (ONNX, opset {3}, {4})"),
        // Sources/CNNLanguage/Commands/Models/ExportCommand.swift:70
        ("<table><tr><td>input</td><td><code>{1}</code>: {2}</td></tr>",
         "<table><tr><td>entrada</td><td><code>{1}</code>: {2}</td></tr>"),
        // Sources/CNNLanguage/Commands/Models/ExportCommand.swift:71
        ("<tr><td>outputs</td><td><code>{1}</code> and <code>{2}</code>, shape (N, {3})</td></tr>",
         "<tr><td>saídas</td><td><code>{1}</code> e <code>{2}</code>, forma (N, {3})</td></tr>"),
        // Sources/CNNLanguage/Commands/Models/ExportCommand.swift:72
        ("<tr><td>nodes</td><td>{1}: {2}</td></tr>",
         "<tr><td>nós</td><td>{1}: {2}</td></tr>"),
        // Sources/CNNLanguage/Commands/Models/SaveCommand.swift:21
        ("saved {1} to {2}\n",
         "{1} salvo em {2}\n"),
        // Sources/CNNLanguage/Commands/Support/LiveControls.swift:25
        ("Stop",
         "Parar"),
        // Sources/CNNLanguage/Commands/Support/ModelAccess.swift:105
        (" or ",
         " ou "),
        // Sources/CNNLanguage/Commands/Support/ModelAccess.swift:24
        (" (no models yet)",
         " (ainda não há modelos)"),
        // Sources/CNNLanguage/Commands/Support/ModelAccess.swift:24
        (" (models: {1})",
         " (modelos: {1})"),
        // Sources/CNNLanguage/Commands/Tools/MemoryCommand.swift:43
        ("weights, gradients, activations",
         "pesos, gradientes, ativações"),
        // Sources/CNNLanguage/Commands/Tools/PluginCommand.swift:18
        ("loaded {1}: {2}\n",
         "{1} carregado: {2}\n"),
        // Sources/CNNLanguage/Commands/Tools/PluginsCommand.swift:11
        ("from",
         "origem"),
        // Sources/CNNLanguage/Commands/Tools/PluginsCommand.swift:11
        ("summary",
         "resumo"),
        // Sources/CNNLanguage/Display/HistoryCharts.swift:21
        ("train (smoothed)",
         "treino (suavizado)"),
        // Sources/CNNLanguage/Display/HistoryCharts.swift:28
        ("validation",
         "validação"),
        // Sources/CNNLanguage/Display/HistoryCharts.swift:33
        ("epoch",
         "época"),
        // Sources/CNNLanguage/Display/HistoryCharts.swift:42
        ("accuracy",
         "acurácia"),
        // Sources/CNNLanguage/Display/HistoryCharts.swift:66
        ("train",
         "treino"),
        // Sources/CNNLanguage/Display/HistoryCharts.swift:80
        ("epoch {1} {2}",
         "época {1} {2}"),
        // Sources/CNNLanguage/Display/HistoryCharts.swift:81
        (" (validation)",
         " (validação)"),
        // Sources/CNNLanguage/Display/HistoryCharts.swift:81
        (" (training)",
         " (treino)"),
        // Sources/CNNLanguage/Display/ModelSummary.swift:62
        ("type",
         "tipo"),
        // Sources/CNNLanguage/Display/ModelSummary.swift:63
        ("kept/image",
         "retido/imagem"),
        // Sources/CNNLanguage/Display/ModelSummary.swift:63
        ("ms/image",
         "ms/imagem"),
        // Sources/CNNLanguage/Display/TrainingDisplay.swift:112
        ("epoch {1}/{2}, batch {3}/{4}: {5}, {6} images/s, {7} left, lr {8}\n",
         "época {1}/{2}, lote {3}/{4}: {5}, {6} imagens/s, faltam {7}, lr {8}\n"),
        // Sources/CNNLanguage/Display/TrainingDisplay.swift:137
        ("val. loss",
         "perda val."),
        // Sources/CNNLanguage/Display/TrainingDisplay.swift:138
        ("val. acc.",
         "acur. val."),
        // Sources/CNNLanguage/Display/TrainingDisplay.swift:138
        ("seconds",
         "segundos"),
        // Sources/CNNLanguage/Explanations/BackpropExplanation.swift:66
        ("4. update (SGD, lr {1}, weight decay {2}): w ← w − lr·(∂loss/∂w + λ·w) = {3} + ({4}) = {5}",
         "4. atualização (SGD, lr {1}, decaimento de pesos {2}): w ← w − lr·(∂loss/∂w + λ·w) = {3} + ({4}) = {5}"),
        // Sources/CNNLanguage/Explanations/BackpropExplanation.swift:67
        ("4. update (SGD, lr {1}): w ← w − lr·(∂loss/∂w) = {2} + ({3}) = {4}",
         "4. atualização (SGD, lr {1}): w ← w − lr·(∂loss/∂w) = {2} + ({3}) = {4}"),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:66
        ("Backpropagation by hand: a 6×6 picture of a T (class 0, {1}), through",
         "Retropropagação à mão: uma imagem 6×6 de um T (classe 0, {1}), passando por"),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:67
        ("Backpropagation by hand: a 6×6 picture of an L (class 1, {1}), through",
         "Retropropagação à mão: uma imagem 6×6 de um L (classe 1, {1}), passando por"),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:70
        ("input x (ink 1, paper 0):\n",
         "entrada x (tinta 1, papel 0):\n"),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:73
        ("kernel K:\n",
         "filtro K:\n"),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:76
        ("Step 2 · forward.",
         "Etapa 2 · propagação direta (forward)."),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:87
        ("p = softmax(s) = e^s / Σ e^s = {1} ({2} {3}, {4} {5})",
         "p = softmax(s) = e^s / Σ e^s = {1} ({2} {3}, {4} {5})"),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:89
        ("Step 3 · loss. L = −log p[{1}] = −log {2} = {3}",
         "Etapa 3 · perda. L = −log p[{1}] = −log {2} = {3}"),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:93
        ("∂L/∂W = δs·vᵀ (row k is δs[k] times v):\n",
         "∂L/∂W = δs·vᵀ (a linha k é δs[k] vezes v):\n"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:126
        ("  mean μ = {1}, variance σ² = {2}\n",
         "  média μ = {1}, variância σ² = {2}\n"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:159
        ("x (training)",
         "x (treino)"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:159
        ("mask",
         "máscara"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:159
        ("x·mask",
         "x·máscara"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:159
        ("evaluation: y = x",
         "avaliação: y = x"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:162
        ("0 (dropped)",
         "0 (descartado)"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:162
        ("{1} (kept)",
         "{1} (mantido)"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:57
        ("weight",
         "peso"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:57
        ("input",
         "entrada"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:57
        ("product",
         "produto"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:59
        ("{1} more",
         "mais {1}"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:68
        (", not all finite",
         ", nem todas finitas"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:79
        ("class",
         "classe"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:79
        ("logit z",
         "logit z"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:79
        ("z − max",
         "z − max"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:79
        ("e^(z − max)",
         "e^(z − max)"),
        // Sources/CNNLanguage/Explanations/LayerArithmetic.swift:100
        ("max",
         "max"),
        // Sources/CNNLanguage/Explanations/LayerArithmetic.swift:100
        ("average",
         "average"),
        // Sources/CNNLanguage/Explanations/ShapesExplanation.swift:18
        ("rule",
         "regra"),
        // Sources/CNNLanguage/Explanations/ShapesExplanation.swift:18
        ("output",
         "saída"),
        // Sources/CNNLanguage/Explanations/ShapesExplanation.swift:37
        ("{1} × {2} × {3} = {4} features",
         "{1} × {2} × {3} = {4} características"),
        // Sources/CNNLanguage/Explanations/ShapesExplanation.swift:41
        ("{1} inputs → {2} outputs",
         "{1} entradas → {2} saídas"),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:118
        ("input {1}×{2}×{3}, padding {4}  *  kernel {5}×{6} ({7})",
         "entrada {1}×{2}×{3}, preenchimento {4}  *  kernel {5}×{6} ({7})"),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:119
        ("stride {1}, dilation {2}  ->  output {3}×{4}",
         "passo {1}, dilatação {2}  ->  saída {3}×{4}"),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:120
        ("output (blue < 0 < red)",
         "saída (azul < 0 < vermelho)"),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:120
        ("output (dark low, bright high)",
         "saída (escuro baixo, claro alto)"),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:136
        ("input (padded)",
         "entrada (preenchida)"),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:171
        ("red",
         "vermelho"),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:171
        ("green",
         "verde"),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:171
        ("blue",
         "azul"),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:171
        ("channel {1}",
         "canal {1}"),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:172
        ("\n{1}: patch\n{2}\n× kernel\n{3}\n= products, sum {4}\n{5}\n",
         "\n{1}: recorte\n{2}\n× kernel\n{3}\n= produtos, soma {4}\n{5}\n"),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:175
        ("sum ",
         "soma "),
        // Sources/CNNLanguage/Interactive/PictureClassification.swift:66
        ("saliency (|d score / d pixel|)",
         "saliência (|d score / d pixel|)"),
        // Sources/CNNLanguage/Interpreter/Help.swift:35
        ("built-in",
         "nativa"),
        // Sources/CNNLanguage/Models/Definitions.swift:108
        ("model {1}: {2} → {3}, {4} parameters\n",
         "modelo {1}: {2} → {3}, {4} parâmetros\n"),
        // Sources/CNNLanguage/Syntax/LanguageError.swift:78
        ("… ({1} characters)",
         "… ({1} caracteres)"),
        // Sources/CNNLanguage/Syntax/Lexer.swift:10
        ("line {1}, column {2}",
         "linha {1}, coluna {2}"),
        // Sources/CNNLanguage/Views/AugmentView.swift:30
        ("original",
         "original"),
        // Sources/CNNLanguage/Views/AugmentView.swift:30
        ("augmented",
         "aumentada"),
        // Sources/CNNLanguage/Views/ConfusionView.swift:53
        (", row-normalised",
         ", normalizada por linha"),
        // Sources/CNNLanguage/Views/ConfusionView.swift:74
        ("precision",
         "precisão"),
        // Sources/CNNLanguage/Views/ConfusionView.swift:74
        ("recall",
         "revocação"),
        // Sources/CNNLanguage/Views/ConfusionView.swift:74
        ("support",
         "suporte"),
        // Sources/CNNLanguage/Views/FeatureMapsView.swift:46
        ("image {1}: {2}, predicted {3} ({4})",
         "imagem {1}: {2}, prevista {3} ({4})"),
        // Sources/CNNLanguage/Views/FeatureMapsView.swift:72
        ("channel {1} (range {2}…{3}):\n",
         "canal {1} (faixa {2}…{3}):\n"),
        // Sources/CNNLanguage/Views/FiltersView.swift:62
        ("filter {1}:\n",
         "filtro {1}:\n"),
        // Sources/CNNLanguage/Views/GradientsView.swift:57
        ("{1} ({2} layers, epoch {3})",
         "{1} ({2} camadas, época {3})"),
        // Sources/CNNLanguage/Views/GraphView.swift:138
        ("body",
         "corpo"),
        // Sources/CNNLanguage/Views/GraphView.swift:139
        ("shortcut",
         "atalho"),
        // Sources/CNNLanguage/Views/GraphView.swift:159
        ("identity",
         "identidade"),
        // Sources/CNNLanguage/Views/GraphView.swift:175
        ("{1} · {2} parameters",
         "{1} · {2} parâmetros"),
        // Sources/CNNLanguage/Views/GraphView.swift:194
        ("input {1}",
         "entrada {1}"),
        // Sources/CNNLanguage/Views/GraphView.swift:198
        ("output {1}",
         "saída {1}"),
        // Sources/CNNLanguage/Views/GraphView.swift:199
        ("model {1} (input {2}):\n",
         "modelo {1} (entrada {2}):\n"),
        // Sources/CNNLanguage/Views/HistogramsView.swift:21
        ("{1}.{2}: {3} values",
         "{1}.{2}: {3} valores"),
        // Sources/CNNLanguage/Views/ImageSupport.swift:97
        ("overlay",
         "sobreposição"),
        // Sources/CNNLanguage/Views/ImagesView.swift:19
        ("{1}: {2} images 0–{3}",
         "{1}: imagens 0–{3} do conjunto de {2}"),
        // Sources/CNNLanguage/Views/ImagesView.swift:27
        ("image 0:\n",
         "imagem 0:\n"),
        // Sources/CNNLanguage/Views/MistakesView.swift:34
        ("  image {1}: true {2}, predicted {3} ({4}), loss {5}\n",
         "  imagem {1}: verdadeira {2}, prevista {3} ({4}), perda {5}\n"),
        // Sources/CNNLanguage/Views/ProjectorView.swift:52
        ("projector: {1}, {2} of {3} ({4} features) for {5} {6} images",
         "projetor: {1}, {2} sobre {3} ({4} características) para {5} imagens do conjunto de {6}"),
        // Sources/CNNLanguage/Views/ProjectorView.swift:56
        ("images",
         "imagens"),
        // Sources/CNNLanguage/Views/ProjectorView.swift:56
        ("mean x",
         "x médio"),
        // Sources/CNNLanguage/Views/ProjectorView.swift:56
        ("mean PC1",
         "PC1 médio"),
        // Sources/CNNLanguage/Views/ProjectorView.swift:56
        ("mean y",
         "y médio"),
        // Sources/CNNLanguage/Views/ProjectorView.swift:56
        ("mean PC2",
         "PC2 médio"),
        // Sources/CNNLanguage/Views/ProjectorView.swift:56
        ("misclassified",
         "erros"),
        // Sources/CNNLanguage/Commands/Explaining/SetWeightsCommand.swift:33
        ("set {1}.{2} {3}\n",
         "{1}.{2} {3} definido\n"),
        ("set {1}.{2} {3} and its bias\n",
         "{1}.{2} {3} e o seu viés definidos\n"),
        // Sources/CNNLanguage/Commands/Tools/PluginCommand.swift:18
        ("loaded {1}: no new layers\n",
         "{1} carregado: nenhuma camada nova\n"),
        // Sources/CNNLanguage/Views/GraphView.swift:116
        ("concat: {1}",
         "concat: {1}"),
        ("concat: {1} (new, input)",
         "concat: {1} (novos, entrada)"),
        // Sources/CNNLanguage/Syntax/LanguageError.swift:37
        ("{1} at {2}: {3}",
         "{1} em {2}: {3}"),
        // Sources/CNNLanguage/Commands/Explaining/CheckCommand.swift
        ("check shape needs layer=NAME",
         "check shape precisa de layer=NAME"),
        ("model {1}",
         "modelo {1}"),
        ("✓ Passed: {1}. {2}",
         "✓ Passou: {1}. {2}"),
        ("✗ Not yet: {1}, and the exercise wants {2}.",
         "✗ Ainda não: {1}, e o exercício pede {2}."),
        ("Hint: {1}",
         "Dica: {1}"),
        ("expect= is a whole number (a parameter count) or a list of them (a shape): expect=[8, 14, 14]",
         "expect= é um número inteiro (uma contagem de parâmetros) ou uma lista deles (uma forma): expect=[8, 14, 14]"),
        ("Checks an exercise: a layer's shape or a parameter count against the target, with a hint until it passes.",
         "Confere um exercício: a forma de uma camada ou uma contagem de parâmetros contra o alvo, com uma dica até passar."),
        ("shape: a layer's output shape; params: the parameters of a layer, or of the whole model without layer=",
         "shape: a forma de saída de uma camada; params: os parâmetros de uma camada, ou do modelo inteiro sem layer="),
        ("the target: a shape as a list ([8, 14, 14]) or a parameter count (15920)",
         "o alvo: uma forma como lista ([8, 14, 14]) ou uma contagem de parâmetros (15920)"),
        ("what to try when the check does not pass yet",
         "o que tentar quando a conferência ainda não passa"),
        // Sources/CNNLanguage/Commands/Support/Formatting.swift: split names and display states
        ("test",
         "teste"),
        ("starting",
         "começando"),
        ("training",
         "treinando"),
        ("done",
         "concluído"),
        ("interrupted",
         "interrompido"),
        ("progress",
         "progresso"),
        // Sources/CNNLanguage/Commands/DataAndTraining/EvaluateCommand.swift, ModelAccess.swift: evaluate shift=
        ("shift= is [rows, columns], as in shift=[0, 3]",
         "shift= é [linhas, colunas], como em shift=[0, 3]"),
        (", shifted by {1} rows and {2} columns",
         ", deslocadas {1} linhas e {2} colunas"),
        ("shifted copies of the images",
         "as cópias deslocadas das imagens"),
        ("evaluate fewer images (limit=)",
         "avalie menos imagens (limit=)"),
        ("move every image [rows down, columns right] first (negative: up, left), filling with 0",
         "move antes cada imagem [linhas para baixo, colunas para a direita] (negativo: para cima, para a esquerda), preenchendo com 0"),
        // Found reading the Portuguese notebooks' outputs
        ("{1} channels",
         "{1} canais"),
        ("from the data",
         "dos dados"),
        ("input (N, ",
         "entrada (N, "),
        ("{1}/{2} steps",
         "{1}/{2} passos"),
        ("Check: the engine's own conv, relu, maxpool, flatten and linear layers, given these weights, compute in float32",
         "Conferência: as próprias camadas conv, relu, maxpool, flatten e linear do motor, com estes pesos, calculam em float32"),
        ("  forward, largest difference from the numbers above: {1}",
         "  propagação direta, maior diferença para os números acima: {1}"),
        ("  backward: {1}",
         "  retropropagação: {1}"),
        ("✓ every value agrees (within float32 rounding): the engine computes exactly these steps",
         "✓ todos os valores conferem (dentro do arredondamento de float32): o motor calcula exatamente estas etapas"),
        ("✗ the engine differs from the hand computation",
         "✗ o motor difere da conta feita à mão"),
        ("<div><b>{1}</b>, channel {2}, output [{3}, {4}]</div>",
         "<div><b>{1}</b>, canal {2}, saída [{3}, {4}]</div>"),
        ("<div><b>{1}</b>, channel {2}: y = max(0, x)</div>",
         "<div><b>{1}</b>, canal {2}: y = max(0, x)</div>"),
        ("{1} on {2} ({3}×{4} {5}): {6}, p = {7}",
         "{1} na {2} ({3}×{4}, {5}): {6}, p = {7}"),
        ("model {1}: {2} parameters",
         "modelo {1}: {2} parâmetros"),
        (", no bias",
         ", sem viés"),
        ("{1} has {2} biases; {3} given",
         "{1} tem {2} vieses; foram dados {3}"),
        ("{1} has no bias; {2} given",
         "{1} não tem viés; foram dados {2}"),
    ]
}
