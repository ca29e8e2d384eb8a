"""The cells of 2-a-first-cnn.ipynb: each prose cell in English and Brazilian Portuguese
(see ../build.py and ../glossary.md)."""
from cells import code, md, swift_excerpt  # noqa: F401

CELLS = [
        md("""
# 2 · A first CNN on Fashion-MNIST

Fashion-MNIST: 70,000 grey 28×28 images of ten kinds of clothing (Debian's
`dataset-fashion-mnist`). We hold out 5,000 training images to validate each epoch, and flip
training images left-right at random (augmentation).
""", """
# 2 · Uma primeira CNN no Fashion-MNIST

Fashion-MNIST: 70,000 imagens em tons de cinza, de 28×28, de dez tipos de roupa (o pacote
`dataset-fashion-mnist` do Debian). Separamos 5,000 imagens de treino para a validação de cada
época e, ao acaso, espelhamos as imagens de treino da esquerda para a direita (aumento de dados,
ou augmentation).
"""),
        code("""
seed 42
data fashion-mnist val=5000 augment=[flip]
show images n=16
"""),
        md("""
Two convolution and pooling stages find local patterns, then two fully connected layers classify.
The summary lists each layer's output shape, parameters, multiply-adds, measured time and
receptive field (how much of the image one output sees).
""", """
Dois estágios de convolução e pooling encontram padrões locais; depois, duas camadas totalmente
conectadas fazem a classificação. O resumo lista, para cada camada, a forma de saída, os
parâmetros, as multiplicações-adições, o tempo medido e o campo receptivo (quanto da imagem uma
saída enxerga).
"""),
        code("""
model net
  conv 16 kernel=5 pad=2
  relu
  maxpool 2
  conv 32 kernel=5 pad=2
  relu
  maxpool 2
  flatten
  linear 128
  relu
  linear 10
end
summary
"""),
        md("""
Before training, look at what the first layer's 16 filters are: predict first.
""", """
Antes do treino, veja como são os 16 filtros (kernels) da primeira camada. Mas primeiro faça a
sua previsão.
"""),
        code("""
ask choice question="Before any training, what do conv1's 5×5 filters look like?" options=["edge detectors", "random speckle", "all the same grey"] answer=2 why="Step 1 of training draws every weight at random (uniformly within ±1/√fan_in), so each filter is noise; training is what turns them into detectors."
show filters layer=conv1
show featuremaps layer=relu1 image=0
""", pt={
            "Before any training, what do conv1's 5×5 filters look like?":
                'Antes de qualquer treino, como são os filtros 5×5 da conv1?',
            'edge detectors':
                'detectores de bordas',
            'random speckle':
                'pontilhado aleatório',
            'all the same grey':
                'todos do mesmo cinza',
            'Step 1 of training draws every weight at random (uniformly within ±1/√fan_in), so each filter is noise; training is what turns them into detectors.':
                'A etapa 1 do treino sorteia cada peso ao acaso (uniformemente dentro de ±1/√fan_in), então cada filtro é ruído; é o treino que os transforma em detectores.',
        }),
        md("""
Random filters already make something of an image. Each feature map above is the boot seen
through a random 5×5 weighting: some are blurred copies of it, some are embossed ones that light
up its edges (weights that differ from one side to the other act as crude edge detectors), and
in some the background is lit and the boot dark, where the weights sum below zero. They are all
copies of the whole picture, none yet picks out one part of it: compare them with the same maps
after training, below.
""", """
Filtros aleatórios já fazem alguma coisa com uma imagem. Cada mapa de características acima é a
bota vista através de uma ponderação 5×5 aleatória: alguns são cópias borradas dela, outros são
cópias em relevo que acendem as suas bordas (pesos que mudam de um lado para o outro funcionam
como detectores de bordas rudimentares), e em alguns o fundo fica aceso e a bota escura, onde os
pesos somam menos que zero. Todos são cópias da figura inteira, nenhum destaca ainda uma parte
dela: compare-os com os mesmos mapas depois do treino, logo abaixo.
"""),
        md("""
Training shows one live display: progress, loss, accuracy, speed and the curves so far. AdamW with
a one-cycle schedule (warm up, then anneal) reaches about 92% in ten epochs. The weights of the
best validation epoch are kept.
""", """
O treino mostra um único painel ao vivo: progresso, perda, acurácia, velocidade e as curvas até
ali. O AdamW, com um cronograma da taxa de aprendizado one-cycle (aquecimento, depois redução
gradual), chega a cerca de 92% em dez épocas. Ficam guardados os pesos da época que foi melhor
na validação.
"""),
        code("train epochs=10 batch=128 optimizer=adamw lr=0.003 weight_decay=1e-4 schedule=onecycle"),
        md("""
The model now scores the 10,000 test images it has never seen. Will it do better or worse on
the 55,000 images it trained on?
""", """
Agora o modelo é avaliado nas 10,000 imagens de teste, que ele nunca viu. Nas 55,000 imagens em
que ele treinou, ele vai se sair melhor ou pior?
"""),
        code("""
ask choice question="Is the accuracy on the training images higher or lower than on the test images?" options=["higher", "lower", "the same"] answer=1 why="The weights were fitted to the training images, so they score a little better there. The difference, the generalisation gap, is what regularisation (weight decay, augmentation, dropout) tries to keep small."
evaluate
evaluate split=train
""", pt={
            'Is the accuracy on the training images higher or lower than on the test images?':
                'A acurácia nas imagens de treino é maior ou menor que nas imagens de teste?',
            'higher':
                'maior',
            'lower':
                'menor',
            'the same':
                'a mesma',
            'The weights were fitted to the training images, so they score a little better there. The difference, the generalisation gap, is what regularisation (weight decay, augmentation, dropout) tries to keep small.':
                'Os pesos foram ajustados às imagens de treino, por isso se saem um pouco melhor nelas. Essa diferença, a lacuna de generalização, é o que a regularização (decaimento de pesos, ou weight decay, aumento de dados, dropout) tenta manter pequena.',
        }),
        md("""
In the loss curves below, the training loss keeps falling while the validation loss flattens:
the gap between them is the same generalisation gap, seen while training.
""", """
Nas curvas de perda abaixo, a perda de treino continua caindo enquanto a perda de validação se
estabiliza: a distância entre elas é a mesma lacuna de generalização, vista durante o treino.
"""),
        code("plot loss"),
        md("## What the network learned\n\nThe same 16 filters after training, and what they make of the same test image. Compare them with the speckle above: most are now smooth strokes and edges at different angles. Compare the maps too: where the untrained ones were blurred copies, each map now picks out something of its own (one edge direction, the outline, the background). The second layer's maps combine the first's into coarser parts: the feature hierarchy the source text describes, edges first, then shapes.\n",
           "## O que a rede aprendeu\n\nOs mesmos 16 filtros depois do treino, e o que eles fazem com a mesma imagem de teste. Compare-os com o pontilhado lá de cima: a maioria agora são traços suaves e bordas em ângulos diferentes. Compare também os mapas: onde os não treinados eram cópias borradas, cada mapa agora destaca algo seu (uma direção de borda, o contorno, o fundo). Os mapas da segunda camada combinam os da primeira em partes mais grosseiras: a hierarquia de características que o texto-fonte descreve, primeiro bordas, depois formas.\n"),
        code("""
show filters layer=conv1
show featuremaps layer=relu1 image=0
show featuremaps layer=relu2 image=0
"""),
        md("Where it goes wrong: the confusion matrix (shirts, T-shirts, pullovers and coats are the hard ones) and the mistakes that cost the most loss: the images whose true class got the lowest probability.",
           "Onde ela erra: a matriz de confusão (camisas, camisetas, pulôveres e casacos, que o kernel chama de Shirt, T-shirt/top, Pullover e Coat, são as classes difíceis) e os erros que mais custam em perda: as imagens cuja classe verdadeira recebeu a menor probabilidade."),
        code("""
show confusion
show mistakes n=16
"""),
        md("""
## Where the network looks

Two ways to ask which pixels a prediction rests on. A **saliency map** is the gradient of the
class's score with respect to each pixel: bright where a small change of the pixel would change
the score most. **Grad-CAM** weighs the last convolution's feature maps by how much the class's
score depends on each, a coarser map of the regions that matter. First a test image the network
gets right:
""", """
## Para onde a rede olha

Há duas maneiras de perguntar em quais pixels uma previsão se apoia. Um **mapa de saliência** é
o gradiente da pontuação da classe em relação a cada pixel: claro onde uma pequena mudança no
pixel mais mudaria a pontuação. O **Grad-CAM** pondera os mapas de características da última
convolução pelo quanto a pontuação da classe depende de cada um: um mapa mais grosseiro das
regiões que importam. Primeiro, uma imagem de teste que a rede acerta:
"""),
        code("""
show saliency image=0
show gradcam image=0 layer=relu2
"""),
        md("""
Now one of the mistakes. Look at the picture the next cell shows and answer as a person would;
the kernel then says what the network predicted.
""", """
Agora, um dos erros. Olhe a imagem que a próxima célula mostra e responda como uma pessoa
responderia; depois o kernel diz o que a rede previu.
"""),
        code("ask class image=787"),
        code("""
show gradcam image=787 layer=relu2
show saliency image=787
"""),
        md("""
Reading the maps. For the ankle boot, Grad-CAM's evidence sits on the heel and sole and along
the back of the shoe: parts a sneaker or a sandal would not have in that shape. For image 787,
look at the picture before the maps: labelled trousers, it is one long shape with no gap between
the legs, and most people would call it a dress too. The network's evidence for "dress" runs down
the long straight sides of one unbroken shape: there is no gap between legs for it to find. Some
of the mistakes with the
highest loss are doubtful labels: read the image before blaming the model. The saliency maps are
speckled, because a single pixel's gradient is noisy; `attribute` (in the gallery) adds SmoothGrad,
which averages it over noisy copies of the image, and other methods beside it.
""", """
Lendo os mapas. Na bota de cano curto (Ankle boot), a evidência do Grad-CAM fica no salto, na
sola e ao longo da parte de trás do calçado: partes que um tênis (Sneaker) ou uma sandália
(Sandal) não teriam com esse formato. Na imagem 787, olhe a figura antes dos mapas: rotulada
como calça (Trouser), ela é uma única forma comprida, sem vão entre as pernas, e a maioria das
pessoas também diria que é um vestido. A evidência da rede para "Dress" (vestido) desce pelos
lados compridos e retos de uma forma inteiriça: não há vão entre as pernas para ela encontrar.
Alguns dos erros de maior perda são rótulos
duvidosos: olhe bem a imagem antes de culpar o modelo. Os mapas de saliência são granulados,
porque o gradiente de um único pixel é ruidoso; `attribute` (na galeria) acrescenta o
SmoothGrad, que tira a média desse gradiente sobre cópias ruidosas da imagem, e outros métodos
ao lado dele.
"""),
        md("""
## Experiment: the learning rate

Three copies of the same network, with the same starting weights (`seed 5` before each), the same
5,000 training images (6,000 loaded, 1,000 of them held out to validate), the same optimiser and
two epochs each. Only the learning rate differs:
3·10⁻⁵, 3·10⁻³ and 3·10⁻².
""", """
## Experimento: a taxa de aprendizado

Três cópias da mesma rede, com os mesmos pesos iniciais (`seed 5` antes de cada uma), as mesmas
5,000 imagens de treino (6,000 carregadas, 1,000 delas separadas para validação), o mesmo
otimizador e duas épocas para cada uma. Só a taxa de
aprendizado muda: 3·10⁻⁵, 3·10⁻³ e 3·10⁻².
"""),
        code("""
ask choice question="Which learning rate ends with the lowest training loss after two epochs?" options=["3e-5, the smallest", "3e-3, the middle one", "3e-2, the largest"] answer=2 why="Too small a rate moves the weights so little that two epochs barely change the loss; too large a rate overshoots, and the loss jumps about or blows up; the middle one descends steadily."
""", pt={
            'Which learning rate ends with the lowest training loss after two epochs?':
                'Qual taxa de aprendizado termina com a menor perda de treino depois de duas épocas?',
            '3e-5, the smallest':
                '3e-5, a menor',
            '3e-3, the middle one':
                '3e-3, a do meio',
            '3e-2, the largest':
                '3e-2, a maior',
            'Too small a rate moves the weights so little that two epochs barely change the loss; too large a rate overshoots, and the loss jumps about or blows up; the middle one descends steadily.':
                'Uma taxa pequena demais mexe tão pouco nos pesos que duas épocas mal mudam a perda; uma taxa grande demais passa do ponto, e a perda pula de um lado para o outro ou explode; a do meio desce de forma constante.',
        }),
        code("""
data fashion-mnist limit=6000 val=1000
seed 5
model slow = simplecnn
seed 5
model right = simplecnn
seed 5
model fast = simplecnn
train model=slow epochs=2 batch=64 optimizer=adamw lr=3e-5
train model=right epochs=2 batch=64 optimizer=adamw lr=3e-3
train model=fast epochs=2 batch=64 optimizer=adamw lr=0.03
plot loss models=[slow, right, fast]
compare models=[slow, right, fast]
"""),
        md("""
The smallest rate's loss creeps down: after two epochs it is still far above the middle one's,
which falls fast. The largest rate's loss jumps up in the first steps, then sits at 2.3, the loss
of a uniform guess over ten classes, with the accuracy at chance: the first steps were so large
that the network stopped learning. `show histograms` below counts why: every unit of the second
convolution and of the hidden linear layer now outputs 0 for every image (a dead ReLU), so no
gradient flows back through them and nothing can change.
""", """
A perda da menor taxa desce devagarinho: depois de duas épocas, ainda está muito acima da perda
da taxa do meio, que cai rápido. A perda da maior taxa dá um salto para cima nos primeiros
passos e depois fica parada em 2.3, a perda de um chute uniforme entre dez classes, com a
acurácia no nível do acaso: os primeiros passos foram tão grandes que a rede parou de aprender.
O `show histograms` abaixo faz a contagem que explica por quê: cada unidade da segunda
convolução e da camada linear oculta agora dá 0 para toda imagem (uma ReLU morta), então nenhum
gradiente volta por elas e nada pode mudar.
"""),
        code("show histograms model=fast layer=relu3"),
        md("""
`lrfind` (in the gallery) finds a good rate without guessing: it tries rates from 10⁻⁷ to 10 in
one short run and marks where the loss falls fastest.
""", """
`lrfind` (na galeria) encontra uma boa taxa sem chute: ele testa taxas de 10⁻⁷ a 10 numa única
execução curta e marca onde a perda cai mais rápido.
"""),
        md("""
## Experiment: pooling, batch normalisation and dropout

The source text says pooling "reduces the number of parameters in the network and avoids
overfitting", and lists normalisation and dropout among the layers that fight overfitting. Here
is a controlled test. One block, `body`, is the network above with three switches. Four networks
come from it, each differing from the plain one in one switch only:

- `plain`: the network as before;
- `nopool`: no max pooling, so the maps stay 28×28 to the end;
- `bn`: a batch normalisation after each convolution;
- `drop`: dropout (p = 0.5) before each linear layer.

Same 5,000 training images (`seed 7` and the same `data` line), same starting weights (`seed 7`
before each model), same optimiser, learning rate, batch and 8 epochs. Eight epochs over only
5,000 images is enough to overfit, so watch two numbers for each network: its accuracy on the
images it trained on and on the 10,000 test images it never saw. The difference is the
generalisation gap.
""", """
## Experimento: pooling, normalização em lote e dropout

O texto-fonte diz que o pooling "reduz a quantidade de parâmetros na rede e evita overfitting", e
cita a normalização e o dropout entre as camadas que combatem o overfitting. Aqui vai um teste
controlado. Um bloco, `body`, é a rede acima com três chaves. Quatro redes saem dele, cada uma
diferente da simples em uma só chave:

- `plain`: a rede como antes;
- `nopool`: sem max pooling, então os mapas continuam 28×28 até o fim;
- `bn`: uma normalização em lote (batch normalization) depois de cada convolução;
- `drop`: dropout (p = 0.5) antes de cada camada linear.

As mesmas 5,000 imagens de treino (`seed 7` e a mesma linha `data`), os mesmos pesos iniciais
(`seed 7` antes de cada modelo), o mesmo otimizador, taxa de aprendizado, lote e 8 épocas. Oito
épocas sobre só 5,000 imagens bastam para dar overfitting, então observe dois números de cada
rede: a acurácia nas imagens em que ela treinou e nas 10,000 imagens de teste que ela nunca viu.
A diferença é a lacuna de generalização.
"""),
        code("""
seed 7
data fashion-mnist limit=6000 val=1000
block body(pool=true, bn=false, drop=false)
  conv 16 kernel=5 pad=2
  if bn
    batchnorm
  end
  relu
  if pool
    maxpool 2
  end
  conv 32 kernel=5 pad=2
  if bn
    batchnorm
  end
  relu
  if pool
    maxpool 2
  end
  flatten
  if drop
    dropout 0.5
  end
  linear 128
  relu
  if drop
    dropout 0.5
  end
  linear 10
end
seed 7
model plain = body
seed 7
model nopool = body pool=false
seed 7
model bn = body bn=true
seed 7
model drop = body drop=true
summary model=nopool
compare models=[plain, nopool, bn, drop]
"""),
        md("""
The summary of `nopool` shows where its weights went: without pooling, `flatten` hands the first
linear layer 32 × 28 × 28 = 25,088 features instead of 32 × 7 × 7 = 1,568, so that one layer
holds 3.2 million of the network's weights, fifteen times the plain network's total. Batch
normalisation adds only a scale γ and a shift β per channel (96 numbers); dropout adds none.
""", """
O resumo de `nopool` mostra para onde foram os pesos dela: sem pooling, `flatten` entrega à
primeira camada linear 32 × 28 × 28 = 25,088 características em vez de 32 × 7 × 7 = 1,568, então
essa única camada guarda 3.2 milhões dos pesos da rede, quinze vezes o total da rede simples. A
normalização em lote acrescenta só uma escala γ e um deslocamento β por canal (96 números); o
dropout não acrescenta nenhum.
"""),
        code("""
ask choice question="Which network will show the largest gap between its accuracy on the training images and on the test images?" options=["plain", "nopool", "bn", "drop"] answer=2 why="nopool has fifteen times the weights to fit the same 5,000 images: room enough to learn each training image by heart, which does not help on new ones."
""", pt={
            'Which network will show the largest gap between its accuracy on the training images and on the test images?':
                'Qual rede vai mostrar a maior lacuna entre a acurácia nas imagens de treino e nas imagens de teste?',
            'nopool has fifteen times the weights to fit the same 5,000 images: room enough to learn each training image by heart, which does not help on new ones.':
                'nopool tem quinze vezes mais pesos para ajustar às mesmas 5,000 imagens: espaço de sobra para decorar cada imagem de treino, o que não ajuda nas novas.',
        }),
        code("""
train model=plain epochs=8 batch=64 optimizer=adamw lr=1e-3
train model=nopool epochs=8 batch=64 optimizer=adamw lr=1e-3
train model=bn epochs=8 batch=64 optimizer=adamw lr=1e-3
train model=drop epochs=8 batch=64 optimizer=adamw lr=1e-3
compare models=[plain, nopool, bn, drop]
evaluate model=plain split=train
evaluate model=nopool split=train
evaluate model=bn split=train
evaluate model=drop split=train
plot accuracy models=[plain, nopool, bn, drop]
"""),
        md("""
Reading the results (the weights kept are each network's best validation epoch):

| network | trained on (train accuracy) | never seen (test accuracy) | gap |
|---|---|---|---|
| plain | 90.76% | 84.63% | 6.1 points |
| nopool | 98.80% | 85.82% | 13.0 points |
| bn | 91.84% | 85.21% | 6.6 points |
| drop | 89.04% | 84.49% | 4.6 points |

- **Pooling.** Without it the network nearly memorises its training images (98.8%), and its gap
  is twice the plain one's. It also costs 4.5 times the arithmetic and five to six times the
  time per epoch. This is the source text's claim, measured: the parameters pooling saves are
  room the network would otherwise use to memorise. (Its test accuracy is one point higher here;
  with a validation set of 1,000 images, one point is about the spread between two runs with
  different seeds, so do not read a winner into it.)
- **Batch normalisation** learns fastest: after the first epoch its validation accuracy is 81.1%
  against the plain network's 72.9%. Normalising each channel over the batch keeps the next
  layer's inputs at a steady scale while the weights before it change, so the same learning
  rate makes steadier progress. It does little to the gap on its own.
- **Dropout** has the lowest training accuracy and the smallest gap. Each step trains a
  different random half of the units, so no unit can rely on another being there; the network
  cannot memorise as easily. The price is speed: its validation accuracy was still rising at
  epoch 8, where the others had levelled off.

Try it: give all four `epochs=20` and see which gap grows and whose test accuracy keeps climbing.
""", """
Lendo os resultados (os pesos mantidos são os da melhor época de validação de cada rede):

| rede | imagens de treino (acurácia de treino) | imagens nunca vistas (acurácia de teste) | lacuna |
|---|---|---|---|
| plain | 90.76% | 84.63% | 6.1 pontos |
| nopool | 98.80% | 85.82% | 13.0 pontos |
| bn | 91.84% | 85.21% | 6.6 pontos |
| drop | 89.04% | 84.49% | 4.6 pontos |

- **Pooling.** Sem ele a rede quase decora as suas imagens de treino (98.8%), e a sua lacuna é o
  dobro da rede simples. Ela também custa 4.5 vezes a aritmética e de cinco a seis vezes o tempo
  por época. É a afirmação do texto-fonte, medida: os parâmetros que o pooling economiza são espaço
  que a rede usaria para decorar. (A acurácia de teste dela aqui é um ponto maior; com um
  conjunto de validação de 1,000 imagens, um ponto é mais ou menos a variação entre duas
  execuções com sementes diferentes, então não enxergue um vencedor nisso.)
- **A normalização em lote** aprende mais rápido: depois da primeira época a sua acurácia de
  validação é 81.1%, contra 72.9% da rede simples. Normalizar cada canal sobre o lote mantém as
  entradas da camada seguinte numa escala estável enquanto os pesos antes dela mudam, então a
  mesma taxa de aprendizado avança com mais firmeza. Sozinha, ela pouco muda a lacuna.
- **O dropout** tem a menor acurácia de treino e a menor lacuna. Cada passo treina uma metade
  aleatória diferente das unidades, então nenhuma unidade pode contar com a presença de outra; a
  rede não consegue decorar tão fácil. O preço é a velocidade: a sua acurácia de validação ainda
  subia na época 8, quando as outras já tinham se estabilizado.

Experimente: dê `epochs=20` às quatro e veja qual lacuna cresce e qual acurácia de teste continua
subindo.
"""),
        md("""
### Two more regularisers: weight decay and augmentation

Two other ways to fight overfitting leave the network as it is and change the training. **Weight
decay** shrinks every weight a little at each step (AdamW's `weight_decay=`), so a weight stays
large only if the loss keeps asking for it. **Augmentation** shows a slightly different picture
each time (here `flip`, a left-right mirror, and `crop(2)`, a shift of up to 2 pixels), so the
network cannot learn any one training image pixel by pixel. Both are trained like `plain` above,
from the same starting weights; only the weight decay, or the data's augmentation, differs.
""", """
### Mais dois regularizadores: decaimento de pesos e aumento de dados

Duas outras formas de combater o overfitting deixam a rede como está e mudam o treino. O
**decaimento de pesos** (weight decay) encolhe um pouco cada peso a cada passo (o `weight_decay=`
do AdamW), então um peso só continua grande se a perda insistir nele. O **aumento de dados**
(augmentation) mostra uma figura um pouco diferente a cada vez (aqui `flip`, um espelhamento da
esquerda para a direita, e `crop(2)`, um deslocamento de até 2 pixels), então a rede não consegue
aprender nenhuma imagem de treino pixel por pixel. As duas são treinadas como a `plain` acima, a
partir dos mesmos pesos iniciais; só o decaimento de pesos, ou o aumento dos dados, muda.
"""),
        code("""
seed 7
model decay = body
train model=decay epochs=8 batch=64 optimizer=adamw lr=1e-3 weight_decay=0.3
seed 7
data fashion-mnist limit=6000 val=1000 augment=[flip, crop(2)]
seed 7
model augmented = body
train model=augmented epochs=8 batch=64 optimizer=adamw lr=1e-3
compare models=[plain, decay, augmented]
evaluate model=decay split=train
evaluate model=augmented split=train
"""),
        md("""
| network | train accuracy | test accuracy | gap |
|---|---|---|---|
| plain | 90.76% | 84.63% | 6.1 points |
| decay (`weight_decay=0.3`) | 90.20% | 84.82% | 5.4 points |
| augmented (`flip`, `crop(2)`) | 85.92% | 83.47% | 2.4 points |

Weight decay, at this strength and in 8 epochs, changes little: the gap narrows from 6.1 to 5.4
points, less than the one point two runs can differ by. It acts slowly, a small pull on every
weight at every step, and shows over long trainings. Augmentation narrows the gap most: the network scores less on its
own training images because it never saw them twice the same. In 8 epochs it has not caught up
on the test images, because the task it trains on is harder; with more epochs it usually does,
and that is why notebook 2's main network trains with `augment=[flip]` for ten epochs. None of
the three regularisers (dropout, weight decay, augmentation) is free: each trades speed of
fitting for a network that relies less on the particular images it was shown.
""", """
| rede | acurácia de treino | acurácia de teste | lacuna |
|---|---|---|---|
| plain | 90.76% | 84.63% | 6.1 pontos |
| decay (`weight_decay=0.3`) | 90.20% | 84.82% | 5.4 pontos |
| augmented (`flip`, `crop(2)`) | 85.92% | 83.47% | 2.4 pontos |

O decaimento de pesos, nessa intensidade e em 8 épocas, muda pouco: a lacuna cai de 6.1 para 5.4
pontos, menos do que o ponto de diferença que costuma haver entre duas execuções. Ele age devagar, um pequeno
puxão em cada peso a cada passo, e aparece em treinos longos. O aumento de dados é o que mais
estreita a lacuna: a
rede acerta menos nas suas próprias imagens de treino porque nunca as viu duas vezes iguais. Em 8
épocas ela ainda não alcançou as outras nas imagens de teste, porque a tarefa em que treina é mais
difícil; com mais épocas ela costuma alcançar, e é por isso que a rede principal deste caderno
treina com `augment=[flip]` por dez épocas. Nenhum dos três regularizadores (dropout, decaimento
de pesos, aumento de dados) sai de graça: cada um troca velocidade de ajuste por uma rede que
depende menos das imagens específicas que viu.
"""),
        md("""
### What pooling buys against a shift

The source text also says max pooling makes a network more robust to small shifts of the object:
a 2×2 window keeps its maximum wherever in the window the strongest response sits. Test it:
move every test image a few pixels to the right (`evaluate shift=[rows, columns]`, the pixels that
come in are black) and see how much accuracy each network keeps. `augmented` has pooling too and
was trained on images shifted by up to 2 pixels.
""", """
### O que o pooling compra contra um deslocamento

O texto-fonte também diz que o max pooling deixa a rede mais robusta a pequenos deslocamentos do
objeto: uma janela 2×2 guarda o seu máximo em qualquer ponto da janela em que esteja a resposta
mais forte. Teste: mova cada imagem de teste alguns pixels para a direita
(`evaluate shift=[linhas, colunas]`, os pixels que entram são pretos) e veja quanta acurácia cada
rede mantém. `augmented` também tem pooling e foi treinada com imagens deslocadas em até 2
pixels.
"""),
        code("""
ask choice question="Every test image moves 2 pixels to the right. Which network loses the least accuracy?" options=["plain (pooling)", "nopool (no pooling)", "augmented (pooling, trained on shifted images)"] answer=3 why="Pooling tolerates a shift within its windows, but only training on shifted images teaches the network that a shifted boot is still a boot."
""", pt={
            'Every test image moves 2 pixels to the right. Which network loses the least accuracy?':
                'Cada imagem de teste se move 2 pixels para a direita. Qual rede perde menos acurácia?',
            'plain (pooling)': 'plain (com pooling)',
            'nopool (no pooling)': 'nopool (sem pooling)',
            'augmented (pooling, trained on shifted images)': 'augmented (com pooling, treinada com imagens deslocadas)',
            'Pooling tolerates a shift within its windows, but only training on shifted images teaches the network that a shifted boot is still a boot.':
                'O pooling tolera um deslocamento dentro das suas janelas, mas só treinar com imagens deslocadas ensina à rede que uma bota deslocada continua sendo uma bota.',
        }),
        code("""
evaluate model=plain
evaluate model=plain shift=[0, 2]
evaluate model=plain shift=[0, 4]
evaluate model=nopool
evaluate model=nopool shift=[0, 2]
evaluate model=nopool shift=[0, 4]
evaluate model=augmented
evaluate model=augmented shift=[0, 2]
evaluate model=augmented shift=[0, 4]
"""),
        md("""
| network | in place | 2 pixels right | 4 pixels right |
|---|---|---|---|
| plain (pooling) | 84.63% | 75.26% | 33.29% |
| nopool | 85.82% | 60.62% | 31.16% |
| augmented (pooling, trained with `crop(2)`) | 83.47% | 81.63% | 56.05% |

Two pixels cost the network with pooling 9 points and the one without 25: pooling does buy
tolerance to a small shift. It is not invariance, though: at four pixels both collapse to about a
third. The network trained on shifted images loses less than 2 points at two pixels, the shifts
it was shown, and keeps 56% at four. What a network tolerates, it mostly learns from its data;
pooling makes that easier.
""", """
| rede | no lugar | 2 pixels à direita | 4 pixels à direita |
|---|---|---|---|
| plain (com pooling) | 84.63% | 75.26% | 33.29% |
| nopool | 85.82% | 60.62% | 31.16% |
| augmented (com pooling, treinada com `crop(2)`) | 83.47% | 81.63% | 56.05% |

Dois pixels custam 9 pontos à rede com pooling e 25 à rede sem: o pooling compra, sim,
tolerância a um pequeno deslocamento. Mas isso não é invariância: com quatro pixels as duas caem
para cerca de um terço. A rede treinada com imagens deslocadas perde menos de 2 pontos com dois
pixels, os deslocamentos que ela viu, e mantém 56% com quatro. O que uma rede tolera ela aprende
sobretudo dos seus dados; o pooling facilita isso.
"""),
        md("""
## Experiment: what the optimiser does

Every training above used AdamW. The source text names gradient descent "and its variants"; here
are three, on the same 5,000 images from the same starting weights (`seed 7` before each), with
the same batch and 3 epochs:

- `sgd`: plain stochastic gradient descent, w ← w − lr·g, at lr 0.01;
- `momentum`: the same with momentum 0.9. It keeps a velocity, v ← 0.9·v + g, and steps by lr·v:
  a direction the gradients agree on builds up to about ten times the step, while directions
  where they flip back and forth cancel out;
- `adam`: Adam at its customary rate 0.001. It divides each weight's step by the running size of
  that weight's own gradients, so every weight moves at about lr per step, whether its gradients
  are large or tiny. (AdamW, used above, is Adam with the weight decay applied to the weights
  directly.)

The two SGD runs differ only in momentum: that pair is the controlled comparison. Adam's rate
differs because its step is measured differently; 0.01 would be far too large for it.
""", """
## Experimento: o que o otimizador faz

Todos os treinos acima usaram AdamW. O texto-fonte fala do gradiente descendente "e suas
variantes"; aqui vão três, nas mesmas 5,000 imagens, a partir dos mesmos pesos iniciais
(`seed 7` antes de cada um), com o mesmo lote e 3 épocas:

- `sgd`: o gradiente descendente estocástico simples, w ← w − lr·g, com lr 0.01;
- `momentum`: o mesmo com momento (momentum) 0.9. Ele guarda uma velocidade, v ← 0.9·v + g, e
  anda lr·v: uma direção em que os gradientes concordam cresce até umas dez vezes o passo,
  enquanto as direções em que eles vão e voltam se anulam;
- `adam`: o Adam na sua taxa de costume, 0.001. Ele divide o passo de cada peso pelo tamanho
  médio recente dos gradientes daquele peso, então cada peso anda mais ou menos lr por passo,
  sejam os seus gradientes grandes ou minúsculos. (O AdamW, usado acima, é o Adam com o
  decaimento de pesos aplicado direto aos pesos.)

As duas execuções de SGD diferem só no momento: esse par é a comparação controlada. A taxa do
Adam é outra porque o passo dele é medido de outro jeito; 0.01 seria grande demais para ele.
"""),
        code("""
ask choice question="After 3 epochs, which of the three will have the highest validation accuracy?" options=["sgd", "momentum", "adam"] answer=3 why="Plain SGD at 0.01 takes small steps and is still descending; momentum multiplies the consistent part of the step by about ten; Adam sizes each weight's step by its own gradients, so the weights of every layer learn at once."
""", pt={
            'After 3 epochs, which of the three will have the highest validation accuracy?':
                'Depois de 3 épocas, qual dos três vai ter a maior acurácia de validação?',
            "Plain SGD at 0.01 takes small steps and is still descending; momentum multiplies the consistent part of the step by about ten; Adam sizes each weight's step by its own gradients, so the weights of every layer learn at once.":
                'O SGD simples com 0.01 dá passos pequenos e ainda está descendo; o momento multiplica por umas dez vezes a parte consistente do passo; o Adam ajusta o passo de cada peso pelos gradientes dele mesmo, então os pesos de todas as camadas aprendem ao mesmo tempo.',
        }),
        code("""
seed 7
data fashion-mnist limit=6000 val=1000
seed 7
model sgd = simplecnn
seed 7
model momentum = simplecnn
seed 7
model adam = simplecnn
train model=sgd epochs=3 batch=64 optimizer=sgd lr=0.01 momentum=0
train model=momentum epochs=3 batch=64 optimizer=sgd lr=0.01 momentum=0.9
train model=adam epochs=3 batch=64 optimizer=adam lr=0.001
compare models=[sgd, momentum, adam]
plot loss models=[sgd, momentum, adam]
"""),
        md("""
After three epochs plain SGD has reached 61.7% validation accuracy, with a validation loss of
1.16: it is learning, slowly, and far from done. The same steps with momentum reach 80.3%
(loss 0.56), and Adam 83.0% (loss 0.47). In the loss curves, SGD's line falls slowly from 2.3,
the loss of a uniform guess: lr·g moves the weights a little at each step, and nothing adds the
steps up; momentum's velocity and Adam's per-weight scaling both make up for that. Given enough epochs plain SGD gets there too (it is
still the optimiser of many published ResNets, with momentum and a schedule); the difference is
how many steps it needs, and so how long you wait.
""", """
Depois de três épocas, o SGD simples chegou a 61.7% de acurácia de validação, com perda de
validação 1.16: está aprendendo, devagar, e longe de terminar. Os mesmos passos com momento chegam
a 80.3% (perda 0.56), e o Adam a 83.0% (perda 0.47). Nas curvas de perda, a linha do SGD desce
devagar a partir de 2.3, a perda de um chute uniforme: lr·g mexe um pouco nos pesos a cada passo,
e nada soma esses passos; a velocidade do momento e a escala por peso do Adam compensam isso. Com épocas suficientes o SGD simples também
chega lá (ainda é o otimizador de muitas ResNets publicadas, com momento e um cronograma); a
diferença é quantos passos ele precisa, e portanto quanto tempo você espera.
"""),
        md("""
**Exercise: global average pooling.** In the network above, `flatten` hands the first linear
layer 32 × 7 × 7 = 1,568 numbers, and that layer holds 200,832 of the 215,370 weights. `gap`
(global average pooling) replaces each of the 32 maps by its mean: one number per channel,
wherever in the map the feature was found. Edit the model below, a copy of the network, so that
it uses `gap` instead of `flatten`, and run the cell: `check` compares its parameter count with
the target.

<details><summary>Solution (try first)</summary>

Replace `flatten` by `gap`. The first linear layer then has 32 × 128 + 128 = 4,224 parameters,
and the model 416 + 12,832 + 4,224 + 1,290 = 18,762: eleven times fewer. ResNet and DenseNet in
lesson 3 end this way; train it (`train model=small epochs=8 batch=64 optimizer=adamw lr=1e-3`)
to see what the saving costs in accuracy.
</details>
""", """
**Exercício: global average pooling.** Na rede acima, `flatten` entrega à primeira camada linear
32 × 7 × 7 = 1,568 números, e essa camada guarda 200,832 dos 215,370 pesos. `gap` (global average
pooling, o pooling pela média global) troca cada um dos 32 mapas pela sua média: um número por
canal, não importa em que ponto do mapa a característica foi encontrada. Edite o modelo abaixo,
uma cópia da rede, para que ele use `gap` em vez de `flatten`, e rode a célula: `check` compara a
contagem de parâmetros dele com o alvo.

<details><summary>Solução (tente antes)</summary>

Troque `flatten` por `gap`. A primeira camada linear passa a ter 32 × 128 + 128 = 4,224
parâmetros, e o modelo 416 + 12,832 + 4,224 + 1,290 = 18,762: onze vezes menos. A ResNet e a
DenseNet da lição 3 terminam assim; treine-o (`train model=small epochs=8 batch=64
optimizer=adamw lr=1e-3`) para ver quanto essa economia custa em acurácia.
</details>
"""),
        code("""
model small input=[1, 28, 28]
  conv 16 kernel=5 pad=2
  relu
  maxpool 2
  conv 32 kernel=5 pad=2
  relu
  maxpool 2
  flatten
  linear 128
  relu
  linear 10
end
check params model=small expect=18762 hint="Which layer turns the 32 maps into the numbers the linear layer reads? Replace it by one that keeps one number per map."
""", pt={
            'Which layer turns the 32 maps into the numbers the linear layer reads? Replace it by one that keeps one number per map.':
                'Qual camada transforma os 32 mapas nos números que a camada linear lê? Troque-a por uma que guarde um número por mapa.',
        }),
]
