/// Brazilian Portuguese for the kernel's words (see Translations.swift and notebooks/glossary.md).
enum PortugueseViews {
    static let entries: [(String, String)] = [
        // Sources/CNNLanguage/Views/AugmentView.swift:10
        ("show augment [n=8]                      the same training images before and after augmentation",
         "show augment [n=8]                      as mesmas imagens de treino antes e depois do aumento de dados"),
        // Sources/CNNLanguage/Views/AugmentView.swift:25
        ("training images before and after augmentation ({1})",
         "imagens de treino antes e depois do aumento de dados ({1})"),
        // Sources/CNNLanguage/Views/AugmentView.swift:37
        ("{1} training images, then two random augmentations of each ({2})\n",
         "{1} imagens de treino, e depois dois aumentos aleatórios de cada uma ({2})\n"),
        // Sources/CNNLanguage/Views/ConfusionView.swift:35
        ("show confusion [normalize=true]         the confusion matrix and per-class precision, recall and F1",
         "show confusion [normalize=true]         a matriz de confusão e a precisão, a revocação (recall) e o F1 por classe"),
        // Sources/CNNLanguage/Views/ConfusionView.swift:53
        ("confusion of {1} on {2} {3} images (rows: true class, columns: predicted){4}",
         "confusão de {1} em {2} imagens do conjunto de {3} (linhas: classe verdadeira, colunas: prevista){4}"),
        // Sources/CNNLanguage/Views/ConfusionView.swift:73
        ("per class, on {1} {2} images",
         "por classe, em {1} imagens do conjunto de {2}"),
        // Sources/CNNLanguage/Views/ConfusionView.swift:81
        ("confusion matrix of {1} (rows: true, columns: predicted):\n",
         "matriz de confusão de {1} (linhas: verdadeira, colunas: prevista):\n"),
        // Sources/CNNLanguage/Views/FeatureMapsView.swift:101
        ("  (the first {1} of {2} layers; layer=NAME shows any one)\n",
         "  (as primeiras {1} de {2} camadas; layer=NAME mostra qualquer uma)\n"),
        // Sources/CNNLanguage/Views/FeatureMapsView.swift:11
        ("show featuremaps layer=NAME image=N     every channel of a layer's output for one input, beside the input (without layer=: the first channels of every layer)",
         "show featuremaps layer=NAME image=N     cada canal da saída de uma camada para uma entrada, ao lado da entrada (sem layer=: os primeiros canais de cada camada)"),
        // Sources/CNNLanguage/Views/FeatureMapsView.swift:136
        ("every layer",
         "todas as camadas"),
        // Sources/CNNLanguage/Views/FeatureMapsView.swift:149
        ("this model or its data has been replaced since; run the cell again",
         "este modelo ou os seus dados foram substituídos desde então; rode a célula de novo"),
        // Sources/CNNLanguage/Views/FeatureMapsView.swift:58
        ("{1}: {2} feature maps of {3}×{4}  ({5})",
         "{1}: {2} mapas de características de {3}×{4}  ({5})"),
        // Sources/CNNLanguage/Views/FeatureMapsView.swift:63
        ("{1} of model {2}: {3} feature maps of {4}×{5} for {6}\n",
         "{1} do modelo {2}: {3} mapas de características de {4}×{5} para a {6}\n"),
        // Sources/CNNLanguage/Views/FeatureMapsView.swift:75
        ("({1} more channels in the image)\n",
         "(mais {1} canais na imagem)\n"),
        // Sources/CNNLanguage/Views/FeatureMapsView.swift:76
        ("(the image shows the first {1} of {2} channels)\n",
         "(a imagem mostra os primeiros {1} de {2} canais)\n"),
        // Sources/CNNLanguage/Views/FeatureMapsView.swift:83
        ("feature maps of model {1}: {2}",
         "mapas de características do modelo {1}: {2}"),
        // Sources/CNNLanguage/Views/FeatureMapsView.swift:86
        ("feature maps of model {1}, {2}:\n",
         "mapas de características do modelo {1}, {2}:\n"),
        // Sources/CNNLanguage/Views/FeatureMapsView.swift:94
        ("  {1} {2} maps of {3}×{4}\n",
         "  {1} {2} mapas de {3}×{4}\n"),
        // Sources/CNNLanguage/Views/FiltersView.swift:11
        ("show filters layer=NAME                 the kernels of a convolution (first layer in colour)",
         "show filters layer=NAME                 os filtros (kernels) de uma convolução (a primeira camada em cores)"),
        // Sources/CNNLanguage/Views/FiltersView.swift:46
        ("filters of {1}: {2} × {3} kernels of {4}×{5}\n",
         "filtros de {1}: {2} × {3} kernels de {4}×{5}\n"),
        // Sources/CNNLanguage/Views/FiltersView.swift:51
        ("{1}: {2} filters of {3}×{4}×{5}",
         "{1}: {2} filtros de {3}×{4}×{5}"),
        // Sources/CNNLanguage/Views/FiltersView.swift:68
        ("{1}: kernels of outputs 0–{2} (rows) × inputs 0–{3} (columns)",
         "{1}: kernels das saídas 0–{2} (linhas) × entradas 0–{3} (colunas)"),
        // Sources/CNNLanguage/Views/FiltersView.swift:81
        ("shown as grey levels, 0 = mid grey, scaled by the largest |weight| ({1})\n",
         "mostrados em tons de cinza, 0 = cinza médio, escalados pelo maior |peso| ({1})\n"),
        // Sources/CNNLanguage/Views/GradCAMView.swift:10
        ("show gradcam image=N layer=NAME         Grad-CAM: where the layer's evidence for the class lies, over the image",
         "show gradcam image=N layer=NAME         Grad-CAM: onde está a evidência da camada para a classe, sobre a imagem"),
        // Sources/CNNLanguage/Views/GradCAMView.swift:26
        ("Grad-CAM of {1} at {2} ({3}×{4}) for image {5} ({6}): class {7}, p = {8}",
         "Grad-CAM de {1} em {2} ({3}×{4}) para a imagem {5} ({6}): classe {7}, p = {8}"),
        // Sources/CNNLanguage/Views/GradCAMView.swift:27
        ("class evidence",
         "evidência da classe"),
        // Sources/CNNLanguage/Views/GradientsView.swift:12
        ("show gradients                          |∂L/∂y| and |∂L/∂W| at every layer with weights, for one batch (plot gradients: during training)",
         "show gradients                          |∂L/∂y| e |∂L/∂W| em cada camada com pesos, para um lote (plot gradients: durante o treino)"),
        // Sources/CNNLanguage/Views/GradientsView.swift:28
        ("gradient at each layer of {1}: one batch of {2}, loss {3}",
         "gradiente em cada camada de {1}: um lote de {2}, perda {3}"),
        // Sources/CNNLanguage/Views/GradientsView.swift:29
        ("layer with weights (1: nearest the input, {1}: the output)",
         "camada com pesos (1: a mais perto da entrada, {1}: a saída)"),
        // Sources/CNNLanguage/Views/GradientsView.swift:29
        ("norm (log scale)",
         "norma (escala log)"),
        // Sources/CNNLanguage/Views/GradientsView.swift:30
        ("|∂L/∂y| arriving at the layer's output",
         "|∂L/∂y| que chega à saída da camada"),
        // Sources/CNNLanguage/Views/GradientsView.swift:31
        ("|∂L/∂W| of its weights",
         "|∂L/∂W| dos seus pesos"),
        // Sources/CNNLanguage/Views/GradientsView.swift:33
        ("gradient norms of {1}, one batch of {2} training images (no update)",
         "normas do gradiente de {1}, um lote de {2} imagens de treino (sem atualização)"),
        // Sources/CNNLanguage/Views/GradientsView.swift:38
        ("from the output back to the first layer the arriving gradient changes by ×{1}: far below 1 is a vanishing gradient, far above an exploding one",
         "da saída de volta à primeira camada, o gradiente que chega muda por um fator ×{1}: muito abaixo de 1 é um gradiente que desaparece (vanishing), muito acima, um que explode (exploding)"),
        // Sources/CNNLanguage/Views/GradientsView.swift:39
        ("some layers receive no gradient at all",
         "algumas camadas não recebem gradiente nenhum"),
        // Sources/CNNLanguage/Views/GradientsView.swift:51
        ("mean |∂L/∂y| arriving at each layer with weights, last recorded epoch (layer 1 nearest the input)\n",
         "|∂L/∂y| médio que chega a cada camada com pesos, última época registrada (camada 1: a mais perto da entrada)\n"),
        // Sources/CNNLanguage/Views/GradientsView.swift:60
        ("gradient arriving at each layer, by depth",
         "gradiente que chega a cada camada, por profundidade"),
        // Sources/CNNLanguage/Views/GradientsView.swift:60
        ("relative depth (0: first layer with weights, 1: the last)",
         "profundidade relativa (0: primeira camada com pesos, 1: a última)"),
        // Sources/CNNLanguage/Views/GradientsView.swift:60
        ("|∂L/∂y| (log scale)",
         "|∂L/∂y| (escala log)"),
        // Sources/CNNLanguage/Views/GradientsView.swift:71
        ("|∂L/∂y| over training, {1}:\n",
         "|∂L/∂y| ao longo do treino, {1}:\n"),
        // Sources/CNNLanguage/Views/GradientsView.swift:78
        ("gradient arriving at layers of {1}, during training",
         "gradiente que chega às camadas de {1}, durante o treino"),
        // Sources/CNNLanguage/Views/GraphView.swift:13
        ("show graph                              the model as a diagram: branches side by side, residual arcs, shapes on the edges",
         "show graph                              o modelo como diagrama: ramos lado a lado, arcos residuais, formas nas arestas"),
        // Sources/CNNLanguage/Views/GraphView.swift:183
        ("{1} of model {2}: {3} parameters",
         "{1} do modelo {2}: {3} parâmetros"),
        // Sources/CNNLanguage/Views/GraphView.swift:184
        ("repeated blocks drawn once; show graph layer=NAME draws one alone",
         "blocos repetidos desenhados uma só vez; show graph layer=NAME desenha um sozinho"),
        // Sources/CNNLanguage/Views/HistogramsView.swift:10
        ("show histograms layer=NAME              weights and activations of a layer, and the fraction of dead ReLU units",
         "show histograms layer=NAME              pesos e ativações de uma camada, e a fração de unidades ReLU mortas"),
        // Sources/CNNLanguage/Views/HistogramsView.swift:17
        ("layer with weights",
         "camada com pesos"),
        // Sources/CNNLanguage/Views/HistogramsView.swift:32
        ("{1} output on {2} test images",
         "saída de {1} em {2} imagens de teste"),
        // Sources/CNNLanguage/Views/HistogramsView.swift:44
        ("{1} {2} of {3} channels dead ({4})",
         "{1} {2} de {3} canais mortos ({4})"),
        // Sources/CNNLanguage/Views/HistogramsView.swift:47
        ("ReLU units that never fire on {1} test images:\n",
         "unidades ReLU que nunca disparam em {1} imagens de teste:\n"),
        // Sources/CNNLanguage/Views/ImagesView.swift:10
        ("show images [n=16]                      a labelled grid of data samples",
         "show images [n=16]                      uma grade de amostras dos dados, com rótulos"),
        // Sources/CNNLanguage/Views/ImagesView.swift:21
        ("{1} {2} images of {3} ({4}×{5}×{6}):\n",
         "{1} imagens do conjunto de {2} de {3} ({4}×{5}×{6}):\n"),
        // Sources/CNNLanguage/Views/MaximizeView.swift:12
        ("show maximize [layer=NAME] [n=16] [classes=true|class=K]   the input that excites each channel of a layer most (or each class), by gradient ascent",
         "show maximize [layer=NAME] [n=16] [classes=true|class=K]   a entrada que mais excita cada canal de uma camada (ou cada classe), por subida de gradiente"),
        // Sources/CNNLanguage/Views/MaximizeView.swift:29
        ("the score of each class",
         "a pontuação de cada classe"),
        // Sources/CNNLanguage/Views/MaximizeView.swift:50
        ("the mean of each channel of {1}",
         "a média de cada canal de {1}"),
        // Sources/CNNLanguage/Views/MaximizeView.swift:65
        ("inputs that maximise {1} of {2} (200 steps of gradient ascent from noise, jitter 2 px, blur every 4 steps)",
         "entradas que maximizam {1} no modelo {2} (200 passos de subida de gradiente a partir de ruído, jitter 2 px, desfoque a cada 4 passos)"),
        // Sources/CNNLanguage/Views/MaximizeView.swift:77
        ("\n(under each: the objective at the start, from noise, and at the end)\n",
         "\n(sob cada uma: o objetivo no início, a partir do ruído, e no fim)\n"),
        // Sources/CNNLanguage/Views/MaximizeView.swift:79
        ("a score can be driven far higher than any real image drives it by an input that looks nothing like the class: the network's evidence is not the picture we see\n",
         "uma entrada que não se parece em nada com a classe pode elevar a pontuação muito acima da que qualquer imagem real alcança: a evidência da rede não é a imagem que nós vemos\n"),
        // Sources/CNNLanguage/Views/MaximizeView.swift:86
        ("(and {1} more in the picture)\n",
         "(e mais {1} na imagem)\n"),
        // Sources/CNNLanguage/Views/MistakesView.swift:13
        ("show mistakes [n=16]                    the misclassified images with the highest loss",
         "show mistakes [n=16]                    as imagens classificadas errado com a maior perda"),
        // Sources/CNNLanguage/Views/MistakesView.swift:29
        ("{1}: {2} of {3} {4} images misclassified, highest loss first (green: true class, red: predicted)",
         "{1}: {2} de {3} imagens do conjunto de {4} classificadas errado, maior perda primeiro (verde: classe verdadeira, vermelho: prevista)"),
        // Sources/CNNLanguage/Views/MistakesView.swift:33
        ("{1} of {2} images misclassified; the {3} with the highest loss:\n",
         "{1} de {2} imagens classificadas errado; as {3} com a maior perda:\n"),
        // Sources/CNNLanguage/Views/ProjectorView.swift:12
        ("show projector [layer=NAME] [n=500] [method=tsne]   PCA (or t-SNE) of a layer's activations (default: the features the last linear layer sees), one dot per image",
         "show projector [layer=NAME] [n=500] [method=tsne]   PCA (ou t-SNE) das ativações de uma camada (padrão: as características que a última camada linear vê), um ponto por imagem"),
        // Sources/CNNLanguage/Views/ProjectorView.swift:37
        ("the output of {1}",
         "a saída de {1}"),
        // Sources/CNNLanguage/Views/ProjectorView.swift:37
        ("the features entering {1}",
         "as características que entram em {1}"),
        // Sources/CNNLanguage/Views/ProjectorView.swift:55
        ("t-SNE (perplexity 30, 500 steps): near neighbours stay near; distances between clusters and the axes mean nothing",
         "t-SNE (perplexidade 30, 500 passos): vizinhos próximos continuam próximos; as distâncias entre agrupamentos e os eixos não significam nada"),
        // Sources/CNNLanguage/Views/ProjectorView.swift:55
        ("PC1 explains {1} of the variance, PC2 {2}",
         "PC1 explica {1} da variância, PC2 {2}"),
        // Sources/CNNLanguage/Views/ProjectorView.swift:55
        ("; {1} of {2} images misclassified (ringed)\n",
         "; {1} de {2} imagens classificadas errado (circuladas)\n"),
        // Sources/CNNLanguage/Views/ProjectorView.swift:81
        ("PC1 ({1} of the variance)",
         "PC1 ({1} da variância)"),
        // Sources/CNNLanguage/Views/SaliencyView.swift:10
        ("show saliency image=N [class=K]         |d score / d input|: which pixels the class score is most sensitive to",
         "show saliency image=N [class=K]         |d score / d input|: a quais pixels a pontuação da classe é mais sensível"),
        // Sources/CNNLanguage/Views/SaliencyView.swift:22
        ("saliency of {1} for image {2} ({3}): class {4}, p = {5}",
         "saliência de {1} para a imagem {2} ({3}): classe {4}, p = {5}"),
        // Sources/CNNLanguage/Views/SaliencyView.swift:26
        ("\nbrighter = the class score changes more when that pixel changes:\n",
         "\nmais claro = a pontuação da classe muda mais quando aquele pixel muda:\n"),
        // Sources/CNNLanguage/Views/SourceView.swift:10
        ("show source NAME                        the definition of a block or zoo model",
         "show source NAME                        a definição de um bloco ou modelo do zoo"),
    ]
}
