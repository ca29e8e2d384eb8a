/// Brazilian Portuguese for the kernel's words (see Translations.swift and notebooks/glossary.md).
enum PortugueseCoreErrors {
    static let entries: [(String, String)] = [
        // Sources/CNNEngine/Checkpoint/Checkpoint.swift:44
        ("{1}: a safetensors file, but not a cnn-kernel checkpoint (no model description in its metadata)",
         "{1}: um arquivo safetensors, mas não um checkpoint do cnn-kernel (não há descrição do modelo nos metadados)"),
        // Sources/CNNEngine/Checkpoint/Checkpoint.swift:47
        ("{1}: checkpoint format version {2} is newer than this kernel reads ({3})",
         "{1}: a versão {2} do formato de checkpoint é mais nova do que este kernel consegue ler ({3})"),
        // Sources/CNNEngine/Checkpoint/Checkpoint.swift:54
        ("{1}: no tensor {2} in the checkpoint",
         "{1}: não há tensor {2} no checkpoint"),
        // Sources/CNNEngine/Checkpoint/Checkpoint.swift:55
        ("{1}: {2} has shape {3} in the checkpoint but {4} in the model",
         "{1}: {2} tem forma {3} no checkpoint, mas {4} no modelo"),
        // Sources/CNNEngine/Checkpoint/Checkpoint.swift:60
        ("{1}: {2} has {3} values in the checkpoint but {4} in the model",
         "{1}: {2} tem {3} valores no checkpoint, mas {4} no modelo"),
        // Sources/CNNEngine/Checkpoint/Checkpoint.swift:91
        ("{1}: the checkpoint's input shape {2} is out of range",
         "{1}: a forma de entrada {2} do checkpoint está fora do intervalo permitido"),
        // Sources/CNNEngine/Checkpoint/Checkpoint.swift:92
        ("{1}: the checkpoint does not say the model's input shape",
         "{1}: o checkpoint não informa a forma de entrada do modelo"),
        // Sources/CNNEngine/Checkpoint/SafeTensors.swift:45
        ("cut short: {1} bytes, not even a safetensors header length",
         "truncado: {1} bytes, nem sequer o comprimento de um cabeçalho safetensors"),
        // Sources/CNNEngine/Checkpoint/SafeTensors.swift:48
        ("cut short: the header says {1} bytes of JSON but the file has {2} after the length",
         "truncado: o cabeçalho indica {1} bytes de JSON, mas o arquivo tem {2} depois do comprimento"),
        // Sources/CNNEngine/Checkpoint/SafeTensors.swift:49
        ("the safetensors header is {1} bytes; at most 100 MB is read",
         "o cabeçalho safetensors tem {1} bytes; são lidos no máximo 100 MB"),
        // Sources/CNNEngine/Checkpoint/SafeTensors.swift:51
        ("the safetensors header is not valid JSON ({1})",
         "o cabeçalho safetensors não é JSON válido ({1})"),
        // Sources/CNNEngine/Checkpoint/SafeTensors.swift:52
        ("the safetensors header is not a JSON object",
         "o cabeçalho safetensors não é um objeto JSON"),
        // Sources/CNNEngine/Checkpoint/SafeTensors.swift:62
        ("tensor {1} has dtype {2}; only F32 is read",
         "o tensor {1} tem dtype {2}; só F32 é lido"),
        // Sources/CNNEngine/Checkpoint/SafeTensors.swift:66
        ("tensor {1} has no valid shape and data_offsets",
         "o tensor {1} não tem shape e data_offsets válidos"),
        // Sources/CNNEngine/Checkpoint/SafeTensors.swift:71
        ("tensor {1}: its shape must be whole numbers whose product is at most {2}, not {3}",
         "tensor {1}: sua forma deve ter números inteiros cujo produto seja no máximo {2}, não {3}"),
        // Sources/CNNEngine/Checkpoint/SafeTensors.swift:74
        ("cut short or corrupt: tensor {1} has byte range {2} but the data is {3} bytes",
         "truncado ou corrompido: o tensor {1} tem o intervalo de bytes {2}, mas os dados têm {3} bytes"),
        // Sources/CNNEngine/Checkpoint/SafeTensors.swift:76
        ("tensor {1}: byte range {2} does not fit shape {3}",
         "tensor {1}: o intervalo de bytes {2} não corresponde à forma {3}"),
        // Sources/CNNEngine/Checkpoint/SafeTensors.swift:80
        ("corrupt: the tensors' byte ranges overlap (they add up to more than the {1} bytes of data)",
         "corrompido: os intervalos de bytes dos tensores se sobrepõem (somam mais do que os {1} bytes de dados)"),
        // Sources/CNNEngine/Data/Readers.swift:18
        ("reading {1}",
         "a leitura de {1}"),
        // Sources/CNNEngine/Data/Readers.swift:26
        ("load fewer or smaller images",
         "carregue menos imagens ou imagens menores"),
        // Sources/CNNEngine/Data/Readers.swift:43
        ("{1}: cannot start gzip decompression",
         "{1}: não foi possível iniciar a descompressão gzip"),
        // Sources/CNNEngine/Data/Readers.swift:67
        ("decompressing {1}",
         "a descompressão de {1}"),
        // Sources/CNNEngine/Data/Readers.swift:74
        ("{1}: the gzip data inflates to {2}; the file is corrupt or hostile",
         "{1}: os dados gzip descomprimidos chegam a {2}; o arquivo está corrompido ou é malicioso"),
        // Sources/CNNEngine/Data/Readers.swift:76
        ("{1}: the gzip data is {2} (zlib status {3})",
         "{1}: os dados gzip estão {2} (status zlib {3})"),
        // Sources/CNNEngine/Data/Readers.swift:89
        ("{1}: too short for an IDX image header ({2} bytes)",
         "{1}: curto demais para um cabeçalho de imagens IDX ({2} bytes)"),
        // Sources/CNNEngine/Data/Readers.swift:91
        ("{1}: not an IDX image file (magic {2}, expected 2051)",
         "{1}: não é um arquivo de imagens IDX (número mágico {2}, esperado 2051)"),
        // Sources/CNNEngine/Data/Readers.swift:93
        ("{1}: implausible image size {2}×{3}",
         "{1}: tamanho de imagem implausível {2}×{3}"),
        // Sources/CNNEngine/Data/Readers.swift:96
        ("{1}: truncated: the header promises {2} images of {3}×{4} ({5} bytes) but the file has {6}",
         "{1}: truncado: o cabeçalho promete {2} imagens de {3}×{4} ({5} bytes), mas o arquivo tem {6}"),
        // Sources/CNNEngine/Data/Readers.swift:104
        ("{1}: too short for an IDX label header ({2} bytes)",
         "{1}: curto demais para um cabeçalho de rótulos IDX ({2} bytes)"),
        // Sources/CNNEngine/Data/Readers.swift:106
        ("{1}: not an IDX label file (magic {2}, expected 2049)",
         "{1}: não é um arquivo de rótulos IDX (número mágico {2}, esperado 2049)"),
        // Sources/CNNEngine/Data/Readers.swift:109
        ("{1}: truncated: the header promises {2} labels but the file has {3}",
         "{1}: truncado: o cabeçalho promete {2} rótulos, mas o arquivo tem {3}"),
        // Sources/CNNEngine/Data/Readers.swift:123
        ("{1}: {2} images but no {3}-labels-idx1-ubyte[.gz]",
         "{1}: há imagens {2}, mas não há {3}-labels-idx1-ubyte[.gz]"),
        // Sources/CNNEngine/Data/Readers.swift:127
        ("{1}: {2} labels for {3} images in {4}",
         "{1}: {2} rótulos para {3} imagens em {4}"),
        // Sources/CNNEngine/Data/Readers.swift:132
        ("{1}: label {2} is out of range for {3} classes",
         "{1}: o rótulo {2} está fora do intervalo para {3} classes"),
        // Sources/CNNEngine/Data/Readers.swift:137
        ("{1}: no train-images-idx3-ubyte[.gz] (an IDX directory needs train- and optionally t10k- files)",
         "{1}: não há train-images-idx3-ubyte[.gz] (um diretório IDX precisa dos arquivos train- e, opcionalmente, dos t10k-)"),
        // Sources/CNNEngine/Data/Readers.swift:147
        ("{1}: {2} bytes is not a whole number of CIFAR-10 records (3073 bytes each){3}",
         "{1}: {2} bytes não formam um número inteiro de registros do CIFAR-10 (3073 bytes cada){3}"),
        // Sources/CNNEngine/Data/Readers.swift:154
        ("{1}: record {2} has label {3}, CIFAR-10 labels are 0–9",
         "{1}: o registro {2} tem rótulo {3}; os rótulos do CIFAR-10 são 0–9"),
        // Sources/CNNEngine/Data/Readers.swift:172
        ("{1}: no data_batch_1.bin … data_batch_5.bin (the CIFAR-10 binary version)",
         "{1}: não há data_batch_1.bin … data_batch_5.bin (a versão binária do CIFAR-10)"),
        // Sources/CNNEngine/Layers/Conv2d.swift:41
        ("conv expects {1} input channels, gets {2}",
         "conv espera {1} canais de entrada, recebe {2}"),
        // Sources/CNNEngine/Layers/Conv2d.swift:45
        ("conv with groups={1} needs input channels ({2}) and out_channels ({3}) divisible by {4}",
         "conv com groups={1} precisa que os canais de entrada ({2}) e out_channels ({3}) sejam divisíveis por {4}"),
        // Sources/CNNEngine/Layers/Conv2d.swift:51
        ("conv with kernel {1}, dilation {2} and padding {3} does not fit a {4}×{5} input",
         "conv com kernel {1}, dilation {2} e padding {3} não cabe numa entrada {4}×{5}"),
        // Sources/CNNEngine/Layers/Conv2d.swift:54
        ("conv with {1} output channels, {2} input channels per group and a {3}×{4} kernel would hold more than {5} weights, the most one layer may have",
         "conv com {1} canais de saída, {2} canais de entrada por grupo e um kernel {3}×{4} teria mais de {5} pesos, o máximo que uma camada pode ter"),
        // Sources/CNNEngine/Layers/Kernels.swift:61
        ("{1} needs an image input (C, H, W), but gets flat features {2}",
         "{1} precisa de uma entrada de imagem (C, H, W), mas recebe características achatadas {2}"),
        // Sources/CNNEngine/Layers/Linear.swift:21
        ("linear needs flat input, but gets an image {1}; put flatten or gap before it",
         "linear precisa de entrada achatada, mas recebe uma imagem {1}; coloque flatten ou gap antes dela"),
        // Sources/CNNEngine/Layers/Linear.swift:24
        ("linear expects {1} inputs, gets {2}",
         "linear espera {1} entradas, recebe {2}"),
        // Sources/CNNEngine/Layers/Linear.swift:27
        ("linear from {1} inputs to {2} outputs would hold more than {3} weights, the most one layer may have; reduce the features first (pooling, gap)",
         "linear de {1} entradas para {2} saídas teria mais de {3} pesos, o máximo que uma camada pode ter; reduza as características antes (pooling, gap)"),
        // Sources/CNNEngine/Layers/Pooling.swift:36
        ("{1} padding ({2}) must be at most half the kernel ({3})",
         "o preenchimento (padding) de {1} ({2}) deve ser no máximo metade do kernel ({3})"),
        // Sources/CNNEngine/Layers/Pooling.swift:38
        ("{1} with kernel {2} does not fit a {3}×{4} input",
         "{1} com kernel {2} não cabe numa entrada {3}×{4}"),
        // Sources/CNNEngine/Model/Model.swift:28
        ("a classifier must end in flat features (one score per class), but this model ends with {1}; add gap or flatten and a linear layer",
         "um classificador deve terminar em características achatadas (uma pontuação por classe), mas este modelo termina com {1}; acrescente gap ou flatten e uma camada linear"),
        // Sources/CNNEngine/Model/ModelSpec.swift:62
        ("unknown layer type `{1}`",
         "tipo de camada desconhecido `{1}`"),
        // Sources/CNNEngine/Model/ONNXExport.swift:31
        ("{1} holds {2} MiB of weights, more than one ONNX file without external data can hold (2 GiB)",
         "{1} tem {2} MiB de pesos, mais do que cabe num arquivo ONNX sem dados externos (2 GiB)"),
        // Sources/CNNEngine/Model/ONNXExport.swift:40
        ("the data's normalisation has {1} channels but {2} takes {3}; export with normalize=no",
         "a normalização dos dados tem {1} canais, mas {2} recebe {3}; exporte com normalize=no"),
        // Sources/CNNEngine/Model/ONNXExport.swift:72
        ("{1} would take {2} MiB as ONNX, more than one file without external data can hold (2 GiB)",
         "{1} ocuparia {2} MiB em ONNX, mais do que cabe num arquivo sem dados externos (2 GiB)"),
        // Sources/CNNEngine/Structure/Concat.swift:16
        ("concat needs at least one branch",
         "concat precisa de pelo menos um ramo"),
        // Sources/CNNEngine/Structure/Concat.swift:21
        ("concat joins images on channels, but branch {1} gives flat features {2}",
         "concat junta imagens pelos canais, mas o ramo {1} dá características achatadas {2}"),
        // Sources/CNNEngine/Structure/Concat.swift:24
        ("concat branches must agree on height and width: branch {1} gives {2}, branch {3} gives {4}",
         "os ramos de concat devem ter a mesma altura e largura: o ramo {1} dá {2}, o ramo {3} dá {4}"),
        // Sources/CNNEngine/Structure/Residual.swift:15
        ("residual sum needs equal shapes: the body gives {1} but {2}; add a projection shortcut",
         "a soma residual precisa de formas iguais: o corpo dá {1}, mas {2}; acrescente um atalho (shortcut) de projeção"),
        // Sources/CNNEngine/Training/OptionValues.swift:24
        ("onecycle(W) takes the warm-up fraction, between 0 and 1",
         "onecycle(W) recebe a fração de aquecimento (warm-up), entre 0 e 1"),
        // Sources/CNNEngine/Training/OptionValues.swift:31
        ("multistep(E1, E2, …) takes epoch numbers from 1 to 1000000, not {1}",
         "multistep(E1, E2, …) recebe números de época de 1 a 1000000, não {1}"),
        // Sources/CNNEngine/Training/OptionValues.swift:36
        ("multistep needs the epochs at which the rate drops, as in multistep(2) or multistep(100, 150)",
         "multistep precisa das épocas em que a taxa cai, como em multistep(2) ou multistep(100, 150)"),
        // Sources/CNNEngine/Training/OptionValues.swift:42
        ("`{1}` is not a schedule ({2})",
         "`{1}` não é um cronograma da taxa de aprendizado ({2})"),
        // Sources/CNNEngine/Training/OptionValues.swift:68
        ("crop(P) takes the padding P, 0–16",
         "crop(P) recebe o preenchimento (padding) P, 0–16"),
        // Sources/CNNEngine/Training/OptionValues.swift:73
        ("`{1}` is not an augmentation (flip, crop(P), resizedcrop){2}",
         "`{1}` não é um aumento de dados (flip, crop(P), resizedcrop){2}"),
        // Sources/CNNLanguage/Display/ModelSummary.swift:31
        ("timing",
         "a medição de tempo"),
        // Sources/CNNLanguage/Explanations/BackpropExplanation.swift:21
        ("`{1}` has no weights; choose a conv, linear or batchnorm layer",
         "`{1}` não tem pesos; escolha uma camada conv, linear ou batchnorm"),
        // Sources/CNNLanguage/Explanations/BackpropExplanation.swift:25
        ("explaining backpropagation",
         "a explicação da retropropagação"),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:52
        ("explain byhand has two pictures: image=0 (a T) or image=1 (an L)",
         "explain byhand tem duas figuras: image=0 (um T) ou image=1 (um L)"),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:133
        ("no {1} layer",
         "não há camada {1}"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:37
        ("{1} did not run",
         "a camada {1} não foi executada"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:40
        ("{1} has {2} outputs (0–{3})",
         "{1} tem {2} saídas (0–{3})"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:68
        ("model {1} gives {2} scores{3}, for {4} classes",
         "o modelo {1} dá {2} pontuações{3}, para {4} classes"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:100
        ("explain batchnorm",
         "explain batchnorm"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:110
        ("{1} has {2} channels (0–{3})",
         "{1} tem {2} canais (0–{3})"),
        // Sources/CNNLanguage/Explanations/LayerArithmetic.swift:25
        ("{1} does not work on feature maps",
         "{1} não trabalha com mapas de características"),
        // Sources/CNNLanguage/Explanations/LayerArithmetic.swift:28
        ("{1} has {2} output channels (0–{3})",
         "{1} tem {2} canais de saída (0–{3})"),
        // Sources/CNNLanguage/Interactive/PictureClassification.swift:45
        ("model {1} takes {2}; a picture becomes a 1- or 3-channel image",
         "o modelo {1} recebe {2}; uma figura vira uma imagem de 1 ou 3 canais"),
        // Sources/CNNLanguage/Interactive/PictureClassification.swift:72
        ("model {1} gives scores that are not finite numbers (its weights or activations overflowed): train it again, or with a smaller lr",
         "o modelo {1} dá pontuações que não são números finitos (seus pesos ou ativações estouraram): treine-o de novo, ou com um lr menor"),
        // Sources/CNNLanguage/Interactive/PictureClassification.swift:75
        ("model {1} gives {2} scores but there are {3} classes",
         "o modelo {1} dá {2} pontuações, mas há {3} classes"),
        // Sources/CNNLanguage/Interpreter/CNNInterpreter.swift:140
        ("`{1}` goes inside a model or block",
         "`{1}` vai dentro de um modelo ou bloco"),
        // Sources/CNNLanguage/Interpreter/CNNInterpreter.swift:177
        ("unknown command `{1}`{2}",
         "comando desconhecido `{1}`{2}"),
        // Sources/CNNLanguage/Interpreter/CNNInterpreter.swift:181
        ("`{1}` is a layer, not a command: layers go inside a model, one per line, as in `model m` / `  {2}` / `end`",
         "`{1}` é uma camada, não um comando: as camadas vão dentro de um modelo, uma por linha, como em `model m` / `  {2}` / `end`"),
        // Sources/CNNLanguage/Interpreter/CNNInterpreter.swift:185
        ("unknown command `{1}`; did you mean the layer `{2}`? Layers go inside a model, one per line, as in `model m` / `  {3}` / `end`",
         "comando desconhecido `{1}`; você quis dizer a camada `{2}`? As camadas vão dentro de um modelo, uma por linha, como em `model m` / `  {3}` / `end`"),
        // Sources/CNNLanguage/Interpreter/CommandSpec.swift:52
        ("Parameters:",
         "Parâmetros:"),
        // Sources/CNNLanguage/Interpreter/CommandSpec.swift:59
        ("Examples:",
         "Exemplos:"),
        // Sources/CNNLanguage/Interpreter/CommandSpec.swift:172
        ("unexpected {1}",
         "não se esperava {1}"),
        // Sources/CNNLanguage/Interpreter/Help.swift:7
        ("Commands:",
         "Comandos:"),
        // Sources/CNNLanguage/Interpreter/Help.swift:11
        ("Blocks (closed by `end`):",
         "Blocos (fechados por `end`):"),
        // Sources/CNNLanguage/Interpreter/Help.swift:15
        ("Layers (inside a model or block):",
         "Camadas (dentro de um modelo ou bloco):"),
        // Sources/CNNLanguage/Interpreter/Help.swift:21
        ("Blocks and zoo models (use in a model, or `model r = NAME`; `show source NAME`):",
         "Blocos e modelos do zoo (use num modelo, ou `model r = NAME`; `show source NAME`):"),
        // Sources/CNNLanguage/Interpreter/Help.swift:24
        ("A bare arithmetic expression (1 + 2, 2 * (3 + 4)) shows its value.",
         "Uma expressão aritmética sozinha (1 + 2, 2 * (3 + 4)) mostra o seu valor."),
        // Sources/CNNLanguage/Interpreter/Help.swift:25
        ("A cell is checked as a whole before it runs: a syntax or option mistake anywhere means nothing runs.",
         "Uma célula é verificada por inteiro antes de rodar: um erro de sintaxe ou de opção em qualquer lugar faz com que nada rode."),
        // Sources/CNNLanguage/Interpreter/Help.swift:26
        ("A failing line stops the cell; the lines before it keep their effects.",
         "Uma linha que falha interrompe a célula; as linhas anteriores mantêm os seus efeitos."),
        // Sources/CNNLanguage/Interpreter/Help.swift:27
        ("`help NAME` shows one command, layer or block; Shift-Tab on a name shows the same in a notebook.",
         "`help NAME` mostra um comando, camada ou bloco; Shift-Tab sobre um nome mostra o mesmo num caderno (notebook)."),
        // Sources/CNNLanguage/Interpreter/Help.swift:35
        ("layer",
         "camada"),
        // Sources/CNNLanguage/Models/BlockPlugin.swift:21
        ("A block defined in a cell: {1}.",
         "Um bloco definido numa célula: {1}."),
        // Sources/CNNLanguage/Models/BlockPlugin.swift:32
        ("in block {1}: {2}",
         "no bloco {1}: {2}"),
        // Sources/CNNLanguage/Models/BlockPlugin.swift:34
        ("block {1} belongs to a session that has ended",
         "o bloco {1} pertence a uma sessão que já terminou"),
        // Sources/CNNLanguage/Models/BlockPlugin.swift:40
        ("in block {1}, line {2} of its definition: {3}",
         "no bloco {1}, linha {2} da sua definição: {3}"),
        // Sources/CNNLanguage/Models/Definitions.swift:36
        ("a model has one body",
         "um modelo tem um só corpo"),
        // Sources/CNNLanguage/Models/Definitions.swift:40
        ("a model line takes only input=[C, H, W]",
         "a linha de um modelo aceita apenas input=[C, H, W]"),
        // Sources/CNNLanguage/Models/Definitions.swift:46
        ("model {1} has no layers",
         "o modelo {1} não tem camadas"),
        // Sources/CNNLanguage/Models/Definitions.swift:89
        ("copying model {1} takes no options",
         "copiar o modelo {1} não aceita opções"),
        // Sources/CNNLanguage/Models/Definitions.swift:93
        ("no model or block named `{1}`{2}",
         "não há modelo nem bloco chamado `{1}`{2}"),
        // Sources/CNNLanguage/Models/Definitions.swift:118
        ("`{1}` is already a layer ({2}); choose another name",
         "`{1}` já é uma camada ({2}); escolha outro nome"),
        // Sources/CNNLanguage/Models/Definitions.swift:121
        ("`{1}` is a command name; choose another name for the block",
         "`{1}` é o nome de um comando; escolha outro nome para o bloco"),
        // Sources/CNNLanguage/Models/Definitions.swift:123
        ("a block has one body",
         "um bloco tem um só corpo"),
        // Sources/CNNLanguage/Models/Definitions.swift:129
        ("`{1}` cannot be defined: {2}",
         "`{1}` não pode ser definido: {2}"),
        // Sources/CNNLanguage/Models/ModelExpander.swift:67
        ("this cell makes more than {1} `repeat` passes, the most one cell may make; are the `repeat` counts what you meant?",
         "esta célula faz mais de {1} passagens de `repeat`, o máximo que uma célula pode fazer; as contagens de `repeat` são as que você queria?"),
        // Sources/CNNLanguage/Models/ModelExpander.swift:75
        ("this cell builds more than {1} layers, the most one cell may build; are the `repeat` counts what you meant?",
         "esta célula constrói mais de {1} camadas, o máximo que uma célula pode construir; as contagens de `repeat` são as que você queria?"),
        // Sources/CNNLanguage/Models/ModelExpander.swift:123
        (" (its input {1} comes from {2} at line {3})",
         " (sua entrada {1} vem de {2} na linha {3})"),
        // Sources/CNNLanguage/Models/ModelExpander.swift:139
        ("a number on its own is not a layer; a model holds one layer per line, such as `conv 16 kernel=3`",
         "um número sozinho não é uma camada; um modelo tem uma camada por linha, como `conv 16 kernel=3`"),
        // Sources/CNNLanguage/Models/ModelExpander.swift:141
        ("`model … =` goes at the top level of a cell, not inside a model or block",
         "`model … =` vai no nível principal da célula, não dentro de um modelo ou bloco"),
        // Sources/CNNLanguage/Models/ModelExpander.swift:148
        ("`{1}` definitions go at the top level of a cell, not inside another model or block",
         "definições `{1}` vão no nível principal da célula, não dentro de outro modelo ou bloco"),
        // Sources/CNNLanguage/Models/ModelExpander.swift:152
        ("repeat needs a whole number of times (0–10000)",
         "repeat precisa de um número inteiro de vezes (0–10000)"),
        // Sources/CNNLanguage/Models/ModelExpander.swift:168
        ("`if` needs a condition that is true or false, not {1}",
         "`if` precisa de uma condição que seja true ou false, não {1}"),
        // Sources/CNNLanguage/Models/ModelExpander.swift:191
        ("concat needs at least one `branch`",
         "concat precisa de pelo menos um `branch`"),
        // Sources/CNNLanguage/Models/ModelExpander.swift:210
        ("`{1}` is not a block kind",
         "`{1}` não é um tipo de bloco"),
        // Sources/CNNLanguage/Models/ModelExpander.swift:238
        ("name= takes a name without dots, such as name=stem",
         "name= recebe um nome sem pontos, como name=stem"),
        // Sources/CNNLanguage/Models/ModelExpander.swift:250
        ("unknown layer `{1}`{2}",
         "camada desconhecida `{1}`{2}"),
        // Sources/CNNLanguage/Models/ModelExpander.swift:272
        ("blocks nested more than 32 deep (does `{1}` use itself?)",
         "blocos aninhados em mais de 32 níveis (`{1}` usa a si mesmo?)"),
        // Sources/CNNLanguage/Models/Zoo.swift:26
        ("no zoo model `{1}`{2}",
         "não há modelo do zoo `{1}`{2}"),
        // Sources/CNNLanguage/Syntax/Lexer.swift:110
        ("`{1}` closes nothing",
         "`{1}` não fecha nada"),
        // Sources/CNNLanguage/Syntax/Lexer.swift:116
        ("`{1}` does not match the `{2}` opened at {3}",
         "`{1}` não corresponde ao `{2}` aberto em {3}"),
        // Sources/CNNLanguage/Syntax/Lexer.swift:126
        ("unexpected `!` (write `not`, or `!=` for “not equal”)",
         "`!` inesperado (escreva `not`, ou `!=` para “diferente”)"),
        // Sources/CNNLanguage/Syntax/Lexer.swift:134
        ("unexpected character `{1}`",
         "caractere inesperado `{1}`"),
        // Sources/CNNLanguage/Syntax/Lexer.swift:166
        ("unknown escape `\\{1}` (use \\n, \\t, \\\" or \\\\)",
         "sequência de escape desconhecida `\\{1}` (use \\n, \\t, \\\" ou \\\\)"),
        // Sources/CNNLanguage/Syntax/Lexer.swift:174
        ("string is not closed: add `\"` before the end of the line",
         "string não fechada: acrescente `\"` antes do fim da linha"),
        // Sources/CNNLanguage/Syntax/Lexer.swift:203
        ("`{1}` is not a number",
         "`{1}` não é um número"),
        // Sources/CNNLanguage/Syntax/Parser.swift:20
        ("more than {1} operators in one line; split the computation over several lines",
         "mais de {1} operadores numa linha; divida o cálculo em várias linhas"),
        // Sources/CNNLanguage/Syntax/Parser.swift:26
        ("nested more than {1} deep",
         "aninhado em mais de {1} níveis"),
        // Sources/CNNLanguage/Syntax/Parser.swift:46
        ("unexpected {1} at the end of the line",
         "não se esperava {1} no fim da linha"),
        // Sources/CNNLanguage/Syntax/Parser.swift:87
        ("unexpected {1} after the expression",
         "não se esperava {1} depois da expressão"),
        // Sources/CNNLanguage/Syntax/Parser.swift:91
        ("a line starts with a command name or a number, not {1}",
         "uma linha começa com um nome de comando ou um número, não com {1}"),
        // Sources/CNNLanguage/Syntax/Parser.swift:103
        ("`{1}` needs a name, as in `{2} {3}`",
         "`{1}` precisa de um nome, como em `{2} {3}`"),
        // Sources/CNNLanguage/Syntax/Parser.swift:109
        ("`model {1} =` needs a model to build, such as resnet or a block name",
         "`model {1} =` precisa de um modelo para construir, como resnet ou o nome de um bloco"),
        // Sources/CNNLanguage/Syntax/Parser.swift:120
        ("`repeat` needs a count, as in `repeat 3` or `repeat n as i`",
         "`repeat` precisa de uma contagem, como em `repeat 3` ou `repeat n as i`"),
        // Sources/CNNLanguage/Syntax/Parser.swift:124
        ("`as` needs a variable name",
         "`as` precisa de um nome de variável"),
        // Sources/CNNLanguage/Syntax/Parser.swift:128
        ("`if` needs a condition",
         "`if` precisa de uma condição"),
        // Sources/CNNLanguage/Syntax/Parser.swift:141
        ("`{1}` opened here has no `end`",
         "`{1}` aberto aqui não tem `end`"),
        // Sources/CNNLanguage/Syntax/Parser.swift:152
        ("`{1}` belongs inside `{2}`, not `{3}`",
         "`{1}` vai dentro de `{2}`, não de `{3}`"),
        // Sources/CNNLanguage/Syntax/Parser.swift:155
        ("`{1}` has only one `{2}`",
         "`{1}` tem só um `{2}`"),
        // Sources/CNNLanguage/Syntax/Parser.swift:168
        ("expected a parameter name in the list opened at {1}",
         "esperava-se um nome de parâmetro na lista aberta em {1}"),
        // Sources/CNNLanguage/Syntax/Parser.swift:176
        ("parameter `{1}` is listed twice",
         "o parâmetro `{1}` aparece duas vezes na lista"),
        // Sources/CNNLanguage/Syntax/Parser.swift:179
        ("expected `,` or `)` in the parameter list, found {1}",
         "esperava-se `,` ou `)` na lista de parâmetros, encontrou-se {1}"),
        // Sources/CNNLanguage/Syntax/Parser.swift:190
        ("`{1}=` needs a value",
         "`{1}=` precisa de um valor"),
        // Sources/CNNLanguage/Syntax/Parser.swift:194
        ("`=` needs an option name before it, as in `delay=0.5`",
         "`=` precisa de um nome de opção antes dele, como em `delay=0.5`"),
        // Sources/CNNLanguage/Syntax/Parser.swift:290
        ("expected `]` to close the `[` at {1}",
         "esperava-se `]` para fechar o `[` em {1}"),
        // Sources/CNNLanguage/Syntax/Parser.swift:315
        ("expected `,` or `)` in the call opened at {1}, found {2}",
         "esperava-se `,` ou `)` na chamada aberta em {1}, encontrou-se {2}"),
        // Sources/CNNLanguage/Syntax/Parser.swift:326
        ("expected `)` to close the `(` at {1}, found {2}",
         "esperava-se `)` para fechar o `(` em {1}, encontrou-se {2}"),
        // Sources/CNNLanguage/Syntax/Parser.swift:336
        ("expected `,` or `]` in the list, found {1}",
         "esperava-se `,` ou `]` na lista, encontrou-se {1}"),
        // Sources/CNNLanguage/Syntax/Parser.swift:342
        ("expected a value, found {1}",
         "esperava-se um valor, encontrou-se {1}"),
        // Sources/CNNLanguage/Syntax/Values.swift:28
        ("only lists can be indexed, not {1}",
         "só listas podem ser indexadas, não {1}"),
        // Sources/CNNLanguage/Syntax/Values.swift:29
        ("a list index is a whole number, not {1}",
         "um índice de lista é um número inteiro, não {1}"),
        // Sources/CNNLanguage/Syntax/Values.swift:31
        ("index {1} is out of range for a list of {2}",
         "o índice {1} está fora do intervalo para uma lista de {2}"),
        // Sources/CNNLanguage/Syntax/Values.swift:39
        ("`not` needs true or false, not {1}",
         "`not` precisa de true ou false, não {1}"),
        // Sources/CNNLanguage/Syntax/Values.swift:42
        ("`{1}` needs a number, not {2}",
         "`{1}` precisa de um número, não {2}"),
        // Sources/CNNLanguage/Syntax/Values.swift:47
        ("`{1}` needs true or false, not {2}",
         "`{1}` precisa de true ou false, não {2}"),
        // Sources/CNNLanguage/Syntax/Values.swift:58
        ("`{1}` needs numbers, not {2} and {3}",
         "`{1}` precisa de números, não {2} e {3}"),
        // Sources/CNNLanguage/Syntax/Values.swift:66
        ("{1}() takes {2} argument{3}, not {4}",
         "{1}() recebe {2} argumento{3}, não {4}"),
        // Sources/CNNLanguage/Syntax/Values.swift:72
        ("if() needs a condition that is true or false, not {1}",
         "if() precisa de uma condição que seja true ou false, não {1}"),
        // Sources/CNNLanguage/Syntax/Values.swift:80
        ("len() needs a list, not {1}",
         "len() precisa de uma lista, não {1}"),
        // Sources/CNNLanguage/Syntax/Values.swift:86
        ("{1}() needs numbers, not {2}",
         "{1}() precisa de números, não {2}"),
        // Sources/CNNLanguage/Syntax/Values.swift:89
        ("{1}() of nothing",
         "{1}() sem nenhum valor"),
        // Sources/CNNLanguage/Syntax/Values.swift:93
        ("int() needs a number",
         "int() precisa de um número"),
        // Sources/CNNLanguage/Syntax/Values.swift:97
        ("range() needs a count",
         "range() precisa de uma contagem"),
        // Sources/CNNLanguage/Syntax/Values.swift:129
        ("division by zero",
         "divisão por zero"),
        // Sources/CNNLanguage/Syntax/Values.swift:132
        ("modulo by zero",
         "resto de divisão por zero"),
        // Sources/CNNLanguage/Syntax/Values.swift:140
        ("the result is too large",
         "o resultado é grande demais"),
        // Sources/CNNLanguage/Views/AugmentView.swift:18
        ("the data has no augmentation: load it with augment=[flip, crop(4)] (or resizedcrop)",
         "os dados não têm aumento (augmentation): carregue-os com augment=[flip, crop(4)] (ou resizedcrop)"),
        // Sources/CNNLanguage/Views/FeatureMapsView.swift:49
        ("layer {1} gives flat features, not feature maps; choose a convolution, activation or pooling layer",
         "a camada {1} dá características achatadas, não mapas de características; escolha uma camada de convolução, de ativação ou de pooling"),
        // Sources/CNNLanguage/Views/GradCAMView.swift:23
        ("layer {1} gives flat features; Grad-CAM needs feature maps (a convolution, activation or pooling layer)",
         "a camada {1} dá características achatadas; o Grad-CAM precisa de mapas de características (uma camada de convolução, de ativação ou de pooling)"),
        // Sources/CNNLanguage/Views/GradientsView.swift:22
        ("model {1} has no layer with weights (a convolution or linear layer)",
         "o modelo {1} não tem camada com pesos (uma camada de convolução ou linear)"),
        // Sources/CNNLanguage/Views/HistogramsView.swift:28
        ("the activations' histogram",
         "o histograma das ativações"),
        // Sources/CNNLanguage/Views/ImageSupport.swift:104
        ("class {1} is past the last class ({2})",
         "a classe {1} passa da última classe ({2})"),
        // Sources/CNNLanguage/Views/MaximizeView.swift:22
        ("model {1} does not take images",
         "o modelo {1} não recebe imagens"),
        // Sources/CNNLanguage/Views/MaximizeView.swift:39
        ("{1} is not a top-level layer with feature maps; one of: {2}",
         "{1} não é uma camada de nível principal com mapas de características; escolha uma de: {2}"),
        // Sources/CNNLanguage/Views/MaximizeView.swift:46
        ("model {1} has no top-level layer with feature maps (or it is not a plain sequence of layers)",
         "o modelo {1} não tem camada de nível principal com mapas de características (ou não é uma simples sequência de camadas)"),
        // Sources/CNNLanguage/Views/MaximizeView.swift:58
        ("model {1} is not a plain sequence of layers at the top: the layer's input cannot be optimised alone",
         "o modelo {1} não é uma simples sequência de camadas no nível principal: a entrada da camada não pode ser otimizada sozinha"),
        // Sources/CNNLanguage/Views/ProjectorView.swift:22
        ("the projector needs at least 3 images; the {1} set has {2}",
         "o projetor precisa de pelo menos 3 imagens; o conjunto de {1} tem {2}"),
        // Sources/CNNLanguage/Views/ProjectorView.swift:28
        ("model {1} has no linear layer: name the layer whose activations to project (layer=NAME)",
         "o modelo {1} não tem camada linear: indique a camada cujas ativações serão projetadas (layer=NAME)"),
        // Sources/CNNLanguage/Views/ProjectorView.swift:30
        ("the projector",
         "o projetor"),
        // Sources/CNNLanguage/Views/ProjectorView.swift:34
        ("that layer did not run",
         "essa camada não foi executada"),
        // Sources/CNNLanguage/Views/SourceView.swift:17
        ("show source needs a name, as in `show source resnet`",
         "show source precisa de um nome, como em `show source resnet`"),
        // Sources/CNNLanguage/Views/SourceView.swift:23
        ("`{1}` is a compiled layer ({2}); `help {3}` documents it",
         "`{1}` é uma camada compilada ({2}); `help {3}` a documenta"),
        // Sources/CNNLanguage/Views/SourceView.swift:25
        ("nothing named `{1}`{2}",
         "não há nada chamado `{1}`{2}"),
        // Sources/JupyterKernel/ConnectionInfo.swift:37
        ("is not valid JSON: {1}",
         "não é JSON válido: {1}"),
        // Sources/JupyterKernel/ConnectionInfo.swift:38
        ("is not a JSON object",
         "não é um objeto JSON"),
        // Sources/JupyterKernel/ConnectionInfo.swift:41
        ("has no {1}",
         "não tem {1}"),
        // Sources/JupyterKernel/ConnectionInfo.swift:42
        ("has {1} that is not a port number",
         "tem {1} que não é um número de porta"),
        // Sources/JupyterKernel/ConnectionInfo.swift:47
        ("has transport \"{1}\"; expected tcp or ipc",
         "tem transport \"{1}\"; esperava-se tcp ou ipc"),
        // Sources/JupyterKernel/ConnectionInfo.swift:50
        ("has no ip",
         "não tem ip"),
        // Sources/JupyterKernel/ConnectionInfo.swift:56
        ("has a key that is not a string",
         "tem uma key que não é uma string"),
        // Packages/CNNCore/Sources/CNNCore/LayerRegistry.swift:29
        ("a layer named `{1}` is already registered (from {2})",
         "uma camada chamada `{1}` já está registrada (de {2})"),
        // Packages/CNNCore/Sources/CNNCore/LayerSpec.swift:39
        (" (also: {1})",
         " (também: {1})"),
        // Packages/CNNCore/Sources/CNNCore/LayerSpec.swift:46
        (" (positional)",
         " (posicional)"),
        // Packages/CNNCore/Sources/CNNCore/MemoryBudget.swift:295
        ("{1} needs {2}, and the system refuses to allocate that much: {3}",
         "{1} precisa de {2}, e o sistema se recusa a alocar tudo isso: {3}"),
        // Packages/CNNCore/Sources/CNNCore/MemoryBudget.swift:297
        ("{1} needs {2}; the kernel's limit is {3} ({4}), of which {5} is in use",
         "{1} precisa de {2}; o limite do kernel é {3} ({4}), dos quais {5} estão em uso"),
        // Packages/CNNCore/Sources/CNNCore/MemoryBudget.swift:298
        (", and other programs leave only {1} free",
         ", e os outros programas deixam só {1} livres"),
        // Packages/CNNCore/Sources/CNNCore/MemoryBudget.swift:320
        ("{1} with {2} weights",
         "{1} com {2} pesos"),
        // Packages/CNNCore/Sources/CNNCore/MemoryBudget.swift:320
        ("use fewer channels or a smaller kernel",
         "use menos canais ou um kernel menor"),
        // Packages/CNNCore/Sources/CNNCore/ONNXGraph.swift:76
        ("the export was interrupted",
         "a exportação foi interrompida"),
        // Packages/CNNCore/Sources/CNNCore/ONNXGraph.swift:80
        ("layer {1} (`{2}`) cannot be written to ONNX: its plugin does not implement ONNXExportable",
         "a camada {1} (`{2}`) não pode ser gravada em ONNX: o plugin dela não implementa ONNXExportable"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:48
        ("a number",
         "um número"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:49
        ("a string",
         "uma string"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:51
        ("true or false",
         "true ou false"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:52
        ("a list",
         "uma lista"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:91
        ("integer",
         "inteiro"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:92
        ("number",
         "número"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:94
        ("one of {1}",
         "um de {1}"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:95
        ("name",
         "nome"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:96
        ("string",
         "string"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:97
        ("file name in double quotes",
         "nome de arquivo entre aspas duplas"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:98
        ("string or number",
         "string ou número"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:99
        ("value",
         "valor"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:100
        ("list of integers",
         "lista de inteiros"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:101
        ("list of numbers",
         "lista de números"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:102
        ("list of names",
         "lista de nomes"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:110
        (" in {1}…{2}",
         " em {1}…{2}"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:147
        (", optional",
         ", opcional"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:147
        (", default {1}",
         ", padrão {1}"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:147
        (", required",
         ", obrigatório"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:313
        ("`{1}` is not an option of {2}{3}",
         "`{1}` não é uma opção de {2}{3}"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:317
        ("`{1}` is given twice",
         "`{1}` aparece duas vezes"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:326
        ("{1} {2}; unexpected {3}{4}",
         "{1} {2}; não se esperava {3}{4}"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:345
        ("{1} needs {2} ({3}){4}",
         "{1} precisa de {2} ({3}){4}"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:356
        ("{1} of {2} is {3}, not {4}",
         "{1} de {2} deve ser {3}, não {4}"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:361
        ("{1} of {2} must be a whole number{3}, got {4}",
         "{1} de {2} deve ser um número inteiro{3}, recebeu {4}"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:363
        ("{1} of {2} must be ≥ {3}, got {4}",
         "{1} de {2} deve ser ≥ {3}, recebeu {4}"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:364
        ("{1} of {2} must be ≤ {3}, got {4}",
         "{1} de {2} deve ser ≤ {3}, recebeu {4}"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:368
        ("{1} of {2} must be a finite number, got {3}",
         "{1} de {2} deve ser um número finito, recebeu {3}"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:378
        ("`{1}` is not a valid {2} of {3} ({4}){5}",
         "`{1}` não é um valor válido para {2} de {3} ({4}){5}"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:386
        ("{1} of {2} is {3}: write \"{4}\"",
         "{1} de {2} deve ser {3}: escreva \"{4}\""),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:391
        ("`{1}` is not a value; write text in double quotes: \"{2}\"",
         "`{1}` não é um valor; escreva o texto entre aspas duplas: \"{2}\""),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:403
        ("{1} of {2} is a list of whole numbers, but holds {3}",
         "{1} de {2} é uma lista de números inteiros, mas contém {3}"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:404
        ("{1} of {2} holds {3}; each must be ≥ {4}",
         "{1} de {2} contém {3}; cada um deve ser ≥ {4}"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:405
        ("{1} of {2} holds {3}; each must be ≤ {4}",
         "{1} de {2} contém {3}; cada um deve ser ≤ {4}"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:411
        ("{1} of {2} is a list of numbers, but holds {3}",
         "{1} de {2} é uma lista de números, mas contém {3}"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:412
        ("{1} of {2} holds {3}; each must be finite",
         "{1} de {2} contém {3}; cada um deve ser finito"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:424
        ("{1} of {2} is a list of names, but holds {3}",
         "{1} de {2} é uma lista de nomes, mas contém {3}"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:563
        ("; did you mean `{1}`?",
         "; você quis dizer `{1}`?"),
        // Packages/CNNCore/Sources/CNNCore/PluginLoader.swift:34
        ("{1} {2}; it is not loaded",
         "{1} {2}; não foi carregado"),
        // Packages/CNNCore/Sources/CNNCore/PluginLoader.swift:38
        ("{1} is not a loadable shared library ({2})",
         "{1} não é uma biblioteca compartilhada carregável ({2})"),
        // Packages/CNNCore/Sources/CNNCore/PluginLoader.swift:42
        ("{1} is not a cnn-kernel plugin: it has no cnn_kernel_plugin_interface_version symbol",
         "{1} não é um plugin do cnn-kernel: não tem o símbolo cnn_kernel_plugin_interface_version"),
        // Packages/CNNCore/Sources/CNNCore/PluginLoader.swift:48
        ("{1} was built against plugin interface version {2}, but this kernel has version {3}; rebuild the plugin",
         "{1} foi compilado para a versão {2} da interface de plugins, mas este kernel tem a versão {3}; recompile o plugin"),
        // Packages/CNNCore/Sources/CNNCore/PluginLoader.swift:52
        ("{1} is not a cnn-kernel plugin: it has no cnn_kernel_plugin_register symbol",
         "{1} não é um plugin do cnn-kernel: não tem o símbolo cnn_kernel_plugin_register"),
        // Packages/CNNCore/Sources/CNNCore/PluginLoader.swift:57
        ("{1}: its registration failed (status {2}); a layer name may already be taken",
         "{1}: o registro falhou (status {2}); talvez um nome de camada já esteja em uso"),
    ]
}
