/// Brazilian Portuguese for the kernel's words (see Translations.swift and notebooks/glossary.md).
enum PortugueseCommandHelp {
    static let entries: [(String, String)] = [
        // run time
        ("Writes its values to standard output, separated by spaces.",
         "Escreve seus valores na saída padrão, separados por espaços."),
        // run time
        ("strings in double quotes, or numbers and arithmetic",
         "strings entre aspas duplas, ou números e aritmética"),
        // run time
        ("Writes its values to standard error (shown in red by most frontends).",
         "Escreve seus valores na saída de erro padrão (mostrada em vermelho pela maioria das interfaces)."),
        // run time
        ("strings in double quotes, or numbers",
         "strings entre aspas duplas, ou números"),
        // run time
        ("Stops the cell with an error carrying the message.",
         "Interrompe a célula com um erro que traz a mensagem."),
        // run time
        ("Lines before it have run and their effects stay; lines after it do not run.",
         "As linhas anteriores já rodaram e seus efeitos permanecem; as linhas seguintes não rodam."),
        // run time
        ("what went wrong",
         "o que deu errado"),
        // run time
        ("Waits the given number of seconds. An interrupt ends the wait at once.",
         "Espera o número de segundos indicado. Uma interrupção encerra a espera na hora."),
        // run time
        ("how long to wait",
         "quanto tempo esperar"),
        // run time
        ("Shows a progress bar and advances it in place, one step at a time.",
         "Mostra uma barra de progresso e a avança no mesmo lugar, um passo por vez."),
        // run time
        ("One output is shown and then updated once per step (update_display_data), not one line per step; a console, which shows no updates, gets a line rewritten in place.\nSteps are capped at 10000 so that a typo cannot flood the frontend with updates.",
         "Uma única saída é mostrada e depois atualizada a cada passo (update_display_data), não uma linha por passo; um console, que não mostra atualizações, recebe uma linha reescrita no lugar.\nOs passos são limitados a 10000 para que um erro de digitação não inunde a interface com atualizações."),
        // run time
        ("number of steps",
         "número de passos"),
        // run time
        ("seconds to wait at each step",
         "segundos de espera a cada passo"),
        // run time
        ("Clears the output of the cell so far.",
         "Apaga a saída da célula até aqui."),
        // run time
        ("clear only when the next output arrives (no flicker)",
         "apagar só quando a próxima saída chegar (sem piscar)"),
        // run time
        ("Shows the documentation of a command, or the list of commands.",
         "Mostra a documentação de um comando, ou a lista de comandos."),
        // run time
        ("a command, layer, block or keyword",
         "um comando, camada, bloco ou palavra-chave"),
        // run time
        ("Ends a jupyter console session (notebooks ignore it; the kernel keeps running there).",
         "Encerra uma sessão do jupyter console (os cadernos o ignoram; neles o kernel continua rodando)."),
        // run time
        ("leave the kernel running after the console exits",
         "deixar o kernel rodando depois que o console for encerrado"),
        // run time
        ("Loads a data set: Fashion-MNIST (Debian's dataset-fashion-mnist), an IDX directory, CIFAR-10 (binary version) or synthetic shapes.",
         "Carrega um conjunto de dados: Fashion-MNIST (o dataset-fashion-mnist do Debian), um diretório IDX, CIFAR-10 (versão binária) ou figuras sintéticas."),
        // run time
        ("The training images are split into training and validation (val=); pixels are normalised with the training set's per-channel mean and standard deviation. Augmentation applies to training batches only.",
         "As imagens de treino são divididas em treino e validação (val=); os pixels são normalizados com a média e o desvio padrão por canal do conjunto de treino. O aumento de dados vale só para os lotes de treino."),
        // run time
        ("fashion-mnist, idx, cifar10 or shapes",
         "fashion-mnist, idx, cifar10 ou shapes"),
        // run time
        ("directory of the files (idx, cifar10; fashion-mnist defaults to /usr/share/datasets/fashion-mnist)",
         "diretório dos arquivos (idx, cifar10; para fashion-mnist o padrão é /usr/share/datasets/fashion-mnist)"),
        // run time
        ("training images held out for validation (default: a tenth, at most 5000)",
         "imagens de treino reservadas para validação (padrão: um décimo, no máximo 5000)"),
        // run time
        ("use only this many training images (0: all)",
         "usar só esta quantidade de imagens de treino (0: todas)"),
        // run time
        ("training augmentation: flip, crop(4) (pad and crop), resizedcrop",
         "aumento de dados no treino: flip, crop(4) (preenche e recorta), resizedcrop"),
        // run time
        ("shapes: number of images (a sixth more are made for the test set)",
         "shapes: número de imagens (mais um sexto é gerado para o conjunto de teste)"),
        // run time
        ("shapes: image size",
         "shapes: tamanho da imagem"),
        // run time
        ("shapes: 1 (grey) or 3 (colour)",
         "shapes: 1 (tons de cinza) ou 3 (cores)"),
        // run time
        ("shapes: which images; also the validation split",
         "shapes: quais imagens; também define a divisão de validação"),
        // run time
        ("Makes a model the current one (the one train, evaluate, summary … use by default).",
         "Torna um modelo o atual (o que train, evaluate, summary … usam por padrão)."),
        // run time
        ("a model name",
         "o nome de um modelo"),
        // run time
        ("A table of the model's layers: name, type, output shape, parameters, multiply-adds.",
         "Uma tabela das camadas do modelo: nome, tipo, forma da saída, parâmetros, multiplicações-adições."),
        // run time
        ("a model name (default: the current model)",
         "o nome de um modelo (padrão: o modelo atual)"),
        // run time
        ("The number of trained parameters of a model, as the cell's value.",
         "O número de parâmetros treináveis de um modelo, como valor da célula."),
        // run time
        ("Trains the current model on the loaded data, showing live progress; continues from where the last train stopped.",
         "Treina o modelo atual com os dados carregados, mostrando o progresso ao vivo; continua de onde o último train parou."),
        // run time
        ("Each epoch shuffles the training images, and ends with a pass over the validation images. The weights of the best validation epoch are kept (the highest accuracy; with patience=, the lowest loss). An interrupt stops between two batches and leaves a usable model. Two habits of careful training: patience=N stops early once the validation loss has stopped improving; overfit=1 trains on one batch again and again, a check that the model and its data can learn at all before a long run.",
         "Cada época embaralha as imagens de treino e termina com uma passada pelas imagens de validação. Ficam os pesos da melhor época na validação (a maior acurácia; com patience=, a menor perda). Uma interrupção para entre dois lotes e deixa um modelo utilizável. Dois hábitos de um treino cuidadoso: patience=N para cedo quando a perda de validação deixa de melhorar; overfit=1 treina num só lote repetidas vezes, para verificar se o modelo e seus dados conseguem aprender antes de um treino longo."),
        // run time
        ("passes over the training images",
         "passadas pelas imagens de treino"),
        // run time
        ("images per step",
         "imagens por passo"),
        // run time
        ("sgd (with momentum), adam or adamw",
         "sgd (com momento), adam ou adamw"),
        // run time
        ("learning rate",
         "taxa de aprendizado"),
        // run time
        ("SGD momentum",
         "momento (momentum) do SGD"),
        // run time
        ("Nesterov momentum",
         "momento de Nesterov"),
        // run time
        ("L2 penalty (decoupled for adamw)",
         "penalidade L2 (desacoplada no adamw)"),
        // run time
        ("constant, cosine, onecycle, or multistep(E1, E2, …): ×0.1 at those epochs",
         "constant, cosine, onecycle ou multistep(E1, E2, …): ×0.1 nessas épocas"),
        // run time
        ("clip the gradient norm to this (0: no clipping)",
         "limitar a norma do gradiente a este valor (0: sem limite)"),
        // run time
        ("at most this many batches per epoch (0: all)",
         "no máximo esta quantidade de lotes por época (0: todos)"),
        // run time
        ("early stopping: end once the validation loss has not improved for this many epochs, keeping the best epoch's weights (0: off)",
         "parada antecipada: terminar quando a perda de validação não melhorar por esta quantidade de épocas, mantendo os pesos da melhor época (0: desligada)"),
        // run time
        ("sanity check: train on this many batches only, the same every epoch; a model that can learn reaches 100% on them (0: off)",
         "verificação de sanidade: treinar só nesta quantidade de lotes, os mesmos a cada época; um modelo capaz de aprender chega a 100% neles (0: desligada)"),
        // run time
        ("write the run into this directory: metrics.csv (a row per epoch) and a TensorBoard event file (tensorboard --logdir DIR)",
         "gravar o treino neste diretório: metrics.csv (uma linha por época) e um arquivo de eventos do TensorBoard (tensorboard --logdir DIR)"),
        // run time
        ("a picture in the live display, redrawn every 2 s as training changes it: a layer's feature maps for one validation image, or a convolution's filters (layer= picks it)",
         "uma imagem na exibição ao vivo, redesenhada a cada 2 s conforme o treino a muda: os mapas de características de uma camada para uma imagem de validação, ou os filtros de uma convolução (layer= escolhe qual)"),
        // run time
        ("a layer of the model, by its name (conv1, resblock2.residual1…)",
         "uma camada do modelo, pelo nome (conv1, resblock2.residual1…)"),
        // run time
        ("the model (default: the current model)",
         "o modelo (padrão: o modelo atual)"),
        // run time
        ("The learning-rate range test: the loss as the learning rate grows from tiny to huge, with a suggested rate; the model's weights are put back afterwards.",
         "O teste de faixa da taxa de aprendizado: a perda enquanto a taxa de aprendizado cresce de minúscula a enorme, com uma taxa sugerida; os pesos do modelo são restaurados depois."),
        // run time
        ("A few hundred training steps with a fresh optimiser, the rate multiplied by the same factor at each step. The loss falls once the rate is large enough to learn, then rises and blows up once it is too large (the test ends there). The suggestion is where the smoothed loss falls fastest; a tenth of the rate at its minimum is the other usual pick. Then train with it: `train lr=…`.",
         "Algumas centenas de passos de treino com um otimizador novo, a taxa multiplicada pelo mesmo fator a cada passo. A perda cai quando a taxa fica grande o bastante para aprender, depois sobe e explode quando fica grande demais (o teste termina aí). A sugestão é onde a perda suavizada cai mais rápido; um décimo da taxa no mínimo da perda é a outra escolha comum. Depois, treine com ela: `train lr=…`."),
        // run time
        ("the first learning rate",
         "a taxa de aprendizado inicial"),
        // run time
        ("the last learning rate",
         "a taxa de aprendizado final"),
        // run time
        ("training steps, the rate growing by the same factor at each",
         "passos de treino, com a taxa crescendo pelo mesmo fator a cada um"),
        // run time
        ("Accuracy and loss of a model on the test (or validation, or training) images, as the cell's value.",
         "Acurácia e perda de um modelo nas imagens de teste (ou de validação, ou de treino), como valor da célula."),
        // run time
        ("which images",
         "quais imagens"),
        // run time
        ("at most this many images (0: all)",
         "no máximo esta quantidade de imagens (0: todas)"),
        // run time
        ("The model's prediction for one image: its class probabilities beside the true label.",
         "A previsão do modelo para uma imagem: as probabilidades das classes ao lado do rótulo verdadeiro."),
        // run time
        ("which image",
         "qual imagem"),
        // run time
        ("The model on a picture of your own: its class probabilities as bars, and where the evidence lies (Grad-CAM).",
         "O modelo diante de uma imagem sua: as probabilidades das classes em barras, e onde está a evidência (Grad-CAM)."),
        // run time
        ("The picture (PNG or JPEG, a phone photo turned upright by its EXIF tag) is made into the data's shape the way the data were made: grey when the data are, fitted into their size, grey levels stretched, and inverted when its background is the opposite of the data's (a dark sketch on white paper, for Fashion-MNIST's light things on black). In a notebook with Jupyter widgets, `classify` alone shows an Upload button and classifies a test image until you upload one.",
         "A imagem (PNG ou JPEG; uma foto de celular é endireitada pela sua tag EXIF) é levada à forma dos dados do mesmo jeito que os dados foram feitos: em tons de cinza quando os dados são, ajustada ao tamanho deles, com os níveis de cinza esticados, e invertida quando o fundo é o oposto do dos dados (um desenho escuro em papel branco, para os objetos claros sobre preto do Fashion-MNIST). Num caderno com Jupyter widgets, `classify` sozinho mostra um botão Upload e classifica uma imagem de teste até você enviar uma."),
        // run time
        ("a PNG or JPEG file (default: upload one with the button, or a test image)",
         "um arquivo PNG ou JPEG (padrão: enviar um pelo botão, ou uma imagem de teste)"),
        // run time
        ("pad: the whole picture; crop: its middle; stretch: squeezed",
         "pad: a imagem inteira; crop: o centro dela; stretch: espremida"),
        // run time
        ("auto: when its background is the opposite of the data's",
         "auto: quando o fundo dela é o oposto do dos dados"),
        // run time
        ("which image of the split",
         "qual imagem do conjunto"),
        // run time
        ("A pad to sketch an input on, with the model's prediction beside it following your strokes.",
         "Uma prancheta para rabiscar uma entrada, com a previsão do modelo ao lado acompanhando seus traços."),
        // run time
        ("The pad is painted in the data's colours (light ink on dark for Fashion-MNIST) and is as many times larger than an image as fits 280 pixels. What you draw is classified as `classify` classifies a picture: made into the data's shape, the probabilities as bars, the evidence as Grad-CAM. Start from a test image (image=N) to see how few strokes change the model's mind. Needs a frontend with Jupyter widgets and anywidget (tools/setup installs it); elsewhere the output is the prediction for the starting picture.",
         "A prancheta é pintada nas cores dos dados (tinta clara sobre fundo escuro no Fashion-MNIST) e é tantas vezes maior que uma imagem quanto cabe em 280 pixels. O que você desenha é classificado como `classify` classifica uma imagem: levado à forma dos dados, as probabilidades em barras, a evidência como Grad-CAM. Comece de uma imagem de teste (image=N) para ver quão poucos traços mudam a opinião do modelo. Precisa de uma interface com Jupyter widgets e anywidget (tools/setup o instala); nas outras, a saída é a previsão para a imagem inicial."),
        // run time
        ("start from this image of the split, to draw over (default: a blank pad)",
         "começar desta imagem do conjunto, para desenhar por cima (padrão: uma prancheta em branco)"),
        // run time
        ("Saves a model with its weights, optimiser state and history (safetensors, written atomically).",
         "Salva um modelo com seus pesos, o estado do otimizador e o histórico (safetensors, gravado de forma atômica)."),
        // run time
        ("file to write",
         "arquivo a gravar"),
        // run time
        ("Loads a saved model and makes it current; every shape is checked.",
         "Carrega um modelo salvo e o torna o atual; todas as formas são verificadas."),
        // run time
        ("file to read",
         "arquivo a ler"),
        // run time
        ("name for the model (default: the name it was saved with)",
         "nome para o modelo (padrão: o nome com que foi salvo)"),
        // run time
        ("Writes a model as an ONNX file that onnxruntime runs and Netron draws (opset 17, written atomically).",
         "Grava um modelo como um arquivo ONNX que o onnxruntime executa e o Netron desenha (opset 17, gravado de forma atômica)."),
        // run time
        ("the .onnx file to write",
         "o arquivo .onnx a gravar"),
        // run time
        ("put the data's normalisation in the graph, so it takes pixel values in [0, 1] (auto: when the model has data)",
         "pôr a normalização dos dados no grafo, para que ele receba valores de pixel em [0, 1] (auto: quando o modelo tem dados)"),
        // run time
        ("Seeds the session's random source: the same seed and thread count give the same run, bit for bit.",
         "Define a semente da fonte aleatória da sessão: a mesma semente e o mesmo número de threads dão a mesma execução, bit a bit."),
        // run time
        ("the seed",
         "a semente"),
        // run time
        ("Sets how many threads the engine uses (default: all cores).",
         "Define quantas threads o motor usa (padrão: todos os núcleos)."),
        // run time
        ("number of threads",
         "número de threads"),
        // run time
        ("Shows the memory limit the kernel works within, what it uses, and what the current model needs to train; limit= lowers the limit for this session.",
         "Mostra o limite de memória dentro do qual o kernel trabalha, quanto ele usa e quanto o modelo atual precisa para treinar; limit= reduz o limite nesta sessão."),
        // run time
        ("The limit is the smallest of the cgroup's memory limit, the machine's memory and the process's address-space limit, or CNN_KERNEL_MEMORY_LIMIT when set (for example 8G). Commands that would need more than is free are refused with an error before they allocate anything.",
         "O limite é o menor entre o limite de memória do cgroup, a memória da máquina e o limite de espaço de endereçamento do processo, ou CNN_KERNEL_MEMORY_LIMIT quando definida (por exemplo 8G). Comandos que precisariam de mais do que está livre são recusados com um erro antes de alocar qualquer coisa."),
        // run time
        ("GB this session may use (0: back to the detected limit)",
         "GB que esta sessão pode usar (0: volta ao limite detectado)"),
        // run time
        ("the batch size to work out the current model's needs for",
         "o tamanho do lote para o qual calcular o que o modelo atual precisa"),
        // run time
        ("Loads a layer plugin from a shared library: `plugin load \"path/libX.so\"`.",
         "Carrega um plugin de camadas de uma biblioteca compartilhada: `plugin load \"path/libX.so\"`."),
        // run time
        ("The library must be built against this kernel's plugin interface (CNNCore). Its layers then work like built-in ones. Plugins in $CNN_KERNEL_PLUGINS (a colon-separated list of directories or files) and in ~/.local/share/cnn-kernel/plugins are loaded at start-up.",
         "A biblioteca deve ser compilada com a interface de plugins deste kernel (CNNCore). Suas camadas passam então a funcionar como as embutidas. Os plugins em $CNN_KERNEL_PLUGINS (uma lista de diretórios ou arquivos separados por dois-pontos) e em ~/.local/share/cnn-kernel/plugins são carregados na inicialização."),
        // run time
        ("load",
         "load"),
        // run time
        ("the shared library",
         "a biblioteca compartilhada"),
        // run time
        ("Lists the layer types: built-in, from plugin libraries, and blocks defined in cells.",
         "Lista os tipos de camada: embutidos, de bibliotecas de plugins e blocos definidos em células."),
        // run time
        ("Checks a layer's backward pass against finite differences, for the input and every parameter.",
         "Confere a passagem para trás de uma camada com diferenças finitas, para a entrada e cada parâmetro."),
        // run time
        ("For L = Σ y·r with random r, compares backward's gradients with (L(v + ε) − L(v − ε)) / 2ε. Layer values and options follow the layer name.",
         "Para L = Σ y·r com r aleatório, compara os gradientes do backward com (L(v + ε) − L(v − ε)) / 2ε. Os valores e opções da camada vêm depois do nome da camada."),
        // run time
        ("a layer type (plugin or block)",
         "um tipo de camada (plugin ou bloco)"),
        // run time
        ("input shape (C, H, W), or [F] for flat features",
         "forma da entrada (C, H, W), ou [F] para características achatadas"),
        // run time
        ("samples in the test batch",
         "amostras no lote de teste"),
        // run time
        ("Shows what a model sees and does: images, featuremaps, filters, confusion, mistakes, or the source of a block.",
         "Mostra o que um modelo vê e faz: images, featuremaps, filters, confusion, mistakes, ou o código-fonte de um bloco."),
        // run time
        ("show source NAME                        the definition of a block or zoo model\nshow images [n=16]                      a labelled grid of data samples\nshow augment [n=8]                      the same training images before and after augmentation\nshow featuremaps layer=NAME image=N     every channel of a layer's output for one input, beside the input (without layer=: the first channels of every layer)\nshow filters layer=NAME                 the kernels of a convolution (first layer in colour)\nshow confusion [normalize=true]         the confusion matrix and per-class precision, recall and F1\nshow mistakes [n=16]                    the misclassified images with the highest loss\nshow saliency image=N [class=K]         |d score / d input|: which pixels the class score is most sensitive to\nshow gradcam image=N layer=NAME         Grad-CAM: where the layer's evidence for the class lies, over the image\nshow graph                              the model as a diagram: branches side by side, residual arcs, shapes on the edges\nshow histograms layer=NAME              weights and activations of a layer, and the fraction of dead ReLU units\nshow gradients                          |∂L/∂y| and |∂L/∂W| at every layer with weights, for one batch (plot gradients: during training)\nshow projector [layer=NAME] [n=500] [method=tsne]   PCA (or t-SNE) of a layer's activations (default: the features the last linear layer sees), one dot per image\nshow maximize [layer=NAME] [n=16] [classes=true|class=K]   the input that excites each channel of a layer most (or each class), by gradient ascent",
         "show source NAME                        a definição de um bloco ou modelo do zoo\nshow images [n=16]                      uma grade de amostras dos dados, com rótulos\nshow augment [n=8]                      as mesmas imagens de treino antes e depois do aumento de dados\nshow featuremaps layer=NAME image=N     cada canal da saída de uma camada para uma entrada, ao lado da entrada (sem layer=: os primeiros canais de cada camada)\nshow filters layer=NAME                 os filtros (kernels) de uma convolução (a primeira camada em cores)\nshow confusion [normalize=true]         a matriz de confusão e a precisão, a revocação (recall) e o F1 por classe\nshow mistakes [n=16]                    as imagens classificadas errado com a maior perda\nshow saliency image=N [class=K]         |d score / d input|: a quais pixels a pontuação da classe é mais sensível\nshow gradcam image=N layer=NAME         Grad-CAM: onde está a evidência da camada para a classe, sobre a imagem\nshow graph                              o modelo como diagrama: ramos lado a lado, arcos residuais, formas nas arestas\nshow histograms layer=NAME              pesos e ativações de uma camada, e a fração de unidades ReLU mortas\nshow gradients                          |∂L/∂y| e |∂L/∂W| em cada camada com pesos, para um lote (plot gradients: durante o treino)\nshow projector [layer=NAME] [n=500] [method=tsne]   PCA (ou t-SNE) das ativações de uma camada (padrão: as características que a última camada linear vê), um ponto por imagem\nshow maximize [layer=NAME] [n=16] [classes=true|class=K]   a entrada que mais excita cada canal de uma camada (ou cada classe), por subida de gradiente"),
        // run time
        ("what to show",
         "o que mostrar"),
        // run time
        ("for source: a block, zoo model or model",
         "para source: um bloco, modelo do zoo ou modelo"),
        // run time
        ("how many images (images, mistakes: at most 256 drawn; projector: default 500)",
         "quantas imagens (images, mistakes: no máximo 256 desenhadas; projector: padrão 500)"),
        // run time
        ("confusion: divide each row by its total",
         "confusion: divide cada linha pelo seu total"),
        // run time
        ("saliency, gradcam: the class whose score is explained (-1: the predicted one)",
         "saliency, gradcam: a classe cuja pontuação é explicada (-1: a prevista)"),
        // run time
        ("maximize: one input per class instead of per channel",
         "maximize: uma entrada por classe em vez de por canal"),
        // run time
        ("projector: PCA (linear: distances along its two axes mean something) or t-SNE (near neighbours kept near)",
         "projector: PCA (linear: as distâncias ao longo dos seus dois eixos têm significado) ou t-SNE (vizinhos próximos continuam próximos)"),
        // run time
        ("Charts of training history: loss, accuracy, learning rate or the gradient at each layer; several models on one chart.",
         "Gráficos do histórico de treino: perda, acurácia, taxa de aprendizado ou o gradiente em cada camada; vários modelos num só gráfico."),
        // run time
        ("plot gradients shows the norm of the gradient arriving at each layer with weights, recorded about 20 times an epoch: by=depth compares models across their layers (a plain deep network's gradient fades on the way to the input; a residual one's does not), by=epoch follows one model's layers over training.",
         "plot gradients mostra a norma do gradiente que chega a cada camada com pesos, registrada cerca de 20 vezes por época: by=depth compara modelos ao longo das camadas (o gradiente de uma rede profunda simples se apaga no caminho até a entrada; o de uma residual, não), by=epoch acompanha as camadas de um modelo ao longo do treino."),
        // run time
        ("which curve",
         "qual curva"),
    ]
}
