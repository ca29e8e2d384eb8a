"""The cells of gallery.ipynb: each prose cell in English and Brazilian Portuguese
(see ../build.py and ../glossary.md)."""
from cells import code, md, swift_excerpt  # noqa: F401

CELLS = [
        md("# Gallery\n\nEvery visual command of the kernel, on Fashion-MNIST with a small CNN.",
           "# Galeria\n\nTodos os comandos visuais do kernel, no Fashion-MNIST, com uma CNN pequena."),
        code("""
seed 3
data fashion-mnist val=5000 augment=[flip, crop(2)]
model net
  conv 16 kernel=3 pad=1
  batchnorm
  relu
  maxpool 2
  residual
    conv 16 kernel=3 pad=1
    batchnorm
    relu
  end
  conv 32 kernel=3 stride=2 pad=1
  relu
  gap
  linear 10
end
summary
"""),
        code("train epochs=3 batch=128 optimizer=adamw lr=0.003 schedule=onecycle"),
        code("plot loss"),
        code("plot accuracy"),
        code("plot lr"),
        code("show images n=16"),
        code("show augment"),
        code("show featuremaps layer=relu1 image=7"),
        code("show featuremaps image=7"),
        code("show filters layer=conv1"),
        code("show filters layer=conv2"),
        code("""
ask choice question="Which class will the confusion matrix show the network mistaking most often for another?" options=["Trouser", "Shirt", "Bag", "Sneaker"] answer=2 why="A shirt shares its outline with T-shirts, pullovers and coats; at 28×28 in grey, a collar or buttons are a few pixels. Trousers, bags and sneakers have shapes of their own."
""", """
ask choice question="Qual classe a matriz de confusão vai mostrar a rede confundindo mais vezes com outra?" options=["Trouser (calça)", "Shirt (camisa)", "Bag (bolsa)", "Sneaker (tênis)"] answer=2 why="Uma camisa tem o mesmo contorno de camisetas, pulôveres e casacos; em 28×28 e em tons de cinza, uma gola ou botões são poucos pixels. Calças, bolsas e tênis têm formas próprias."
"""),
        code("show confusion normalize=true"),
        code("show mistakes n=12"),
        code("show saliency image=7"),
        code("show gradcam image=7 layer=relu2"),
        code("show graph"),
        code("show histograms layer=conv1"),
        code("explain conv layer=conv1 image=7 channel=2 at=[14, 14]"),
        code("explain pool image=7"),
        code("explain backprop layer=conv2"),
        code("explain shapes"),
        md("""
## After the convolutions: linear, softmax, batch norm, dropout

`explain linear` multiplies one row of weights with the vector that reaches the layer; look for
the few terms that dominate the sum. `explain softmax` turns the ten scores into probabilities:
the largest score is subtracted first (the probabilities do not change, the exponentials stop
overflowing), and the loss is −log of the true class's probability.
""", """
## Depois das convoluções: linear, softmax, normalização em lote (batch norm), dropout

`explain linear` multiplica uma linha de pesos pelo vetor que chega à camada; procure os poucos
termos que dominam a soma. `explain softmax` transforma as dez pontuações em probabilidades:
primeiro subtrai a maior pontuação (as probabilidades não mudam, e as exponenciais deixam de
estourar), e a perda é −log da probabilidade da classe verdadeira.
"""),
        code("explain linear channel=3 image=7"),
        code("explain softmax image=7"),
        md("""
`explain batchnorm` normalises with the batch's own mean and variance in training and with the
running averages in evaluation: the two values of y differ a little, and each matches what the
layer computed in that mode.
""", """
`explain batchnorm` normaliza com a média e a variância do próprio lote no treino e com as
estatísticas móveis na avaliação: os dois valores de y diferem um pouco, e cada um bate com o que
a camada calculou naquele modo.
"""),
        code("explain batchnorm channel=2 image=7"),
        md("""
A model with dropout, to see what a training pass does to the values reaching its last layer:
some are zeroed, the rest doubled (p = 0.5), and the mean stays about the same.
""", """
Um modelo com dropout, para ver o que uma passada de treino faz com os valores que chegam à sua
última camada: alguns são zerados, o resto é dobrado (p = 0.5), e a média fica mais ou menos a
mesma.
"""),
        code("""
model drop
  conv 16 kernel=3 pad=1
  relu
  maxpool 2
  flatten
  linear 64
  relu
  dropout 0.5
  linear 10
end
train epochs=1 batch=128 optimizer=adamw lr=0.003
explain dropout image=7
use net
"""),
        md("""
## Where the evidence lies

Six attribution methods for the same image. The sanity check below them draws the same maps for
the architecture with random weights: a map that barely changes (a rank correlation near 1)
shows the image more than what the network learnt.
""", """
## Onde está a evidência

Seis métodos de atribuição para a mesma imagem. O teste de sanidade abaixo deles desenha os
mesmos mapas para a arquitetura com pesos aleatórios: um mapa que quase não muda (uma correlação
de postos perto de 1) mostra mais a imagem do que aquilo que a rede aprendeu.
"""),
        code("attribute image=7 sanity=true"),
        md("""
The embedding projector: what the last linear layer receives, for 500 test images, on its first
two principal components. Look for the classes the network keeps apart and the ones it mixes;
the misclassified images (ringed) sit where clusters overlap.
""", """
O projetor de embeddings: o que a última camada linear recebe, para 500 imagens de teste, nos
seus dois primeiros componentes principais. Procure as classes que a rede mantém separadas e as
que ela mistura; as imagens classificadas errado (circuladas) ficam onde os agrupamentos se
sobrepõem.
"""),
        code("show projector"),
        md("""
Feature visualisation: the input that drives each channel of the last convolution (or each
class's score) up, found by gradient ascent from noise. Channels show the strokes and textures
they respond to; the classes' inputs look nothing like clothes, yet score higher than any photo.
""", """
Visualização de características: a entrada que faz subir cada canal da última convolução (ou a
pontuação de cada classe), encontrada por subida de gradiente a partir de ruído. Os canais
mostram os traços e as texturas a que respondem; as entradas das classes não se parecem nada com
roupas e, mesmo assim, pontuam mais alto que qualquer foto.
"""),
        code("show maximize n=8"),
        code("show maximize classes=true"),
        md("""
## Gradients and training habits

The gradient arriving at each layer with weights, for one batch and as recorded while training.
In this net it stays within a factor of ten or so from the output back to the first layer (the
residual block and batch norm keep it healthy); in a plain deep stack it fades by orders of
magnitude (the README compares the two).
""", """
## Gradientes e hábitos de treino

O gradiente que chega a cada camada com pesos, para um lote e conforme registrado durante o
treino. Nesta rede, ele fica dentro de um fator de mais ou menos dez da saída até a primeira
camada (o bloco residual e a normalização em lote o mantêm saudável); numa pilha profunda
simples, ele se apaga em ordens de grandeza (o README compara as duas).
"""),
        code("show gradients"),
        code("plot gradients by=epoch"),
        md("""
The learning-rate range test, on a fresh model (a trained one has no descent left to show): the
loss as the rate grows from 10⁻⁷ to 10. It stays flat while the rate is too small to learn,
falls, then blows up; the suggested rate is where it falls fastest. The weights are put back
afterwards, so the model is as it was.
""", """
O teste de faixa da taxa de aprendizado, num modelo recém-criado (um modelo treinado não tem mais
descida para mostrar): a perda enquanto a taxa cresce de 10⁻⁷ a 10. Ela fica plana enquanto a
taxa é pequena demais para aprender, cai e depois explode; a taxa sugerida é onde ela cai mais
rápido. Os pesos são restaurados depois, então o modelo fica como estava.
"""),
        code("""
model tiny
  conv 8 kernel=3 pad=1
  relu
  maxpool 2
  flatten
  linear 10
end
lrfind
"""),
        md("""
Overfitting one batch is the check to run before a long training: a model that can learn fits
the same 128 images exactly within a few dozen steps. Early stopping ends training once the
validation loss has stopped improving for `patience` epochs and keeps the best epoch's weights.
""", """
Fazer overfitting (sobreajuste) num único lote é a verificação a rodar antes de um treino longo:
um modelo capaz de aprender se ajusta exatamente às mesmas 128 imagens em poucas dezenas de
passos. A parada antecipada (early stopping) encerra o treino quando a perda de validação deixa
de melhorar por `patience` épocas e mantém os pesos da melhor época.
"""),
        code("train overfit=1 epochs=60 batch=128 optimizer=adam lr=0.003"),
        code("train model=tiny epochs=30 patience=2 optimizer=adam lr=0.003"),
        md("""
## Your own picture

`classify` shows an Upload button in a notebook with widgets: give it a photo or a drawing of
your own. A saved notebook cannot hold your upload, so the cell below classifies test image 7
instead (`classify "FILE.png"` takes a file). `draw` opens a pad to sketch on with the mouse, a
pen or a finger, the prediction following each stroke. For a picture of your own, the steps that
made it into a 28×28 input (greyed, cropped or padded, inverted) are listed below the
classification.
""", """
## A sua própria imagem

`classify` mostra um botão "Enviar imagem" num caderno com widgets: envie uma foto ou um desenho
seu. Um
caderno salvo não guarda o seu envio, então a célula abaixo classifica a imagem de teste 7 no
lugar dele (`classify "ARQUIVO.png"` recebe um arquivo). `draw` abre uma área para você desenhar
com o mouse, uma caneta ou o dedo, e a previsão acompanha cada traço. Para uma imagem sua, as
etapas que a transformaram numa entrada 28×28 (tons de cinza, corte ou preenchimento, inversão)
aparecem abaixo da classificação.
"""),
        code("classify image=7"),
        md("""
## Taking the model out

`export` writes the network trained at the top as ONNX, the format onnxruntime, TensorRT, OpenVINO and
Netron read. The graph takes pixel values in [0, 1]: its first two nodes are the training data's
normalisation. Look at the list of operators: one node per layer, named as in the summary.
""", """
## Levando o modelo para fora

`export` grava a rede treinada lá no início no formato ONNX, o que onnxruntime, TensorRT,
OpenVINO e Netron leem. O grafo recebe valores de pixel em [0, 1]: os seus dois primeiros nós
são a normalização dos dados de treino. Observe a lista de operadores: um nó por camada, com os
mesmos nomes do resumo.
"""),
        code('export "net.onnx" model=net'),
]
