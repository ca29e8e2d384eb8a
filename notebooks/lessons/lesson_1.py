"""The cells of 1-what-a-convolution-does.ipynb: each prose cell in English and Brazilian Portuguese
(see ../build.py and ../glossary.md)."""
from cells import code, md, swift_excerpt  # noqa: F401

CELLS = [
        md("""
# 1 · What a convolution does

A convolution slides a small grid of weights, the **kernel**, over an image. At each position it
multiplies the kernel with the patch of pixels under it and adds the products (plus a bias): one
number of the output, the **feature map**. A layer has one kernel per output channel, and each
kernel spans every input channel.

The idea comes from the visual cortex. Hubel and Wiesel found that a neuron of a cat's first
visual area answers to an edge of one orientation in one small patch of the visual field, and
that neighbouring neurons repeat the same detector over neighbouring patches; deeper areas
combine them into larger, more complex patterns. A convolution does the same with arithmetic:
one kernel is one detector, and sliding it means the **same weights** look at every position.
That is **weight sharing**: a 3×3 kernel has 9 weights whether the image is 28×28 or 1000×1000,
and a pattern it has learnt to find is found wherever it appears.

Here we hand-set two classic edge kernels and watch what they find in a synthetic image.
""", """
# 1 · O que uma convolução faz

Uma convolução desliza uma pequena grade de pesos, o **filtro (kernel)**, sobre uma imagem. Em cada
posição, ela multiplica o filtro pelo recorte de pixels que está embaixo dele e soma os produtos
(mais um viés): o resultado é um número da saída, o **mapa de características**. Uma camada tem um
filtro por canal de saída, e cada filtro abrange todos os canais de entrada.

A ideia vem do córtex visual. Hubel e Wiesel descobriram que um neurônio da primeira área visual
de um gato responde a uma borda de uma orientação numa pequena região do campo visual, e que os
neurônios vizinhos repetem o mesmo detector em regiões vizinhas; áreas mais profundas os combinam
em padrões maiores e mais complexos. Uma convolução faz o mesmo com aritmética: um filtro é um
detector, e deslizá-lo quer dizer que os **mesmos pesos** olham para cada posição. Isso é o
**compartilhamento de pesos**: um filtro 3×3 tem 9 pesos, seja a imagem 28×28 ou 1000×1000, e um
padrão que ele aprendeu a encontrar é encontrado onde quer que apareça.

Aqui vamos definir à mão dois filtros clássicos de detecção de bordas e ver o que eles encontram
numa imagem sintética.
"""),
        code("""
data shapes n=600 size=28 seed=1
show images n=8
"""),
        md("""
A model with one convolution of two 3×3 kernels. `pad=1` adds a border of zeros, so the output
keeps the input's 28×28 size. We set the kernels by hand: the first responds to vertical edges
(left dark, right bright), the second to horizontal ones (the Sobel kernels).
""", """
Um modelo com uma convolução de dois filtros 3×3. `pad=1` acrescenta uma borda de zeros, então a
saída mantém o tamanho 28×28 da entrada. Definimos os filtros à mão: o primeiro responde a bordas
verticais (escuro à esquerda, claro à direita), o segundo a bordas horizontais (são os filtros de
Sobel).
"""),
        code("""
model edges input=[1, 28, 28]
  conv 2 kernel=3 pad=1
  relu
  maxpool 2
  flatten
  linear 10
end
setweights layer=conv1 values=[-1, 0, 1, -2, 0, 2, -1, 0, 1,   -1, -2, -1, 0, 0, 0, 1, 2, 1] bias=[0, 0]
show featuremaps layer=conv1 image=2
"""),
        md("""
The first map is bright where the image goes from dark (left) to bright (right): the vertical
edges. The second finds the horizontal ones. The picture's title also names a prediction
("predicted …"): the linear layer after the convolution still has its random starting weights,
so that guess means nothing yet. With ten classes, chance is 10%.

Every output value is that sum of products. `explain conv` shows it with the real numbers, for
one position of one channel:
""", """
O primeiro mapa fica claro onde a imagem passa do escuro (à esquerda) para o claro (à direita): as
bordas verticais. O segundo encontra as horizontais. O título da figura também indica uma previsão
("prevista …"): a camada linear depois da convolução ainda tem seus pesos iniciais aleatórios,
então esse palpite ainda não significa nada. Com dez classes, o acerto ao acaso é de 10%.

Cada valor da saída é essa soma de produtos. `explain conv` mostra a conta com os números reais,
para uma posição de um canal:
"""),
        code("explain conv layer=conv1 image=2 channel=0 at=[14, 10]"),
        md("""
**ReLU** keeps positive responses and sets the rest to zero; **max pooling** keeps the strongest
response in each 2×2 window, halving the size:
""", """
A **ReLU** mantém as respostas positivas e zera o resto; o **max pooling** mantém a resposta mais
forte de cada janela 2×2, reduzindo o tamanho pela metade:
"""),
        code("""
show featuremaps layer=relu1 image=2
explain relu layer=relu1 image=2 channel=0
explain pool layer=maxpool1 image=2 channel=0 at=[7, 5]
"""),
        md("""
Why is there a ReLU at all? Each convolution is a weighted sum: a *linear* map of its input.
Predict what two of them in a row, with nothing between, can compute.
""", """
Por que existe uma ReLU? Cada convolução é uma soma ponderada: uma função *linear* da sua
entrada. Preveja o que duas delas em sequência, sem nada entre elas, conseguem calcular.
"""),
        code("""
ask choice question="Two 3×3 convolutions follow each other with no activation between them. What can the pair compute?" options=["only what one 5×5 convolution can", "more than any single convolution", "less than one 3×3 convolution"] answer=1 why="A weighted sum of weighted sums is a weighted sum: the pair is one linear map, a 5×5 convolution whose kernel is the two 3×3 kernels convolved with each other. However many linear layers are stacked, they collapse into one; the non-linearity between them is what lets depth build curves out of edges and shapes out of curves."
""", pt={
            'Two 3×3 convolutions follow each other with no activation between them. What can the pair compute?':
                'Duas convoluções 3×3 vêm uma depois da outra, sem ativação entre elas. O que o par consegue calcular?',
            'only what one 5×5 convolution can':
                'só o que uma convolução 5×5 consegue',
            'more than any single convolution':
                'mais do que qualquer convolução sozinha',
            'less than one 3×3 convolution':
                'menos do que uma convolução 3×3',
            'A weighted sum of weighted sums is a weighted sum: the pair is one linear map, a 5×5 convolution whose kernel is the two 3×3 kernels convolved with each other. However many linear layers are stacked, they collapse into one; the non-linearity between them is what lets depth build curves out of edges and shapes out of curves.':
                'Uma soma ponderada de somas ponderadas é uma soma ponderada: o par é uma só função linear, uma convolução 5×5 cujo filtro é a convolução dos dois filtros 3×3 entre si. Por mais camadas lineares que se empilhem, elas se reduzem a uma; é a não linearidade entre elas que deixa a profundidade montar curvas a partir de bordas e formas a partir de curvas.',
        }),
        md("""
## Stride and padding

The output size follows from the input size *n*, kernel *k*, padding *p* and stride *s*:
⌊(n + 2p − k) / s⌋ + 1. A stride of 2 skips every other position; no padding loses a border.
""", """
## Passo (stride) e preenchimento (padding)

O tamanho da saída decorre do tamanho da entrada *n*, do tamanho do filtro *k*, do preenchimento
*p* e do passo *s*: ⌊(n + 2p − k) / s⌋ + 1. Um passo de 2 pula uma posição a cada duas; sem
preenchimento, perde-se uma borda.
"""),
        code("""
model sizes input=[1, 28, 28]
  conv 4 kernel=3
  conv 4 kernel=3 pad=1
  conv 4 kernel=3 stride=2 pad=1
  conv 4 kernel=5 stride=2
  maxpool 2
  flatten
  linear 10
end
"""),
        md("Work out conv3's output before asking the kernel: conv1 gives 26×26 (no padding loses a pixel on each side), conv2 keeps it.",
           "Calcule a saída da conv3 antes de perguntar ao kernel: a conv1 dá 26×26 (sem preenchimento, perde-se um pixel de cada lado), e a conv2 mantém esse tamanho."),
        code("ask shape layer=conv3 model=sizes"),
        code("explain shapes model=sizes"),
        md("""
**Exercise.** Edit the model below so that conv1 turns the 28×28 input into 8 maps of 14×14,
then run the cell: `check` says whether it does, and gives a hint until it does. The model
starts with kernel 3 and no stride or padding, so the check does not pass yet.

<details><summary>Solution (try first)</summary>

`conv 8 kernel=3 stride=2 pad=1`: ⌊(28 + 2·1 − 3)/2⌋ + 1 = 14. (`kernel=4 stride=2 pad=1` and
`kernel=2 stride=2` work too: any choice where the formula gives 14.)
</details>
""", """
**Exercício.** Edite o modelo abaixo para que a conv1 transforme a entrada 28×28 em 8 mapas de
14×14 e rode a célula: `check` diz se isso acontece e dá uma dica até acontecer. O modelo começa
com filtro 3, sem passo nem preenchimento, então a conferência ainda não passa.

<details><summary>Solução (tente antes)</summary>

`conv 8 kernel=3 stride=2 pad=1`: ⌊(28 + 2·1 − 3)/2⌋ + 1 = 14. (`kernel=4 stride=2 pad=1` e
`kernel=2 stride=2` também servem: qualquer escolha em que a fórmula dê 14.)
</details>
"""),
        code("""
model exercise input=[1, 28, 28]
  conv 8 kernel=3
  relu
  flatten
  linear 10
end
check shape layer=conv1 expect=[8, 14, 14] hint="A stride of 2 roughly halves the size; then choose the padding so that ⌊(28 + 2·p − k)/2⌋ + 1 = 14."
""", pt={
            'A stride of 2 roughly halves the size; then choose the padding so that ⌊(28 + 2·p − k)/2⌋ + 1 = 14.':
                'Um passo de 2 divide o tamanho mais ou menos pela metade; depois escolha o preenchimento para que ⌊(28 + 2·p − k)/2⌋ + 1 = 14.',
        }),
        md("""
## Many channels in, one map out

A kernel spans every input channel. conv2 above receives conv1's 4 maps, so each of its kernels
is 4×3×3, and each output value adds up four channels' sums of products plus one bias. The
walk-through shows the patch and the kernel channel by channel, and the four partial sums:
""", """
## Muitos canais de entrada, um mapa de saída

Um filtro abrange todos os canais de entrada. A conv2 acima recebe os 4 mapas da conv1, então cada
um dos seus filtros é 4×3×3, e cada valor de saída soma as somas de produtos de quatro canais, mais
um viés. A explicação mostra o recorte e o filtro canal por canal, e as quatro somas parciais:
"""),
        code("explain conv layer=conv2 model=sizes image=2 channel=0"),
        code("ask params layer=conv2 model=sizes"),
        md("""
## What pooling buys

The same two convolutions, four ways: max pooling after each, average pooling after each, a
stride-2 convolution that downsamples by itself, and no downsampling at all. Each ends with
flatten and one linear layer to the ten classes.
""", """
## O que se ganha com o pooling

As mesmas duas convoluções, de quatro jeitos: max pooling depois de cada uma, average pooling
(pooling pela média) depois de cada uma, uma convolução com passo 2 que reduz a resolução
(downsampling) por conta própria, e nenhuma redução de resolução. Cada versão termina com flatten
e uma camada linear para as dez classes.
"""),
        code("""
ask choice question="Which of the four versions has the most parameters?" options=["max pooling", "average pooling", "stride-2 convolutions", "no downsampling"] answer=4 why="Pooling and strides have no weights, but without them the linear layer receives 8×28×28 = 6,272 values instead of 8×7×7 = 392, so it needs sixteen times as many weights."
""", pt={
            'Which of the four versions has the most parameters?':
                'Qual das quatro versões tem mais parâmetros?',
            'stride-2 convolutions':
                'convoluções com passo 2',
            'no downsampling':
                'sem downsampling',
            'Pooling and strides have no weights, but without them the linear layer receives 8×28×28 = 6,272 values instead of 8×7×7 = 392, so it needs sixteen times as many weights.':
                'Pooling e passos não têm pesos, mas sem eles a camada linear recebe 8×28×28 = 6,272 valores em vez de 8×7×7 = 392, então precisa de dezesseis vezes o número de pesos.',
        }),
        code("""
seed 3
data shapes n=3000 size=28 seed=4
model maxp input=[1, 28, 28]
  conv 8 kernel=3 pad=1
  relu
  maxpool 2
  conv 8 kernel=3 pad=1
  relu
  maxpool 2
  flatten
  linear 10
end
model avgp input=[1, 28, 28]
  conv 8 kernel=3 pad=1
  relu
  avgpool 2
  conv 8 kernel=3 pad=1
  relu
  avgpool 2
  flatten
  linear 10
end
model strided input=[1, 28, 28]
  conv 8 kernel=3 pad=1 stride=2
  relu
  conv 8 kernel=3 pad=1 stride=2
  relu
  flatten
  linear 10
end
model none input=[1, 28, 28]
  conv 8 kernel=3 pad=1
  relu
  conv 8 kernel=3 pad=1
  relu
  flatten
  linear 10
end
compare models=[maxp, avgp, strided, none]
"""),
        md("Average pooling keeps the mean of each window instead of its largest value:",
           "O average pooling guarda a média de cada janela em vez do seu maior valor:"),
        code("explain pool model=avgp layer=avgpool1 image=2 channel=0 at=[4, 8]"),
        md("""
This window holds one strong response beside weak ones and zeros. Max pooling would pass the
strong one on; the average dilutes it with its neighbours. A thin stroke on a dark background is
kept by the max and blurred by the mean.
""", """
Esta janela tem uma resposta forte ao lado de respostas fracas e de zeros. O max pooling passaria
a forte adiante; a média a dilui com as vizinhas. Um traço fino sobre um fundo escuro é preservado
pelo máximo e borrado pela média.
"""),
        md("Now train the four the same way (same data, seed, optimiser and budget) and compare again:",
           "Agora treine as quatro do mesmo jeito (mesmos dados, mesma semente, mesmo otimizador e mesmo orçamento de treino) e compare de novo:"),
        code("""
train model=maxp epochs=3 batch=50 optimizer=adam lr=0.003
train model=avgp epochs=3 batch=50 optimizer=adam lr=0.003
train model=strided epochs=3 batch=50 optimizer=adam lr=0.003
train model=none epochs=3 batch=50 optimizer=adam lr=0.003
compare models=[maxp, avgp, strided, none]
"""),
        md("""
Reading the table:

- **Parameters.** Pooling and strides cost no weights and shrink every later layer: the three
  downsampling versions have 4,594 parameters; without downsampling the linear layer alone needs
  about 63,000. On a 224×224 photo the same design would need millions.
- **Arithmetic.** The stride-2 version does about a quarter of max pooling's multiply-adds, because it
  computes its convolutions only where it keeps them.
- **Accuracy.** On these simple synthetic shapes, with 2,700 training images and three epochs,
  the version without downsampling scores highest: it has fourteen times the weights, and this
  data is too easy for it to overfit. Max pooling comes next, ahead of the stride-2 version and
  well ahead of average pooling, which blurs thin strokes into the background. What pooling buys
  is mostly the first two rows: a smaller, cheaper network, and one whose later layers see a
  wider part of the image. On harder, real data, with fewer weights to fit, that smaller network
  is also the one that overfits less.
""", """
Lendo a tabela:

- **Parâmetros.** Pooling e passos não custam pesos e encolhem todas as camadas seguintes: as três
  versões com downsampling têm 4,594 parâmetros; sem downsampling, só a camada linear precisa de
  cerca de 63,000. Numa foto de 224×224, o mesmo projeto precisaria de milhões.
- **Aritmética.** A versão com passo 2 faz cerca de um quarto das multiplicações-adições da versão
  com max pooling, porque só calcula suas convoluções onde vai mantê-las.
- **Acurácia.** Nestas formas sintéticas simples, com 2,700 imagens de treino e três épocas, a
  versão sem downsampling tem o melhor resultado: ela tem catorze vezes o número de pesos, e estes
  dados são fáceis demais para ela sofrer overfitting (sobreajuste). O max pooling vem em seguida,
  à frente da versão com passo 2 e bem à frente do average pooling, que borra os traços finos no
  fundo. O que o pooling oferece está principalmente nos dois primeiros itens: uma rede menor e
  mais barata, e cujas camadas seguintes veem uma parte maior da imagem. Em dados reais e mais
  difíceis, com menos pesos para ajustar, essa rede menor também é a que sofre menos overfitting.
"""),
]
