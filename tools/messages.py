"""The kernel's message catalogue, seen from the sources.

Every sentence the kernel says is written in English in the Swift source, as a string literal
where a `Phrase` is expected: `tr("…")`, an error's text (`LanguageError(.value, at: t, "…")`),
or any function or initialiser that declares a `Phrase` parameter. This script finds those
literals and computes the key Swift computes for each (its text with `\\(…)` replaced by `{1}`,
`{2}`, …), so the catalogue can be checked without running every path:

    python tools/messages.py keys            # every key, with file:line
    python tools/messages.py missing BIN     # keys (literal and run-time) without a pt-BR entry
    python tools/messages.py skeleton BIN    # missing keys as Swift catalogue lines to translate
    python tools/messages.py prune BIN       # removes entries whose English the kernel no longer says

BIN is the built `cnn-kernel`; `cnn-kernel messages` prints its catalogue and the keys it
knows only at run time (the documentation of commands, layers and blocks).
"""
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
SOURCE_DIRS = [ROOT / "Sources", ROOT / "Packages" / "CNNCore" / "Sources"]
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "'": "'", "\\": "\\", "0": "\0"}


class Literal:
    def __init__(self, path, line, key, multiline):
        self.path, self.line, self.key, self.multiline = path, line, key, multiline


def scan(text, path):
    """Yields (literal, enclosing) for each top-level string literal: `enclosing` is the stack of
    open brackets, each (kind, call name, label of the argument being written)."""
    i, n, line = 0, len(text), 1
    stack = []  # entries: [bracket, name, current label]
    results = []
    last_word = None
    pending_label = None

    def read_string(i, line):
        """Reads a literal starting at text[i] (a quote); returns (end, line, key, multiline)."""
        multiline = text.startswith('"""', i)
        i += 3 if multiline else 1
        start_line = line
        key, count = [], 0
        interpolations = []  # (start, end, line) of each \( … ), scanned as code afterwards
        while i < n:
            c = text[i]
            if multiline and text.startswith('"""', i):
                return i + 3, line, "".join(key), True, interpolations
            if not multiline and c == '"':
                return i + 1, line, "".join(key), False, interpolations
            if c == "\n":
                line += 1
            if c == "\\":
                d = text[i + 1]
                if d == "(":
                    # An interpolation: skip to its closing parenthesis, strings inside included.
                    depth, j, first_line = 1, i + 2, line
                    while depth:
                        e = text[j]
                        if e == '"':
                            j, line, _, _, _ = read_string(j, line)
                            continue
                        if e == "\n":
                            line += 1
                        depth += {"(": 1, ")": -1}.get(e, 0)
                        j += 1
                    count += 1
                    key.append("{%d}" % count)
                    interpolations.append((i + 2, j - 1, first_line))
                    i = j
                    continue
                if d == "u":
                    close = text.index("}", i)
                    key.append(chr(int(text[i + 3:close], 16)))
                    i = close + 1
                    continue
                if d == "\n":  # a line continuation in a multi-line literal
                    line += 1
                    i += 2
                    continue
                key.append(ESCAPES.get(d, d))
                i += 2
                continue
            key.append(c)
            i += 1
        raise SyntaxError(f"{path}:{start_line}: unterminated string")

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            i = text.index("\n", i) if "\n" in text[i:] else n
            continue
        if text.startswith("/*", i):
            depth, i = 1, i + 2
            while depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    line += text[i] == "\n"
                    i += 1
            continue
        if c == "#" and text.startswith('#"', i):
            # A raw string: never a phrase; skip it.
            end = text.index('"#', i + 2)
            line += text.count("\n", i, end)
            i = end + 2
            continue
        if c == '"':
            start_line, start = line, i
            i, line, key, multiline, interpolations = read_string(i, line)
            literal = Literal(path, start_line, key, multiline)
            literal.span = (start, i)
            results.append((literal, [tuple(s) for s in stack]))
            # Phrases inside an interpolation (`tr("… \\(ok ? tr("ok") : tr("failed"))")`) count too.
            for s_, e_, l_ in interpolations:
                for inner, inner_stack in scan(text[s_:e_], path):
                    inner.line += l_ - 1
                    inner.span = (inner.span[0] + s_, inner.span[1] + s_)
                    results.append((inner, inner_stack))
            last_word = None
            continue
        if c == "\n":
            line += 1
        if c.isalpha() or c == "_":
            m = re.match(r"[A-Za-z_][A-Za-z0-9_]*", text[i:])
            word = m.group(0)
            i += len(word)
            # `label:` inside a call names the argument that follows.
            rest = text[i:i + 2]
            if stack and stack[-1][0] == "(" and rest[:1] == ":" and rest != "::":
                stack[-1][2] = word
            last_word = word
            continue
        if c in "([{":
            stack.append([c, last_word if c == "(" else None, "_"])
        elif c in ")]}":
            if stack:
                stack.pop()
        elif c == "," and stack and stack[-1][0] == "(":
            stack[-1][2] = "_"
        if not c.isspace():
            last_word = None
        i += 1
    return results


