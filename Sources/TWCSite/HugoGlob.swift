/// A glob as Hugo compiles the patterns of page matchers (`permalinks` and `cascade` targets:
/// `path`, `kind`, `environment`), gobwas/glob with `/` as the separator, pattern and text both
/// lower-cased (hugo-behaviour §2.9): `*` is any run of characters but `/`, `**` any run at all,
/// `?` one character but `/`, `[abc]`, `[a-z]`, `[!abc]` a class, `{a,b}` alternatives (which may
/// hold any of these), `\` escapes the next character.
public struct HugoGlob: Sendable, Equatable {
    enum Token: Sendable, Equatable {
        case literal(Unicode.Scalar)
        case star
        case superStar
        case single
        case charClass(negated: Bool, ranges: [ClosedRange<UInt32>])
        case alternatives([[Token]])
    }

    public let pattern: String
    /// The pattern with its alternatives expanded: the glob matches when one of them does.
    let sequences: [[Token]]
    /// At most this many sequences are tried: `{a,b}{c,d}…` multiplies them.
    static let sequenceLimit = 4096

    public init(_ pattern: String) {
        self.pattern = pattern
        var scalars = Array(HugoPath.lower(pattern).unicodeScalars)[...]
        let tokens = Self.parse(&scalars, inAlternatives: false)
        sequences = Self.expand(tokens)
    }

    /// Whether `text` (lower-cased first, as Hugo does) matches.
    public func matches(_ text: String) -> Bool {
        let scalars = Array(HugoPath.lower(text).unicodeScalars)
        return sequences.contains { Self.match($0, scalars) }
    }

    static func parse(_ input: inout ArraySlice<Unicode.Scalar>, inAlternatives: Bool) -> [Token] {
        var tokens: [Token] = []
        while let scalar = input.first {
            if inAlternatives && (scalar == "," || scalar == "}") { break }
            input.removeFirst()
            switch scalar {
            case "\\":
                if let next = input.popFirst() { tokens.append(.literal(next)) } else { tokens.append(.literal("\\")) }
            case "*":
                if input.first == "*" {
                    input.removeFirst()
                    tokens.append(.superStar)
                } else {
                    tokens.append(.star)
                }
            case "?": tokens.append(.single)
            case "[": tokens.append(parseClass(&input))
            case "{":
                var options: [[Token]] = []
                while true {
                    options.append(parse(&input, inAlternatives: true))
                    guard let separator = input.popFirst() else { break }
                    if separator == "}" { break }
                }
                tokens.append(.alternatives(options))
            default: tokens.append(.literal(scalar))
            }
        }
        return tokens
    }

    static func parseClass(_ input: inout ArraySlice<Unicode.Scalar>) -> Token {
        var negated = false
        if input.first == "!" {
            negated = true
            input.removeFirst()
        }
        var ranges: [ClosedRange<UInt32>] = []
        while let scalar = input.popFirst(), scalar != "]" {
            var low = scalar
            if low == "\\", let escaped = input.popFirst() { low = escaped }
            if input.first == "-", input.count >= 2, input[input.index(after: input.startIndex)] != "]" {
                input.removeFirst()
                let high = input.removeFirst()
                ranges.append(min(low.value, high.value)...max(low.value, high.value))
            } else {
                ranges.append(low.value...low.value)
            }
        }
        return .charClass(negated: negated, ranges: ranges)
    }

    /// Every token sequence the alternatives allow, up to `sequenceLimit`.
    static func expand(_ tokens: [Token]) -> [[Token]] {
        var results: [[Token]] = [[]]
        for token in tokens {
            guard case .alternatives(let options) = token else {
                for index in results.indices { results[index].append(token) }
                continue
            }
            let expandedOptions = options.flatMap(expand)
            var next: [[Token]] = []
            outer: for prefix in results {
                for option in expandedOptions {
                    if next.count >= sequenceLimit { break outer }
                    next.append(prefix + option)
                }
            }
            results = next
        }
        return results
    }

    /// Token sequence against text, memoised over (token, position): linear in their product.
    static func match(_ tokens: [Token], _ text: [Unicode.Scalar]) -> Bool {
        var memo = [Bool?](repeating: nil, count: (tokens.count + 1) * (text.count + 1))
        func at(_ token: Int, _ position: Int) -> Bool {
            let slot = token * (text.count + 1) + position
            if let known = memo[slot] { return known }
            let result: Bool
            if token == tokens.count {
                result = position == text.count
            } else {
                switch tokens[token] {
                case .literal(let scalar):
                    result = position < text.count && text[position] == scalar && at(token + 1, position + 1)
                case .single:
                    result = position < text.count && text[position] != "/" && at(token + 1, position + 1)
                case .charClass(let negated, let ranges):
                    if position < text.count {
                        let inside = ranges.contains { $0.contains(text[position].value) }
                        result = inside != negated && at(token + 1, position + 1)
                    } else {
                        result = false
                    }
                case .star:
                    result =
                        at(token + 1, position)
                        || (position < text.count && text[position] != "/" && at(token, position + 1))
                case .superStar:
                    result = at(token + 1, position) || (position < text.count && at(token, position + 1))
                case .alternatives:
                    result = false
                }
            }
            memo[slot] = result
            return result
        }
        return at(0, 0)
    }
}
