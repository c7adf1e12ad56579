import Foundation
import KioskProtos

/// The state of one scenario as it runs: its variables and its connection.
struct ScenarioRun {
    let schema: ProtoSchema
    let settings: HarnessSettings
    var variables: [String: String]
    var connection: WireConnection?
    var nextCallID: UInt32 = 1

    init(schema: ProtoSchema, settings: HarnessSettings) {
        self.schema = schema
        self.settings = settings
        self.variables = settings.variables
        self.variables["kiosk_id"] = settings.kioskID
    }

    /// Runs a step and returns what did not match.
    mutating func perform(_ step: Step) throws -> [String] {
        switch step.action {
        case .call(let method, let request, let metadata, let session):
            return try self.call(step, method: self.substitute(method), request: request, metadata: metadata, session: session)
        case .raw(let hello, let sends):
            return try self.raw(step, hello: hello, sends: sends)
        }
    }

    func substitute(_ text: String) throws -> String {
        var out = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            out += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            guard !name.isEmpty else {
                out += "$"
                rest = after
                continue
            }
            guard let value = self.variables[String(name)] else { throw ScenarioError("no variable $\(name)") }
            out += value
            rest = after.dropFirst(name.count)
        }
        return out + rest
    }

    /// A connection that has been welcomed.
    func open(hello: Bool) throws -> WireConnection {
        let connection = try WireConnection(host: self.settings.host, port: self.settings.port, caFile: self.settings.caFile, timeoutMs: self.settings.timeoutMs)
        guard hello else { return connection }
        var frame = Kiosk_Wire_V1_Frame()
        frame.hello.protocolVersions = [1]
        frame.hello.kioskID = self.settings.kioskID
        frame.hello.credential = self.settings.credential
        frame.hello.clientAgent = "kiosk-harness"
        try connection.send(frame)
        guard let answer = try connection.receive(), case .welcome = answer.kind else {
            throw ScenarioError("the server did not welcome the harness's kiosk \(self.settings.kioskID)")
        }
        return connection
    }

    mutating func call(_ step: Step, method: String, request: String, metadata: [(key: String, value: String)], session: Bool) throws -> [String] {
        let types = self.schema.methods[method]
        let requestText = try self.substitute(request)
        var body: [UInt8] = []
        if let types {
            body = try self.schema.encode(requestText, type: types.input)
        } else if !requestText.trimmingWhitespace().isEmpty {
            throw ScenarioError("\(method) is in none of the .proto files, so its request must be empty")
        }
        let connection = try self.connection ?? self.open(hello: true)
        self.connection = connection
        let callID = self.nextCallID
        self.nextCallID += 2

        var headers = Kiosk_Wire_V1_Frame()
        headers.callID = callID
        headers.headers.method = method
        var entries = [("grpc-timeout", "\(self.settings.timeoutMs)m")]
        if session, let token = self.variables["session"] { entries.append(("authorization", "Bearer \(token)")) }
        for (key, value) in metadata { entries.append((key, try self.substitute(value))) }
        headers.headers.metadata = entries.map { key, value in
            var entry = Kiosk_Wire_V1_MetadataEntry()
            entry.key = key
            entry.text = value
            return entry
        }
        var message = Kiosk_Wire_V1_Frame()
        message.callID = callID
        message.message.data = .init(body)
        var end = Kiosk_Wire_V1_Frame()
        end.callID = callID
        end.endOfStream = .init()
        try connection.send(headers)
        try connection.send(message)
        try connection.send(end)

        var messages: [[UInt8]] = []
        while true {
            guard let frame = try connection.receive() else {
                self.connection = nil
                return ["the server closed the connection before the call's status"]
            }
            switch frame.kind {
            case .ping(let ping):
                var pong = Kiosk_Wire_V1_Frame()
                pong.pong.payload = ping.payload
                try connection.send(pong)
            case .message(let m) where frame.callID == callID:
                messages.append(Array(m.data))
            case .status(let status) where frame.callID == callID:
                return try self.check(step, status: status, messages: messages, types: types)
            case .connectionError(let error):
                self.connection = nil
                return Self.checkConnectionError(step, error)
            default:
                continue
            }
        }
    }

    mutating func check(_ step: Step, status: Kiosk_Wire_V1_Status, messages: [[UInt8]], types: ProtoSchema.Method?) throws -> [String] {
        var failures: [String] = []
        let expectation = step.expectation
        if let expected = expectation.status, expected != StatusNames.code(status.code) {
            failures.append("status \(StatusNames.code(status.code)) (\"\(status.message)\"), expected \(expected)")
        }
        if expectation.connectionError != nil {
            failures.append("the call ended with status \(StatusNames.code(status.code)), expected a connection error")
        }
        if let part = expectation.messageContains, !status.message.contains(try self.substitute(part)) {
            failures.append("status message \"\(status.message)\" does not contain \"\(part)\"")
        }
        var tree = TextTree()
        if let types {
            let decoded = try messages.map { try self.schema.decode($0, type: types.output) }
            if types.serverStreaming {
                tree.fields = decoded.map { ("message", .message($0)) }
            } else if let last = decoded.last {
                tree = last
            }
        }
        for check in expectation.fields {
            if let failure = try self.check(check, in: tree) { failures.append(failure) }
        }
        guard failures.isEmpty else { return failures }
        for (variable, path) in step.captures {
            guard case .scalar(let value)? = tree.values(at: path).first else { return ["nothing at \(path) to capture"] }
            self.variables[variable] = value
        }
        return []
    }

    func check(_ check: FieldCheck, in tree: TextTree) throws -> String? {
        let found = tree.values(at: check.path)
        let expected = try self.substitute(check.value)
        let scalar: String? = found.first.flatMap { if case .scalar(let s) = $0 { s } else { nil } }
        switch check.comparison {
        case .present:
            return found.isEmpty ? "\(check.path) is missing" : nil
        case .absent:
            return found.isEmpty ? nil : "\(check.path) is present"
        case .equals, .notEquals:
            // proto3 leaves fields at their default out: a missing field equals "", 0 or false.
            let actual = scalar ?? (found.isEmpty ? "" : "{…}")
            let equal = actual == expected || (found.isEmpty && ["0", "false", ""].contains(expected))
                || (found.isEmpty && expected.hasSuffix("_UNSPECIFIED"))
            if check.comparison == .equals && !equal { return "\(check.path) is \"\(actual)\", expected \"\(expected)\"" }
            if check.comparison == .notEquals && equal { return "\(check.path) is \"\(actual)\"" }
            return nil
        case .contains:
            guard let scalar, scalar.contains(expected) else {
                return "\(check.path) is \"\(scalar ?? "missing")\", expected it to contain \"\(expected)\""
            }
            return nil
        }
    }

    static func checkConnectionError(_ step: Step, _ error: Kiosk_Wire_V1_ConnectionError) -> [String] {
        let name = StatusNames.connectionError(error.code.rawValue)
        guard let expected = step.expectation.connectionError else {
            return ["connection error \(name): \(error.message)"]
        }
        var failures: [String] = []
        if expected != name { failures.append("connection error \(name) (\"\(error.message)\"), expected \(expected)") }
        if let part = step.expectation.messageContains, !error.message.contains(part) {
            failures.append("connection error message \"\(error.message)\" does not contain \"\(part)\"")
        }
        return failures
    }

    /// A raw step on a connection of its own: the server must end it with the expected connection error.
    func raw(_ step: Step, hello: Bool, sends: [RawSend]) throws -> [String] {
        let connection = try self.open(hello: hello)
        for send in sends {
            switch send {
            case .frame(let text):
                try connection.send(bytes: WireConnection.framed(try self.schema.encode(try self.substitute(text), type: "kiosk.wire.v1.Frame")))
            case .bytes(let bytes):
                try connection.send(bytes: bytes)
            case .closeOutput:
                connection.closeOutput()
            }
        }
        while let frame = try connection.receive() {
            guard case .connectionError(let error) = frame.kind else { continue }
            var failures = Self.checkConnectionError(step, error)
            if (try? connection.receive()) != nil {
                failures.append("the server kept the connection open after its connection error")
            }
            return failures
        }
        return ["the server closed the connection without a connection error"]
    }
}

/// Names of gRPC status codes and connection error codes, as scenarios write them.
enum StatusNames {
    static let codes = [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED",
        "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ]
    static let connectionErrors = [
        "CODE_UNSPECIFIED", "MALFORMED_FRAME", "FRAME_TOO_LARGE", "PROTOCOL_VIOLATION", "UNSUPPORTED_VERSION",
        "UNAUTHENTICATED", "TIMEOUT", "OVERLOADED", "TRUNCATED_FRAME",
    ]

    static func code(_ code: UInt32) -> String { Int(code) < codes.count ? codes[Int(code)] : "CODE_\(code)" }
    static func connectionError(_ code: Int) -> String { code >= 0 && code < connectionErrors.count ? connectionErrors[code] : "CODE_\(code)" }
}
