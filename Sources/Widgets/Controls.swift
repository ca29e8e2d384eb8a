import JSONKit
import JupyterKernel
#if canImport(Glibc)
import Glibc
#endif

/// The standard controls, with the state @jupyter-widgets/controls 2.0 (ipywidgets 8) expects
/// of each model: the keys and defaults ipywidgets 8.1 sends (the protocol tests compare them
/// with ipywidgets' own), and the fields the frontend may change. Each control gets its own
/// layout model and, where the view styles its description, a style model, opened first (a
/// model refers to them as `IPY_MODEL_<id>`, which must exist when the frontend builds it).
public final class Controls: @unchecked Sendable {
    let comms: CommManager
    /// Every widget made, for `jupyter.widget.control`'s `request_states` and for closing.
    private let lock = Condition()
    private var made: [Widget] = []
    /// The cell each widget was made in (its id, or `#n` for a request without one), and the
    /// scopes that made widgets, oldest first.
    private var scopeOf: [String: String] = [:]
    private var scopes: [String] = []
    private var currentScope = ""
    /// Cells without an id (jupyter console, nbclient, `cnn-kernel run`) cannot be re-run as the
    /// same cell: their controls stay open for the last this-many such cells, then are closed.
    public static let anonymousCellsKept = 32

    public init(comms: CommManager) {
        self.comms = comms
        comms.register(target: "jupyter.widget.control") { [weak self] comm, _, _ in
            comm.onMessage = { data, _ in
                guard data["method"]?.stringValue == "request_states", let self else { return }
                var states: [String: JSON] = [:], paths: [JSON] = [], buffers: [[UInt8]] = []
                for w in self.all where w.comm.isOpen {
                    let (wire, wirePaths, wireBuffers) = Widget.split(w.state, w.binary, w.nested)
                    states[w.id] = .object(wire)
                    for (path, buffer) in zip(wirePaths.arrayValue ?? [], wireBuffers) {
                        paths.append(.array([.string(w.id)] + (path.arrayValue ?? [])))
                        buffers.append(buffer)
                    }
                }
                comm.send(["method": "update_states", "states": .object(states), "buffer_paths": .array(paths)], buffers: buffers)
            }
            return true
        }
    }

    public var all: [Widget] { lock.withLock { made } }

    static let controls = "@jupyter-widgets/controls", base = "@jupyter-widgets/base", version = "2.0.0"

    func model(_ name: String, view: String?, module: String = controls, viewModule: String = controls, moduleVersion: String = version) -> [String: JSON] {
        [
            "_model_module": .string(module), "_model_module_version": .string(moduleVersion), "_model_name": .string(name + "Model"),
            "_view_module": .string(viewModule), "_view_module_version": .string(moduleVersion),
            "_view_name": .string(view.map { $0 + "View" } ?? "StyleView"), "_view_count": .null,
        ]
    }

    func make(_ state: [String: JSON], binary: [String: [UInt8]] = [:], fields: [String: Field] = [:]) -> Widget {
        let w = Widget(comms: comms, state: state, binary: binary, fields: fields)
        let overflow: [Widget] = lock.withLock {
            made.append(w)
            scopeOf[w.id] = currentScope
            guard scopes.last != currentScope else { return [] }
            scopes.removeAll { $0 == currentScope }
            scopes.append(currentScope)
            let anonymous = scopes.filter { $0.hasPrefix("#") }
            let old = Set(anonymous.prefix(max(0, anonymous.count - Self.anonymousCellsKept)))
            return made.filter { old.contains(scopeOf[$0.id] ?? "") }
        }
        close(overflow)
        // A frontend that closes the comm (the page reloaded, the output cleared) ends the widget here too.
        w.comm.onClose = { [weak self, weak w] in
            guard let w else { return }
            w.dropHandlers()
            self?.forget([w.id])
        }
        return w
    }

