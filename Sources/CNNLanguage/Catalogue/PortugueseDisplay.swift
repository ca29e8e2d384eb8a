/// Brazilian Portuguese for the kernel's words (see Translations.swift and notebooks/glossary.md).
enum PortugueseDisplay {
    static let entries: [(String, String)] = [
        // Packages/CNNCore/Sources/CNNCore/ELFCheck.swift:17
        ("is not a regular file",
         "não é um arquivo regular"),
        // Packages/CNNCore/Sources/CNNCore/ELFCheck.swift:19
        ("is {1} bytes, too short for an ELF header",
         "tem {1} bytes, pouco demais para um cabeçalho ELF"),
        // Packages/CNNCore/Sources/CNNCore/ELFCheck.swift:21
        ("cannot be read",
         "não pode ser lido"),
        // Packages/CNNCore/Sources/CNNCore/ELFCheck.swift:22
        ("is not an ELF file",
         "não é um arquivo ELF"),
        // Packages/CNNCore/Sources/CNNCore/ELFCheck.swift:23
        ("is not a 64-bit ELF file",
         "não é um arquivo ELF de 64 bits"),
        // Packages/CNNCore/Sources/CNNCore/ELFCheck.swift:24
        ("is not a little-endian ELF file of version 1",
         "não é um arquivo ELF little-endian de versão 1"),
        // Packages/CNNCore/Sources/CNNCore/ELFCheck.swift:25
        ("is an ELF file but not a shared library (type {1})",
         "é um arquivo ELF, mas não uma biblioteca compartilhada (tipo {1})"),
        // Packages/CNNCore/Sources/CNNCore/ELFCheck.swift:33
        ("is a shared library for another CPU (machine {1})",
         "é uma biblioteca compartilhada para outra CPU (máquina {1})"),
        // Packages/CNNCore/Sources/CNNCore/ELFCheck.swift:37
        ("has no valid program headers",
         "não tem cabeçalhos de programa válidos"),
        // Packages/CNNCore/Sources/CNNCore/ELFCheck.swift:38
        ("is truncated: its program headers end past the file ({1} bytes)",
         "está truncado: seus cabeçalhos de programa terminam além do fim do arquivo ({1} bytes)"),
        // Packages/CNNCore/Sources/CNNCore/ELFCheck.swift:40
        ("is truncated: its section headers end past the file ({1} bytes)",
         "está truncado: seus cabeçalhos de seção terminam além do fim do arquivo ({1} bytes)"),
        // Packages/CNNCore/Sources/CNNCore/ELFCheck.swift:51
        ("is truncated or corrupt: segment {1} ends past the file ({2} bytes)",
         "está truncado ou corrompido: o segmento {1} termina além do fim do arquivo ({2} bytes)"),
        // Packages/CNNCore/Sources/CNNCore/ELFCheck.swift:55
        ("has no loadable segments",
         "não tem segmentos carregáveis"),
        // Packages/CNNCore/Sources/CNNCore/GradientCheck.swift:28
        ("{1}: {2} of {3} values ({4} at kinks), max abs error {5}, max rel error {6} {7}",
         "{1}: {2} de {3} valores ({4} em pontos angulosos), erro abs. máx. {5}, erro rel. máx. {6} {7}"),
        // Packages/CNNCore/Sources/CNNCore/MemoryBudget.swift:127
        ("the system",
         "o sistema"),
        // Packages/CNNCore/Sources/CNNCore/MemoryBudget.swift:72
        ("set by CNN_KERNEL_MEMORY_LIMIT",
         "definido por CNN_KERNEL_MEMORY_LIMIT"),
        // Packages/CNNCore/Sources/CNNCore/MemoryBudget.swift:76
        ("set by `memory limit=`",
         "definido por `memory limit=`"),
        // Packages/CNNCore/Sources/CNNCore/MemoryBudget.swift:84
        ("physical memory",
         "memória física"),
        // Packages/CNNCore/Sources/CNNCore/MemoryBudget.swift:85
        ("cgroup memory limit",
         "limite de memória do cgroup"),
        // Packages/CNNCore/Sources/CNNCore/MemoryBudget.swift:77
        ("the hub's limit for this learner (MEM_LIMIT)",
         "o limite do hub para este aluno (MEM_LIMIT)"),
        // Packages/CNNCore/Sources/CNNCore/MemoryBudget.swift:88
        ("address-space limit (ulimit -v)",
         "limite de espaço de endereçamento (ulimit -v)"),
        // Packages/CNNCore/Sources/CNNCore/MemoryBudget.swift:91
        ("data-segment limit (ulimit -d)",
         "limite do segmento de dados (ulimit -d)"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:313
        ("; it takes no options",
         "; não aceita opções"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:324
        ("takes no positional values",
         "não aceita argumentos por posição"),
        // Packages/CNNCore/Sources/CNNCore/Parameters.swift:326
        ("; name the others ({1})",
         "; dê nome aos demais ({1})"),
        // Packages/CNNCore/Sources/CNNCore/PluginLoader.swift:38
        ("unknown error",
         "erro desconhecido"),
        // Sources/CNNEngine/Data/PicturePreparation.swift:115
        ("grey levels spread as the data's are ({1}…{2} → {3}…{4})",
         "níveis de cinza espalhados como os dos dados ({1}…{2} → {3}…{4})"),
        // Sources/CNNEngine/Data/PicturePreparation.swift:59
        ("made grey (luma), as the data are",
         "convertida para cinza (luma), como os dados"),
        // Sources/CNNEngine/Data/PicturePreparation.swift:92
        (" (whole picture, the sides filled with its border's colour)",
         " (imagem inteira, as laterais preenchidas com a cor da borda dela)"),
        // Sources/CNNEngine/Data/PicturePreparation.swift:93
        (" (the middle {1}×{2})",
         " (o centro {1}×{2})"),
        // Sources/CNNEngine/Data/Readers.swift:64
        ("more than its header declares",
         "mais do que o cabeçalho declara"),
        // Sources/CNNEngine/Data/Readers.swift:70
        ("more than 2 GiB",
         "mais de 2 GiB"),
        // Sources/CNNEngine/Model/ModelSpecJSON.swift:35
        ("argument {1} of {2} has an unreadable value",
         "o argumento {1} de {2} tem um valor ilegível"),
        // Sources/CNNEngine/Model/ModelSpecJSON.swift:46
        ("not a model description: {1}",
         "não é uma descrição de modelo: {1}"),
        // Sources/CNNEngine/Model/ONNXExport.swift:55
        ("{1}: the images as the model sees them (already normalised), (N, {2})",
         "{1}: as imagens como o modelo as vê (já normalizadas), (N, {2})"),
        // Sources/CNNEngine/Model/ONNXExport.swift:56
        ("{1}: pixel values in [0, 1], (N, {2}); the graph normalises them with the training data's mean and standard deviation",
         "{1}: valores de pixel em [0, 1], (N, {2}); o grafo os normaliza com a média e o desvio padrão dos dados de treino"),
        // Sources/CNNEngine/Structure/Residual.swift:14
        ("the identity shortcut keeps the input {1}",
         "o atalho identidade mantém a entrada {1}"),
        // Sources/CNNEngine/Structure/Residual.swift:14
        ("the shortcut gives {1}",
         "o atalho dá {1}"),
        // Sources/CNNEngine/Structure/Residual.swift:27
        ("identity shortcut",
         "atalho identidade"),
        // Sources/CNNEngine/Structure/Residual.swift:27
        ("projection shortcut",
         "atalho de projeção"),
        // Sources/CNNEngine/Training/LearningRateFinder.swift:57
        ("the loss stopped being a finite number",
         "a perda deixou de ser um número finito"),
        // Sources/CNNEngine/Training/LearningRateFinder.swift:67
        ("the loss blew up (over four times its lowest)",
         "a perda explodiu (mais de quatro vezes o seu mínimo)"),
        // Sources/CNNEngine/Training/RunLog.swift:82
        ("{1} is not a directory",
         "{1} não é um diretório"),
        // Sources/CNNLanguage/Commands/DataAndTraining/ClassifyCommand.swift:148
        ("the uploaded picture",
         "imagem enviada"),
        // Sources/CNNLanguage/Commands/DataAndTraining/ClassifyCommand.swift:157
        ("this model has been replaced since; run the cell again",
         "este modelo foi substituído desde então; execute a célula de novo"),
        // Sources/CNNLanguage/Commands/DataAndTraining/ClassifyCommand.swift:44
        ("(a picture of your own: classify \"FILE.png\", or the Upload button in a notebook with Jupyter widgets)\n",
         "(uma imagem sua: classify \"FILE.png\", ou o botão Upload num caderno com widgets do Jupyter)\n"),
        // Sources/CNNLanguage/Commands/DataAndTraining/ClassifyCommand.swift:51
        ("(upload a picture of your own with the button, in a frontend with Jupyter widgets)\n",
         "(envie uma imagem sua com o botão, num frontend com widgets do Jupyter)\n"),
        // Sources/CNNLanguage/Commands/DataAndTraining/DataCommand.swift:83
        (", {1} test images of {2}, {3} classes",
         ", {1} de teste, imagens de forma {2}, {3} classes"),
        // Sources/CNNLanguage/Commands/DataAndTraining/DrawCommand.swift:100
        ("draw with the mouse, a pen or a finger; the prediction follows",
         "desenhe com o mouse, uma caneta ou o dedo; a previsão acompanha"),
        // Sources/CNNLanguage/Commands/DataAndTraining/DrawCommand.swift:123
        ("the sketch: {1}",
         "o desenho: {1}"),
        // Sources/CNNLanguage/Commands/DataAndTraining/DrawCommand.swift:38
        ("a blank pad",
         "um bloco em branco"),
        // Sources/CNNLanguage/Commands/DataAndTraining/DrawCommand.swift:46
        ("(the drawing pad needs a frontend with Jupyter widgets and anywidget)\n",
         "(o bloco de desenho precisa de um frontend com widgets do Jupyter e anywidget)\n"),
        // Sources/CNNLanguage/Commands/DataAndTraining/DrawCommand.swift:50
        ("(a drawing pad: JupyterLab or Notebook 7 with anywidget show it)\n",
         "(um bloco de desenho: o JupyterLab ou o Notebook 7 com anywidget o mostram)\n"),
        // Sources/CNNLanguage/Commands/DataAndTraining/LRFindCommand.swift:53
        (": ended early, {1}",
         ": terminou antes, {1}"),
        // Sources/CNNLanguage/Commands/DataAndTraining/LRFindCommand.swift:58
        ("learning-rate range test of {1} ({2}, batch {3})",
         "teste de faixa da taxa de aprendizado de {1} ({2}, lote {3})"),
        // Sources/CNNLanguage/Commands/DataAndTraining/LRFindCommand.swift:58
        ("learning rate (log scale)",
         "taxa de aprendizado (escala log)"),
        // Sources/CNNLanguage/Commands/DataAndTraining/LRFindCommand.swift:60
        ("loss of each step",
         "perda de cada passo"),
        // Sources/CNNLanguage/Commands/DataAndTraining/LRFindCommand.swift:71
        ("learning-rate range test of {1}: {2} steps, lr {3} → {4}",
         "teste de faixa da taxa de aprendizado de {1}: {2} passos, lr {3} → {4}"),
        // Sources/CNNLanguage/Commands/DataAndTraining/LRFindCommand.swift:72
        (" (ended early: {1})",
         " (terminou antes: {1})"),
        // Sources/CNNLanguage/Commands/DataAndTraining/LRFindCommand.swift:73
        ("smoothed loss against log10(lr)",
         "perda suavizada em função de log10(lr)"),
        // Sources/CNNLanguage/Commands/DataAndTraining/LRFindCommand.swift:75
        ("suggested lr: {1} (where the loss falls fastest)",
         "lr sugerida: {1} (onde a perda cai mais rápido)"),
        // Sources/CNNLanguage/Commands/DataAndTraining/LRFindCommand.swift:76
        ("; the loss is lowest at {1}, and a tenth of that, {2}, is the other usual pick",
         "; a perda é mínima em {1}, e um décimo disso, {2}, é a outra escolha comum"),
        // Sources/CNNLanguage/Commands/DataAndTraining/LRFindCommand.swift:79
        ("no clear descent: the loss did not fall before it rose (a trained model has little left to learn at any rate; on a fresh one, try a wider range or more steps)\n",
         "nenhuma descida clara: a perda não caiu antes de subir (um modelo já treinado tem pouco a aprender com qualquer taxa; num modelo novo, tente uma faixa mais ampla ou mais passos)\n"),
        // Sources/CNNLanguage/Commands/DataAndTraining/LRFindCommand.swift:81
        ("the weights of {1} are as they were before the test\n",
         "os pesos de {1} estão como estavam antes do teste\n"),
        // Sources/CNNLanguage/Commands/DataAndTraining/PredictCommand.swift:20
        ("image {1} ({2}): true class {3}; predicted {4} ({5}){6}\n",
         "imagem {1} ({2}): classe verdadeira {3}; prevista {4} ({5}){6}\n"),
        // Sources/CNNLanguage/Commands/DataAndTraining/TrainCommand.swift:110
        ("lr set to {1} from step {2}",
         "lr definida como {1} a partir do passo {2}"),
        // Sources/CNNLanguage/Commands/DataAndTraining/TrainCommand.swift:141
        ("the picture was redrawn {1} times, {2} ms in all: {3} of the training time",
         "a imagem foi redesenhada {1} vezes, {2} ms no total: {3} do tempo de treino"),
        // Sources/CNNLanguage/Commands/DataAndTraining/TrainCommand.swift:144
        ("the run log stopped: {1}",
         "o registro da execução parou: {1}"),
        // Sources/CNNLanguage/Commands/DataAndTraining/TrainCommand.swift:144
        ("written to {1}: metrics.csv and {2} (tensorboard --logdir {3})",
         "gravado em {1}: metrics.csv e {2} (tensorboard --logdir {3})"),
        // Sources/CNNLanguage/Commands/DataAndTraining/TrainCommand.swift:147
        ("stopped early after epoch {1}: the validation loss has not improved for {2} epoch{3}; the model keeps the weights of epoch {4} (validation loss {5})",
         "parada antecipada após a época {1}: a perda de validação não melhora há {2} época{3}; o modelo mantém os pesos da época {4} (perda de validação {5})"),
        // Sources/CNNLanguage/Commands/DataAndTraining/TrainCommand.swift:152
        ("the model can learn: it fits them exactly (now train on all the data)",
         "o modelo consegue aprender: ele se ajusta exatamente a elas (agora treine com todos os dados)"),
        // Sources/CNNLanguage/Commands/DataAndTraining/TrainCommand.swift:153
        ("not yet fitted: more epochs or a higher lr; if it never gets there, look for a bug (labels that do not match the images, a layer that blocks the gradient, a learning rate of 0)",
         "ainda não ajustado: mais épocas ou uma lr maior; se nunca chegar lá, procure um bug (rótulos que não correspondem às imagens, uma camada que bloqueia o gradiente, uma taxa de aprendizado igual a 0)"),
        // Sources/CNNLanguage/Commands/DataAndTraining/TrainCommand.swift:154
        ("overfit check on the same {1} images: loss {2}, accuracy {3}; {4}",
         "teste de overfitting nas mesmas {1} imagens: perda {2}, acurácia {3}; {4}"),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:151
        ("the data has been replaced since; run the cell again to pick from the new images",
         "os dados foram substituídos desde então; execute a célula de novo para escolher entre as novas imagens"),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:165
        ("values: a square of numbers with an odd side up to 7, rows separated by ; (as -1 0 1; -2 0 2; -1 0 1)",
         "values: um quadrado de números de lado ímpar até 7, linhas separadas por ; (como -1 0 1; -2 0 2; -1 0 1)"),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:171
        ("a {1}×{2} kernel with dilation {3} and padding {4} does not fit a {5}×{6} image: the output would be empty",
         "um kernel {1}×{2} com dilatação {3} e preenchimento {4} não cabe numa imagem {5}×{6}: a saída ficaria vazia"),
        // Sources/CNNLanguage/Commands/LookingInside/ConvolveCommand.swift:52
        ("image {1} of the {2} set ({3})",
         "imagem {1} do conjunto de {2} ({3})"),
        // Sources/CNNLanguage/Commands/Models/CompareCommand.swift:18
        ("best val. acc.",
         "melhor acur. val."),
        // Sources/CNNLanguage/Commands/Models/CompareCommand.swift:18
        ("test acc.",
         "acur. teste"),
        // Sources/CNNLanguage/Commands/Models/ExportCommand.swift:52
        ("pixel values in [0, 1], shape (N, {1}); the graph normalises them as training did",
         "valores de pixel em [0, 1], forma (N, {1}); o grafo os normaliza como no treino"),
        // Sources/CNNLanguage/Commands/Models/ExportCommand.swift:53
        ("images already normalised as the model sees them, shape (N, {1})",
         "imagens já normalizadas como o modelo as vê, forma (N, {1})"),
        // Sources/CNNLanguage/Commands/Models/ExportCommand.swift:66
        ("  {1} stored values (weights and normalisation statistics)\n",
         "  {1} valores armazenados (pesos e estatísticas de normalização)\n"),
        // Sources/CNNLanguage/Commands/Models/ExportCommand.swift:67
        ("Open it in Netron (https://netron.app) to see the graph, or run it with onnxruntime:\n",
         "Abra-o no Netron (https://netron.app) para ver o grafo, ou execute-o com onnxruntime:\n"),
        // Sources/CNNLanguage/Commands/Models/ExportCommand.swift:73
        ("<tr><td>stored values</td><td>{1}</td></tr></table>",
         "<tr><td>valores armazenados</td><td>{1}</td></tr></table>"),
        // Sources/CNNLanguage/Commands/Models/ExportCommand.swift:74
        ("<p>Open it in <a href=\"https://netron.app\" target=\"_blank\">Netron</a> to see the graph, or run it with onnxruntime:</p>",
         "<p>Abra-o no <a href=\"https://netron.app\" target=\"_blank\">Netron</a> para ver o grafo, ou execute-o com onnxruntime:</p>"),
        // Sources/CNNLanguage/Commands/Models/LoadCommand.swift:33
        ("loaded {1} from {2}: {3} → {4}, {5} parameters, {6} epochs of history\n",
         "{1} carregado de {2}: {3} → {4}, {5} parâmetros, {6} épocas de histórico\n"),
        // Sources/CNNLanguage/Commands/Models/UseCommand.swift:13
        ("current model: {1}\n",
         "modelo atual: {1}\n"),
        // Sources/CNNLanguage/Commands/Support/LiveControls.swift:32
        ("[Stop] [lr {1}]  (controls of a notebook with widgets; here, Ctrl-C stops training)",
         "[Parar] [lr {1}]  (controles de um notebook com widgets; aqui, Ctrl-C para o treino)"),
        // Sources/CNNLanguage/Display/ProgressBar.swift:51
        ("{1}: {2} steps; the line below moves with them",
         "{1}: {2} passos; a linha abaixo avança com eles"),
        // Sources/CNNLanguage/Display/TrainingDisplay.swift:104
        ("epoch {1}/{2} {3} {4}% · loss {5} · accuracy {6} · {7} left",
         "época {1}/{2} {3} {4}% · perda {5} · acurácia {6} · faltam {7}"),
        // Sources/CNNLanguage/Display/TrainingDisplay.swift:56
        ("{1}: {2} epoch{3} of {4} batches. The line below shows the progress at each tenth of an epoch and every 5 s in between; each epoch ends with a line of its own.",
         "{1}: {2} época{3} de {4} lotes. A linha abaixo mostra o progresso a cada décimo de época e a cada 5 s entre eles; cada época termina com uma linha própria."),
        // Sources/CNNLanguage/Views/HistogramsView.swift:83
        (" (tallest bar: {1} values)",
         " (barra mais alta: {1} valores)"),
        // Sources/CNNLanguage/Commands/Support/LiveControls.swift:45
        ("filters of {1}, as training changes them",
         "filtros de {1}, conforme o treino os altera"),
        // Sources/CNNLanguage/Commands/Support/LiveControls.swift:48
        ("layer with feature maps",
         "camada com mapas de características"),
        // Sources/CNNLanguage/Commands/Support/LiveControls.swift:58
        ("feature maps of {1} for image 0, as training changes them",
         "mapas de características de {1} para a imagem 0, conforme o treino os altera"),
        // Sources/CNNLanguage/Commands/Support/ModelAccess.swift:109
        ("{1} layer",
         "camada {1}"),
        // Sources/CNNLanguage/Commands/Support/QuickMode.swift:30
        (" (quick mode, CNN_KERNEL_QUICK=1: data shrunk)",
         " (modo rápido, CNN_KERNEL_QUICK=1: dados reduzidos)"),
        // Sources/CNNLanguage/Commands/Tools/MemoryCommand.swift:38
        ("in use",
         "em uso"),
        // Sources/CNNLanguage/Commands/Tools/MemoryCommand.swift:38
        ("address space of the kernel",
         "espaço de endereçamento do kernel"),
        // Sources/CNNLanguage/Commands/Tools/MemoryCommand.swift:38
        ("resident memory of the kernel",
         "memória residente do kernel"),
        // Sources/CNNLanguage/Commands/Tools/MemoryCommand.swift:39
        ("what other programs leave",
         "o que os outros programas deixam"),
        // Sources/CNNLanguage/Commands/Tools/MemoryCommand.swift:42
        ("by the kernel's code, of which:",
         "pelo código do kernel, dos quais:"),
        // Sources/CNNLanguage/Commands/Tools/MemoryCommand.swift:43
        ("held by tensors",
         "ocupados por tensores"),
        // Sources/CNNLanguage/Commands/Tools/MemoryCommand.swift:46
        ("held by the data",
         "ocupados pelos dados"),
        // Sources/CNNLanguage/Commands/Tools/MemoryCommand.swift:46
        ("{1}, one byte per pixel",
         "{1}, um byte por pixel"),
        // Sources/CNNLanguage/Commands/Tools/MemoryCommand.swift:53
        ("mapped from the data cache",
         "mapeados do cache de dados"),
        ("the pixels, shared with every kernel on this machine that loads the same data",
         "os pixels, compartilhados com todo kernel desta máquina que carrega os mesmos dados"),
        ("{1}: the labels, and which images each split holds",
         "{1}: os rótulos e quais imagens cada divisão contém"),
        // Sources/CNNLanguage/Commands/Tools/MemoryCommand.swift:48
        ("kept for reuse",
         "guardados para reuso"),
        // Sources/CNNLanguage/Commands/Tools/MemoryCommand.swift:48
        ("freed, not counted as in use",
         "liberados, não contados como em uso"),
        // Sources/CNNLanguage/Commands/Tools/MemoryCommand.swift:54
        ("{1}: training at batch {2}",
         "{1}: treino com lote {2}"),
        // Sources/CNNLanguage/Commands/Tools/MemoryCommand.swift:55
        ("{1} for the weights, copies and optimiser + {2} per image; {3} more than it holds now",
         "{1} para os pesos, cópias e otimizador + {2} por imagem; {3} a mais do que ocupa agora"),
        // Sources/CNNLanguage/Commands/Tools/MemoryCommand.swift:58
        ("{1}: largest batch that fits",
         "{1}: maior lote que cabe"),
        // Sources/CNNLanguage/Commands/Tools/MemoryCommand.swift:58
        ("65,536 or more",
         "65,536 ou mais"),
        // Sources/CNNLanguage/Commands/Tools/PluginsCommand.swift:11
        ("plugin search path: {1}",
         "caminho de busca de plugins: {1}"),
        // Sources/CNNLanguage/Commands/Tools/PluginsCommand.swift:16
        ("not loaded at start-up: {1}",
         "não carregado na inicialização: {1}"),
        // Sources/CNNLanguage/Display/HistoryCharts.swift:59
        ("{1} by epoch",
         "{1} por época"),
        // Sources/CNNLanguage/Display/HistoryCharts.swift:72
        (" (learning rate at the epoch's end)",
         " (taxa de aprendizado no fim da época)"),
        // Sources/CNNLanguage/Display/ModelSummary.swift:61
        ("model {1} (forward time measured on a batch of 32 in evaluation mode; receptive field in input pixels)",
         "modelo {1} (tempo da propagação direta medido num lote de 32 em modo de avaliação; campo receptivo em pixels da entrada)"),
        // Sources/CNNLanguage/Display/ModelSummary.swift:62
        ("output shape",
         "forma de saída"),
        // Sources/CNNLanguage/Display/ModelSummary.swift:63
        ("receptive field",
         "campo receptivo"),
        // Sources/CNNLanguage/Display/ModelSummary.swift:78
        ("memory: input {1} an image; kept for backward {2} an image (the kept/image column: each layer's output, a dropout's mask, a max pool's choices); parameters {3}, their gradients as much, and SGD's momentum as much again (Adam: twice)",
         "memória: entrada {1} por imagem; guardado para a retropropagação {2} por imagem (a coluna retido/imagem: a saída de cada camada, a máscara de um dropout, as escolhas de um max pool); parâmetros {3}, seus gradientes outro tanto, e o momento (momentum) do SGD outro tanto (Adam: o dobro)"),
        // Sources/CNNLanguage/Display/ModelSummary.swift:79
        ("a training step at batch 128 with SGD needs about {1} in all (`memory` says what fits here)",
         "um passo de treino com lote 128 e SGD precisa de cerca de {1} no total (`memory` diz o que cabe aqui)"),
        // Sources/CNNLanguage/Display/ModelSummary.swift:87
        ("layers inside a block are named within it: `layer={1}` is the model's own {2}; the one inside is `layer={3}`",
         "as camadas dentro de um bloco são nomeadas dentro dele: `layer={1}` é a camada {2} do próprio modelo; a de dentro do bloco é `layer={3}`"),
        // Sources/CNNLanguage/Display/TrainingDisplay.swift:101
        ("epoch {1}: train loss {2}, accuracy {3}",
         "época {1}: perda de treino {2}, acurácia {3}"),
        // Sources/CNNLanguage/Display/TrainingDisplay.swift:102
        ("; validation loss {1}, accuracy {2}",
         "; perda de validação {1}, acurácia {2}"),
        // Sources/CNNLanguage/Display/TrainingDisplay.swift:120
        ("<div>epoch {1}/{2}, batch {3}/{4} · this epoch so far: loss <b>{5}</b>, accuracy <b>{6}</b> over {7} images · last batch: loss {8} · {9} images/s · {10} left · lr {11}</div>",
         "<div>época {1}/{2}, lote {3}/{4} · nesta época até agora: perda <b>{5}</b>, acurácia <b>{6}</b> em {7} imagens · último lote: perda {8} · {9} imagens/s · faltam {10} · lr {11}</div>"),
        // Sources/CNNLanguage/Display/TrainingDisplay.swift:137
        ("train loss",
         "perda treino"),
        // Sources/CNNLanguage/Display/TrainingDisplay.swift:137
        ("train acc.",
         "acur. treino"),
        // Sources/CNNLanguage/Display/TrainingDisplay.swift:84
        ("stopped with the Stop button at epoch {1}, batch {2}; the model keeps the weights of the last finished step",
         "parado com o botão Parar na época {1}, lote {2}; o modelo mantém os pesos do último passo concluído"),
        // Sources/CNNLanguage/Display/TrainingDisplay.swift:90
        ("interrupted at epoch {1}, batch {2}; the model keeps the weights of the last finished step",
         "interrompido na época {1}, lote {2}; o modelo mantém os pesos do último passo concluído"),
        // Sources/CNNLanguage/Display/TrainingDisplay.swift:91
        ("diverged at epoch {1}, batch {2} (loss {3}); the model keeps the weights from before that batch",
         "divergiu na época {1}, lote {2} (perda {3}); o modelo mantém os pesos de antes desse lote"),
        // Sources/CNNLanguage/Display/TrainingDisplay.swift:97
        ("this epoch so far: loss {1}, accuracy {2} over {3} images; last batch loss {4}",
         "nesta época até agora: perda {1}, acurácia {2} em {3} imagens; perda do último lote {4}"),
        // Sources/CNNLanguage/Interpreter/CNNInterpreter.swift:154
        ("a user expression must be one arithmetic expression",
         "uma expressão de usuário deve ser uma única expressão aritmética"),
        // Sources/CNNLanguage/Interpreter/CNNInterpreter.swift:86
        ("CNN kernel {1}: a language for building, training and looking inside convolutional networks.\n",
         "CNN kernel {1}: uma linguagem para construir e treinar redes convolucionais e olhar dentro delas.\n"),
        // Sources/CNNLanguage/Interpreter/CNNInterpreter.swift:87
        ("Type `help` for the commands.",
         "Digite `help` para ver os comandos."),
        // Sources/CNNLanguage/Interpreter/Help.swift:7
        ("CNN kernel {1}\n\n",
         "CNN kernel {1}\n\n"),
        // Sources/CNNLanguage/Syntax/Parser.swift:356
        ("the end of the line",
         "o fim da linha"),
        // Sources/CNNLanguage/Syntax/Parser.swift:54
        ("`end` without a block to close",
         "`end` sem um bloco para fechar"),
        // Sources/CNNLanguage/Syntax/Parser.swift:55
        ("`{1}` without a block to belong to",
         "`{1}` sem um bloco ao qual pertencer"),
        // Sources/CNNLanguage/Syntax/Syntax.swift:32
        ("an expression",
         "uma expressão"),
    ]
}
