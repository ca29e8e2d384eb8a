"""Pygments lexer for the cnn-kernel language: registered under the name `cnn` (the kernel's
language_info.pygments_lexer), so nbconvert's HTML highlights .cnn cells."""

from pygments.lexer import RegexLexer, bygroups, words
from pygments.token import Comment, Keyword, Name, Number, Operator, Punctuation, String, Text, Whitespace

COMMANDS = (
    "data", "use", "summary", "params", "train", "lrfind", "evaluate", "predict", "classify", "draw", "save", "load", "export", "seed", "threads",
    "memory", "plugin", "plugins", "gradcheck", "show", "plot", "explain", "attribute", "convolve", "setweights", "compare", "ask", "check",
    "print", "warn", "fail", "sleep", "progress", "clear", "help", "exit",
)
BLOCKS = ("model", "block", "residual", "shortcut", "concat", "branch", "dense", "repeat", "if", "else", "end", "as")
LAYERS = (
    "conv", "conv2d", "linear", "dense", "fc", "maxpool", "maxpool2d", "avgpool", "avgpool2d", "gap",
    "flatten", "batchnorm", "batchnorm2d", "bn", "dropout", "relu", "leaky_relu", "gelu", "tanh", "sigmoid",
    "identity", "simplecnn", "googlenet", "inception", "resnet", "resblock", "preactresnet", "preactblock",
    "densenet", "denselayer", "transition",
)


class CNNLexer(RegexLexer):
    name = "CNN kernel"
    aliases = ["cnn"]
    filenames = ["*.cnn"]
    mimetypes = ["text/x-cnn"]

    tokens = {
        "root": [
            # Blocks and commands are a line's first word, indented or not: these rules come before
            # the whitespace rule, which must not swallow a newline together with the next indentation.
            (r"^([^\S\n]*)(" + "|".join(BLOCKS) + r")\b", bygroups(Whitespace, Keyword)),
            (r"^([^\S\n]*)(" + "|".join(COMMANDS) + r")\b", bygroups(Whitespace, Name.Builtin)),
            (r"\n|[^\S\n]+", Whitespace),
            (r"#.*?$", Comment.Single),
            (r'"(\\\\|\\"|[^"\n])*"', String.Double),
            (r"\b(true|false)\b", Keyword.Constant),
            (r"\b(and|or|not)\b", Operator.Word),
            (words(LAYERS, prefix=r"(?<![\w.-])", suffix=r"\b"), Name.Class),
            (r"[A-Za-z_][\w.-]*(?==)", Name.Attribute),
            (r"(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?", Number),
            (r"==|!=|<=|>=|[-+*/%^<>=]", Operator),
            (r"[()\[\],]", Punctuation),
            (r"[A-Za-z_][\w.-]*", Name),
            (r".", Text),
        ]
    }
