public import KioskProtos

/// A fatal problem with the bytes or the order of frames on a kiosk connection.
///
/// Every `WireError` ends the connection: the server sends it to the peer as a
/// `ConnectionError` frame (where the socket still allows) and closes.
public struct WireError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem this is; maps one to one onto `ConnectionError.Code` on the wire.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        internal let wire: Kiosk_Wire_V1_ConnectionError.Code

        /// Bytes that do not parse as a `Frame`, or a frame with no kind set.
        public static let malformedFrame = Code(wire: .malformedFrame)
        /// A length prefix of zero or above the negotiated maximum.
        public static let frameTooLarge = Code(wire: .frameTooLarge)
        /// A well-formed frame that is not allowed at this point of the exchange.
        public static let protocolViolation = Code(wire: .protocolViolation)
        /// Client and server share no protocol version.
        public static let unsupportedVersion = Code(wire: .unsupportedVersion)
        /// The kiosk is unknown, revoked, or presented a wrong credential.
        public static let unauthenticated = Code(wire: .unauthenticated)
        /// The peer was silent for too long: no hello in time, or an idle connection.
        public static let timeout = Code(wire: .timeout)
        /// The server is at its connection limit.
        public static let overloaded = Code(wire: .overloaded)
        /// The byte stream ended inside a frame.
        public static let truncatedFrame = Code(wire: .truncatedFrame)

        /// The code as it travels in a `ConnectionError` frame.
        public var wireCode: Kiosk_Wire_V1_ConnectionError.Code { self.wire }

        /// Wraps a code received from a peer.
        public init(wire: Kiosk_Wire_V1_ConnectionError.Code) {
            self.wire = wire
        }

        public var description: String {
            switch self.wire {
            case .malformedFrame: "malformed frame"
            case .frameTooLarge: "frame too large"
            case .protocolViolation: "protocol violation"
            case .unsupportedVersion: "unsupported version"
            case .unauthenticated: "unauthenticated"
            case .timeout: "timeout"
            case .overloaded: "overloaded"
            case .truncatedFrame: "truncated frame"
            case .unspecified, .UNRECOGNIZED: "connection error \(self.wire.rawValue)"
            }
        }
    }

    /// The kind of problem.
    public var code: Code
    /// A message a person can act on, sent to the peer verbatim; never contains payload data.
    public var message: String

    /// Creates an error with a code and a message.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// The frame that tells the peer about this error.
    public var frame: Kiosk_Wire_V1_Frame {
        var error = Kiosk_Wire_V1_ConnectionError()
        error.code = self.code.wire
        error.message = self.message
        var frame = Kiosk_Wire_V1_Frame()
        frame.connectionError = error
        return frame
    }

    public var description: String { "\(self.code): \(self.message)" }
}
