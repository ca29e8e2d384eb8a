import CNNCore
/// Parses tokens into statements. A line that starts with a word is a command (or a layer,
/// inside a model) with positional arguments and `name=value` options; a line that starts with
/// a number, `(` or a sign is an arithmetic expression; the keywords of `Keywords.openers`
/// open blocks closed by `end`.
public struct Parser {
    let tokens: [Token]
    var index = 0
    /// Nesting of expressions and blocks being parsed; bounded so that hostile input cannot overflow the stack.
    var depth = 0
    static let maxDepth = 200

    /// Binary operators in the line being parsed. A chain `1+1+…` nests one level per operator
    /// in the tree that evaluation, comparison and release walk recursively, so it is bounded too.
    var operators = 0
    static let maxOperators = 1000

    mutating func countOperator(_ op: Token) throws {
        operators += 1
        if operators > Parser.maxOperators {
            throw LanguageError(.syntax, at: op, "more than \(Parser.maxOperators) operators in one line; split the computation over several lines")
        }
    }

    mutating func enter(_ t: Token) throws {
        depth += 1
        if depth > Parser.maxDepth { throw LanguageError(at: t, "nested more than \(Parser.maxDepth) deep") }
    }

    public init(tokens: [Token]) { self.tokens = tokens }

    public static func parse(_ source: String) throws -> [Statement] {
        var p = Parser(tokens: try Lexer.tokenize(source))
        return try p.parseProgram()
    }

    var current: Token { tokens[index] }
    var following: Token { tokens[min(index + 1, tokens.count - 1)] }
    mutating func next() -> Token {
        let t = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return t
    }
    var atLineEnd: Bool { current.kind == .newline || current.kind == .end }

    mutating func endLine() throws {
        guard atLineEnd else { throw LanguageError(at: current, "unexpected \(describe(current)) at the end of the line") }
        _ = next()
    }

    public mutating func parseProgram() throws -> [Statement] {
        let (body, stop) = try parseBody(until: [])
        if let stop {
            throw stop.word == "end" ? LanguageError(at: stop, "`end` without a block to close")
                : LanguageError(at: stop, "`\(stop.word!)` without a block to belong to")
        }
        return body
    }

    /// Statements up to one of `stops` (a line starting with that word, not consumed) or the end of the text.
    mutating func parseBody(until stops: Set<String>) throws -> ([Statement], Token?) {
        var out: [Statement] = []
        while current.kind != .end {
            if current.kind == .newline {
                _ = next()
                continue
            }
            if let w = current.word, w == "end" || Keywords.separators[w] != nil {
                if stops.contains(w) || w == "end" || !stops.isEmpty { return (out, current) }
                return (out, current)
            }
            out.append(try parseStatement())
        }
        return (out, nil)
    }

    mutating func parseStatement() throws -> Statement {
        operators = 0
        let first = current
        switch first.kind {
        case .word(let w) where Keywords.openers.contains(w):
            return try parseKeywordLine(first)
        case .word:
            _ = next()
            var args: [Argument] = []
            while !atLineEnd { args.append(try parseArgument()) }
            _ = next()
            return .command(name: first, arguments: args)
        case .number, .symbol("("), .symbol("-"), .symbol("+"):
            let e = try parseExpr()
            guard atLineEnd else { throw LanguageError(at: current, "unexpected \(describe(current)) after the expression") }
            _ = next()
            return .expression(e)
        default:
            throw LanguageError(at: first, "a line starts with a command name or a number, not \(describe(first))")
        }
    }

