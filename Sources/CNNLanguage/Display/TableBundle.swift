import JSONKit
import JupyterKernel
import Rendering

extension Table {
    /// The MIME type of a table's rows as data (a frontend without a renderer for it shows the HTML).
    static let jsonMimeType = "application/vnd.cnn-kernel.table+json"

    /// The table as an output: aligned text, HTML, and its rows as JSON; a console gets the
    /// text in parts no wider than its terminal.
    var bundle: MimeBundle {
        var b = MimeBundle(data: ["text/plain": .string(text), "text/html": .string(html), Self.jsonMimeType: json])
        b.terminalText = text(width: CNNInterpreter.terminalWidth)
        return b
    }
}
