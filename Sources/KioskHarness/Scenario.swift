/// A scenario: steps run in order against one server, sharing variables (captures).
public struct Scenario: Sendable {
    /// What the scenario shows, for people.
    public var name: String
    /// The file it came from.
    public var file: String
    /// Its steps, in order.
    public var steps: [Step]

    /// Creates a scenario.
    public init(name: String, file: String, steps: [Step]) {
        self.name = name
        self.file = file
        self.steps = steps
    }
}

/// One step: a call on the scenario's connection, or raw bytes on a connection of its own.
public struct Step: Sendable {
    /// The step's name, for people.
    public var name: String
    /// Where the step starts in its file.
    public var line: Int
    /// What the step does.
    public var action: Action
    /// What the answer must be.
    public var expectation: Expectation
    /// Values of the response copied into variables for later steps: variable name and field path.
    public var captures: [(variable: String, path: String)]

    /// What a step sends.
    public enum Action: Sendable {
        /// A call: the method path, the request in protobuf text format, extra metadata.
        case call(method: String, request: String, metadata: [(key: String, value: String)], session: Bool)
        /// Raw sends on a new connection (after a hello when `hello` is true).
        case raw(hello: Bool, sends: [RawSend])
    }

    /// Creates a step.
    public init(name: String, line: Int, action: Action, expectation: Expectation, captures: [(variable: String, path: String)]) {
        self.name = name
        self.line = line
        self.action = action
        self.expectation = expectation
        self.captures = captures
    }
}

/// One piece of a raw step.
public enum RawSend: Sendable {
    /// A frame in protobuf text format, length prefix added.
    case frame(String)
    /// Bytes exactly as given (hex in the file).
    case bytes([UInt8])
    /// Closes the sending side of the connection.
    case closeOutput
}

/// What a step expects back.
public struct Expectation: Sendable {
    /// The status code name of the call ("OK", "UNAUTHENTICATED"), or nil for raw steps.
    public var status: String?
    /// A substring of the status message.
    public var messageContains: String?
    /// The connection error code name ("PROTOCOL_VIOLATION") that must end the connection.
    public var connectionError: String?
    /// Checks on response fields.
    public var fields: [FieldCheck]

    /// Creates an expectation.
    public init(status: String? = nil, messageContains: String? = nil, connectionError: String? = nil, fields: [FieldCheck] = []) {
        self.status = status
        self.messageContains = messageContains
        self.connectionError = connectionError
        self.fields = fields
    }
}

/// A check of one response field, by path ("worker.worker_id", "children[0].name", "children.#").
public struct FieldCheck: Sendable {
    /// How the value is compared.
    public enum Comparison: String, Sendable {
        case equals = "="
        case notEquals = "!="
        case contains = "~"
        case present = "exists"
        case absent = "absent"
    }

    /// The field path.
    public var path: String
    /// How to compare.
    public var comparison: Comparison
    /// The expected value (after variable substitution), unquoted.
    public var value: String

    /// Creates a check.
    public init(path: String, comparison: Comparison, value: String) {
        self.path = path
        self.comparison = comparison
        self.value = value
    }
}