def phrase_parameters(texts):
    """{function or type name: labels of its Phrase parameters}, from every declaration."""
    out = {"tr": {"_"}, "Phrase": {"_"}}
    decl = re.compile(r"(?:func\s+([A-Za-z_]\w*)|\binit)\s*(?:<[^>]*>)?\(")
    for text in texts:
        types = []  # (body start, body end, name): an initialiser belongs to the innermost
        for m in re.finditer(r"\b(?:struct|class|enum|extension)\s+(\w+)[^{]*\{", text):
            depth, j = 1, m.end()
            while depth and j < len(text):
                depth += {"{": 1, "}": -1}.get(text[j], 0)
                j += 1
            types.append((m.end(), j, m.group(1)))
        for m in decl.finditer(text):
            depth, j = 1, m.end()
            while depth and j < len(text):
                depth += {"(": 1, ")": -1}.get(text[j], 0)
                j += 1
            params = text[m.end():j - 1]
            labels = set()
            for p in re.finditer(r"(?:^|,)\s*(\w+)(?:\s+\w+)?\s*:\s*Phrase\b", params):
                labels.add(p.group(1))
            if not labels:
                continue
            name = m.group(1)
            if name is None:
                owners = [(start, t) for start, end, t in types if start < m.start() < end]
                if not owners:
                    continue
                name = max(owners)[1]
            out.setdefault(name, set()).update(labels)
    return out


def literal_keys():
    files = [p for d in SOURCE_DIRS for p in sorted(d.rglob("*.swift"))]
    texts = {p: p.read_text() for p in files}
    markers = phrase_parameters(texts.values())
    found = []
    for path, text in texts.items():
        for literal, stack in scan(text, path.relative_to(ROOT)):
            if not stack or stack[-1][0] != "(":
                continue
            _, name, label = stack[-1]
            if name in markers and label in markers[name]:
                found.append(literal)
    return found


def kernel_messages(binary):
    out = subprocess.run([binary, "messages"], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def missing(binary):
    data = kernel_messages(binary)
    catalogue = data["catalogue"]["pt-BR"]
    keys = {}
    for lit in literal_keys():
        keys.setdefault(lit.key, f"{lit.path}:{lit.line}")
    for k in data["runtime_keys"]:
        keys.setdefault(k, "run time")
    return {k: where for k, where in keys.items() if k not in catalogue and not placeholder_only(k)}, keys, catalogue


def placeholder_only(key):
    """A key with no words of its own ("{1}", "{1}: {2}") is the same in every language."""
    return re.sub(r"\{\d+\}", "", key).strip(" :;,.()-—→·/|`'\"") == ""


CATALOGUE = ROOT / "Sources" / "CNNLanguage" / "Catalogue"


def catalogue_entries(path):
    """The (key, translation, first line, last line) of each entry of a catalogue file, lines
    counted from 0; a `// where` comment line just above an entry belongs to it."""
    text = path.read_text()
    literals = [lit for lit, _ in scan(text, path)]
    lines = text.split("\n")
    out = []
    for k, v in zip(literals[0::2], literals[1::2]):
        first = text.count("\n", 0, k.span[0])
        last = text.count("\n", 0, v.span[1])
        if first > 0 and lines[first - 1].strip().startswith("//") and not lines[first - 1].strip().startswith("///"):
            first -= 1
        out.append((k.key, v.key, first, last))
    return out


def prune(binary):
    _, keys, _ = missing(binary)
    removed = 0
    for path in sorted(CATALOGUE.glob("Portuguese*.swift")):
        lines = path.read_text().split("\n")
        drop = set()
        for key, _, first, last in catalogue_entries(path):
            if key not in keys:
                drop.update(range(first, last + 1))
                removed += 1
        if drop:
            path.write_text("\n".join(l for i, l in enumerate(lines) if i not in drop))
    print(f"removed {removed} stale entries", file=sys.stderr)


def swift_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def main():
    command = sys.argv[1] if len(sys.argv) > 1 else "keys"
    if command == "keys":
        for lit in literal_keys():
            print(f"{lit.path}:{lit.line}: {lit.key!r}")
    elif command in ("missing", "skeleton"):
        absent, _, _ = missing(sys.argv[2])
        for k, where in sorted(absent.items(), key=lambda kv: kv[1]):
            if command == "missing":
                print(f"{where}: {k!r}")
            else:
                print(f"        // {where}\n        ({swift_string(k)}, \"\"),")
        print(f"{len(absent)} missing", file=sys.stderr)
    elif command == "prune":
        prune(sys.argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
