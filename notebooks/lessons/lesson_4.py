"""The cells of 4-backpropagation.ipynb: each prose cell in English and Brazilian Portuguese
(see ../build.py and ../glossary.md)."""
from cells import code, md, swift_excerpt  # noqa: F401

CELLS = [
        md("""
# 4 · Backpropagation by hand

Training repeats five steps: **initialise** the weights at random; **forward**: compute the
scores; **loss**: compare them with the label (softmax cross-entropy); **backward**: the chain
rule gives every weight's gradient, layer by layer from the loss back to the input; **update**:
move each weight a little against its gradient.

This lesson does all five by hand on a network small enough for pencil and paper: a 6×6 picture
of a **T** (class 0) or an **L** (class 1), one 3×3 convolution kernel without padding, ReLU,
2×2 max pooling, and a linear layer from 4 numbers to 2 scores. Before each result, predict it.
""", """
# 4 · Retropropagação (backpropagation) à mão

O treino repete cinco etapas: **inicialização**: os pesos são sorteados ao acaso; **propagação
direta (forward)**: calculam-se as pontuações; **perda**: elas são comparadas com o rótulo
(entropia cruzada da softmax); **retropropagação (backward)**: a regra da cadeia dá o gradiente
de cada peso, camada por camada, da perda de volta até a entrada; **atualização**: cada peso
anda um pouco no sentido contrário ao seu gradiente.

Nesta lição você faz as cinco à mão, numa rede pequena o bastante para lápis e papel: uma imagem
6×6 de um **T** (classe 0) ou de um **L** (classe 1), um filtro (kernel) de convolução 3×3 sem
preenchimento (padding), ReLU, max pooling 2×2 e uma camada linear que leva 4 números a 2
pontuações. Antes de cada resultado, tente prevê-lo.
"""),
        md("""
## Shapes first

The kernel slides over the 6×6 picture one pixel at a time and never hangs over the edge. How
many positions does it take in each direction?
""", """
## Primeiro, as formas

O filtro desliza sobre a imagem 6×6 um pixel de cada vez e nunca passa da borda. Quantas
posições ele ocupa em cada direção?
"""),
        code("""
ask choice question="The 3×3 kernel slides over a 6×6 picture, stride 1, no padding. What shape is its output z?" options=["6×6", "4×4", "3×3", "2×2"] answer=2 why="(6 − 3)/1 + 1 = 4 positions along each side: the kernel's top-left corner can sit in columns 0 to 3."
""", pt={
            'The 3×3 kernel slides over a 6×6 picture, stride 1, no padding. What shape is its output z?':
                'O filtro 3×3 desliza sobre uma imagem 6×6, com passo (stride) 1 e sem preenchimento (padding). Qual é a forma da sua saída z?',
            "(6 − 3)/1 + 1 = 4 positions along each side: the kernel's top-left corner can sit in columns 0 to 3.":
                '(6 − 3)/1 + 1 = 4 posições ao longo de cada lado: o canto superior esquerdo do filtro pode ficar nas colunas 0 a 3.',
        }),
        code("""
ask choice question="ReLU keeps z's shape; 2×2 max pooling then keeps one number per window. How many numbers reach the linear layer?" options=["16", "8", "4", "1"] answer=3 why="A 4×4 map has four 2×2 windows, so max pooling gives 2×2 = 4 numbers; flatten lines them up as v."
""", pt={
            "ReLU keeps z's shape; 2×2 max pooling then keeps one number per window. How many numbers reach the linear layer?":
                'A ReLU mantém a forma de z; depois, o max pooling 2×2 guarda um número por janela. Quantos números chegam à camada linear?',
            'A 4×4 map has four 2×2 windows, so max pooling gives 2×2 = 4 numbers; flatten lines them up as v.':
                'Um mapa 4×4 tem quatro janelas 2×2, então o max pooling dá 2×2 = 4 números; o flatten os enfileira como v.',
        }),
        md("""
## The five steps

Run it and follow the numbers from top to bottom. The weights are real random draws (PyTorch's
default bound, ±1/√fan_in) rounded to tenths so the sums can be checked by hand: try z[0,0]
yourself before reading the line that computes it.
""", """
## As cinco etapas

Rode a célula e acompanhe os números de cima para baixo. Os pesos são sorteios aleatórios de
verdade (no limite padrão do PyTorch, ±1/√fan_in), arredondados para décimos para que as somas
possam ser conferidas à mão: calcule z[0,0] você mesmo antes de ler a linha que o calcula.
"""),
        code("explain byhand image=0"),
        md("""
What to look for:

- **Forward.** ReLU turns the negative values of z into 0. In one 2×2 window every value was
  negative, so max pooling passes a 0 on from there, and v has a 0.
- **Loss.** The weights are small random numbers, so the two scores start close: p is not far
  from ½ for each class and the loss is near ln 2 ≈ 0.69, what a coin toss scores.
- **δs = p − y.** The true class gets a negative δ (raising its score lowers the loss), the
  other a positive one, and they sum to 0.
- **Max pooling's backward.** Only the four winners get a gradient in δa, so three of every four
  positions get nothing.
- **ReLU's backward.** The all-negative window's winner does get a δ in δa, but its z was
  negative, so δz is 0 there: a unit that was off does not learn from this picture.
- **The kernel's gradient** is the input correlated with δz: each ∂L/∂K[i,j] adds up the pixels
  that sat under K[i,j], each weighted by the δz of that position (Σ δz[r,c]·x[r+i, c+j]): only
  the positions where δz is not zero count.
- **δx** is what a layer below would receive: δz spread back through the kernel turned 180°.
- **Update.** One step with learning rate 0.5 moves the true class's probability a long way,
  and the check at the end shows the engine's own layers computing every one of these numbers.
""", """
O que observar:

- **Propagação direta.** A ReLU transforma os valores negativos de z em 0. Numa das janelas 2×2
  todos os valores eram negativos, então o max pooling passa adiante um 0 dali, e v tem um 0.
- **Perda.** Os pesos são números aleatórios pequenos, então as duas pontuações começam
  próximas: p não fica longe de ½ para cada classe, e a perda fica perto de ln 2 ≈ 0.69, o que
  se consegue no cara ou coroa.
- **δs = p − y.** A classe verdadeira recebe um δ negativo (aumentar a sua pontuação diminui a
  perda), a outra recebe um positivo, e os dois somam 0.
- **A retropropagação do max pooling.** Só os quatro vencedores recebem gradiente em δa, então
  três de cada quatro posições não recebem nada.
- **A retropropagação da ReLU.** O vencedor da janela toda negativa recebe, sim, um δ em δa, mas
  o seu z era negativo, então δz é 0 ali: uma unidade que estava desligada não aprende com esta
  imagem.
- **O gradiente do filtro** é a entrada correlacionada com δz: cada ∂L/∂K[i,j] soma os pixels que
  ficaram sob K[i,j], cada um ponderado pelo δz daquela posição (Σ δz[r,c]·x[r+i, c+j]): só
  contam as posições onde δz não é zero.
- **δx** é o que uma camada abaixo receberia: δz espalhado de volta através do filtro girado em
  180°.
- **Atualização.** Um único passo com taxa de aprendizado 0.5 faz a probabilidade da classe
  verdadeira andar bastante, e a verificação no final mostra as próprias camadas do motor
  calculando cada um desses números.
"""),
        md("""
## Your turn: the L

Before running the L, predict the sign of the gradient at the L's score.
""", """
## Sua vez: o L

Antes de rodar o L, preveja o sinal do gradiente na pontuação do L.
"""),
        code("""
ask choice question="For a picture of an L (class 1), is δs[1] = ∂L/∂s[1] positive or negative?" options=["positive", "negative", "zero"] answer=2 why="δs[1] = p[1] − 1, and a probability is below 1: the gradient says raise the L's score."
""", pt={
            'For a picture of an L (class 1), is δs[1] = ∂L/∂s[1] positive or negative?':
                'Para uma imagem de um L (classe 1), δs[1] = ∂L/∂s[1] é positivo ou negativo?',
            'positive':
                'positivo',
            'negative':
                'negativo',
            "δs[1] = p[1] − 1, and a probability is below 1: the gradient says raise the L's score.":
                'δs[1] = p[1] − 1, e uma probabilidade é menor que 1: o gradiente diz para aumentar a pontuação do L.',
        }),
        code("explain byhand image=1"),
        code("""
ask choice question="In δz above, some positions are 0 although δa there is not. Why?" options=["the learning rate is too small", "z was negative there, so ReLU passed nothing back", "max pooling chose another input"] answer=2 why="ReLU's derivative is 1 where z > 0 and 0 elsewhere. Where δa is 0, max pooling chose another input; where δa is not 0 but δz is, ReLU's mask stopped it."
""", """
ask choice question="Em δz acima, algumas posições são 0, embora δa ali não seja. Por quê?" options=["a taxa de aprendizado é pequena demais", "z era negativo ali, então a ReLU não passou nada de volta", "o max pooling escolheu outra entrada"] answer=2 why="A derivada da ReLU é 1 onde z > 0 e 0 nos demais lugares. Onde δa é 0, o max pooling escolheu outra entrada; onde δa não é 0 mas δz é, a máscara da ReLU barrou o gradiente."
"""),
        md("""
## The same steps in a real network

A network with thousands of weights runs exactly these steps. `explain backprop` picks one weight
of a trained network (the one with the largest gradient on a batch), gives its chain-rule
gradient, checks it against a numeric derivative (nudge the weight by ±0.001 and watch the
loss), and makes the update.
""", """
## As mesmas etapas numa rede de verdade

Uma rede com milhares de pesos executa exatamente essas etapas. `explain backprop` escolhe um
peso de uma rede treinada (o de maior gradiente num lote), mostra o seu gradiente pela regra da
cadeia, confere-o com uma derivada numérica (mexa no peso em ±0.001 e observe a perda) e faz a
atualização.
"""),
        code("""
seed 7
data shapes n=2000 size=20 seed=3
model small
  conv 6 kernel=3 pad=1
  relu
  maxpool 2
  conv 8 kernel=3 pad=1
  relu
  gap
  linear 10
end
train epochs=2 batch=50 lr=0.05
explain backprop layer=conv2
"""),
        md("""
The two gradients agree to several digits: the chain rule is the derivative. `gradcheck` makes
the same comparison for every input value and weight of a layer (a random sample of them in big
tensors). Each layer kind in the kernel passes it, and a layer plugin has to pass it too.
""", """
Os dois gradientes concordam em vários dígitos: a regra da cadeia é a derivada. `gradcheck` faz
a mesma comparação para cada valor de entrada e cada peso de uma camada (uma amostra aleatória
deles, nos tensores grandes). Todo tipo de camada do kernel passa nesse teste, e um plugin de
camada também precisa passar.
"""),
        code("""
gradcheck conv 4 kernel=3 stride=2 input=[2, 7, 7]
gradcheck batchnorm input=[3, 4, 4]
gradcheck maxpool kernel=3 stride=2 pad=1 input=[2, 7, 7]
"""),
        md("""
## Exercises

1. In the T's output, pick one entry of ∂L/∂K and recompute it from x and δz by hand.
2. Max pooling gave the gradient to one input per window. What would average pooling do with it?
   (Each of the four inputs gets a quarter: try `explain pool` on a model with `avgpool`.)
3. Change the learning rate in your head: with 0.05 instead of 0.5, would the T's loss after the
   update be closer to the old loss or to the new one? The update moves each weight by a tenth as
   much.
""", """
## Exercícios

1. Na saída do T, escolha um elemento de ∂L/∂K e recalcule-o à mão a partir de x e δz.
2. O max pooling deu o gradiente a uma entrada por janela. O que o average pooling (pooling pela
   média) faria com ele? (Cada uma das quatro entradas recebe um quarto: experimente
   `explain pool` num modelo com `avgpool`.)
3. Mude a taxa de aprendizado de cabeça: com 0.05 em vez de 0.5, a perda do T depois da
   atualização ficaria mais perto da perda antiga ou da nova? A atualização move cada peso só um
   décimo do que movia antes.
"""),
]
