"""The cells of 3-inception-resnet-densenet.ipynb: each prose cell in English and Brazilian Portuguese
(see ../build.py and ../glossary.md)."""
from cells import code, md, swift_excerpt  # noqa: F401

CELLS = [
        md("""
# 3 · Inception, ResNet, DenseNet

Three ideas that made deep CNNs work:

* **Inception** (GoogLeNet, Szegedy et al. 2014): parallel branches with 1×1, 3×3 and 5×5
  convolutions and pooling, concatenated on channels — several scales at once.
* **ResNet** (He et al. 2015): each block adds its input to its output, `y = F(x) + x`, so the
  gradient has a short path back and very deep networks train.
* **DenseNet** (Huang et al. 2016): each layer receives the concatenation of all earlier feature
  maps, reusing features instead of relearning them.

All three are written in this language, from their blocks. `show source` prints them:
""", """
# 3 · Inception, ResNet, DenseNet

Três ideias que fizeram as CNNs profundas funcionarem:

* **Inception** (GoogLeNet, Szegedy et al. 2014): ramos paralelos com convoluções 1×1, 3×3 e 5×5
  e pooling, concatenados ao longo dos canais — várias escalas de uma só vez.
* **ResNet** (He et al. 2015): cada bloco soma a sua entrada à sua saída, `y = F(x) + x`; assim o
  gradiente tem um caminho curto de volta, e redes muito profundas conseguem aprender.
* **DenseNet** (Huang et al. 2016): cada camada recebe a concatenação de todos os mapas de
  características anteriores, reaproveitando características em vez de aprendê-las de novo.

As três estão escritas nesta linguagem, a partir dos seus blocos. `show source` mostra cada uma:
"""),
        code("show source inception"),
        code("show source resblock"),
        code("show source denselayer"),
        md("""
Read the inception block's branches: the 3×3 and 5×5 convolutions each come after a 1×1
convolution to fewer channels. That 1×1 **reduction** is what makes four branches affordable: a
1×1 convolution mixes the channels at each pixel without looking around it, so it is cheap, and
the wide kernel after it then works on few channels. DenseNet has the same trick twice: each
dense layer's 3×3 convolution reads a 1×1 bottleneck, and a **transition** (1×1 convolution to
half the channels, then 2×2 average pooling) between its stages stops the concatenated channels
from growing without bound.

**Exercise.** `direct` is one 5×5 convolution from 192 channels to 32 (the size of an inception
branch in GoogLeNet's third stage), with a small classifier after it. Make `reduced` put a 1×1
convolution to 16 channels in front of the same 5×5 convolution, and run the cell: `check` wants
its parameter count.

<details><summary>Solution (try first)</summary>

Add `conv 16 kernel=1` before `conv 32 kernel=5 pad=2`. The 1×1 layer has 192 × 16 + 16 = 3,088
parameters, the 5×5 one now 16 × 32 × 25 + 32 = 12,832 instead of 153,632; with the classifier's
330, `reduced` has 16,250 against `direct`'s 153,962: nine and a half times fewer, and the same
saving in multiply-adds at every pixel.
</details>
""", """
Leia os ramos do bloco inception: as convoluções 3×3 e 5×5 vêm cada uma depois de uma convolução
1×1 para menos canais. Essa **redução** 1×1 é o que torna quatro ramos viáveis: uma convolução 1×1
mistura os canais em cada pixel sem olhar em volta, então é barata, e o filtro largo depois dela
trabalha com poucos canais. A DenseNet usa o mesmo truque duas vezes: a convolução 3×3 de cada
camada densa lê um gargalo (bottleneck) 1×1, e uma **transição** (convolução 1×1 para metade dos
canais, depois average pooling 2×2) entre os seus estágios impede que os canais concatenados
cresçam sem limite.

**Exercício.** `direct` é uma convolução 5×5 de 192 canais para 32 (o tamanho de um ramo
inception no terceiro estágio da GoogLeNet), com um pequeno classificador depois dela. Faça
`reduced` pôr uma convolução 1×1 para 16 canais antes da mesma convolução 5×5 e rode a célula:
`check` pede a contagem de parâmetros dela.

<details><summary>Solução (tente antes)</summary>

Acrescente `conv 16 kernel=1` antes de `conv 32 kernel=5 pad=2`. A camada 1×1 tem
192 × 16 + 16 = 3,088 parâmetros, e a 5×5 agora 16 × 32 × 25 + 32 = 12,832 em vez de 153,632;
com os 330 do classificador, `reduced` tem 16,250 contra 153,962 de `direct`: nove vezes e meia
menos, e a mesma economia em multiplicações-adições em cada pixel.
</details>
"""),
        code("""
model direct input=[192, 28, 28]
  conv 32 kernel=5 pad=2
  gap
  linear 10
end
model reduced input=[192, 28, 28]
  conv 32 kernel=5 pad=2
  gap
  linear 10
end
check params model=direct expect=153962
check params model=reduced expect=16250 hint="A 1×1 convolution to 16 channels goes before the 5×5 one: 192·16 + 16 parameters for it, and the 5×5 then sees 16 channels instead of 192."
""", pt={
            'A 1×1 convolution to 16 channels goes before the 5×5 one: 192·16 + 16 parameters for it, and the 5×5 then sees 16 channels instead of 192.':
                'Uma convolução 1×1 para 16 canais vem antes da 5×5: 192·16 + 16 parâmetros para ela, e a 5×5 passa a ver 16 canais em vez de 192.',
        }),
        md("""
## Why a residual connection helps: a controlled experiment

Two networks of the same depth, trained the same way on the same data: eleven 3×3 convolutions
in a plain stack, and the same convolutions with ten of them in residual blocks. Only the
shortcuts differ. Before you run it, predict which one gets a larger gradient at its first layer.
""", """
## Por que uma conexão residual ajuda: um experimento controlado

Duas redes com a mesma profundidade, treinadas do mesmo jeito e com os mesmos dados: onze
convoluções 3×3 numa pilha simples, e as mesmas convoluções com dez delas em blocos residuais. Só
os atalhos (shortcuts) mudam. Antes de rodar, faça a sua previsão: qual das duas recebe um
gradiente maior na primeira camada?
"""),
        code("""
ask choice question="After training, which network's first layer receives the larger gradient?" options=["the plain stack", "the residual one", "about the same"] answer=2 why="In the plain stack the gradient is multiplied by every layer's weights and ReLU masks on its way down, and it shrinks; each residual block adds an identity path along which it passes unchanged."
""", """
ask choice question="Depois do treino, a primeira camada de qual rede recebe o gradiente maior?" options=["a pilha simples", "a residual", "praticamente o mesmo"] answer=2 why="Na pilha simples, o gradiente é multiplicado pelos pesos e pelas máscaras da ReLU de cada camada no caminho de volta, e vai encolhendo; cada bloco residual acrescenta um caminho identidade, pelo qual ele passa sem mudar."
"""),
        code("""
seed 1
data shapes n=3000 size=16 seed=2
model plain input=[1, 16, 16]
  conv 8 pad=1
  relu
  repeat 10
    conv 8 pad=1
    relu
  end
  gap
  linear 10
end
model res input=[1, 16, 16]
  conv 8 pad=1
  relu
  repeat 10
    residual
      conv 8 pad=1
      relu
    end
  end
  gap
  linear 10
end
train model=plain epochs=3 batch=50 lr=0.02
train model=res epochs=3 batch=50 lr=0.02
plot gradients models=[plain, res]
"""),
        md("""
The chart reads from the input (left) to the output (right) on a log scale. The plain stack's
gradient falls more than a million-fold on its way back to the first layer (about 10⁻¹ at the
output, 10⁻⁸ at the first convolution), so its early layers barely change, and the epochs above
show it stuck at chance (10% for ten classes). The residual network's gradient stays within a
factor of about a hundred, because each block's identity path passes it on untouched: every
layer learns, and it reaches about 70% in the same three epochs. Same depth, same training, only
the shortcuts differ.

## The three architectures, trained fairly

The three reference models on the same 12,000 Fashion-MNIST images, with the same optimiser
(AdamW, learning rate 0.002, weight decay 10⁻⁴), the same one-cycle schedule, batch and seed, for
3 epochs each. Only the architecture differs. First their sizes and their graphs:
""", """
O gráfico se lê da entrada (à esquerda) para a saída (à direita), em escala logarítmica. O
gradiente da pilha simples cai mais de um milhão de vezes no caminho de volta até a primeira
camada (cerca de 10⁻¹ na saída, 10⁻⁸ na primeira convolução); por isso as primeiras camadas quase
não mudam, e as épocas acima mostram a rede travada no nível do acaso (10% para dez classes). O
gradiente da rede residual fica dentro de um fator de mais ou menos cem, porque o caminho
identidade de cada bloco o repassa intacto: todas as camadas aprendem, e a rede chega a cerca de
70% nas mesmas três épocas. Mesma profundidade, mesmo treino; só os atalhos mudam.

## As três arquiteturas, treinadas em pé de igualdade

Os três modelos de referência, com as mesmas 12 mil imagens do Fashion-MNIST, o mesmo otimizador
(AdamW, taxa de aprendizado 0.002, decaimento de pesos (weight decay) 10⁻⁴), o mesmo cronograma
one-cycle da taxa de aprendizado, o mesmo tamanho de lote e a mesma semente, por 3 épocas cada. Só a
arquitetura muda. Primeiro, os tamanhos e os grafos de cada um:
"""),
        code("""
seed 1
data fashion-mnist limit=12000 val=2000
model g = googlenet
model r = resnet
model d = densenet
compare
"""),
        code("show graph model=g"),
        code("show graph model=r"),
        code("show graph model=d"),
        md("""
Look for the parallel branches of an inception block and what its join adds up; the shortcut
arcs of ResNet, with the projection (a strided 1×1 convolution) where the shape changes; and how
DenseNet's channels grow by 16 with every layer until a transition halves them.
""", """
Procure os ramos paralelos de um bloco inception e o que a junção deles soma; os arcos de atalho
da ResNet, com a projeção (uma convolução 1×1 com passo (stride) maior que 1) onde a forma muda; e
como os canais da DenseNet crescem 16 a cada camada, até que uma transição os reduz à metade.
"""),
        code("""
ask choice question="compare above lists each model's multiply-adds per image. Which will take the least time per epoch?" options=["GoogLeNet", "ResNet", "DenseNet"] answer=2 why="ResNet needs about half the multiply-adds of the other two (its stages shrink the maps early), and it spends them in a few wide 3×3 convolutions that run efficiently; GoogLeNet and DenseNet spread theirs over many small convolutions and copy channels at every concatenation. So ResNet is several times faster here (the seconds per epoch vary from run to run): time follows the arithmetic and how it is arranged, not the parameter count."
""", pt={
            "compare above lists each model's multiply-adds per image. Which will take the least time per epoch?":
                'O compare acima lista as multiplicações-adições de cada modelo por imagem. Qual deles vai levar menos tempo por época?',
            'ResNet needs about half the multiply-adds of the other two (its stages shrink the maps early), and it spends them in a few wide 3×3 convolutions that run efficiently; GoogLeNet and DenseNet spread theirs over many small convolutions and copy channels at every concatenation. So ResNet is several times faster here (the seconds per epoch vary from run to run): time follows the arithmetic and how it is arranged, not the parameter count.':
                'A ResNet precisa de cerca de metade das multiplicações-adições das outras duas (os seus estágios encolhem os mapas logo no início) e as gasta em poucas convoluções 3×3 largas, que rodam com eficiência; a GoogLeNet e a DenseNet espalham as suas por muitas convoluções pequenas e copiam canais a cada concatenação. Por isso aqui a ResNet é várias vezes mais rápida (os segundos por época variam de uma execução para outra): o tempo acompanha a aritmética e o jeito como ela se organiza, não o número de parâmetros.',
        }),
        code("""
train model=g epochs=3 batch=128 optimizer=adamw lr=0.002 weight_decay=1e-4 schedule=onecycle
train model=r epochs=3 batch=128 optimizer=adamw lr=0.002 weight_decay=1e-4 schedule=onecycle
train model=d epochs=3 batch=128 optimizer=adamw lr=0.002 weight_decay=1e-4 schedule=onecycle
"""),
        code("plot accuracy models=[g, r, d]"),
        code("compare models=[g, r, d]"),
        md("""
How to read this against published figures. These small models come from the University of
Amsterdam's deep-learning course (tutorial 5, "Inception, ResNet and DenseNet"). Trained there on
**CIFAR-10** (colour photos of ten kinds of object, 32×32) for 180 epochs, they reach 89.7%
(GoogLeNet), 91.1% (ResNet) and 90.2% (DenseNet) test accuracy. Here they get 3 epochs on
**Fashion-MNIST** (grey 28×28 pictures of clothes on a plain background), a different and easier
task: numbers from the two are not comparable. Published Fashion-MNIST results are about 94–96%
for networks like these, after far longer training. The lesson of the comparison is the one the
UvA tutorial draws too: at this size the three ideas end within a few points of each other (a
gap that one seed and three epochs cannot rank), and they differ far more in cost: look at the
seconds per epoch.
""", """
Como comparar isto com os números publicados. Estes modelos pequenos vêm do curso de deep learning
da Universidade de Amsterdã (tutorial 5, "Inception, ResNet and DenseNet"). Treinados lá com o
**CIFAR-10** (fotos coloridas de dez tipos de objeto, 32×32) por 180 épocas, eles chegam a 89.7%
(GoogLeNet), 91.1% (ResNet) e 90.2% (DenseNet) de acurácia no conjunto de teste. Aqui eles têm 3
épocas com o **Fashion-MNIST** (imagens cinza de 28×28 de roupas sobre um fundo liso), uma tarefa
diferente e mais fácil: os números de um e de outro não são comparáveis. Os resultados publicados
no Fashion-MNIST ficam em torno de 94–96% para redes como estas, depois de um treino muito mais
longo. A lição da comparação é a mesma que o tutorial da UvA tira: neste tamanho, as três ideias
terminam a poucos pontos umas das outras (uma diferença que uma só semente e três épocas não
conseguem ordenar), e diferem muito mais no custo: olhe os segundos por época.
"""),
]
