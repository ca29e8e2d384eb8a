"""Cells written once for both languages: a prose cell holds its English and its Brazilian
Portuguese; a code cell is the same in both unless it holds prose of its own (a question, a
comment), and then gives its Portuguese form too. `notebooks/build.py` makes each notebook in
both languages from these, so the two cannot drift apart: same cells, same code, same order."""
import pathlib

import nbformat

HERE = pathlib.Path(__file__).resolve().parent
LANGUAGES = ("en", "pt-BR")


class MissingTranslation(Exception):
    pass


class Cell:
    def __init__(self, kind, en, pt):
        self.kind, self.en, self.pt = kind, en.strip(), None if pt is None else pt.strip()

    def text(self, language):
        if language == "en":
            return self.en
        if self.pt is None:
            if self.kind == "code":
                return self.en
            raise MissingTranslation(f"a prose cell has no pt-BR text: {self.en[:80]!r}")
        return self.pt

    def notebook_cell(self, language):
        make = nbformat.v4.new_markdown_cell if self.kind == "markdown" else nbformat.v4.new_code_cell
        return make(self.text(language))


def md(en, pt=None):
    """A prose cell: English, then Brazilian Portuguese."""
    return Cell("markdown", en, pt)


def code(en, pt=None):
    """A code cell; `pt` only when the cell holds prose (ask's question, a hint, a comment): a
    mapping from each English string or comment to its Portuguese, so that the code itself is
    written once (or, where one English string stands in several places, the whole cell)."""
    if isinstance(pt, dict):
        text = en.strip()
        for english, portuguese in pt.items():
            if english not in text:
                raise MissingTranslation(f"{english[:60]!r} is not in the cell it translates")
            text = text.replace(english, portuguese)
        pt = text
    return Cell("code", en, pt)


def swift_excerpt(path, start, stop):
    """The lines of a Swift file from the one starting with `start` to the one before `stop`
    (or the end), as a Markdown code block: lessons quote the code itself, so they cannot drift."""
    lines = (HERE.parent / path).read_text().splitlines()
    first = next(i for i, l in enumerate(lines) if l.startswith(start))
    last = next((i for i, l in enumerate(lines) if stop and i > first and l.startswith(stop)), len(lines))
    return "```swift\n" + "\n".join(lines[first:last]).rstrip() + "\n```"
