/// A decoded message as protoc prints it in text format: named fields, in order, some repeated.
public struct TextTree: Sendable, Equatable {
    /// One field value: a scalar as printed (strings unquoted), or a nested message.
    public indirect enum Value: Sendable, Equatable {
        case scalar(String)
        case message(TextTree)
    }

    /// The fields in the order printed; a repeated field appears once per element.
    public var fields: [(name: String, value: Value)]

    /// Creates a tree.
    public init(fields: [(name: String, value: Value)] = []) { self.fields = fields }

    public static func == (a: TextTree, b: TextTree) -> Bool {
        a.fields.count == b.fields.count && zip(a.fields, b.fields).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }

    /// Parses protoc's `--decode` output.
    public static func parse(_ text: String) throws(ScenarioError) -> TextTree {
        var tokens = Tokenizer(text: Array(text.unicodeScalars))
        let tree = try Self.parseFields(&tokens, closing: false)
        return tree
    }

    private static func parseFields(_ tokens: inout Tokenizer, closing: Bool) throws(ScenarioError) -> TextTree {
        var tree = TextTree()
        while let token = tokens.next() {
            if token == "}" {
                guard closing else { throw ScenarioError("unexpected } in decoded text") }
                return tree
            }
            var next = tokens.next()
            if next == ":" { next = tokens.next() }
            guard let value = next else { throw ScenarioError("field \(token) has no value in decoded text") }
            if value == "{" {
                tree.fields.append((token, .message(try Self.parseFields(&tokens, closing: true))))
            } else {
                tree.fields.append((token, .scalar(value)))
            }
        }
        guard !closing else { throw ScenarioError("missing } in decoded text") }
        return tree
    }

    /// The values at a path: "a.b", "a[2].b"; "a.#" is the number of `a` elements.
    public func values(at path: String) -> [Value] {
        var current: [Value] = [.message(self)]
        for part in path.split(separator: ".") {
            if part == "#" { return [.scalar(String(current.count))] }
            var name = Substring(part)
            var index: Int?
            if let open = part.firstIndex(of: "["), part.hasSuffix("]") {
                name = part[..<open]
                index = Int(part[part.index(after: open)..<part.index(before: part.endIndex)])
                if index == nil { return [] }
            }
            var next: [Value] = []
            for case .message(let tree) in current {
                next += tree.fields.filter { $0.name == name }.map(\.value)
            }
            if let index { next = next.indices.contains(index) ? [next[index]] : [] }
            current = next
        }
        return current
    }
}

/// Splits text format into names, punctuation and (unquoted) string or bare values.
private struct Tokenizer {
    let text: [Unicode.Scalar]
    var position = 0

    init(text: [Unicode.Scalar]) { self.text = text }

    mutating func next() -> String? {
        while position < text.count, text[position].properties.isWhitespace { position += 1 }
        guard position < text.count else { return nil }
        let c = text[position]
        if c == "{" || c == "}" || c == ":" {
            position += 1
            return String(c)
        }
        if c == "\"" { return self.quoted() }
        var word = ""
        while position < text.count, !text[position].properties.isWhitespace, !"{}:".unicodeScalars.contains(text[position]) {
            word.unicodeScalars.append(text[position])
            position += 1
        }
        return word
    }

    /// A C-escaped string as protoc writes it (octal escapes for non-ASCII bytes).
    private mutating func quoted() -> String {
        position += 1
        var bytes: [UInt8] = []
        while position < text.count, text[position] != "\"" {
            var c = text[position]
            position += 1
            if c == "\\", position < text.count {
                c = text[position]
                position += 1
                if let digit = c.properties.numericType != nil ? Int(String(c)) : nil, digit < 8 {
                    var value = digit
                    for _ in 0..<2 where position < text.count {
                        guard let d = Int(String(text[position])), d < 8 else { break }
                        value = value * 8 + d
                        position += 1
                    }
                    bytes.append(UInt8(truncatingIfNeeded: value))
                    continue
                }
                switch c {
                case "n": bytes.append(10)
                case "t": bytes.append(9)
                case "r": bytes.append(13)
                default: bytes += Array(String(c).utf8)
                }
                continue
            }
            bytes += Array(String(c).utf8)
        }
        position += 1
        return String(decoding: bytes, as: UTF8.self)
    }
}
