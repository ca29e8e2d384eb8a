/// Brazilian Portuguese for the kernel's words (see Translations.swift and notebooks/glossary.md).
enum PortugueseExplanations {
    static let entries: [(String, String)] = [
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:110
        ("It gives {1} {2}",
         "O modelo dá {1} {2}"),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:112
        ("; the image is labelled {1}",
         "; o rótulo da imagem é {1}"),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:112
        (", so the model is wrong here.",
         ", então aqui o modelo erra."),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:114
        ("Which class will model {1} predict for this image? ({2})",
         "Que classe o modelo {1} vai prever para esta imagem? ({2})"),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:182
        (", no bias.",
         ", sem viés."),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:182
        (", plus {1} biases (one per kernel).",
         ", mais {1} vieses (um por filtro)."),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:186
        ("A scale γ and a shift β per channel ({1} channels); the running mean and variance are statistics, not trained.",
         "Uma escala γ e um deslocamento β por canal ({1} canais); a média e a variância móveis são estatísticas, não são treinadas."),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:187
        ("{1} computes from its input alone: nothing to learn.",
         "{1} calcula tudo só a partir da sua entrada: não há nada a aprender."),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:188
        ("The sum of its layers': ",
         "A soma dos parâmetros das suas camadas: "),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:47
        ("Question: {1}\nAnswer: {2}. {3}\n(asked interactively in JupyterLab, Notebook or jupyter console)\n",
         "Pergunta: {1}\nResposta: {2}. {3}\n(feita de forma interativa no JupyterLab, no Notebook ou no jupyter console)\n"),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:49
        ("<details><summary>The answer (predict first, then open)</summary><p><b>{1}.</b> {2}</p></details>",
         "<details><summary>A resposta (primeiro faça a sua previsão, depois abra)</summary><p><b>{1}.</b> {2}</p></details>"),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:50
        ("<div style=\"color:#777;font-size:90%\">Run the cell to be asked and answer it yourself.</div></div>",
         "<div style=\"color:#777;font-size:90%\">Execute a célula para receber a pergunta e responda por conta própria.</div></div>"),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:57
        ("No answer given. The answer: {1}.",
         "Nenhuma resposta dada. A resposta: {1}."),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:61
        ("✗ Not quite: you said {1}; the answer is {2}.",
         "✗ Não exatamente: você disse {1}; a resposta é {2}."),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:79
        ("What shape does {1} give for one image, {2}, when it receives {3}?",
         "Qual forma {1} produz para uma imagem, {2}, quando recebe {3}?"),
        // Sources/CNNLanguage/Commands/Explaining/AskCommand.swift:90
        ("How many trainable parameters does {1} ({2}{3}) have, with input {4}?",
         "Quantos parâmetros treináveis {1} ({2}{3}) tem, com entrada {4}?"),
        // Sources/CNNLanguage/Commands/Explaining/AttributeCommand.swift:139
        ("32 copies, noise σ = 15% of the range",
         "32 cópias, ruído σ = 15% da faixa de valores"),
        // Sources/CNNLanguage/Commands/Explaining/AttributeCommand.swift:142
        ("32 steps from black; the map sums to {1}, the score changes by {2}",
         "32 passos a partir do preto; o mapa soma {1}, a pontuação muda em {2}"),
        // Sources/CNNLanguage/Commands/Explaining/AttributeCommand.swift:145
        ("{1}×{2} black squares",
         "quadrados pretos de {1}×{2}"),
        // Sources/CNNLanguage/Commands/Explaining/AttributeCommand.swift:17
        ("saliency",
         "saliência"),
        // Sources/CNNLanguage/Commands/Explaining/AttributeCommand.swift:17
        ("integrated grad.",
         "grad. integrados"),
        // Sources/CNNLanguage/Commands/Explaining/AttributeCommand.swift:17
        ("occlusion",
         "oclusão"),
        // Sources/CNNLanguage/Commands/Explaining/AttributeCommand.swift:83
        ("random weights",
         "pesos aleatórios"),
        // Sources/CNNLanguage/Commands/Explaining/AttributeCommand.swift:90
        ("rank correlation of each map with the random model's (near 1: the method shows the image, not what the model learnt): ",
         "correlação de postos de cada mapa com o do modelo aleatório (perto de 1: o método mostra a imagem, não o que o modelo aprendeu): "),
        // Sources/CNNLanguage/Commands/Explaining/AttributeCommand.swift:92
        ("attribution of {1} for image {2} ({3}): class {4}, p = {5}",
         "atribuição de {1} para a imagem {2} ({3}): classe {4}, p = {5}"),
        // Sources/CNNLanguage/Commands/Explaining/GradcheckCommand.swift:53
        ("gradcheck {1} on input {2}, ε = 0.01, float32",
         "gradcheck {1} com entrada {2}, ε = 0.01, float32"),
        // Sources/CNNLanguage/Commands/Explaining/GradcheckCommand.swift:54
        ("values checked",
         "valores verificados"),
        // Sources/CNNLanguage/Commands/Explaining/GradcheckCommand.swift:54
        ("max abs error",
         "erro abs. máx."),
        // Sources/CNNLanguage/Commands/Explaining/GradcheckCommand.swift:54
        ("max rel error",
         "erro rel. máx."),
        // Sources/CNNLanguage/Commands/Explaining/GradcheckCommand.swift:61
        ("{1} of the values sat at a kink (a ReLU or max switched within ±ε): each was measured again from its smooth side and with smaller steps",
         "{1} dos valores caíram num ponto anguloso (uma ReLU ou um max mudou de lado dentro de ±ε): cada um foi medido de novo pelo seu lado suave e com passos menores"),
        // Sources/CNNLanguage/Commands/Explaining/GradcheckCommand.swift:64
        ("a tensor with more values than that is checked at a random sample of them",
         "um tensor com mais valores do que isso é verificado numa amostra aleatória deles"),
        // Sources/CNNLanguage/Commands/Explaining/GradcheckCommand.swift:66
        ("all gradients agree",
         "todos os gradientes concordam"),
        // Sources/CNNLanguage/Commands/Explaining/GradcheckCommand.swift:66
        ("some gradients disagree",
         "alguns gradientes discordam"),
        // Sources/CNNLanguage/Explanations/BackpropExplanation.swift:10
        ("explain backprop layer=NAME                          for one weight: the chain-rule gradient beside the numeric one, and the optimiser's update",
         "explain backprop layer=NAME                          para um peso: o gradiente pela regra da cadeia ao lado do gradiente numérico, e a atualização feita pelo otimizador"),
        // Sources/CNNLanguage/Explanations/BackpropExplanation.swift:60
        ("{1}.{2}{3} = {4}, on a batch of {5} training images (loss {6}):",
         "{1}.{2}{3} = {4}, num lote de {5} imagens de treino (perda {6}):"),
        // Sources/CNNLanguage/Explanations/BackpropExplanation.swift:61
        ("1. forward: the images go through every layer to the scores, and softmax cross-entropy gives the loss",
         "1. propagação direta (forward): as imagens passam por todas as camadas até as pontuações, e a entropia cruzada da softmax dá a perda"),
        // Sources/CNNLanguage/Explanations/BackpropExplanation.swift:62
        ("2. backward (chain rule): ∂loss/∂w = {1}",
         "2. retropropagação (regra da cadeia): ∂loss/∂w = {1}"),
        // Sources/CNNLanguage/Explanations/BackpropExplanation.swift:63
        ("3. numeric check: (loss(w + {1}) − loss(w − {2})) / {3} = ({4} − {5}) / {6} = {7}",
         "3. verificação numérica: (loss(w + {1}) − loss(w − {2})) / {3} = ({4} − {5}) / {6} = {7}"),
        // Sources/CNNLanguage/Explanations/BackpropExplanation.swift:64
        ("   relative difference {1}",
         "   diferença relativa {1}"),
        // Sources/CNNLanguage/Explanations/BackpropExplanation.swift:66
        ("   (the largest rate training used; its schedule ended at {1}, where the update would change w by almost nothing)",
         "   (a maior taxa que o treino usou; o seu cronograma terminou em {1}, valor com o qual a atualização quase não mudaria w)"),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:100
        ("δx[y,x] = Σ δz[r,c]·K[y−r, x−c]: δz padded by 2 and convolved with K turned 180°. x is the input, so nothing uses δx here; a layer below would receive it:",
         "δx[y,x] = Σ δz[r,c]·K[y−r, x−c]: δz com preenchimento 2, convolvido com K girado em 180°. x é a entrada, então aqui ninguém usa δx; uma camada abaixo o receberia:"),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:107
        ("Step 5 · update, gradient descent with learning rate {1}: every weight moves against its gradient, w ← w − {2}·∂L/∂w.",
         "Etapa 5 · atualização, descida do gradiente com taxa de aprendizado {1}: cada peso anda no sentido contrário ao seu gradiente, w ← w − {2}·∂L/∂w."),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:109
        ("With the new weights the same picture scores p[{1}] = {2} (was {3}): the loss goes from {4} to {5}.",
         "Com os novos pesos, a mesma imagem recebe p[{1}] = {2} (antes era {3}): a perda vai de {4} para {5}."),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:12
        ("explain byhand image=0|1                             the five steps (initialise, forward, loss, backward, update) by hand on a tiny CNN and a 6×6 T or L, every δ printed, then checked against the engine",
         "explain byhand image=0|1                             as cinco etapas (inicialização, propagação direta, perda, retropropagação, atualização) à mão, numa CNN minúscula e num T ou L de 6×6, com cada δ impresso, depois conferidas com o motor"),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:67
        ("conv (one 3×3 kernel, no padding) → relu → maxpool 2 → flatten → linear 4 → 2 → softmax cross-entropy.",
         "conv (um filtro 3×3, sem preenchimento) → relu → maxpool 2 → flatten → linear 4 → 2 → softmax com entropia cruzada."),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:71
        ("Step 1 · initialise. Each weight is drawn uniformly from ±1/√fan_in, PyTorch's default (±1/3 for the kernel, 9 inputs; ±1/2 for the linear layer, 4 inputs), seed {1}, and rounded to one decimal so you can follow by hand.",
         "Etapa 1 · inicialização. Cada peso é sorteado uniformemente em ±1/√fan_in, o padrão do PyTorch (±1/3 para o filtro, 9 entradas; ±1/2 para a camada linear, 4 entradas), semente {1}, e arredondado para uma casa decimal, para que você possa acompanhar à mão."),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:72
        ("\n  conv bias b = {1}",
         "\n  viés da conv b = {1}"),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:73
        ("linear weights W (a row per class):\n",
         "pesos da linear W (uma linha por classe):\n"),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:73
        ("\n  linear bias c = {1}",
         "\n  viés da linear c = {1}"),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:77
        ("z = x ⋆ K + b, the kernel slid over x (4×4). For example z[0,0] adds the kernel values under ink, plus b: {1} = {2}",
         "z = x ⋆ K + b, o filtro deslizando sobre x (4×4). Por exemplo, z[0,0] soma os valores do filtro que ficam sobre a tinta, mais b: {1} = {2}"),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:79
        ("a = relu(z): the negatives become 0",
         "a = relu(z): os negativos viram 0"),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:82
        ("m = maxpool(a): the largest of each 2×2 window, which came from a at {1}",
         "m = maxpool(a): o maior valor de cada janela 2×2, que veio de a nas posições {1}"),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:84
        ("v = flatten(m), row by row = {1}",
         "v = flatten(m), linha por linha = {1}"),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:85
        ("s = W·v + c, the scores: s[0] = {1} = {2}; s = {3}",
         "s = W·v + c, as pontuações: s[0] = {1} = {2}; s = {3}"),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:90
        ("Step 4 · backward: each δ (∂L/∂ of a value) from the one after it, by the chain rule.",
         "Etapa 4 · retropropagação: cada δ (∂L/∂ de um valor) sai do δ seguinte, pela regra da cadeia."),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:91
        ("δs = ∂L/∂s = p − y, y the one-hot label {1}: δs = {2}",
         "δs = ∂L/∂s = p − y, com y o rótulo one-hot {1}: δs = {2}"),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:94
        ("δm = δv as 2×2. Max pooling sends each δ back to the input that won its window; the other three get 0 (δa):",
         "δm = δv na forma 2×2. O max pooling manda cada δ de volta para a entrada que venceu na sua janela; as outras três recebem 0 (δa):"),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:96
        ("δz = δa where z > 0, else 0 (ReLU passes the gradient only where it passed the value):",
         "δz = δa onde z > 0, senão 0 (a ReLU só deixa passar o gradiente onde deixou passar o valor):"),
        // Sources/CNNLanguage/Explanations/ByHandExplanation.swift:98
        ("∂L/∂K[i,j] = Σ δz[r,c]·x[r+i, c+j]: x correlated with δz, a convolution whose \"kernel\" is δz:",
         "∂L/∂K[i,j] = Σ δz[r,c]·x[r+i, c+j]: x correlacionado com δz, uma convolução cujo \"filtro\" é δz:"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:124
        ("{1} of model {2}, channel {3}, the middle value of image {4}, x = {5}:\n",
         "{1} do modelo {2}, canal {3}, o valor central da imagem {4}, x = {5}:\n"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:125
        ("training: the batch ({1} images × {2} positions = {3} values of this channel) gives\n",
         "treino: o lote ({1} imagens × {2} posições = {3} valores deste canal) dá\n"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:129
        ("; the layer in training mode gave {1}",
         "; a camada em modo de treino deu {1}"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:131
        ("\n  (the batch's μ and σ² also move the running statistics: running = {1} · running + {2} · batch, the variance taken as σ² · n/(n − 1))\n",
         "\n  (o μ e o σ² do lote também atualizam as estatísticas móveis: running = {1} · running + {2} · batch, com a variância tomada como σ² · n/(n − 1))\n"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:132
        ("evaluation: the running statistics instead of the batch's, so an image's output does not depend on the others\n",
         "avaliação: as estatísticas móveis em vez das do lote, para que a saída de uma imagem não dependa das outras\n"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:133
        ("  running mean {1}, running variance {2}\n",
         "  média móvel {1}, variância móvel {2}\n"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:134
        ("  (evaluation's input differs: an earlier batch norm or dropout acts differently in evaluation; here x = {1})\n",
         "  (a entrada na avaliação é outra: uma normalização em lote ou um dropout anterior age de outro modo na avaliação; aqui x = {1})\n"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:135
        ("  x̂ = ({1} − {2}) / √({3} + {4}) = {5}; y = {6} × {7} + {8} = {9}; the layer in evaluation gave {10}\n",
         "  x̂ = ({1} − {2}) / √({3} + {4}) = {5}; y = {6} × {7} + {8} = {9}; a camada em avaliação deu {10}\n"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:158
        ("{1} (p = {2}) of model {3}, image {4}: {5} of its {6} values in one training pass",
         "{1} (p = {2}) do modelo {3}, imagem {4}: {5} dos seus {6} valores numa passagem de treino"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:166
        ("training: each value is dropped with probability {1} (here {2} of {3} non-zero values) and the rest are multiplied by 1/(1 − p) = {4}, so the mean stays about the same: {5} before, {6} after",
         "treino: cada valor é descartado com probabilidade {1} (aqui, {2} de {3} valores não nulos) e os demais são multiplicados por 1/(1 − p) = {4}, para que a média fique mais ou menos a mesma: {5} antes, {6} depois"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:167
        ("evaluation: nothing is dropped or scaled; the output is the input (inverted dropout: all the scaling happens in training); where an earlier layer is batch norm or dropout, evaluation's input differs from the training pass's, as those layers act differently in training",
         "avaliação: nada é descartado nem reescalado; a saída é a própria entrada (inverted dropout: toda a mudança de escala acontece no treino); quando uma camada anterior é de normalização em lote ou dropout, a entrada na avaliação difere da entrada na passagem de treino, pois essas camadas agem de outro modo no treino"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:168
        ("each training step draws a new mask, so the network cannot rely on any one value: a cheap ensemble of thinned networks (Srivastava et al. 2014)",
         "cada passo de treino sorteia uma nova máscara, então a rede não pode depender de nenhum valor isolado: é um ensemble barato de redes desbastadas (Srivastava et al. 2014)"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:48
        ("{1} of model {2} ({3} inputs → {4} outputs), output {5}, image {6}:\n",
         "{1} do modelo {2} ({3} entradas → {4} saídas), saída {5}, imagem {6}:\n"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:49
        ("output[{1}] = Σ over the {2} inputs of weight[{3}, j] × input[j], plus bias[{4}]\n",
         "output[{1}] = Σ sobre as {2} entradas de weight[{3}, j] × input[j], mais bias[{4}]\n"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:51
        ("  … {1} more terms\n",
         "  … mais {1} termos\n"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:53
        ("the largest terms (the inputs that move this output most): ",
         "os maiores termos (as entradas que mais movem esta saída): "),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:54
        ("Σ = {1}, + bias {2} = {3}; the layer computed {4}",
         "Σ = {1}, + viés {2} = {3}; a camada calculou {4}"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:57
        ("{1}, output {2}: weight row × input vector",
         "{1}, saída {2}: linha de pesos × vetor de entrada"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:78
        ("softmax and cross-entropy of {1} on image {2} (true class {3})",
         "softmax e entropia cruzada de {1} na imagem {2} (classe verdadeira {3})"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:85
        ("the largest logit is subtracted first: e^z overflows for z above about 88 (in 32-bit floats), and the probabilities do not change",
         "o maior logit é subtraído primeiro: e^z estoura para z acima de cerca de 88 (em floats de 32 bits), e as probabilidades não mudam"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:86
        ("cross-entropy = −log p({1}) = −log {2} = {3}; the engine's loss for this image: {4}",
         "entropia cruzada = −log p({1}) = −log {2} = {3}; a perda calculada pelo motor para esta imagem: {4}"),
        // Sources/CNNLanguage/Explanations/ClassifierArithmetic.swift:87
        ("the gradient of the loss with respect to the logits is p − y (y: 1 for the true class, 0 elsewhere): backpropagation starts from that column",
         "o gradiente da perda em relação aos logits é p − y (y: 1 na classe verdadeira, 0 nas outras): a retropropagação começa por essa coluna"),
        // Sources/CNNLanguage/Explanations/LayerArithmetic.swift:10
        ("explain conv|pool|relu layer=NAME image=N channel=C at=[y,x]   conv: the input patch of every channel, the kernel, the products, their sum plus bias; pool: the window and which input won; relu: values before and after",
         "explain conv|pool|relu layer=NAME image=N channel=C at=[y,x]   conv: o recorte (patch) da entrada em cada canal, o filtro, os produtos, a soma deles mais o viés; pool: a janela e qual entrada venceu; relu: os valores antes e depois"),
        // Sources/CNNLanguage/Explanations/LayerArithmetic.swift:100
        ("{1} ({2} pooling, kernel {3}, stride {4}) of model {5}, channel {6}, output [{7}, {8}], image {9}:\nwindow rows {10}…{11}, columns {12}…{13}\n{14}\n",
         "{1} ({2} pooling, kernel {3}, stride {4}) do modelo {5}, canal {6}, saída [{7}, {8}], imagem {9}:\njanela nas linhas {10}…{11}, colunas {12}…{13}\n{14}\n"),
        // Sources/CNNLanguage/Explanations/LayerArithmetic.swift:101
        ("the largest value, {1}, at window row {2}, column {3}, wins; the layer gave {4}; in backward, only that input receives the gradient",
         "o maior valor, {1}, na linha {2}, coluna {3} da janela, vence; a camada deu {4}; na retropropagação, só essa entrada recebe o gradiente"),
        // Sources/CNNLanguage/Explanations/LayerArithmetic.swift:102
        ("mean of {1} values = {2}; the layer gave {3}; in backward, each input gets 1/{4} of the gradient",
         "média de {1} valores = {2}; a camada deu {3}; na retropropagação, cada entrada recebe 1/{4} do gradiente"),
        // Sources/CNNLanguage/Explanations/LayerArithmetic.swift:114
        ("{1} of model {2}, channel {3}, image {4}: y = max(0, x)\nbefore (rows {5}…{6}, columns {7}…{8}):\n{9}\nafter:\n{10}\n{11} of {12} values ({13}) were ≤ 0 and became 0; their gradient is 0 too\n",
         "{1} do modelo {2}, canal {3}, imagem {4}: y = max(0, x)\nantes (linhas {5}…{6}, colunas {7}…{8}):\n{9}\ndepois:\n{10}\n{11} de {12} valores ({13}) eram ≤ 0 e viraram 0; o gradiente deles também é 0\n"),
        // Sources/CNNLanguage/Explanations/LayerArithmetic.swift:42
        ("{1} of model {2}, output channel {3} at [{4}, {5}], image {6}:\n",
         "{1} do modelo {2}, canal de saída {3} em [{4}, {5}], imagem {6}:\n"),
        // Sources/CNNLanguage/Explanations/LayerArithmetic.swift:43
        ("the kernel's top-left tap sits on input row {1} × {2} − {3} = {4}, column {5} × {6} − {7} = {8}\n",
         "o canto superior esquerdo do filtro fica sobre a entrada na linha {1} × {2} − {3} = {4}, coluna {5} × {6} − {7} = {8}\n"),
        // Sources/CNNLanguage/Explanations/LayerArithmetic.swift:44
        ("<div><b>{1}</b>, output channel {2} at [{3}, {4}] (image {5}): Σ over input channels of patch × kernel, plus bias</div><div class=\"cnn-row\">",
         "<div><b>{1}</b>, canal de saída {2} em [{3}, {4}] (imagem {5}): Σ sobre os canais de entrada de recorte × filtro, mais viés</div><div class=\"cnn-row\">"),
        // Sources/CNNLanguage/Explanations/LayerArithmetic.swift:61
        ("\ninput channel {1}: patch\n{2}\nkernel\n{3}\nproducts (sum {4})\n{5}\n",
         "\ncanal de entrada {1}: recorte\n{2}\nfiltro\n{3}\nprodutos (soma {4})\n{5}\n"),
        // Sources/CNNLanguage/Explanations/LayerArithmetic.swift:62
        ("<div><div>input channel {1}</div><div class=\"cnn-row\">{2} × {3} = {4}</div><div>sum {5}</div></div>",
         "<div><div>canal de entrada {1}</div><div class=\"cnn-row\">{2} × {3} = {4}</div><div>soma {5}</div></div>"),
        // Sources/CNNLanguage/Explanations/LayerArithmetic.swift:74
        ("\n(input channels 8–{1} add in the same way)\n",
         "\n(os canais de entrada 8–{1} entram na soma do mesmo jeito)\n"),
        // Sources/CNNLanguage/Explanations/ShapesExplanation.swift:10
        ("explain shapes                                       how each layer's output size follows from kernel, stride and padding",
         "explain shapes                                       como o tamanho da saída de cada camada decorre do filtro (kernel), do passo (stride) e do preenchimento (padding)"),
        // Sources/CNNLanguage/Explanations/ShapesExplanation.swift:17
        ("how each layer's output size follows from its input (model {1}, input {2})",
         "como o tamanho da saída de cada camada decorre da sua entrada (modelo {1}, entrada {2})"),
        // Sources/CNNLanguage/Explanations/ShapesExplanation.swift:33
        ("⌊({1} + 2·{2} − {3})/{4}⌋ + 1 = {5} rows, ⌊({6} + 2·{7} − {8})/{9}⌋ + 1 = {10} columns; {11} channels (one per kernel)",
         "⌊({1} + 2·{2} − {3})/{4}⌋ + 1 = {5} linhas, ⌊({6} + 2·{7} − {8})/{9}⌋ + 1 = {10} colunas; {11} canais (um por filtro)"),
        // Sources/CNNLanguage/Explanations/ShapesExplanation.swift:35
        ("⌊({1} + 2·{2} − {3})/{4}⌋ + 1 = {5}, ⌊({6} + 2·{7} − {8})/{9}⌋ + 1 = {10}; channels unchanged",
         "⌊({1} + 2·{2} − {3})/{4}⌋ + 1 = {5}, ⌊({6} + 2·{7} − {8})/{9}⌋ + 1 = {10}; canais inalterados"),
        // Sources/CNNLanguage/Explanations/ShapesExplanation.swift:39
        ("one mean per channel: {1} features",
         "uma média por canal: {1} características"),
        // Sources/CNNLanguage/Explanations/ShapesExplanation.swift:43
        ("channels of the branches added: {1}",
         "canais dos ramos, somados: {1}"),
        // Sources/CNNLanguage/Explanations/ShapesExplanation.swift:45
        ("body and shortcut agree: sum keeps the shape",
         "corpo e atalho têm a mesma forma: a soma mantém a forma"),
        // Sources/CNNLanguage/Explanations/ShapesExplanation.swift:47
        ("element-wise: shape unchanged",
         "elemento a elemento: forma inalterada"),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:166
        ("output [{1}, {2}]: the window's top-left tap is on input row {3}·{4} − {5} = {6}, column {7}·{8} − {9} = {10}\n",
         "saída [{1}, {2}]: o canto superior esquerdo da janela fica sobre a entrada na linha {3}·{4} − {5} = {6}, coluna {7}·{8} − {9} = {10}\n"),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:167
        ("output size: ⌊({1} + 2·{2} − {3}·({4} − 1) − 1) / {5}⌋ + 1 = {6} rows, and {7} columns the same way\n",
         "tamanho da saída: ⌊({1} + 2·{2} − {3}·({4} − 1) − 1) / {5}⌋ + 1 = {6} linhas, e {7} colunas do mesmo jeito\n"),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:168
        ("<div>output [{1}, {2}]: window from input row {3}, column {4}</div><div class=\"cnn-row\">",
         "<div>saída [{1}, {2}]: janela a partir da linha {3}, coluna {4} da entrada</div><div class=\"cnn-row\">"),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:175
        ("sum over the {1} channels ",
         "soma sobre os {1} canais "),
        // Sources/CNNLanguage/Interactive/ConvolutionPlayground.swift:175
        ("{1} + bias {2} = {3}; the conv layer gives {4}",
         "{1} + viés {2} = {3}; a camada conv dá {4}"),
        // Sources/CNNLanguage/Interactive/PictureClassification.swift:107
        ("model {1} is untrained: its guesses are chance (train it first)",
         "o modelo {1} não foi treinado: os palpites dele são ao acaso (treine-o primeiro)"),
        // Sources/CNNLanguage/Interactive/PictureClassification.swift:170
        ("  model {1} is untrained: its guesses are chance (train it first)\n",
         "  o modelo {1} não foi treinado: os palpites dele são ao acaso (treine-o primeiro)\n"),
        // Sources/CNNLanguage/Interactive/PictureClassification.swift:176
        ("evidence: {1}, brightest where the class score depends most on the picture\n",
         "evidência: {1}, mais claro onde a pontuação da classe mais depende da imagem\n"),
        // Sources/CNNLanguage/Interactive/PictureClassification.swift:61
        ("Grad-CAM at {1}",
         "Grad-CAM em {1}"),
    ]
}
