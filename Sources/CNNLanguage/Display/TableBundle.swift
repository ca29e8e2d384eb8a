import JSONKit
import JupyterKernel
import Rendering

extension Table {
    /// The MIME type of a table's rows as data (a frontend without a renderer for it shows the HTML).
    static let jsonMimeType = "application/vnd.cnn-kernel.table+json"

    /// The table as an output: aligned text, HTML, and its rows as JSON.
    var bundle: MimeBundle {
        MimeBundle(data: ["text/plain": .string(text), "text/html": .string(html), Self.jsonMimeType: json])
    }
}
