import JSONKit

/// A table of the product, in the three forms a bundle carries: text/plain (aligned columns, a
/// rule under the header and above the footer, nested rows indented), HTML (classes and one
/// stylesheet, no inline styles) and JSON (rows as objects keyed by column). Every table the
/// kernel shows is one of these; cells are text the caller has formatted (NumberFormat).
public struct Table: Sendable {
    public enum Alignment: Sendable { case left, right }

    public struct Column: Sendable {
        public var title: String
        public var alignment: Alignment
        public init(_ title: String, _ alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    public struct Row: Sendable {
        public var cells: [String]
        /// Nesting: the first cell is indented this many levels (a block's layers under it).
        public var depth: Int
        /// Shown in bold in HTML (a top-level layer, a model's name).
        public var strong: Bool
        public init(_ cells: [String], depth: Int = 0, strong: Bool = false) {
            self.cells = cells
            self.depth = depth
            self.strong = strong
        }
    }

    /// A line above the table (text) or its caption (HTML).
    public var title: String?
    public var columns: [Column]
    public var rows: [Row] = []
    /// A totals row, set apart by a rule.
    public var footer: [String]?
    /// Text after the table.
    public var notes: [String] = []

    public init(title: String? = nil, _ columns: [Column]) {
        self.title = title
        self.columns = columns
    }

    public mutating func add(_ cells: [String], depth: Int = 0, strong: Bool = false) {
        rows.append(Row(cells, depth: depth, strong: strong))
    }

    func cell(_ cells: [String], _ i: Int) -> String { i < cells.count ? cells[i] : "" }

    /// Aligned columns separated by two spaces; trailing spaces dropped, indentation kept.
    public var text: String { text(width: .max) }

    /// The text form for a terminal `width` columns wide. A table wider than that is shown in
    /// parts, one under the other, each repeating the first column (what names the row), as
    /// wide data frames are printed; a terminal would instead break every row in two.
    public func text(width: Int) -> String {
        var body: [[String]] = rows.map { r in
            columns.indices.map { i in i == 0 ? String(repeating: "  ", count: r.depth) + cell(r.cells, 0) : cell(r.cells, i) }
        }
        var all = [columns.map(\.title)] + body + (footer.map { [$0] } ?? [])
        var widths = columns.indices.map { i in all.map { cell($0, i).count }.max() ?? 0 }
        // A last column of prose (left-aligned) that makes the table too wide is wrapped within
        // the room the other columns leave, when that room is reasonable: its rows go on over
        // lines of their own under it.
        let others = widths.dropLast().reduce(0, +) + 2 * (widths.count - 1)
        if widths.count > 1, others + widths[widths.count - 1] > width, columns[columns.count - 1].alignment == .left, width - others >= 24 {
            let room = width - others, last = columns.count - 1
            body = body.flatMap { row -> [[String]] in
                let lines = cell(row, last).wrapped(width: room).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                return lines.enumerated().map { n, text in
                    n == 0 ? Array(row.prefix(last)) + [text] : Array(repeating: "", count: last) + [text]
                }
            }
            all = [columns.map(\.title)] + body + (footer.map { [$0] } ?? [])
            widths = columns.indices.map { i in all.map { cell($0, i).count }.max() ?? 0 }
        }
        func line(_ cells: [String], _ group: [Int]) -> String {
            var parts: [String] = []
            for i in group {
                let v = cell(cells, i), pad = String(repeating: " ", count: max(0, widths[i] - v.count))
                parts.append(columns[i].alignment == .right ? pad + v : v + pad)
            }
            var s = Substring(parts.joined(separator: "  "))
            while s.last == " " { s = s.dropLast() }
            return String(s)
        }
        var out = title.map { $0 + "\n" } ?? ""
        for (n, group) in Self.columnGroups(widths, fitting: width).enumerated() {
            if n > 0 { out += "\n" }
            let rule = group.map { String(repeating: "─", count: widths[$0]) }.joined(separator: "  ")
            out += line(columns.map(\.title), group) + "\n" + rule + "\n"
            for r in body { out += line(r, group) + "\n" }
            if let footer { out += rule + "\n" + line(footer, group) + "\n" }
        }
        for n in notes { out += n + "\n" }
        return out
    }

    /// Columns in groups no wider than `width` (with two spaces between columns), every group
    /// after the first starting with column 0. A column too wide for any group gets one of its own.
    static func columnGroups(_ widths: [Int], fitting width: Int) -> [[Int]] {
        guard !widths.isEmpty else { return [[]] }
        var groups: [[Int]] = [[0]]
        var used = widths[0]
        for i in widths.indices.dropFirst() {
            if used + 2 + widths[i] <= width || groups[groups.count - 1].count == 1 {
                groups[groups.count - 1].append(i)
                used += 2 + widths[i]
            } else {
                groups.append([0, i])
                used = widths[0] + 2 + widths[i]
            }
        }
        return groups
    }

    /// The stylesheet every table's HTML carries (the classes below; nothing inline). Alignment
    /// rules name the class twice: JupyterLab right-aligns every output cell with a selector of
    /// two classes and an element, which one class and two elements do not outweigh.
    public static let stylesheet = """
        <style>
        table.cnn-table{border-collapse:collapse;font-variant-numeric:tabular-nums;margin:2px 0}
        table.cnn-table caption{text-align:left;font-weight:600;padding-bottom:3px}
        table.cnn-table th,table.cnn-table td{padding:2px 10px 2px 4px;border-bottom:1px solid #e4e4e4}
        table.cnn-table.cnn-table th,table.cnn-table.cnn-table td{text-align:left}
        table.cnn-table thead th{border-bottom:1px solid #999}
        table.cnn-table tfoot th,table.cnn-table tfoot td{border-top:1px solid #999;font-weight:600}
        table.cnn-table.cnn-table .num{text-align:right}
        table.cnn-table .strong{font-weight:600}
        table.cnn-table .d1{padding-left:20px}table.cnn-table .d2{padding-left:36px}table.cnn-table .d3{padding-left:52px}
        table.cnn-table .d4{padding-left:68px}table.cnn-table .d5{padding-left:84px}
        p.cnn-note{margin:2px 0}
        table.cnn-grid{border-collapse:collapse;font-family:var(--jp-code-font-family,monospace);font-size:11px}
        table.cnn-grid td{border:1px solid #ccc;padding:1px 4px;text-align:right}
        table.cnn-grid td.mark{background:#ffd54f}
        div.cnn-row{display:flex;flex-wrap:wrap;gap:10px;align-items:center}
        </style>
        """

    public var html: String {
        func classes(_ i: Int, depth: Int = 0, strong: Bool = false) -> String {
            var c: [String] = []
            if columns[i].alignment == .right { c.append("num") }
            if i == 0 && depth > 0 { c.append("d\(min(depth, 5))") }
            if i == 0 && strong { c.append("strong") }
            return c.isEmpty ? "" : " class=\"\(c.joined(separator: " "))\""
        }
        var h = Self.stylesheet + "<table class=\"cnn-table\">"
        if let title { h += "<caption>\(SVG.escape(title))</caption>" }
        h += "<thead><tr>" + columns.indices.map { "<th\(classes($0))>\(SVG.escape(columns[$0].title))</th>" }.joined() + "</tr></thead><tbody>"
        for r in rows {
            h += "<tr>" + columns.indices.map { "<td\(classes($0, depth: r.depth, strong: r.strong))>\(SVG.escape(cell(r.cells, $0)))</td>" }.joined() + "</tr>"
        }
        h += "</tbody>"
        if let footer {
            h += "<tfoot><tr>" + columns.indices.map { "<th\(classes($0))>\(SVG.escape(cell(footer, $0)))</th>" }.joined() + "</tr></tfoot>"
        }
        h += "</table>"
        for n in notes { h += "<p class=\"cnn-note\">\(SVG.escape(n))</p>" }
        return h
    }

    /// A matrix of numbers (a patch, a kernel, a pooling window) as HTML, `mark` highlighted;
    /// styled by `stylesheet`, which the output carries once.
    public static func grid(_ cells: [[String]], mark: (row: Int, column: Int)? = nil) -> String {
        var h = "<table class=\"cnn-grid\">"
        for (r, row) in cells.enumerated() {
            h += "<tr>" + row.enumerated().map { c, v in
                (mark.map { $0.row == r && $0.column == c } == true ? "<td class=\"mark\">" : "<td>") + SVG.escape(v) + "</td>"
            }.joined() + "</tr>"
        }
        return h + "</table>"
    }

    /// {"title": …, "columns": [...], "rows": [{column: cell, "depth": d}], "footer": {...}}.
    public var json: JSON {
        func object(_ cells: [String]) -> [String: JSON] {
            var o: [String: JSON] = [:]
            for (i, c) in columns.enumerated() { o[c.title] = .string(cell(cells, i)) }
            return o
        }
        var out: [String: JSON] = [
            "columns": .array(columns.map { .string($0.title) }),
            "rows": .array(rows.map { r in
                var o = object(r.cells)
                if r.depth > 0 { o["depth"] = .int(r.depth) }
                return .object(o)
            }),
        ]
        if let title { out["title"] = .string(title) }
        if let footer { out["footer"] = .object(object(footer)) }
        if !notes.isEmpty { out["notes"] = .array(notes.map { .string($0) }) }
        return .object(out)
    }
}
