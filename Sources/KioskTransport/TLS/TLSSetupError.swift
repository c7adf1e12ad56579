/// TLS could not be set up (a certificate, key or CA file); the message names the file and the problem.
public struct TLSSetupError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, for the operator.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { self.message }
}