    /// A cell starts: the controls an earlier run of the same cell made, and those of deleted
    /// cells, are closed (their outputs are gone from the page), and what it makes belongs to it.
    /// Without a cell id, the controls of all but the last `anonymousCellsKept` such cells close
    /// (when one more such cell makes controls).
    public func beginCell(id: String?, executionCount: Int, deleted: [String] = []) {
        let scope = id ?? "#\(executionCount)"
        let closing: [Widget] = lock.withLock {
            var gone = Set(deleted)
            if id != nil { gone.insert(scope) }
            currentScope = scope
            return made.filter { gone.contains(scopeOf[$0.id] ?? "") }
        }
        close(closing)
    }

    /// A layout model (CSS of the view); `css` sets some of its keys (width: "300px").
    public func layout(_ css: [String: String] = [:]) -> Widget {
        var s = model("Layout", view: "Layout", module: Self.base, viewModule: Self.base)
        for key in ["align_content", "align_items", "align_self", "border_bottom", "border_left", "border_right", "border_top", "bottom",
                    "display", "flex", "flex_flow", "grid_area", "grid_auto_columns", "grid_auto_flow", "grid_auto_rows", "grid_column",
                    "grid_gap", "grid_row", "grid_template_areas", "grid_template_columns", "grid_template_rows", "height",
                    "justify_content", "justify_items", "left", "margin", "max_height", "max_width", "min_height", "min_width",
                    "object_fit", "object_position", "order", "overflow", "padding", "right", "top", "visibility", "width"] {
            s[key] = css[key].map { .string($0) } ?? .null
        }
        return make(s)
    }

    func style(_ name: String, _ keys: [String: JSON]) -> Widget {
        var s = model(name, view: nil, viewModule: Self.base)
        for (k, v) in keys { s[k] = v }
        return make(s)
    }

    /// The keys every DOM widget has, with its own layout.
    func dom(_ name: String, css: [String: String]) -> [String: JSON] {
        var s = model(name, view: name)
        s["_dom_classes"] = []
        s["layout"] = layout(css).reference
        s["tabbable"] = .null
        s["tooltip"] = .null
        return s
    }

    /// A described control: a DOM widget with a description and a style model.
    func described(_ name: String, _ description: String, style: Widget, css: [String: String]) -> [String: JSON] {
        var s = dom(name, css: css)
        s["description"] = .string(description)
        s["description_allow_html"] = false
        s["disabled"] = false
        s["style"] = style.reference
        return s
    }

    func sliderStyle() -> Widget { style("SliderStyle", ["description_width": "", "handle_color": .null]) }

    public func intSlider(_ description: String, value: Int, min: Int, max: Int, step: Int = 1, css: [String: String] = [:]) -> Widget {
        var s = described("IntSlider", description, style: sliderStyle(), css: css)
        for (k, v) in ["behavior": "drag-tap", "continuous_update": true, "orientation": "horizontal", "readout": true, "readout_format": "d"] as [String: JSON] { s[k] = v }
        s["min"] = .int(min); s["max"] = .int(max); s["step"] = .int(step); s["value"] = .int(Swift.max(min, Swift.min(max, value)))
        return make(s, fields: ["value": .integer])
    }

    public func floatSlider(_ description: String, value: Double, min: Double, max: Double, step: Double, readoutFormat: String = ".2f", css: [String: String] = [:]) -> Widget {
        var s = described("FloatSlider", description, style: sliderStyle(), css: css)
        for (k, v) in ["behavior": "drag-tap", "continuous_update": true, "orientation": "horizontal", "readout": true] as [String: JSON] { s[k] = v }
        s["readout_format"] = .string(readoutFormat)
        s["min"] = .number(min); s["max"] = .number(max); s["step"] = .number(step); s["value"] = .number(Swift.max(min, Swift.min(max, value)))
        return make(s, fields: ["value": .number])
    }

