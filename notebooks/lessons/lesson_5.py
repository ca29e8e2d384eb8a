"""The cells of 5-writing-a-layer-plugin.ipynb: each prose cell in English and Brazilian Portuguese
(see ../build.py and ../glossary.md)."""
from cells import code, md, swift_excerpt  # noqa: F401

CELLS = [
        md("""
# 5 · Writing a layer plugin

Two ways to add a layer. The first needs no compiler: a **block** written in the language. It is
a plugin for the rest of the session — listed, documented by its comment, completable.
""", """
# 5 · Escrevendo um plugin de camada

Há duas maneiras de acrescentar uma camada. A primeira não precisa de compilador: um **bloco**
escrito na linguagem. Ele vale como plugin pelo resto da sessão — aparece na lista, é documentado
pelo seu comentário e é sugerido pelo autocompletar.
"""),
        code("""
block convbnrelu(c, k=3)
  # Convolution, batch normalisation and ReLU: the unit most modern CNNs are made of.
  conv c kernel=k pad=int(k / 2) bias=false
  batchnorm
  relu
end
show source convbnrelu
gradcheck convbnrelu 4 input=[3, 6, 6]
""", pt={
            '# Convolution, batch normalisation and ReLU: the unit most modern CNNs are made of.':
                '# Convolução, normalização em lote (batch normalization) e ReLU: a unidade de que é feita a maioria das CNNs modernas.',
        }),
        code("""
ask choice question="The block's convolution has bias=false. Why is a bias useless just before batch normalisation?" options=["batch normalisation subtracts each channel's mean over the batch, so a constant added to the channel is removed", "the ReLU after it would cancel it", "biases never help a convolution"] answer=1 why="Batch normalisation computes (x − mean)/std per channel: adding b to every value of a channel adds b to its mean too, and the subtraction takes it away. Its own shift β does the bias's job."
""", pt={
            "The block's convolution has bias=false. Why is a bias useless just before batch normalisation?":
                'A convolução do bloco tem bias=false. Por que um viés é inútil logo antes de uma normalização em lote?',
            "batch normalisation subtracts each channel's mean over the batch, so a constant added to the channel is removed":
                'a normalização em lote subtrai a média de cada canal sobre o lote, então uma constante somada ao canal é removida',
            'the ReLU after it would cancel it':
                'a ReLU depois dela o anularia',
            'biases never help a convolution':
                'vieses nunca ajudam uma convolução',
            "Batch normalisation computes (x − mean)/std per channel: adding b to every value of a channel adds b to its mean too, and the subtraction takes it away. Its own shift β does the bias's job.":
                'A normalização em lote calcula (x − média)/desvio por canal: somar b a todos os valores de um canal soma b à média dele também, e a subtração o remove. O deslocamento β dela faz o papel do viés.',
        }),
        md("""
The second is compiled: a Swift package built as a shared library against the kernel's `CNNCore`
library. `Plugins/SwishPlugin` implements the Swish activation x·σ(βx) with its forward and
backward pass; `tools/setup` builds it. This is its layer, from
`Plugins/SwishPlugin/Sources/SwishPlugin/Swish.swift`:

""" + swift_excerpt("Plugins/SwishPlugin/Sources/SwishPlugin/Swish.swift", "final class SwishPlugin", "// Its own ONNX export") + """

`parameters` is the declarative list that the language's parsing, defaults, checks, completion
and help all read: `swish be` completes to `beta=`, and `swish beta=200` is an error naming the
range. Forward keeps its input when the pass will be differentiated; backward returns
dy·(s + βx·s(1 − s)). Two C symbols register it with the kernel:

""" + swift_excerpt("Plugins/SwishPlugin/Sources/SwishPlugin/Swish.swift", "/// The interface version this library", None) + """
""", """
A segunda é compilada: um pacote Swift construído como biblioteca compartilhada, ligado à
biblioteca `CNNCore` do kernel. `Plugins/SwishPlugin` implementa a ativação Swish x·σ(βx), com a
sua propagação direta (forward) e a sua passagem para trás (backward); `tools/setup` compila o
pacote. Esta é a camada dele, tirada de `Plugins/SwishPlugin/Sources/SwishPlugin/Swish.swift`:

""" + swift_excerpt("Plugins/SwishPlugin/Sources/SwishPlugin/Swish.swift", "final class SwishPlugin", "// Its own ONNX export") + """

`parameters` é a lista declarativa que a análise dos comandos, os valores padrão, as verificações,
o autocompletar e a ajuda da linguagem leem: `swish be` se completa para `beta=`, e
`swish beta=200` dá um erro que informa o intervalo permitido. O forward guarda a sua entrada
quando a passagem vai ser diferenciada; o backward devolve dy·(s + βx·s(1 − s)). Dois símbolos C
registram a camada no kernel:

""" + swift_excerpt("Plugins/SwishPlugin/Sources/SwishPlugin/Swish.swift", "/// The interface version this library", None) + """
"""),
        code("""
plugin load "../Plugins/SwishPlugin/.build/release/libSwishPlugin.so"
plugins
""", pt={
            '../Plugins/SwishPlugin/.build/release/libSwishPlugin.so':
                '../../Plugins/SwishPlugin/.build/release/libSwishPlugin.so',
        }),
        code("""
data shapes n=2000 size=20 seed=5
model p
  convbnrelu 8
  maxpool 2
  conv 12 kernel=3 pad=1
  swish
  gap
  linear 10
end
summary
gradcheck swish input=[3, 4, 4]
train epochs=2 batch=50 optimizer=adam lr=0.01
evaluate
"""),
]
