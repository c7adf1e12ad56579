/// A certificate task failed, with a message an operator can act on.
public struct KioskCertificateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong and what to do.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { self.message }
}