    mutating func parseKeywordLine(_ keyword: Token) throws -> Statement {
        try enter(keyword)
        defer { depth -= 1 }
        _ = next()
        var block = Block(keyword: keyword, name: nil, parameters: nil, arguments: [], loopVariable: nil, sections: [], end: keyword)
        switch keyword.word! {
        case "model", "block":
            guard case .word(let n) = current.kind, !Keywords.openers.contains(n) || keyword.word == "model" else {
                throw LanguageError(at: current, "`\(keyword.word!)` needs a name, as in `\(keyword.word!) \(keyword.word == "model" ? "net" : "resblock(c, stride=1)")`")
            }
            let name = next()
            if keyword.word == "model" && current.isSymbol("=") {
                _ = next()
                guard case .word = current.kind else {
                    throw LanguageError(at: current, "`model \(n) =` needs a model to build, such as resnet or a block name")
                }
                let template = next()
                var args: [Argument] = []
                while !atLineEnd { args.append(try parseArgument()) }
                _ = next()
                return .instantiate(keyword: keyword, name: name, template: template, arguments: args)
            }
            block.name = name
            if current.isSymbol("(") { block.parameters = try parseParameterList() }
        case "repeat":
            guard !atLineEnd else { throw LanguageError(at: current, "`repeat` needs a count, as in `repeat 3` or `repeat n as i`") }
            block.arguments = [.positional(try parseExpr())]
            if current.word == "as" {
                _ = next()
                guard case .word = current.kind else { throw LanguageError(at: current, "`as` needs a variable name") }
                block.loopVariable = next()
            }
        case "if":
            guard !atLineEnd else { throw LanguageError(at: current, "`if` needs a condition") }
            block.arguments = [.positional(try parseExpr())]
        default:
            break
        }
        while !atLineEnd { block.arguments.append(try parseArgument()) }
        _ = next()
        // Body sections until `end`.
        var label: Token? = nil
        while true {
            let (body, stop) = try parseBody(until: ["end", "branch", "shortcut", "else"])
            block.sections.append((label, body))
            guard let stop else {
                throw LanguageError(at: keyword, "`\(keyword.word!)` opened here has no `end`")
            }
            _ = next()
            if stop.word == "end" {
                block.end = stop
                try endLine()
                return .block(block)
            }
            // A section separator must belong to this block's kind.
            guard Keywords.separators[stop.word!] == keyword.word! else {
                let owner = Keywords.separators[stop.word!]!
                throw LanguageError(at: stop, "`\(stop.word!)` belongs inside `\(owner)`, not `\(keyword.word!)`")
            }
            if stop.word == "else" || stop.word == "shortcut", block.sections.count > 1 {
                throw LanguageError(at: stop, "`\(keyword.word!)` has only one `\(stop.word!)`")
            }
            label = stop
            try endLine()
        }
    }

    /// `(c, stride=1, act=relu)`
    mutating func parseParameterList() throws -> [DefinitionParameter] {
        let open = next()
        var out: [DefinitionParameter] = []
        while !current.isSymbol(")") {
            guard case .word = current.kind else {
                throw LanguageError(at: current, "expected a parameter name in the list opened at \(open.location)")
            }
            let name = next()
            var def: Expr?
            if current.isSymbol("=") {
                _ = next()
                def = try parseExpr()
            }
            if out.contains(where: { $0.name.word == name.word }) { throw LanguageError(at: name, "parameter `\(name.word!)` is listed twice") }
            out.append(DefinitionParameter(name: name, defaultValue: def))
            if current.isSymbol(",") { _ = next() } else if !current.isSymbol(")") {
                throw LanguageError(at: current, "expected `,` or `)` in the parameter list, found \(describe(current))")
            }
        }
        _ = next()
        return out
    }

    mutating func parseArgument() throws -> Argument {
        if case .word = current.kind, following.isSymbol("=") {
            let name = next()
            _ = next()
            guard !atLineEnd else { throw LanguageError(at: current, "`\(name.word!)=` needs a value") }
            return .option(name: name, value: try parseExpr())
        }
        if current.isSymbol("=") {
            throw LanguageError(at: current, "`=` needs an option name before it, as in `delay=0.5`")
        }
        return .positional(try parseExpr())
    }

    // MARK: Expressions
    // or := and ('or' and)* ; and := not ('and' not)* ; not := 'not' not | cmp
    // cmp := sum (('=='|'!='|'<'|'>'|'<='|'>=') sum)? ; sum := term (('+'|'-') term)*
    // term := power (('*'|'/'|'%') power)* ; power := unary ('^' power)? ; unary := ('-'|'+') unary | postfix
    // postfix := primary ('[' expr ']')* ; primary := number | string | name | name '(' args ')' | '(' expr ')' | '[' list ']'