    /// A slider over 10^min…10^max (the value is the number itself; `min` and `max` are exponents).
    public func floatLogSlider(_ description: String, value: Double, minExponent: Double, maxExponent: Double, step: Double = 0.1, css: [String: String] = [:]) -> Widget {
        var s = described("FloatLogSlider", description, style: sliderStyle(), css: css)
        for (k, v) in ["behavior": "drag-tap", "continuous_update": true, "orientation": "horizontal", "readout": true, "readout_format": ".3g", "base": 10.0] as [String: JSON] { s[k] = v }
        s["min"] = .number(minExponent); s["max"] = .number(maxExponent); s["step"] = .number(step)
        let lo = pow(10, minExponent), hi = pow(10, maxExponent)
        s["value"] = .number(Swift.max(lo, Swift.min(hi, value)))
        return make(s, fields: ["value": .logNumber])
    }

    public func dropdown(_ description: String, options: [String], index: Int?, css: [String: String] = [:]) -> Widget {
        var s = described("Dropdown", description, style: style("DescriptionStyle", ["description_width": ""]), css: css)
        s["_options_labels"] = .array(options.map { .string($0) })
        s["index"] = index.map { .int($0) } ?? .null
        return make(s, fields: ["index": .optionIndex])
    }

    public func toggleButton(_ description: String, value: Bool, icon: String = "", css: [String: String] = [:]) -> Widget {
        var s = described("ToggleButton", description, style: style("ToggleButtonStyle", ["description_width": "", "font_family": .null, "font_size": .null, "font_style": .null, "font_variant": .null, "font_weight": .null, "text_color": .null, "text_decoration": .null]), css: css)
        s["button_style"] = ""; s["icon"] = .string(icon); s["value"] = .bool(value)
        return make(s, fields: ["value": .bool])
    }

    /// A button; its clicks arrive as `custom` messages `{"event": "click"}` (see `onClick`).
    public func button(_ description: String, style buttonStyle: String = "", icon: String = "", css: [String: String] = [:]) -> Widget {
        var s = dom("Button", css: css)
        s["button_style"] = .string(buttonStyle); s["description"] = .string(description); s["disabled"] = false; s["icon"] = .string(icon)
        s["style"] = style("ButtonStyle", ["button_color": .null, "font_family": .null, "font_size": .null, "font_style": .null, "font_variant": .null, "font_weight": .null, "text_color": .null, "text_decoration": .null]).reference
        return make(s)
    }

    public func text(_ description: String, value: String, placeholder: String = "\u{200B}", css: [String: String] = [:]) -> Widget {
        var s = described("Text", description, style: style("TextStyle", ["background": .null, "description_width": "", "font_size": .null, "text_color": .null]), css: css)
        s["continuous_update"] = true; s["placeholder"] = .string(placeholder); s["value"] = .string(value)
        return make(s, fields: ["value": .text(maxLength: 65_536)])
    }

    /// Rich text the kernel sets (the frontend cannot change it).
    public func html(_ value: String, css: [String: String] = [:]) -> Widget {
        var s = described("HTML", "", style: style("HTMLStyle", ["background": .null, "description_width": "", "font_size": .null, "text_color": .null]), css: css)
        s.removeValue(forKey: "disabled")
        s["placeholder"] = "\u{200B}"; s["value"] = .string(value)
        return make(s)
    }

    /// A picture (PNG bytes), sent as a binary buffer.
    public func image(png: [UInt8], width: String = "", height: String = "", css: [String: String] = [:]) -> Widget {
        var s = dom("Image", css: css)
        s["format"] = "png"; s["width"] = .string(width); s["height"] = .string(height)
        return make(s, binary: ["value": png])
    }

    /// A file-upload button; the chosen files arrive as the `value` list with their bytes as
    /// buffers (see `Widget.uploadedFiles`).
    public func fileUpload(_ description: String = "Upload", accept: String = "", multiple: Bool = false, maxBytes: Int, css: [String: String] = [:]) -> Widget {
        var s = described("FileUpload", description, style: style("ButtonStyle", ["button_color": .null, "font_family": .null, "font_size": .null, "font_style": .null, "font_variant": .null, "font_weight": .null, "text_color": .null, "text_decoration": .null]), css: css)
        s["accept"] = .string(accept); s["button_style"] = ""; s["error"] = ""; s["icon"] = "upload"; s["multiple"] = .bool(multiple); s["value"] = []
        return make(s, fields: ["value": .files(maxCount: multiple ? 16 : 1, maxBytes: maxBytes)])
    }

