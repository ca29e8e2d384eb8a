import CNNCore
#if canImport(Glibc)
import Glibc
#endif

/// A value in the language: the kernel's one value type (CNNCore's `ParameterValue`), so what a
/// cell computes is what commands, layers and blocks are given. Names that are not bound to a
/// variable are symbolic words (`relu`, `sgd`, `fashion-mnist`); a call of an unknown function is
/// a symbolic call (`multistep(2, 4)`), read by the parameter that takes it.
public typealias Value = ParameterValue

/// Evaluates expressions against the variables in scope (block and model parameters, loop variables).
public enum Evaluator {
    public static let functions = ["len", "if", "min", "max", "int", "range"]

    public static func evaluate(_ e: Expr, _ env: [String: Value] = [:]) throws -> Value {
        switch e {
        case .number(let v, _): return .number(v)
        case .string(let s, _): return .string(s)
        case .name(let w, _):
            if let v = env[w] { return v }
            if w == "true" { return .bool(true) }
            if w == "false" { return .bool(false) }
            return .word(w)
        case .list(let items, _): return .list(try items.map { try evaluate($0, env) })
        case .index(let base, let i, let tok):
            let b = try evaluate(base, env), iv = try evaluate(i, env)
            guard case .list(let items) = b else { throw LanguageError(.type, at: tok, "only lists can be indexed, not \(b.kindName)") }
            guard case .number(let d) = iv, d == d.rounded() else { throw LanguageError(.type, at: tok, "a list index is a whole number, not \(iv.kindName)") }
            guard let k = iv.wholeNumber, k >= 0 && k < items.count else {
                throw LanguageError(.value, at: tok, "index \(Arithmetic.format(d)) is out of range for a list of \(items.count)")
            }
            return items[k]
        case .call(let f, let args, let tok):
            return try call(f, args, tok, env)
        case .unary(let op, let x):
            let v = try evaluate(x, env)
            if op.word == "not" {
                guard let b = v.truthy else { throw LanguageError(.type, at: op, "`not` needs true or false, not \(v.kindName)") }
                return .bool(!b)
            }
            guard case .number(let d) = v else { throw LanguageError(.type, at: op, "`\(op.isSymbol("-") ? "-" : "+")` needs a number, not \(v.kindName)") }
            return .number(op.isSymbol("-") ? -d : d)
        case .binary(let op, let l, let r):
            if op.word == "and" || op.word == "or" {
                let a = try evaluate(l, env)
                guard let ab = a.truthy else { throw LanguageError(.type, at: op, "`\(op.word!)` needs true or false, not \(a.kindName)") }
                if op.word == "and" && !ab { return .bool(false) }
                if op.word == "or" && ab { return .bool(true) }
                let b = try evaluate(r, env)
                guard let bb = b.truthy else { throw LanguageError(.type, at: op, "`\(op.word!)` needs true or false, not \(b.kindName)") }
                return .bool(bb)
            }
            let a = try evaluate(l, env), b = try evaluate(r, env)
            if case .symbol(let s) = op.kind, ["==", "!="].contains(s) { return .bool((a == b) == (s == "==")) }
            guard case .number(let x) = a, case .number(let y) = b else {
                let sym: String = { if case .symbol(let s) = op.kind { return s }; return "?" }()
                throw LanguageError(.type, at: op, "`\(sym)` needs numbers, not \(a.kindName) and \(b.kindName)")
            }
            return .number(try Arithmetic.apply(op, x, y)).asComparison(op)
        }
    }

    static func call(_ f: String, _ args: [Expr], _ tok: Token, _ env: [String: Value]) throws -> Value {
        func arity(_ n: Int) throws {
            guard args.count == n else { throw LanguageError(.type, at: tok, "\(f)() takes \(n) argument\(n == 1 ? "" : "s"), not \(args.count)") }
        }
        switch f {
        case "if":
            try arity(3)
            let c = try evaluate(args[0], env)
            guard let b = c.truthy else { throw LanguageError(.type, at: tok, "if() needs a condition that is true or false, not \(c.kindName)") }
            return try evaluate(args[b ? 1 : 2], env)
        case "len":
            try arity(1)
            let v = try evaluate(args[0], env)
            switch v {
            case .list(let l): return .number(Double(l.count))
            case .string(let s): return .number(Double(s.count))
            default: throw LanguageError(.type, at: tok, "len() needs a list, not \(v.kindName)")
            }
        case "min", "max":
            let vs = try args.map { try evaluate($0, env) }
            let flat: [Value] = vs.count == 1 ? (vs[0].listItems ?? vs) : vs
            let nums = try flat.map { v -> Double in
                guard case .number(let d) = v else { throw LanguageError(.type, at: tok, "\(f)() needs numbers, not \(v.kindName)") }
                return d
            }
            guard let r = f == "min" ? nums.min() : nums.max() else { throw LanguageError(.value, at: tok, "\(f)() of nothing") }
            return .number(r)
        case "int":
            try arity(1)
            guard case .number(let d) = try evaluate(args[0], env) else { throw LanguageError(.type, at: tok, "int() needs a number") }
            return .number(d.rounded(.down))
        case "range":
            try arity(1)
            guard case .number(let d) = try evaluate(args[0], env), d >= 0, d < 100_000 else { throw LanguageError(.type, at: tok, "range() needs a count") }
            return .list((0..<Int(d)).map { .number(Double($0)) })
        default:
            return .call(f, try args.map { try evaluate($0, env) })
        }
    }
}

extension Value {
    /// true or false for conditions (numbers: non-zero), nil for other values.
    var truthy: Bool? {
        switch self {
        case .bool(let b): return b
        case .number(let d): return d != 0
        default: return nil
        }
    }
    var listItems: [Value]? { if case .list(let l) = self { return l } else { return nil } }
    func asComparison(_ op: Token) -> Value {
        if case .symbol(let s) = op.kind, ["<", ">", "<=", ">="].contains(s), case .number(let d) = self { return .bool(d != 0) }
        return self
    }
}

/// Arithmetic in double precision; division by zero is an error at the operator.
public enum Arithmetic {
    public static func apply(_ op: Token, _ a: Double, _ b: Double) throws -> Double {
        switch op.kind {
        case .symbol("+"): return a + b
        case .symbol("-"): return a - b
        case .symbol("*"): return a * b
        case .symbol("/"):
            if b == 0 { throw LanguageError(.arithmetic, at: op, "division by zero") }
            return a / b
        case .symbol("%"):
            if b == 0 { throw LanguageError(.arithmetic, at: op, "modulo by zero") }
            return a.truncatingRemainder(dividingBy: b)
        case .symbol("<"): return a < b ? 1 : 0
        case .symbol(">"): return a > b ? 1 : 0
        case .symbol("<="): return a <= b ? 1 : 0
        case .symbol(">="): return a >= b ? 1 : 0
        default:
            let v = pow(a, b)
            if !v.isFinite { throw LanguageError(.arithmetic, at: op, "the result is too large") }
            return v
        }
    }

    /// "3", "14", "0.5", "1e+300": integers without a decimal point, others in shortest form.
    public static func format(_ v: Double) -> String { NumberFormat.shortest(v) }
}
