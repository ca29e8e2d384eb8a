"""Builds the teaching notebooks from the cells below and executes them with the cnn kernel,
saving them with their real outputs.

    .venv/bin/python notebooks/build.py            # full runs (what is committed)
    CNN_KERNEL_QUICK=1 .venv/bin/python notebooks/build.py --check   # quick: execute, check, write nothing

CNN_KERNEL_QUICK=1 makes the kernel shrink the data (3,000 training and 1,000 test images) and
every `train` to one short epoch, so the tests run every notebook in seconds.
"""
import argparse
import pathlib
import sys

import nbformat
from nbclient import NotebookClient

HERE = pathlib.Path(__file__).resolve().parent


def swift_excerpt(path, start, stop):
    """The lines of a Swift file from the one starting with `start` to the one before `stop`
    (or the end), as a Markdown code block: lessons quote the code itself, so they cannot drift."""
    lines = (HERE.parent / path).read_text().splitlines()
    first = next(i for i, l in enumerate(lines) if l.startswith(start))
    last = next((i for i, l in enumerate(lines) if stop and i > first and l.startswith(stop)), len(lines))
    return "```swift\n" + "\n".join(lines[first:last]).rstrip() + "\n```"


def md(text):
    return nbformat.v4.new_markdown_cell(text.strip())


def code(text):
    return nbformat.v4.new_code_cell(text.strip())