    /// An output area whose outputs the kernel sets (`setOutputs`): rich results (a picture with
    /// its text) inside a layout of controls.
    public func output(css: [String: String] = [:]) -> Widget {
        var s = dom("Output", css: css)
        for k in ["_model_module", "_view_module"] { s[k] = "@jupyter-widgets/output" }
        for k in ["_model_module_version", "_view_module_version"] { s[k] = "1.0.0" }
        s["msg_id"] = ""; s["outputs"] = []
        return make(s)
    }

    /// anywidget's version this kernel's custom models are written for (its `AnyModel` and
    /// `AnyView`; the frontend extension comes with the `anywidget` Python package).
    public static let anywidgetVersion = "~0.11.*"

    /// A custom widget whose frontend code the kernel sends: an ES module (`esm`, with a
    /// `render({model, el})`) that anywidget's frontend imports, with its CSS and its own state
    /// keys (`state`, `binary`) and what the frontend may change of them (`fields`). No build
    /// step: the module is plain JavaScript.
    public func anyWidget(id: String, esm: String, css stylesheet: String = "", state extra: [String: JSON], binary: [String: [UInt8]] = [:],
                          fields: [String: Field], layout css: [String: String] = [:]) -> Widget {
        var s = dom("Any", css: css)
        for k in ["_model_module", "_view_module"] { s[k] = "anywidget" }
        for k in ["_model_module_version", "_view_module_version"] { s[k] = .string(Self.anywidgetVersion) }
        s["_model_name"] = "AnyModel"; s["_view_name"] = "AnyView"
        s["_anywidget_id"] = .string(id); s["_esm"] = .string(esm); s["_css"] = .string(stylesheet)
        for (k, v) in extra { s[k] = v }
        return make(s, binary: binary, fields: fields)
    }

    public func hbox(_ children: [Widget], css: [String: String] = [:]) -> Widget { box("HBox", children, css: css) }
    public func vbox(_ children: [Widget], css: [String: String] = [:]) -> Widget { box("VBox", children, css: css) }

    func box(_ name: String, _ children: [Widget], css: [String: String]) -> Widget {
        var s = dom(name, css: css)
        s["box_style"] = ""; s["children"] = .array(children.map(\.reference))
        return make(s)
    }

    /// Closes every widget made here (when a cell's controls are replaced).
    public func closeAll() {
        let ws = lock.withLock { () -> [Widget] in
            defer { made.removeAll(); scopeOf.removeAll(); scopes.removeAll() }
            return made
        }
        for w in ws { w.close() }
    }

    /// Closes `widgets` and the layout and style models they refer to.
    public func close(_ widgets: [Widget]) {
        var ids = Set<String>()
        var pending = widgets.map(\.id)
        let byID = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        while let id = pending.popLast() {
            guard ids.insert(id).inserted, let w = byID[id] else { continue }
            for key in ["layout", "style"] { if let r = w.state[key]?.stringValue, r.hasPrefix("IPY_MODEL_") { pending.append(String(r.dropFirst(10))) } }
            for child in w.state["children"]?.arrayValue ?? [] { if let r = child.stringValue, r.hasPrefix("IPY_MODEL_") { pending.append(String(r.dropFirst(10))) } }
        }
        for id in ids { byID[id]?.close() }
        forget(ids)
    }

    private func forget<S: Sequence>(_ ids: S) where S.Element == String {
        let gone = Set(ids)
        lock.withLock {
            made.removeAll { gone.contains($0.id) }
            for id in gone { scopeOf.removeValue(forKey: id) }
            let live = Set(scopeOf.values)
            scopes.removeAll { !live.contains($0) }
        }
    }
}

