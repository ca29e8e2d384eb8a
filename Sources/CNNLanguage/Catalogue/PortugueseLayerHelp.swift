/// Brazilian Portuguese for the kernel's words (see Translations.swift and notebooks/glossary.md).
enum PortugueseLayerHelp {
    static let entries: [(String, String)] = [
        // run time
        ("models to compare (default: the current model)",
         "modelos a comparar (padrão: o modelo atual)"),
        // run time
        ("gradients: across the layers (several models on one chart) or over training (one model)",
         "gradients: ao longo das camadas (vários modelos num só gráfico) ou ao longo do treino (um modelo)"),
        // run time
        ("Shows the arithmetic of a layer on your own model and data, with the real numbers.",
         "Mostra a aritmética de uma camada no seu próprio modelo e nos seus dados, com os números reais."),
        // run time
        ("explain conv|pool|relu layer=NAME image=N channel=C at=[y,x]   conv: the input patch of every channel, the kernel, the products, their sum plus bias; pool: the window and which input won; relu: values before and after\nexplain linear layer=NAME image=N channel=K   one output of a fully connected layer: a row of weights times the input vector, plus bias\nexplain softmax image=N                      logits → exponentials → probabilities → cross-entropy −log p(true class), and the gradient p − y\nexplain batchnorm layer=NAME image=N channel=C   the batch's mean and variance, normalise, scale, shift; and what evaluation uses instead\nexplain dropout layer=NAME image=N           which values a training pass zeroes and how the rest are scaled; evaluation changes nothing\nexplain backprop layer=NAME                          for one weight: the chain-rule gradient beside the numeric one, and the optimiser's update\nexplain byhand image=0|1                             the five steps (initialise, forward, loss, backward, update) by hand on a tiny CNN and a 6×6 T or L, every δ printed, then checked against the engine\nexplain shapes                                       how each layer's output size follows from kernel, stride and padding",
         "explain conv|pool|relu layer=NAME image=N channel=C at=[y,x]   conv: a região da entrada em cada canal, o kernel, os produtos, a soma deles mais o viés; pool: a janela e qual entrada venceu; relu: os valores antes e depois\nexplain linear layer=NAME image=N channel=K   uma saída de uma camada totalmente conectada: uma linha de pesos vezes o vetor de entrada, mais o viés\nexplain softmax image=N                      logits → exponenciais → probabilidades → entropia cruzada −log p(classe verdadeira), e o gradiente p − y\nexplain batchnorm layer=NAME image=N channel=C   a média e a variância do lote, normalizar, escalar, deslocar; e o que a avaliação usa no lugar\nexplain dropout layer=NAME image=N           quais valores uma passada de treino zera e como o resto é escalado; a avaliação não muda nada\nexplain backprop layer=NAME                          para um peso: o gradiente pela regra da cadeia ao lado do numérico, e a atualização do otimizador\nexplain byhand image=0|1                             as cinco etapas (inicialização, propagação direta, perda, retropropagação, atualização) à mão numa CNN minúscula e um T ou L de 6×6, cada δ impresso, depois conferidos com o motor\nexplain shapes                                       como o tamanho da saída de cada camada decorre do kernel, do passo (stride) e do preenchimento (padding)"),
        // run time
        ("what to explain",
         "o que explicar"),
        // run time
        ("which output channel",
         "qual canal de saída"),
        // run time
        ("output position [y, x] (default: the centre)",
         "posição de saída [y, x] (padrão: o centro)"),
        // run time
        ("Several attribution maps for one image in a row (saliency, SmoothGrad, integrated gradients, occlusion, Grad-CAM, Grad-CAM++), with a sanity check.",
         "Vários mapas de atribuição para uma imagem, lado a lado (saliência, SmoothGrad, gradientes integrados, oclusão, Grad-CAM, Grad-CAM++), com um teste de sanidade."),
        // run time
        ("Each map says which pixels the class score rests on, by its own method; brighter is more. Saliency is the gradient of the score; SmoothGrad averages it over noisy copies of the image; integrated gradients add it up along the way from a black image (its values sum to the score's change); occlusion covers squares of the image and measures the drop in probability; Grad-CAM and Grad-CAM++ weigh a layer's feature maps by their gradients (layer= picks the layer; the default is the last one with feature maps). sanity=true adds the maps of the same model with random weights: Adebayo et al. (2018) found that some methods draw nearly the same picture for a random model, so they show the image more than what the model learnt.",
         "Cada mapa diz, pelo seu próprio método, em quais pixels a pontuação da classe se apoia; quanto mais claro, mais. A saliência é o gradiente da pontuação; o SmoothGrad tira a média dele sobre cópias ruidosas da imagem; os gradientes integrados o somam ao longo do caminho a partir de uma imagem preta (seus valores somam a variação da pontuação); a oclusão cobre quadrados da imagem e mede a queda na probabilidade; Grad-CAM e Grad-CAM++ ponderam os mapas de características de uma camada pelos seus gradientes (layer= escolhe a camada; o padrão é a última com mapas de características). sanity=true acrescenta os mapas do mesmo modelo com pesos aleatórios: Adebayo et al. (2018) viram que alguns métodos desenham quase a mesma imagem para um modelo aleatório; ou seja, mostram mais a imagem do que aquilo que o modelo aprendeu."),
        // run time
        ("which methods, of saliency, smoothgrad, integrated, occlusion, gradcam, gradcampp (Grad-CAM++) (default: all)",
         "quais métodos, entre saliency, smoothgrad, integrated, occlusion, gradcam, gradcampp (Grad-CAM++) (padrão: todos)"),
        // run time
        ("CAM methods: at the last layer with feature maps, or a row for every such top-level layer",
         "métodos CAM: na última camada com mapas de características, ou uma fileira para cada camada assim de nível superior"),
        // run time
        ("add the same maps from the model with random weights (a method that gives the same picture explains nothing the model learnt)",
         "acrescentar os mesmos mapas do modelo com pesos aleatórios (um método que dá a mesma imagem não explica nada do que o modelo aprendeu)"),
        // run time
        ("One convolution of one image with a kernel you choose: the window on the input, the output map, and the arithmetic at one position; with Jupyter widgets, sliders and a menu change it live.",
         "Uma convolução de uma imagem com um kernel que você escolhe: a janela sobre a entrada, o mapa de saída e a aritmética numa posição; com widgets do Jupyter, controles deslizantes e um menu a alteram ao vivo."),
        // run time
        ("Every input channel is multiplied by the same kernel and the channels are summed, plus the bias: one output channel of a conv layer, computed by the engine's own conv layer. Pixels are 0…1 (not normalised). Kernels: identity, blur, gaussian, sharpen, edges, vertical_edges, horizontal_edges, emboss, or custom with values=.",
         "Cada canal de entrada é multiplicado pelo mesmo kernel e os canais são somados, mais o viés: um canal de saída de uma camada conv, calculado pela própria camada conv do motor. Os pixels estão em 0…1 (sem normalização). Kernels: identity, blur, gaussian, sharpen, edges, vertical_edges, horizontal_edges, emboss, ou custom com values=."),
        // run time
        ("a classic kernel, or custom (with values=)",
         "um kernel clássico, ou custom (com values=)"),
        // run time
        ("kernel height and width (odd)",
         "altura e largura do kernel (ímpares)"),
        // run time
        ("step between kernel positions",
         "passo entre posições do kernel"),
        // run time
        ("zeros added on each side",
         "zeros acrescentados em cada lado"),
        // run time
        ("spacing between kernel taps",
         "espaçamento entre os pontos do kernel"),
        // run time
        ("added to every output value",
         "somado a cada valor de saída"),
        // run time
        ("kernel=custom: the k×k values, row by row (k odd, at most 7)",
         "kernel=custom: os k×k valores, linha por linha (k ímpar, no máximo 7)"),
        // run time
        ("output position [y, x] whose arithmetic is shown (default: the centre)",
         "posição de saída [y, x] cuja aritmética é mostrada (padrão: o centro)"),
        // run time
        ("Sets a layer's weights (and bias) by hand, to see what a chosen kernel does.",
         "Define à mão os pesos (e o viés) de uma camada, para ver o que faz um kernel escolhido."),
        // run time
        ("values= lists every weight in the conventional order: for a convolution (out, in, kh, kw), for a linear layer (out, in).",
         "values= lista todos os pesos na ordem convencional: para uma convolução (out, in, kh, kw), para uma camada linear (out, in)."),
        // run time
        ("the layer (conv1, linear1, …)",
         "a camada (conv1, linear1, …)"),
        // run time
        ("the weights, flat",
         "os pesos, achatados"),
        // run time
        ("the biases (default: leave them)",
         "os vieses (padrão: deixá-los como estão)"),
        // run time
        ("A table comparing models: parameters, multiply-adds, time per epoch, validation and test accuracy.",
         "Uma tabela que compara modelos: parâmetros, multiplicações-adições, tempo por época, acurácia de validação e de teste."),
        // run time
        ("the models (default: all, or the current one)",
         "os modelos (padrão: todos, ou o atual)"),
        // run time
        ("Asks the learner to predict (a layer's shape or parameters, the model's prediction, or a written question), checks the answer and explains it.",
         "Pede ao estudante que preveja algo (a forma ou os parâmetros de uma camada, a previsão do modelo, ou uma pergunta escrita), confere a resposta e a explica."),
        // run time
        ("shape: a layer's output shape; params: its parameter count; class: the model's prediction for an image; choice: a written question",
         "shape: a forma de saída de uma camada; params: seu número de parâmetros; class: a previsão do modelo para uma imagem; choice: uma pergunta escrita"),
        // run time
        ("choice: the question",
         "choice: a pergunta"),
        // run time
        ("choice: the possible answers, a list of strings",
         "choice: as respostas possíveis, uma lista de strings"),
        // run time
        ("choice: which option is right (1 is the first)",
         "choice: qual opção é a certa (1 é a primeira)"),
        // run time
        ("choice: why it is right, shown after the answer",
         "choice: por que ela é a certa, mostrado depois da resposta"),
        // run time
        ("2-D convolution: a kernel slides over the input's channels and rows and columns, one feature map per output channel.",
         "Convolução 2-D: um filtro (kernel) desliza sobre os canais, as linhas e as colunas da entrada, um mapa de características por canal de saída."),
        // run time
        ("out[n, o, y, x] = bias[o] + Σ_c Σ_ky Σ_kx w[o, c, ky, kx] · in[n, c, y·stride − padding + ky·dilation, x·stride − padding + kx·dilation]\nOutput size per side: ⌊(size + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1.\nWith groups g, input and output channels are split into g independent groups.\nPaper: LeCun et al. 1998, Gradient-based learning applied to document recognition.",
         "out[n, o, y, x] = bias[o] + Σ_c Σ_ky Σ_kx w[o, c, ky, kx] · in[n, c, y·stride − padding + ky·dilation, x·stride − padding + kx·dilation]\nTamanho da saída por lado: ⌊(size + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1.\nCom groups g, os canais de entrada e de saída são divididos em g grupos independentes.\nArtigo: LeCun et al. 1998, Gradient-based learning applied to document recognition."),
        // run time
        ("number of output channels (feature maps)",
         "número de canais de saída (mapas de características)"),
        // run time
        ("kernel height and width",
         "altura e largura do kernel"),
        // run time
        ("independent channel groups",
         "grupos de canais independentes"),
        // run time
        ("add a learned bias per output channel",
         "somar um viés aprendido por canal de saída"),
        // run time
        ("expected input channels (0: take them from the input)",
         "canais de entrada esperados (0: obtê-los da entrada)"),
        // run time
        ("Fully connected layer: every output is a weighted sum of all inputs plus a bias.",
         "Camada totalmente conectada: cada saída é uma soma ponderada de todas as entradas mais um viés."),
        // run time
        ("y[n, o] = bias[o] + Σ_i w[o, i] · x[n, i]. Needs flat input: put flatten (or gap) before it.\nPaper: Rosenblatt 1958, The perceptron; LeCun et al. 1998 for its use after convolutions.",
         "y[n, o] = bias[o] + Σ_i w[o, i] · x[n, i]. Precisa de entrada achatada: coloque flatten (ou gap) antes dela.\nArtigo: Rosenblatt 1958, The perceptron; LeCun et al. 1998 pelo seu uso depois de convoluções."),
        // run time
        ("number of outputs",
         "número de saídas"),
        // run time
        ("add a learned bias per output",
         "somar um viés aprendido por saída"),
        // run time
        ("expected inputs (0: take them from the input)",
         "entradas esperadas (0: obtê-las da entrada)"),
        // run time
        ("Max pooling: the largest value in each window, per channel.",
         "Max pooling: o maior valor de cada janela, por canal."),
        // run time
        ("Keeps the strongest response in each window and shrinks the map. The gradient goes only to the input that won (the first one on ties).\nPaper: Zhou & Chellappa 1988; Krizhevsky et al. 2012.",
         "Mantém a resposta mais forte de cada janela e reduz o mapa. O gradiente vai só para a entrada que venceu (a primeira, em caso de empate).\nArtigo: Zhou & Chellappa 1988; Krizhevsky et al. 2012."),
        // run time
        ("window height and width",
         "altura e largura da janela"),
        // run time
        ("step between windows (0: same as kernel)",
         "passo entre janelas (0: igual ao kernel)"),
        // run time
        ("border added on each side (at most half the kernel)",
         "borda acrescentada em cada lado (no máximo metade do kernel)"),
        // run time
        ("Average pooling: the mean of each window, per channel.",
         "Average pooling: a média de cada janela, por canal."),
        // run time
        ("Shrinks the map by averaging each window. The gradient is shared equally by the window's inputs.\nPaper: LeCun et al. 1998.",
         "Reduz o mapa tirando a média de cada janela. O gradiente é dividido igualmente entre as entradas da janela.\nArtigo: LeCun et al. 1998."),
        // run time
        ("count padding zeros in the average (PyTorch's default)",
         "contar os zeros do preenchimento na média (o padrão do PyTorch)"),
        // run time
        ("Global average pooling: one number per channel, the mean of its feature map; gives flat features.",
         "Global average pooling: um número por canal, a média do seu mapa de características; produz características achatadas."),
        // run time
        ("Replaces a large fully connected layer after the last convolution.\nPaper: Lin, Chen & Yan 2013, Network in network, arXiv:1312.4400.",
         "Substitui uma grande camada totalmente conectada depois da última convolução.\nArtigo: Lin, Chen & Yan 2013, Network in network, arXiv:1312.4400."),
        // run time
        ("Turns each image (C, H, W) into a vector of C·H·W features, channel by channel.",
         "Transforma cada imagem (C, H, W) num vetor de C·H·W características, canal por canal."),
        // run time
        ("Needed between the last convolution or pooling layer and a linear layer.",
         "Necessária entre a última camada de convolução ou de pooling e uma camada linear."),
        // run time
        ("Batch normalisation: normalises each channel over the batch, then scales and shifts it (learned γ, β).",
         "Normalização em lote (batch normalization): normaliza cada canal sobre o lote, depois o escala e o desloca (γ, β aprendidos)."),
        // run time
        ("Training uses the batch's mean and variance and updates running statistics (momentum 0.1);\nevaluation uses the running statistics. Works on images (per channel) and flat features.\nPaper: Ioffe & Szegedy 2015, Batch normalization, arXiv:1502.03167.",
         "O treino usa a média e a variância do lote e atualiza as estatísticas móveis (momentum 0.1);\na avaliação usa as estatísticas móveis. Funciona com imagens (por canal) e com características achatadas.\nArtigo: Ioffe & Szegedy 2015, Batch normalization, arXiv:1502.03167."),
        // run time
        ("weight of the batch in the running statistics",
         "peso do lote nas estatísticas móveis"),
        // run time
        ("added to the variance before the square root",
         "somado à variância antes da raiz quadrada"),
        // run time
        ("learn a scale γ and shift β per channel",
         "aprender uma escala γ e um deslocamento β por canal"),
        // run time
        ("Dropout: zeroes random values during training (probability p), scaling the rest by 1/(1 − p).",
         "Dropout: zera valores aleatórios durante o treino (probabilidade p), multiplicando o resto por 1/(1 − p)."),
        // run time
        ("Does nothing in evaluation. The mask comes from the engine's seeded random source.\nPaper: Srivastava et al. 2014, Dropout, JMLR 15.",
         "Não faz nada na avaliação. A máscara vem do gerador aleatório com semente do motor.\nArtigo: Srivastava et al. 2014, Dropout, JMLR 15."),
        // run time
        ("probability of dropping a value",
         "probabilidade de descartar um valor"),
        // run time
        ("Rectified linear unit: max(0, x).",
         "Unidade linear retificada: max(0, x)."),
        // run time
        ("Negative inputs become 0; the gradient passes where the input was positive.\nPaper: Nair & Hinton 2010.",
         "Entradas negativas viram 0; o gradiente passa onde a entrada era positiva.\nArtigo: Nair & Hinton 2010."),
        // run time
        ("Leaky ReLU: x for x > 0, slope·x otherwise.",
         "Leaky ReLU: x para x > 0, slope·x caso contrário."),
        // run time
        ("Keeps a small gradient for negative inputs, so units cannot die.\nPaper: Maas et al. 2013.",
         "Mantém um gradiente pequeno para entradas negativas, e assim as unidades não morrem.\nArtigo: Maas et al. 2013."),
        // run time
        ("slope for negative inputs",
         "inclinação para entradas negativas"),
        // run time
        ("Gaussian error linear unit x·Φ(x).",
         "Unidade linear de erro gaussiano x·Φ(x)."),
        // run time
        ("Uses the exact normal CDF (erf), as PyTorch's default.\nPaper: Hendrycks & Gimpel 2016, arXiv:1606.08415.",
         "Usa a função de distribuição acumulada normal exata (erf), como o padrão do PyTorch.\nArtigo: Hendrycks & Gimpel 2016, arXiv:1606.08415."),
        // run time
        ("Hyperbolic tangent, squashing to (−1, 1).",
         "Tangente hiperbólica, comprimindo para (−1, 1)."),
        // run time
        ("Paper: LeCun et al. 1998, Efficient BackProp.",
         "Artigo: LeCun et al. 1998, Efficient BackProp."),
        // run time
        ("Logistic sigmoid 1/(1 + e^−x), squashing to (0, 1).",
         "Sigmoide logística 1/(1 + e^−x), comprimindo para (0, 1)."),
        // run time
        ("Passes its input through unchanged.",
         "Passa a entrada adiante sem alteração."),
        // run time
        ("Useful as an explicit shortcut or branch.",
         "Útil como atalho (shortcut) ou ramo (branch) explícito."),
        // run time
        ("Transition layer (Huang et al. 2016): BN-act-1×1 conv halving the channels, then 2×2\naverage pooling. in_channels is the number of channels arriving at the line.",
         "Camada de transição (Huang et al. 2016): BN-act-1×1 conv que reduz os canais à metade, depois\naverage pooling 2×2. in_channels é o número de canais que chegam à linha."),
        // run time
        ("Transition layer (Huang et al. 2016): BN-act-1×1 conv halving the channels, then 2×2",
         "Camada de transição (Huang et al. 2016): BN-act-1×1 conv que reduz os canais à metade, depois"),
        // run time
        ("parameter 1 of the block",
         "parâmetro 1 do bloco"),
        // run time
        ("Inception block (Szegedy et al. 2014, arXiv:1409.4842): four branches on the same\ninput, concatenated on channels: 1×1; 1×1 then 3×3; 1×1 then 5×5; 3×3 max-pool then 1×1.",
         "Bloco Inception (Szegedy et al. 2014, arXiv:1409.4842): quatro ramos sobre a mesma\nentrada, concatenados nos canais: 1×1; 1×1 e depois 3×3; 1×1 e depois 5×5; max-pool 3×3 e depois 1×1."),
        // run time
        ("Inception block (Szegedy et al. 2014, arXiv:1409.4842): four branches on the same",
         "Bloco Inception (Szegedy et al. 2014, arXiv:1409.4842): quatro ramos sobre a mesma"),
        // run time
        ("parameter 2 of the block",
         "parâmetro 2 do bloco"),
        // run time
        ("parameter 3 of the block",
         "parâmetro 3 do bloco"),
        // run time
        ("parameter 4 of the block",
         "parâmetro 4 do bloco"),
        // run time
        ("parameter 5 of the block",
         "parâmetro 5 do bloco"),
        // run time
        ("parameter 6 of the block",
         "parâmetro 6 do bloco"),
        // run time
        ("parameter 7 of the block",
         "parâmetro 7 do bloco"),
        // run time
        ("ResNet for 32×32 input (He et al. 2015, arXiv:1512.03385); depth 20 with the defaults:\n272,378 parameters on colour images.",
         "ResNet para entrada 32×32 (He et al. 2015, arXiv:1512.03385); profundidade 20 com os valores padrão:\n272,378 parâmetros em imagens coloridas."),
        // run time
        ("ResNet for 32×32 input (He et al. 2015, arXiv:1512.03385); depth 20 with the defaults:",
         "ResNet para entrada 32×32 (He et al. 2015, arXiv:1512.03385); profundidade 20 com os valores padrão:"),
        // run time
        ("Dense layer (Huang et al. 2016, arXiv:1608.06993): BN-act-1×1 conv to bottleneck·growth\nchannels, BN-act-3×3 conv to growth channels, concatenated before its own input.",
         "Camada densa (Huang et al. 2016, arXiv:1608.06993): BN-act-1×1 conv para bottleneck·growth\ncanais, BN-act-3×3 conv para growth canais, concatenados antes da sua própria entrada."),
        // run time
        ("Dense layer (Huang et al. 2016, arXiv:1608.06993): BN-act-1×1 conv to bottleneck·growth",
         "Camada densa (Huang et al. 2016, arXiv:1608.06993): BN-act-1×1 conv para bottleneck·growth"),
        // run time
        ("Pre-activation ResNet (He et al. 2016, arXiv:1603.05027): 272,250 parameters on colour images.",
         "ResNet com pré-ativação (He et al. 2016, arXiv:1603.05027): 272,250 parâmetros em imagens coloridas."),
        // run time
        ("Two convolution and pooling stages and two linear layers: the classic small CNN\n(LeCun et al. 1998 in spirit). 215,370 parameters on 28×28 grey images.",
         "Dois estágios de convolução e pooling e duas camadas lineares: a pequena CNN clássica\n(no espírito de LeCun et al. 1998). 215,370 parâmetros em imagens 28×28 em tons de cinza."),
        // run time
        ("Two convolution and pooling stages and two linear layers: the classic small CNN",
         "Dois estágios de convolução e pooling e duas camadas lineares: a pequena CNN clássica"),
        // run time
        ("Pre-activation residual block (He et al. 2016, arXiv:1603.05027): BN-act-conv-BN-act-conv\nplus the input, no activation after the sum; the projection shortcut is BN-act-1×1 conv.",
         "Bloco residual com pré-ativação (He et al. 2016, arXiv:1603.05027): BN-act-conv-BN-act-conv\nmais a entrada, sem ativação depois da soma; o atalho de projeção é BN-act-1×1 conv."),
        // run time
        ("Pre-activation residual block (He et al. 2016, arXiv:1603.05027): BN-act-conv-BN-act-conv",
         "Bloco residual com pré-ativação (He et al. 2016, arXiv:1603.05027): BN-act-conv-BN-act-conv"),
        // run time
        ("GoogLeNet for 32×32 input (Szegedy et al. 2014, arXiv:1409.4842), the small\nteaching configuration: 260,650 parameters on colour images.",
         "GoogLeNet para entrada 32×32 (Szegedy et al. 2014, arXiv:1409.4842), na pequena\nconfiguração didática: 260,650 parâmetros em imagens coloridas."),
        // run time
        ("GoogLeNet for 32×32 input (Szegedy et al. 2014, arXiv:1409.4842), the small",
         "GoogLeNet para entrada 32×32 (Szegedy et al. 2014, arXiv:1409.4842), na pequena"),
        // run time
        ("DenseNet for 32×32 input (Huang et al. 2016, arXiv:1608.06993): 239,146 parameters on colour images.",
         "DenseNet para entrada 32×32 (Huang et al. 2016, arXiv:1608.06993): 239,146 parâmetros em imagens coloridas."),
        // run time
        ("Residual block (He et al. 2015, arXiv:1512.03385): conv-BN-act-conv-BN plus the input,\nthen the activation. When subsampling, stride 2 and a 1×1 stride-2 projection shortcut.",
         "Bloco residual (He et al. 2015, arXiv:1512.03385): conv-BN-act-conv-BN mais a entrada,\ndepois a ativação. Ao subamostrar, passo (stride) 2 e um atalho de projeção 1×1 com passo 2."),
        // run time
        ("Residual block (He et al. 2015, arXiv:1512.03385): conv-BN-act-conv-BN plus the input,",
         "Bloco residual (He et al. 2015, arXiv:1512.03385): conv-BN-act-conv-BN mais a entrada,"),
        // run time
        ("dense … end\nconcat(body(x), x): the body's new channels first, then the input (DenseNet).",
         "dense … end\nconcat(body(x), x): primeiro os novos canais do corpo, depois a entrada (DenseNet)."),
        // run time
        ("block NAME(p1, p2=default) … end\nA composite layer with parameters, usable in models like any layer for the rest of the session.\nComment lines right after the header document it.",
         "block NAME(p1, p2=default) … end\nUma camada composta com parâmetros, que pode ser usada em modelos como qualquer camada pelo resto da sessão.\nLinhas de comentário logo depois do cabeçalho a documentam."),
        // run time
        ("residual … shortcut … end\nbody(x) + shortcut(x); an empty or missing shortcut section is the identity.",
         "residual … shortcut … end\nbody(x) + shortcut(x); uma seção shortcut vazia ou ausente é a identidade."),
        // run time
        ("repeat N [as i] … end\nRepeats the lines N times; i counts from 0.",
         "repeat N [as i] … end\nRepete as linhas N vezes; i conta a partir de 0."),
        // run time
        ("concat branch … branch … end\nThe same input through every branch; outputs concatenated on channels in order.",
         "concat branch … branch … end\nA mesma entrada passa por cada branch; as saídas são concatenadas nos canais, na ordem."),
        // run time
        ("model NAME … end         a model from layers, one per line\nmodel NAME = TEMPLATE args   a model from the zoo or a block: model r = resnet blocks=[3,3,3]\nmodel NAME input=[C,H,W] … end   for a given input shape (default: the loaded data's, else (3, 32, 32))",
         "model NAME … end         um modelo feito de camadas, uma por linha\nmodel NAME = TEMPLATE args   um modelo do zoo ou de um bloco: model r = resnet blocks=[3,3,3]\nmodel NAME input=[C,H,W] … end   para uma forma de entrada dada (padrão: a dos dados carregados, senão (3, 32, 32))"),
        // run time
        ("if CONDITION … [else …] end\nLines used only when the condition holds.",
         "if CONDITION … [else …] end\nLinhas usadas só quando a condição é verdadeira."),
    ]
}