    public mutating func parseExpr() throws -> Expr {
        try enter(current)
        defer { depth -= 1 }
        var left = try parseAnd()
        while current.word == "or" {
            let op = next()
            try countOperator(op)
            left = .binary(op: op, left, try parseAnd())
        }
        return left
    }

    mutating func parseAnd() throws -> Expr {
        var left = try parseNot()
        while current.word == "and" {
            let op = next()
            try countOperator(op)
            left = .binary(op: op, left, try parseNot())
        }
        return left
    }

    mutating func parseNot() throws -> Expr {
        try enter(current)
        defer { depth -= 1 }
        if current.word == "not" {
            let op = next()
            return .unary(op: op, try parseNot())
        }
        return try parseComparison()
    }

    mutating func parseComparison() throws -> Expr {
        let left = try parseSum()
        for s in ["==", "!=", "<", ">", "<=", ">="] where current.isSymbol(s) {
            let op = next()
            try countOperator(op)
            return .binary(op: op, left, try parseSum())
        }
        return left
    }

    mutating func parseSum() throws -> Expr {
        var left = try parseTerm()
        while current.isSymbol("+") || current.isSymbol("-") {
            let op = next()
            try countOperator(op)
            left = .binary(op: op, left, try parseTerm())
        }
        return left
    }

    mutating func parseTerm() throws -> Expr {
        var left = try parsePower()
        while current.isSymbol("*") || current.isSymbol("/") || current.isSymbol("%") {
            let op = next()
            try countOperator(op)
            left = .binary(op: op, left, try parsePower())
        }
        return left
    }

    mutating func parsePower() throws -> Expr {
        try enter(current)
        defer { depth -= 1 }
        let base = try parseUnary()
        if current.isSymbol("^") {
            let op = next()
            try countOperator(op)
            return .binary(op: op, base, try parsePower())
        }
        return base
    }

    mutating func parseUnary() throws -> Expr {
        try enter(current)
        defer { depth -= 1 }
        if current.isSymbol("-") || current.isSymbol("+") {
            let op = next()
            return .unary(op: op, try parseUnary())
        }
        var e = try parsePrimary()
        while current.isSymbol("[") {
            let open = next()
            let i = try parseExpr()
            guard current.isSymbol("]") else { throw LanguageError(at: current, "expected `]` to close the `[` at \(open.location)") }
            _ = next()
            e = .index(e, i, open)
        }
        return e
    }

    mutating func parsePrimary() throws -> Expr {
        let t = current
        switch t.kind {
        case .number(let v, _):
            _ = next()
            return .number(v, t)
        case .string(let s):
            _ = next()
            return .string(s, t)
        case .word(let w):
            _ = next()
            if current.isSymbol("("), current.location.column == t.location.column + t.length {
                // name( directly after the name: a call, such as len(blocks) or multistep(2)
                let open = next()
                var args: [Expr] = []
                while !current.isSymbol(")") {
                    args.append(try parseExpr())
                    if current.isSymbol(",") { _ = next() } else if !current.isSymbol(")") {
                        throw LanguageError(at: current, "expected `,` or `)` in the call opened at \(open.location), found \(describe(current))")
                    }
                }
                _ = next()
                return .call(w, args, t)
            }
            return .name(w, t)
        case .symbol("("):
            _ = next()
            let e = try parseExpr()
            guard current.isSymbol(")") else {
                throw LanguageError(at: current, "expected `)` to close the `(` at \(t.location), found \(describe(current))")
            }
            _ = next()
            return e
        case .symbol("["):
            _ = next()
            var items: [Expr] = []
            while !current.isSymbol("]") {
                items.append(try parseExpr())
                if current.isSymbol(",") { _ = next() } else if !current.isSymbol("]") {
                    throw LanguageError(at: current, "expected `,` or `]` in the list, found \(describe(current))")
                }
            }
            _ = next()
            return .list(items, t)
        default:
            throw LanguageError(at: t, "expected a value, found \(describe(t))")
        }
    }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .word(let w): return "`\(w)`"
        case .number(_, let text): return "`\(text)`"
        case .string: return tr("a string")
        case .symbol(let s): return "`\(s)`"
        case .newline, .end: return tr("the end of the line")
        }
    }
}