NOTEBOOKS = {
    "1-what-a-convolution-does.ipynb": [
        md("""
# 1 · What a convolution does

A convolution slides a small grid of weights, the **kernel**, over an image. At each position it
multiplies the kernel with the patch of pixels under it and adds the products (plus a bias): one
number of the output, the **feature map**. A layer has one kernel per output channel, and each
kernel spans every input channel.

Here we hand-set two classic edge kernels and watch what they find in a synthetic image.
"""),
        code("""
data shapes n=600 size=28 seed=1
show images n=8
"""),
        md("""
A model with one convolution of two 3×3 kernels. `pad=1` adds a border of zeros, so the output
keeps the input's 28×28 size. We set the kernels by hand: the first responds to vertical edges
(left dark, right bright), the second to horizontal ones (the Sobel kernels).
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
"""),
        code("explain conv layer=conv1 image=2 channel=0 at=[14, 10]"),
        md("""
**ReLU** keeps positive responses and sets the rest to zero; **max pooling** keeps the strongest
response in each 2×2 window, halving the size:
"""),
        code("""
show featuremaps layer=relu1 image=2
explain relu layer=relu1 image=2 channel=0
explain pool layer=maxpool1 image=2 channel=0 at=[7, 5]
"""),
        md("""
## Stride and padding

The output size follows from the input size *n*, kernel *k*, padding *p* and stride *s*:
⌊(n + 2p − k) / s⌋ + 1. A stride of 2 skips every other position; no padding loses a border.
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
        md("Work out conv3's output before asking the kernel: conv1 gives 26×26 (no padding loses a pixel on each side), conv2 keeps it."),
        code("ask shape layer=conv3 model=sizes"),
        code("explain shapes model=sizes"),
        md("""
## Many channels in, one map out

A kernel spans every input channel. conv2 above receives conv1's 4 maps, so each of its kernels
is 4×3×3, and each output value adds up four channels' sums of products plus one bias. The
walk-through shows the patch and the kernel channel by channel, and the four partial sums:
"""),
        code("explain conv layer=conv2 model=sizes image=2 channel=0"),
        code("ask params layer=conv2 model=sizes"),
        md("""
## What pooling buys

The same two convolutions, four ways: max pooling after each, average pooling after each, a
stride-2 convolution that downsamples by itself, and no downsampling at all. Each ends with
flatten and one linear layer to the ten classes.
"""),
        code("""
ask choice question="Which of the four versions has the most parameters?" options=["max pooling", "average pooling", "stride-2 convolutions", "no downsampling"] answer=4 why="Pooling and strides have no weights, but without them the linear layer receives 8×28×28 = 6,272 values instead of 8×7×7 = 392, so it needs sixteen times as many weights."
"""),
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
        md("Average pooling keeps the mean of each window instead of its largest value:"),
        code("explain pool model=avgp layer=avgpool1 image=2 channel=0 at=[4, 8]"),
        md("""
This window holds one strong response beside weak ones and zeros. Max pooling would pass the
strong one on; the average dilutes it with its neighbours. A thin stroke on a dark background is
kept by the max and blurred by the mean.
"""),
        md("Now train the four the same way (same data, seed, optimiser and budget) and compare again:"),
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
"""),
    ],
    "2-a-first-cnn.ipynb": [
        md("""
# 2 · A first CNN on Fashion-MNIST

Fashion-MNIST: 70,000 grey 28×28 images of ten kinds of clothing (Debian's
`dataset-fashion-mnist`). We hold out 5,000 training images to validate each epoch, and flip
training images left-right at random (augmentation).
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
"""),
        code("""
ask choice question="Before any training, what do conv1's 5×5 filters look like?" options=["edge detectors", "random speckle", "all the same grey"] answer=2 why="Step 1 of training draws every weight at random (uniformly within ±1/√fan_in), so each filter is noise; training is what turns them into detectors."
show filters layer=conv1
"""),
        md("""
Training shows one live display: progress, loss, accuracy, speed and the curves so far. AdamW with
a one-cycle schedule (warm up, then anneal) reaches about 92% in ten epochs. The weights of the
best validation epoch are kept.
"""),
        code("train epochs=10 batch=128 optimizer=adamw lr=0.003 weight_decay=1e-4 schedule=onecycle"),
        md("""
The model now scores the 10,000 test images it has never seen. Will it do better or worse on
the 55,000 images it trained on?
"""),
        code("""
ask choice question="Is the accuracy on the training images higher or lower than on the test images?" options=["higher", "lower", "the same"] answer=1 why="The weights were fitted to the training images, so they score a little better there. The difference, the generalisation gap, is what regularisation (weight decay, augmentation, dropout) tries to keep small."
evaluate
evaluate split=train
"""),
        md("""
In the loss curves below, the training loss keeps falling while the validation loss flattens:
the gap between them is the same generalisation gap, seen while training.
"""),
        code("plot loss"),
        md("## What the network learned\n\nThe same 16 filters after training, and what they make of one test image. Compare them with the speckle above: most are now smooth strokes and edges at different angles.\n"),
        code("""
show filters layer=conv1
show featuremaps layer=relu1 image=0
show featuremaps layer=relu2 image=0
"""),
        md("Where it goes wrong: the confusion matrix (shirts, T-shirts, pullovers and coats are the hard ones) and the mistakes that cost the most loss: the images whose true class got the lowest probability."),
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
"""),
        code("""
show saliency image=0
show gradcam image=0 layer=relu2
"""),
        md("""
Now one of the mistakes. Look at the picture the next cell shows and answer as a person would;
the kernel then says what the network predicted.
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
the straight outer edges, where a pair of trousers would part. Some of the mistakes with the
highest loss are doubtful labels: read the image before blaming the model. The saliency maps are
speckled, because a single pixel's gradient is noisy; `attribute` (in the gallery) adds SmoothGrad,
which averages it over noisy copies of the image, and other methods beside it.
"""),
        md("""
## Experiment: the learning rate

Three copies of the same network, with the same starting weights (`seed 5` before each), the same
6,000 training images, the same optimiser and two epochs each. Only the learning rate differs:
3·10⁻⁵, 3·10⁻³ and 3·10⁻².
"""),
        code("""
ask choice question="Which learning rate ends with the lowest training loss after two epochs?" options=["3e-5, the smallest", "3e-3, the middle one", "3e-2, the largest"] answer=2 why="Too small a rate moves the weights so little that two epochs barely change the loss; too large a rate overshoots, and the loss jumps about or blows up; the middle one descends steadily."
"""),
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
"""),
        code("show histograms model=fast layer=relu3"),
        md("""
`lrfind` (in the gallery) finds a good rate without guessing: it tries rates from 10⁻⁷ to 10 in
one short run and marks where the loss falls fastest.
"""),
    ],
    "3-inception-resnet-densenet.ipynb": [
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
"""),
        code("show source inception"),
        code("show source resblock"),
        code("show source denselayer"),
        md("""
## Why a residual connection helps: a controlled experiment

Two networks of the same depth, trained the same way on the same data: eleven 3×3 convolutions
in a plain stack, and the same convolutions with ten of them in residual blocks. Only the
shortcuts differ. Before you run it, predict which one gets a larger gradient at its first layer.
"""),
        code("""
ask choice question="After training, which network's first layer receives the larger gradient?" options=["the plain stack", "the residual one", "about the same"] answer=2 why="In the plain stack the gradient is multiplied by every layer's weights and ReLU masks on its way down, and it shrinks; each residual block adds an identity path along which it passes unchanged."
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
"""),
        code("""
ask choice question="compare above lists each model's multiply-adds per image. Which will take the least time per epoch?" options=["GoogLeNet", "ResNet", "DenseNet"] answer=2 why="ResNet needs about half the multiply-adds of the other two (its stages shrink the maps early and its blocks are plain 3×3 convolutions), so it runs about three times faster here: time follows the arithmetic, not the parameter count."
"""),
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
"""),
    ],
    "4-backpropagation.ipynb": [
        md("""
# 4 · Backpropagation by hand

Training repeats five steps: **initialise** the weights at random; **forward**: compute the
scores; **loss**: compare them with the label (softmax cross-entropy); **backward**: the chain
rule gives every weight's gradient, layer by layer from the loss back to the input; **update**:
move each weight a little against its gradient.

This lesson does all five by hand on a network small enough for pencil and paper: a 6×6 picture
of a **T** (class 0) or an **L** (class 1), one 3×3 convolution kernel without padding, ReLU,
2×2 max pooling, and a linear layer from 4 numbers to 2 scores. Before each result, predict it.
"""),
        md("""
## Shapes first

The kernel slides over the 6×6 picture one pixel at a time and never hangs over the edge. How
many positions does it take in each direction?
"""),
        code("""
ask choice question="The 3×3 kernel slides over a 6×6 picture, stride 1, no padding. What shape is its output z?" options=["6×6", "4×4", "3×3", "2×2"] answer=2 why="(6 − 3)/1 + 1 = 4 positions along each side: the kernel's top-left corner can sit in columns 0 to 3."
"""),
        code("""
ask choice question="ReLU keeps z's shape; 2×2 max pooling then keeps one number per window. How many numbers reach the linear layer?" options=["16", "8", "4", "1"] answer=3 why="A 4×4 map has four 2×2 windows, so max pooling gives 2×2 = 4 numbers; flatten lines them up as v."
"""),
        md("""
## The five steps

Run it and follow the numbers from top to bottom. The weights are real random draws (PyTorch's
default bound, ±1/√fan_in) rounded to tenths so the sums can be checked by hand: try z[0,0]
yourself before reading the line that computes it.
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
  that sat under K[i,j] wherever δz is not zero.
- **δx** is what a layer below would receive: δz spread back through the kernel turned 180°.
- **Update.** One step with learning rate 0.5 moves the true class's probability a long way,
  and the check at the end shows the engine's own layers computing every one of these numbers.
"""),
        md("""
## Your turn: the L

Before running the L, predict the sign of the gradient at the L's score.
"""),
        code("""
ask choice question="For a picture of an L (class 1), is δs[1] = ∂L/∂s[1] positive or negative?" options=["positive", "negative", "zero"] answer=2 why="δs[1] = p[1] − 1, and a probability is below 1: the gradient says raise the L's score."
"""),
        code("explain byhand image=1"),
        code("""
ask choice question="In δz above, some positions are 0 although δa there is not. Why?" options=["the learning rate is too small", "z was negative there, so ReLU passed nothing back", "max pooling chose another input"] answer=2 why="ReLU's derivative is 1 where z > 0 and 0 elsewhere. Where δa is 0, max pooling chose another input; where δa is not 0 but δz is, ReLU's mask stopped it."
"""),
        md("""
## The same steps in a real network

A network with thousands of weights runs exactly these steps. `explain backprop` picks one weight
of a trained network (the one with the largest gradient on a batch), gives its chain-rule
gradient, checks it against a numeric derivative (nudge the weight by ±0.001 and watch the
loss), and makes the update.
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
"""),
    ],
    "5-writing-a-layer-plugin.ipynb": [
        md("""
# 5 · Writing a layer plugin

Two ways to add a layer. The first needs no compiler: a **block** written in the language. It is
a plugin for the rest of the session — listed, documented by its comment, completable.
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
"""),
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
"""),
        code("""
plugin load "../Plugins/SwishPlugin/.build/release/libSwishPlugin.so"
plugins
"""),
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
    ],
    "gallery.ipynb": [
        md("# Gallery\n\nEvery visual command of the kernel, on Fashion-MNIST with a small CNN."),
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
"""),
        code("explain linear channel=3 image=7"),
        code("explain softmax image=7"),
        md("""
`explain batchnorm` normalises with the batch's own mean and variance in training and with the
running averages in evaluation: the two values of y differ a little, and each matches what the
layer computed in that mode.
"""),
        code("explain batchnorm channel=2 image=7"),
        md("""
A model with dropout, to see what a training pass does to the values reaching its last layer:
some are zeroed, the rest doubled (p = 0.5), and the mean stays about the same.
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
"""),
        code("attribute image=7 sanity=true"),
        md("""
The embedding projector: what the last linear layer receives, for 500 test images, on its first
two principal components. Look for the classes the network keeps apart and the ones it mixes;
the misclassified images (ringed) sit where clusters overlap.
"""),
        code("show projector"),
        md("""
Feature visualisation: the input that drives each channel of the last convolution (or each
class's score) up, found by gradient ascent from noise. Channels show the strokes and textures
they respond to; the classes' inputs look nothing like clothes, yet score higher than any photo.
"""),
        code("show maximize n=8"),
        code("show maximize classes=true"),
        md("""
## Gradients and training habits

The gradient arriving at each layer with weights, for one batch and as recorded while training.
In this net it stays within a factor of ten or so from the output back to the first layer (the
residual block and batch norm keep it healthy); in a plain deep stack it fades by orders of
magnitude (the README compares the two).
"""),
        code("show gradients"),
        code("plot gradients by=epoch"),
        md("""
The learning-rate range test, on a fresh model (a trained one has no descent left to show): the
loss as the rate grows from 10⁻⁷ to 10. It stays flat while the rate is too small to learn,
falls, then blows up; the suggested rate is where it falls fastest. The weights are put back
afterwards, so the model is as it was.
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
"""),
        code("train overfit=1 epochs=60 batch=128 optimizer=adam lr=0.003"),
        code("train model=tiny epochs=30 patience=2 optimizer=adam lr=0.003"),
        md("""
## Your own picture

`classify` shows an Upload button in a notebook with widgets (here: a test image, since the
picture is written into the notebook); `draw` is a pad to sketch on. Below the classification,
the steps that made the picture into a 28×28 input.
"""),
        code("classify image=7"),
        md("""
## Taking the model out

`export` writes the network trained at the top as ONNX, the format onnxruntime, TensorRT, OpenVINO and
Netron read. The graph takes pixel values in [0, 1]: its first two nodes are the training data's
normalisation. Look at the list of operators: one node per layer, named as in the summary.
"""),
        code('export "net.onnx" model=net'),
    ],
}


def build(cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "cnn", "display_name": "CNN (Swift)", "language": "cnn"}
    nb.cells = cells
    return nb


def execute(nb, timeout=3600):
    NotebookClient(nb, timeout=timeout, kernel_name="cnn", resources={"metadata": {"path": str(HERE)}}).execute()
    return nb


def errors(nb):
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="execute but write nothing")
    ap.add_argument("names", nargs="*", help="only these notebooks")
    a = ap.parse_args()
    for name, cells in NOTEBOOKS.items():
        if a.names and name not in a.names:
            continue
        nb = execute(build(cells))
        bad = errors(nb)
        if bad:
            sys.exit(f"{name}: {bad[0]['ename']}: {bad[0]['evalue']}")
        if not a.check:
            nbformat.write(nb, HERE / name)
        print(f"{name}: ok", flush=True)


if __name__ == "__main__":
    main()
