/// Reads scenario files (docs/HARNESS.md describes the format).
public enum ScenarioParser {
    /// Parses the text of a scenario file.
    public static func parse(_ text: String, file: String = "<text>") throws(ScenarioError) -> Scenario {
        var parser = Parser(lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), file: file)
        return try parser.parse()
    }
}

/// A scenario file that cannot be read, or a step that did not go as expected.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, with file and line.
    public var message: String

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    public var description: String { self.message }
}

private struct Parser {
    let lines: [String]
    let file: String
    var index = 0
    var name = ""
    var steps: [Step] = []
    var current: StepDraft?

    init(lines: [String], file: String) {
        self.lines = lines
        self.file = file
    }

    struct StepDraft {
        var name: String
        var line: Int
        var method: String?
        var request = ""
        var metadata: [(key: String, value: String)] = []
        var session = true
        var raw = false
        var hello = true
        var sends: [RawSend] = []
        var expectation = Expectation()
        var captures: [(variable: String, path: String)] = []
    }

    func error(_ message: String) -> ScenarioError {
        ScenarioError("\(self.file):\(self.index + 1): \(message)")
    }

    mutating func parse() throws(ScenarioError) -> Scenario {
        while self.index < self.lines.count {
            let line = self.lines[self.index].trimmingWhitespace()
            if !line.isEmpty && !line.hasPrefix("#") { try self.directive(line) }
            self.index += 1
        }
        try self.finishStep()
        guard !self.name.isEmpty else { throw ScenarioError("\(self.file): no `scenario \"name\"` line") }
        return Scenario(name: self.name, file: self.file, steps: self.steps)
    }

    mutating func directive(_ line: String) throws(ScenarioError) {
        let (word, rest) = line.splitFirstWord()
        if word == "scenario" {
            self.name = rest.unquoted
            return
        }
        if word == "step" {
            try self.finishStep()
            self.current = StepDraft(name: rest.unquoted, line: self.index + 1)
            return
        }
        guard var step = self.current else { throw self.error("`\(word)` before the first `step`") }
        switch word {
        case "call": step.method = rest
        case "request": step.request = try self.block(rest)
        case "metadata":
            let (key, value) = rest.splitFirstWord()
            step.metadata.append((key.hasSuffix(":") ? String(key.dropLast()) : key, value.unquoted))
        case "no-session": step.session = false
        case "connection":
            step.raw = true
            switch rest {
            case "new": step.hello = false
            case "hello": step.hello = true
            default: throw self.error("connection is `new` or `hello`, not `\(rest)`")
            }
        case "send-frame":
            step.raw = true
            step.sends.append(.frame(try self.block(rest)))
        case "send-bytes":
            step.raw = true
            step.sends.append(.bytes(try self.hex(rest)))
        case "close-output":
            step.raw = true
            step.sends.append(.closeOutput)
        case "expect":
            let (first, more) = rest.splitFirstWord()
            if first == "connection-error" {
                step.expectation.connectionError = more
            } else {
                step.expectation.status = first
                if !more.isEmpty { step.expectation.messageContains = more.unquoted }
            }
        case "field": step.expectation.fields.append(try self.fieldCheck(rest))
        case "capture":
            let parts = rest.split(separator: "=", maxSplits: 1).map { String($0).trimmingWhitespace() }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { throw self.error("capture NAME = FIELD_PATH") }
            step.captures.append((parts[0], parts[1]))
        default: throw self.error("unknown directive `\(word)`")
        }
        self.current = step
    }

    /// A text-format block: the rest of the line, continued on later lines until braces balance.
    mutating func block(_ start: String) throws(ScenarioError) -> String {
        var text = start
        while text.braceDepth > 0 {
            self.index += 1
            guard self.index < self.lines.count else { throw self.error("unbalanced braces") }
            text += "\n" + self.lines[self.index]
        }
        let trimmed = text.trimmingWhitespace()
        if trimmed.hasPrefix("{") && trimmed.hasSuffix("}") { return String(trimmed.dropFirst().dropLast()) }
        return trimmed
    }

    func hex(_ text: String) throws(ScenarioError) -> [UInt8] {
        var bytes: [UInt8] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            guard word.count == 2, let byte = UInt8(word, radix: 16) else { throw self.error("`\(word)` is not a hex byte") }
            bytes.append(byte)
        }
        return bytes
    }

    func fieldCheck(_ text: String) throws(ScenarioError) -> FieldCheck {
        let (path, rest) = text.splitFirstWord()
        let (op, value) = rest.splitFirstWord()
        guard let comparison = FieldCheck.Comparison(rawValue: op), !path.isEmpty else {
            throw self.error("field PATH (= | != | ~) VALUE, or field PATH exists|absent")
        }
        return FieldCheck(path: path, comparison: comparison, value: value.unquoted)
    }

    mutating func finishStep() throws(ScenarioError) {
        guard let step = self.current else { return }
        self.current = nil
        let action: Step.Action
        if step.raw {
            guard step.method == nil else { throw ScenarioError("\(self.file):\(step.line): a step either calls or sends raw frames") }
            guard step.expectation.connectionError != nil else {
                throw ScenarioError("\(self.file):\(step.line): a raw step needs `expect connection-error CODE`")
            }
            action = .raw(hello: step.hello, sends: step.sends)
        } else {
            guard let method = step.method else { throw ScenarioError("\(self.file):\(step.line): the step has no `call`") }
            guard step.expectation.status != nil || step.expectation.connectionError != nil else {
                throw ScenarioError("\(self.file):\(step.line): the step has no `expect`")
            }
            action = .call(method: method, request: step.request, metadata: step.metadata, session: step.session)
        }
        self.steps.append(Step(name: step.name, line: step.line, action: action, expectation: step.expectation, captures: step.captures))
    }
}

extension String {
    func trimmingWhitespace() -> String {
        String(self.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    func splitFirstWord() -> (String, String) {
        let trimmed = self.trimmingWhitespace()
        guard let space = trimmed.firstIndex(where: \.isWhitespace) else { return (trimmed, "") }
        return (String(trimmed[..<space]), String(trimmed[space...]).trimmingWhitespace())
    }

    /// Without surrounding double quotes, with \" and \\ unescaped.
    var unquoted: String {
        let t = self.trimmingWhitespace()
        guard t.count >= 2, t.hasPrefix("\""), t.hasSuffix("\"") else { return t }
        var out = ""
        var escaped = false
        for c in t.dropFirst().dropLast() {
            if escaped || c != "\\" {
                out.append(c)
                escaped = false
            } else {
                escaped = true
            }
        }
        return out
    }

    /// Open braces minus closed ones, outside double-quoted strings.
    var braceDepth: Int {
        var depth = 0
        var quoted = false
        var escaped = false
        for c in self {
            if escaped { escaped = false; continue }
            if c == "\\" { escaped = true; continue }
            if c == "\"" { quoted.toggle() }
            if !quoted && c == "{" { depth += 1 }
            if !quoted && c == "}" { depth -= 1 }
        }
        return depth
    }
}
