/// Brazilian Portuguese for the kernel's words (see Translations.swift and notebooks/glossary.md).
enum PortugueseErrors {
    static let entries: [(String, String)] = [
        // Sources/CNNLanguage/Commands/Basics/HelpCommand.swift:21
        ("no help for `{1}`{2}",
         "não há ajuda para `{1}`{2}"),
        // Sources/CNNLanguage/Commands/DataAndTraining/ClassifyCommand.swift:28
        ("classifying",
         "classificação"),
        // Sources/CNNLanguage/Commands/DataAndTraining/ClassifyCommand.swift:66
        ("no data loaded: load the data model {1} was trained on (`data fashion-mnist`), for its classes and pixel statistics",
         "nenhum dado carregado: carregue os dados com que o modelo {1} foi treinado (`data fashion-mnist`), para ter as suas classes e as estatísticas dos pixels"),
        // Sources/CNNLanguage/Commands/DataAndTraining/ClassifyCommand.swift:67
        ("model {1} takes {2} but the data is {3}",
         "o modelo {1} recebe entradas de forma {2}, mas os dados têm forma {3}"),
        // Sources/CNNLanguage/Commands/DataAndTraining/ClassifyCommand.swift:83
        ("decoding {1}",
         "decodificação de {1}"),
        // Sources/CNNLanguage/Commands/DataAndTraining/ClassifyCommand.swift:83
        ("use a smaller picture",
         "use uma imagem menor"),
        // Sources/CNNLanguage/Commands/DataAndTraining/ClassifyCommand.swift:93
        ("no data loaded, so no test image to start from: name a picture (classify \"FILE.png\") or load the data",
         "nenhum dado carregado, então não há imagem de teste para começar: indique uma imagem (classify \"FILE.png\") ou carregue os dados"),
        // Sources/CNNLanguage/Commands/DataAndTraining/ClassifyCommand.swift:97
        ("image {1} is past the last one ({2})",
         "a imagem {1} está além da última ({2})"),
        // Sources/CNNLanguage/Commands/DataAndTraining/DataCommand.swift:29
        ("data {1} needs path=\"DIR\"{2}",
         "data {1} precisa de path=\"DIR\"{2}"),
        // Sources/CNNLanguage/Commands/DataAndTraining/DataCommand.swift:55
        ("making {1} images of {2}×{3}×{4}",
         "geração de {1} imagens de {2}×{3}×{4}"),
        // Sources/CNNLanguage/Commands/DataAndTraining/DataCommand.swift:56
        ("ask for fewer (n=) or smaller (size=) images",
         "peça menos imagens (n=) ou imagens menores (size=)"),
        // Sources/CNNLanguage/Commands/DataAndTraining/DataCommand.swift:74
        ("val={1} leaves no training images (there are {2})",
         "val={1} não deixa nenhuma imagem de treino (há {2})"),
        // Sources/CNNLanguage/Commands/DataAndTraining/DrawCommand.swift:26
        ("model {1} takes {2}, not an image",
         "o modelo {1} recebe entradas de forma {2}, não uma imagem"),
        // Sources/CNNLanguage/Commands/DataAndTraining/DrawCommand.swift:114
        ("decoding the sketch",
         "decodificação do desenho"),
        // Sources/CNNLanguage/Commands/DataAndTraining/DrawCommand.swift:114
        ("draw on a smaller pad",
         "desenhe numa área menor"),
        // Sources/CNNLanguage/Commands/DataAndTraining/LRFindCommand.swift:24
        ("end={1} must be above start={2}",
         "end={1} deve ser maior que start={2}"),
        // Sources/CNNLanguage/Commands/DataAndTraining/LRFindCommand.swift:56
        ("the loss blew up within {1} steps: start lower (start={2})",
         "a perda explodiu em {1} passos: comece mais baixo (start={2})"),
        // Sources/CNNLanguage/Commands/DataAndTraining/TrainCommand.swift:46
        ("overfit= trains without validation, which patience= watches: use one or the other",
         "overfit= treina sem validação, que é o que patience= observa: use um ou outro"),
        // Sources/CNNLanguage/Commands/DataAndTraining/TrainCommand.swift:65
        ("patience= watches the validation loss, and the data has no validation images: load it with val=N (as `data fashion-mnist val=5000`)",
         "patience= observa a perda de validação, e os dados não têm imagens de validação: carregue-os com val=N (como em `data fashion-mnist val=5000`)"),
        // Sources/CNNLanguage/Commands/DataAndTraining/TrainCommand.swift:83
        ("log= names a directory, such as log=\"runs/net\"",
         "log= indica um diretório, como log=\"runs/net\""),
        // Sources/CNNLanguage/Commands/DataAndTraining/TrainCommand.swift:99
        ("layer= goes with watch=featuremaps or watch=filters",
         "layer= é usado com watch=featuremaps ou watch=filters"),
        // Sources/CNNLanguage/Commands/DataAndTraining/TrainCommand.swift:163
        ("training diverged at step {1} (epoch {2}, batch {3}): {4}; the model keeps its weights from before that step; try a smaller learning rate, such as lr={5}",
         "o treino divergiu no passo {1} (época {2}, lote {3}): {4}; o modelo mantém os pesos de antes desse passo; tente uma taxa de aprendizado menor, como lr={5}"),
        // Sources/CNNLanguage/Commands/DataAndTraining/TrainCommand.swift:178
        ("options are written name=value, on one line",
         "as opções são escritas como name=value, numa só linha"),
        // Sources/CNNLanguage/Commands/DataAndTraining/TrainCommand.swift:188
        ("augmentations are a list such as [flip, crop(2)]",
         "os aumentos de dados são uma lista, como [flip, crop(2)]"),
        // Sources/CNNLanguage/Commands/DataAndTraining/TrainCommand.swift:202
        ("{1}\n{2}^ {3}",
         "{1}\n{2}^ {3}"),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:122
        ("ask choice needs question=\"…\"",
         "ask choice precisa de question=\"…\""),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:127
        ("options= is a list of at least two strings: options=[\"max\", \"average\"]",
         "options= é uma lista de pelo menos duas strings: options=[\"max\", \"average\"]"),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:131
        ("answer={1}, but there are {2} options",
         "answer={1}, mas há {2} opções"),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:149
        ("ask {1} needs layer=NAME (one of: {2}, …)",
         "ask {1} precisa de layer=NAME (uma de: {2}, …)"),
        // Sources/CNNLanguage/Commands/Explaining/AttributeCommand.swift:29
        ("layers=all draws every layer; layer= picks one: use one or the other",
         "layers=all desenha todas as camadas; layer= escolhe uma: use um ou outro"),
        // Sources/CNNLanguage/Commands/Explaining/AttributeCommand.swift:36
        ("`{1}` is not an attribution method{2} ({3})",
         "`{1}` não é um método de atribuição{2} ({3})"),
        // Sources/CNNLanguage/Commands/Explaining/AttributeCommand.swift:56
        ("layer {1} gives flat features; the CAM methods need feature maps (a convolution, activation or pooling layer)",
         "a camada {1} produz características achatadas; os métodos CAM precisam de mapas de características (uma camada de convolução, de ativação ou de pooling)"),
        // Sources/CNNLanguage/Commands/Explaining/AttributeCommand.swift:66
        ("attribution",
         "atribuição"),
        // Sources/CNNLanguage/Commands/Explaining/GradcheckCommand.swift:35
        ("input is [C, H, W] (or [F] for flat features), in positive whole numbers",
         "input é [C, H, W] (ou [F] para características achatadas), em números inteiros positivos"),
        // Sources/CNNLanguage/Commands/Explaining/SetWeightsCommand.swift:17
        ("{1} has no weights",
         "{1} não tem pesos"),
        // Sources/CNNLanguage/Commands/Explaining/SetWeightsCommand.swift:20
        ("{1}.{2} has shape {3} = {4} values; {5} given",
         "{1}.{2} tem forma {3} = {4} valores; foram dados {5}"),
        // Sources/CNNLanguage/Commands/Explaining/SetWeightsCommand.swift:23
        ("the weights must be finite float32 numbers (|w| < 3.4e38)",
         "os pesos devem ser números float32 finitos (|w| < 3.4e38)"),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:30
        ("size={1}: a kernel here has an odd side (1, 3, 5 or 7), so it has a centre",
         "size={1}: aqui o kernel tem lado ímpar (1, 3, 5 ou 7), para ter um centro"),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:36
        ("kernel=custom needs values=[…] with 1, 9, 25 or 49 numbers (a square kernel of odd side), got {1}",
         "kernel=custom precisa de values=[…] com 1, 9, 25 ou 49 números (um kernel quadrado de lado ímpar); foram dados {1}"),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:39
        ("values= goes with kernel=custom",
         "values= é usado com kernel=custom"),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:54
        ("a {1}×{2} kernel with dilation {3} and padding {4} does not fit a {5}×{6} image",
         "um kernel {1}×{2} com dilatação {3} e preenchimento {4} não cabe numa imagem {5}×{6}"),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:57
        ("at=[y, x]",
         "at=[y, x]"),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:61
        ("position [{1}, {2}] is outside the {3}×{4} output",
         "a posição [{1}, {2}] fica fora da saída {3}×{4}"),
        // Sources/CNNLanguage/Commands/LookingInside/PlotCommand.swift:19
        ("nothing to plot yet: train first",
         "ainda não há nada para plotar: treine primeiro"),
        // Sources/CNNLanguage/Commands/LookingInside/PlotCommand.swift:24
        ("no gradients recorded yet: train first (the gradients are recorded while training)",
         "nenhum gradiente registrado ainda: treine primeiro (os gradientes são registrados durante o treino)"),
        // Sources/CNNLanguage/Commands/LookingInside/PlotCommand.swift:26
        ("by=epoch follows one model; give one (models=[{1}]), or by=depth for several",
         "by=epoch acompanha um só modelo; indique um (models=[{1}]), ou use by=depth para vários"),
        // Sources/CNNLanguage/Commands/Models/CompareCommand.swift:16
        ("no models to compare",
         "nenhum modelo para comparar"),
        // Sources/CNNLanguage/Commands/Models/CompareCommand.swift:25
        ("evaluating",
         "avaliação"),
        // Sources/CNNLanguage/Commands/Models/ExportCommand.swift:27
        ("{1} has no data normalisation to put in the graph: load data of its shape {2} first, or export with normalize=no",
         "{1} não tem normalização de dados para pôr no grafo: carregue antes dados com a sua forma {2}, ou exporte com normalize=no"),
        // Sources/CNNLanguage/Commands/Models/ExportCommand.swift:33
        ("writing {1} as ONNX",
         "gravação de {1} em ONNX"),
        // Sources/CNNLanguage/Commands/Models/ExportCommand.swift:33
        ("export a smaller model",
         "exporte um modelo menor"),
        // Sources/CNNLanguage/Commands/Models/LoadCommand.swift:19
        ("{1}: the saved architecture does not build here: {2}",
         "{1}: a arquitetura salva não pode ser construída aqui: {2}"),
        // Sources/CNNLanguage/Commands/Support/LiveControls.swift:53
        ("no images to watch",
         "nenhuma imagem para observar"),
        // Sources/CNNLanguage/Commands/Support/LiveControls.swift:54
        ("watching feature maps",
         "observação dos mapas de características"),
        // Sources/CNNLanguage/Commands/Support/MemoryChecks.swift:18
        ("training {1} at batch {2}",
         "treino de {1} com lotes de {2}"),
        // Sources/CNNLanguage/Commands/Support/MemoryChecks.swift:24
        ("{1} on {2} at batch {3}",
         "{1} com {2} em lotes de {3}"),
        // Sources/CNNLanguage/Commands/Support/MemoryChecks.swift:32
        ("use a smaller batch or fewer channels",
         "use um lote menor ou menos canais"),
        // Sources/CNNLanguage/Commands/Support/MemoryChecks.swift:35
        ("use a smaller batch (at most {1} fits) or fewer channels",
         "use um lote menor (de no máximo {1}) ou menos canais"),
        // Sources/CNNLanguage/Commands/Support/MemoryChecks.swift:36
        ("the model itself is too large: use fewer channels or layers",
         "o próprio modelo é grande demais: use menos canais ou camadas"),
        // Sources/CNNLanguage/Commands/Support/ModelAccess.swift:13
        ("no model yet: define one with `model NAME … end` or `model r = resnet`",
         "ainda não há modelo: defina um com `model NAME … end` ou `model r = resnet`"),
        // Sources/CNNLanguage/Commands/Support/ModelAccess.swift:24
        ("no model named `{1}`{2}",
         "não há modelo chamado `{1}`{2}"),
        // Sources/CNNLanguage/Commands/Support/ModelAccess.swift:37
        ("no data loaded: start with `data fashion-mnist` (or `data shapes`)",
         "nenhum dado carregado: comece com `data fashion-mnist` (ou `data shapes`)"),
        // Sources/CNNLanguage/Commands/Support/ModelAccess.swift:41
        ("model {1} takes {2} but the data is {3}; it is trained, so it is not rebuilt",
         "o modelo {1} recebe entradas de forma {2}, mas os dados têm forma {3}; ele já foi treinado, então não é reconstruído"),
        // Sources/CNNLanguage/Commands/Support/ModelAccess.swift:48
        ("model {1} cannot take the data's {2} images: {3}",
         "o modelo {1} não aceita as imagens de forma {2} dos dados: {3}"),
        // Sources/CNNLanguage/Commands/Support/ModelAccess.swift:52
        ("model {1} has {2} outputs but the data has {3} classes",
         "o modelo {1} tem {2} saídas, mas os dados têm {3} classes"),
        // Sources/CNNLanguage/Commands/Support/ModelAccess.swift:61
        ("the data has no validation images (val=0)",
         "os dados não têm imagens de validação (val=0)"),
        // Sources/CNNLanguage/Commands/Support/ModelAccess.swift:65
        ("the data has no test images; use split=validation",
         "os dados não têm imagens de teste; use split=validation"),
        // Sources/CNNLanguage/Commands/Support/ModelAccess.swift:85
        ("looking inside",
         "inspeção interna"),
        // Sources/CNNLanguage/Commands/Support/ModelAccess.swift:95
        ("model {1} has no layer `{2}`{3} (layers: {4}{5})",
         "o modelo {1} não tem a camada `{2}`{3} (camadas: {4}{5})"),
        // Sources/CNNLanguage/Commands/Support/ModelAccess.swift:105
        ("{1} is a {2} layer, not {3}",
         "{1} é uma camada {2}, não {3}"),
        // Sources/CNNLanguage/Commands/Support/ModelAccess.swift:123
        ("model {1} has no {2}",
         "o modelo {1} não tem {2}"),
        // Sources/CNNLanguage/Commands/Tools/MemoryCommand.swift:24
        ("limit={1} is less than 16 MB, too little for anything; give it in GB (limit=2 is 2 GB), or 0 for the detected limit",
         "limit={1} é menos de 16 MB, pouco demais para qualquer coisa; informe o valor em GB (limit=2 é 2 GB), ou 0 para o limite detectado"),
        // Sources/CNNLanguage/Commands/Tools/MemoryCommand.swift:28
        ("limit={1} is above the kernel's limit of {2}; a session can only lower it (set CNN_KERNEL_MEMORY_LIMIT before the kernel starts to change it)",
         "limit={1} está acima do limite do kernel, de {2}; uma sessão só pode reduzi-lo (para mudá-lo, defina CNN_KERNEL_MEMORY_LIMIT antes de o kernel iniciar)"),
    ]
}
