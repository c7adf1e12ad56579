public import KioskProtos

/// The server's view of one kiosk connection: handshake, open calls, and draining.
///
/// A plain value with no I/O: each input returns an action for the connection to carry out,
/// so every rule of the exchange is testable on its own.
public struct ServerConnectionStateMachine: Sendable {
    /// Limits the server applies to the connection.
    public struct Limits: Sendable, Hashable {
        /// The largest frame body accepted, announced in `Welcome`.
        public var maxFrameBytes: Int
        /// Calls one connection may have open at once; more are refused with RESOURCE_EXHAUSTED.
        public var maxConcurrentCalls: Int
        /// Silence after which a connection with no open call is closed; zero for never.
        public var idleTimeout: Duration
        /// What a call's metadata must meet, with its limits on entries and bytes per `headers` frame.
        public var metadata: CallMetadataRules

        /// Creates limits.
        public init(
            maxFrameBytes: Int = FrameLimits.defaultMaxFrameBytes,
            maxConcurrentCalls: Int = 64,
            idleTimeout: Duration = .seconds(300),
            metadata: CallMetadataRules = CallMetadataRules()
        ) {
            self.maxFrameBytes = maxFrameBytes
            self.maxConcurrentCalls = maxConcurrentCalls
            self.idleTimeout = idleTimeout
            self.metadata = metadata
        }
    }

    /// What the connection should do after a frame arrived.
    public enum ReceiveAction: Sendable, Equatable {
        /// Check the kiosk's identity; then call `handshakeSucceeded` or `handshakeFailed`.
        case authenticate(kioskID: String, credential: String, protocolVersion: UInt32)
        /// Start a call with this id, method path and metadata.
        case openCall(id: UInt32, headers: Kiosk_Wire_V1_Headers)
        /// Hand a request message to an open call.
        case deliverMessage(callID: UInt32, bytes: [UInt8])
        /// The client sent its last request message on this call.
        case finishRequests(callID: UInt32)
        /// The client abandoned the call.
        case cancelCall(callID: UInt32)
        /// Answer the call with this status without starting it (e.g. too many calls, draining).
        case refuseCall(callID: UInt32, code: UInt32, message: String)
        /// Send this frame back (e.g. a pong).
        case reply(Kiosk_Wire_V1_Frame)
        /// Send this error, then close the connection.
        case fail(WireError)
        /// The peer said goodbye with an error of its own: close without answering.
        case close
        /// Nothing to do (e.g. a late frame for a call that already ended).
        case none
    }

    private enum State: Sendable {
        case awaitingHello
        case authenticating
        case ready
        case draining(lastCallID: UInt32)
        case closed
    }

    private var state: State = .awaitingHello
    private var openCalls: Set<UInt32> = []
    private var highestCallID: UInt32 = 0
    /// The limits in force.
    public let limits: Limits

    /// Creates the state machine for a new connection.
    public init(limits: Limits) {
        self.limits = limits
    }

    /// Number of calls currently open.
    public var openCallCount: Int { self.openCalls.count }

    /// Whether the handshake has completed and the connection is not closed.
    public var isEstablished: Bool {
        switch self.state {
        case .ready, .draining: true
        case .awaitingHello, .authenticating, .closed: false
        }
    }

    /// Applies one inbound frame.
    public mutating func receive(_ frame: Kiosk_Wire_V1_Frame) -> ReceiveAction {
        switch self.state {
        case .closed:
            return .none
        case .awaitingHello:
            return self.receiveBeforeHandshake(frame)
        case .authenticating:
            return self.fail(.protocolViolation, "frame '\(frame.kindName)' sent before the server's welcome")
        case .ready, .draining:
            return self.receiveEstablished(frame)
        }
    }

    private mutating func receiveBeforeHandshake(_ frame: Kiosk_Wire_V1_Frame) -> ReceiveAction {
        guard case .hello(let hello) = frame.kind else {
            return self.fail(.protocolViolation, "expected a hello frame first, got '\(frame.kindName)'")
        }
        guard frame.callID == 0 else {
            return self.fail(.protocolViolation, "hello must have call_id 0, got \(frame.callID)")
        }
        let common = FrameLimits.supportedProtocolVersions.filter(hello.protocolVersions.contains)
        guard let version = common.max() else {
            let offered = hello.protocolVersions.map(String.init).joined(separator: ", ")
            let supported = FrameLimits.supportedProtocolVersions.map(String.init).joined(separator: ", ")
            return self.fail(.unsupportedVersion, "client offered versions [\(offered)], server speaks [\(supported)]")
        }
        guard !hello.kioskID.isEmpty, !hello.credential.isEmpty else {
            return self.fail(.unauthenticated, "hello must carry a kiosk_id and a credential")
        }
        self.state = .authenticating
        return .authenticate(kioskID: hello.kioskID, credential: hello.credential, protocolVersion: version)
    }

    /// The kiosk was authenticated: returns the welcome frame to send.
    public mutating func handshakeSucceeded(protocolVersion: UInt32, serverAgent: String) -> Kiosk_Wire_V1_Frame? {
        guard case .authenticating = self.state else { return nil }
        self.state = .ready
        var welcome = Kiosk_Wire_V1_Welcome()
        welcome.protocolVersion = protocolVersion
        welcome.maxFrameBytes = UInt32(self.limits.maxFrameBytes)
        welcome.maxConcurrentCalls = UInt32(self.limits.maxConcurrentCalls)
        welcome.serverAgent = serverAgent
        welcome.idleTimeoutSeconds = UInt32(clamping: self.limits.idleTimeout.components.seconds)
        var frame = Kiosk_Wire_V1_Frame()
        frame.welcome = welcome
        return frame
    }

    /// The kiosk was refused: returns the error to send before closing.
    public mutating func handshakeFailed(message: String) -> WireError {
        self.state = .closed
        return WireError(code: .unauthenticated, message: message)
    }

    private mutating func receiveEstablished(_ frame: Kiosk_Wire_V1_Frame) -> ReceiveAction {
        let id = frame.callID
        switch frame.kind {
        case .ping(let ping):
            return .reply(.pong(payload: ping.payload))
        case .pong:
            return .none
        case .connectionError:
            self.state = .closed
            return .close
        case .headers(let headers):
            return self.openCall(id: id, headers: headers)
        case .message(let message):
            return self.forCall(id, frame) { .deliverMessage(callID: id, bytes: Array(message.data)) }
        case .endOfStream:
            return self.forCall(id, frame) { .finishRequests(callID: id) }
        case .cancel:
            return self.forCall(id, frame) { .cancelCall(callID: id) }
        case .hello, .welcome, .status, .goAway, .none:
            return self.fail(.protocolViolation, "a client may not send '\(frame.kindName)' here")
        }
    }

    private mutating func openCall(id: UInt32, headers: Kiosk_Wire_V1_Headers) -> ReceiveAction {
        guard id != 0 else {
            return self.fail(.protocolViolation, "headers must name a call: call_id 0 is for connection frames")
        }
        // Ids need only be unique among open calls: a client with concurrent callers cannot always put
        // their headers on the wire in the order it numbered them.
        guard !self.openCalls.contains(id) else {
            return self.fail(.protocolViolation, "call_id \(id) is already open on this connection")
        }
        self.highestCallID = max(self.highestCallID, id)
        if case .draining(let lastCallID) = self.state, id > lastCallID {
            return .refuseCall(callID: id, code: 14, message: "server is shutting down; retry on a new connection")
        }
        guard self.openCalls.count < self.limits.maxConcurrentCalls else {
            return .refuseCall(
                callID: id,
                code: 8,
                message: "too many concurrent calls on this connection (limit \(self.limits.maxConcurrentCalls))"
            )
        }
        guard headers.method.utf8.count <= Self.maxMethodPathBytes else {
            return .refuseCall(callID: id, code: 3, message: "method path is longer than \(Self.maxMethodPathBytes) bytes")
        }
        guard Self.isValidMethodPath(headers.method) else {
            return .refuseCall(callID: id, code: 3, message: "method '\(headers.method)' is not of the form /package.Service/Method")
        }
        if let refusal = self.limits.metadata.refusal(for: headers.metadata) {
            return .refuseCall(callID: id, code: refusal.code, message: refusal.message)
        }
        self.openCalls.insert(id)
        return .openCall(id: id, headers: headers)
    }

    private mutating func forCall(
        _ id: UInt32,
        _ frame: Kiosk_Wire_V1_Frame,
        _ action: () -> ReceiveAction
    ) -> ReceiveAction {
        if self.openCalls.contains(id) { return action() }
        if id != 0, id <= self.highestCallID { return .none }  // The call already ended: a late frame.
        return self.fail(.protocolViolation, "'\(frame.kindName)' for call_id \(id), which was never opened")
    }

    /// A call ended (its status was sent). Returns true when the connection should now close.
    public mutating func callFinished(id: UInt32) -> Bool {
        self.openCalls.remove(id)
        if case .draining = self.state, self.openCalls.isEmpty { return true }
        return false
    }

    /// Starts a graceful shutdown. Returns the go-away frame to send, and whether to close at once.
    public mutating func beginDraining(reason: String) -> (goAway: Kiosk_Wire_V1_Frame?, closeNow: Bool) {
        switch self.state {
        case .ready:
            self.state = .draining(lastCallID: self.highestCallID)
            var goAway = Kiosk_Wire_V1_GoAway()
            goAway.lastCallID = self.highestCallID
            goAway.reason = reason
            var frame = Kiosk_Wire_V1_Frame()
            frame.goAway = goAway
            return (frame, self.openCalls.isEmpty)
        case .draining:
            return (nil, self.openCalls.isEmpty)
        case .awaitingHello, .authenticating, .closed:
            self.state = .closed
            return (nil, true)
        }
    }

    private mutating func fail(_ code: WireError.Code, _ message: String) -> ReceiveAction {
        self.state = .closed
        return .fail(WireError(code: code, message: message))
    }

    /// The longest method path accepted (and echoed in a refusal).
    public static let maxMethodPathBytes = 256

    /// Whether `path` looks like "/package.Service/Method" and is at most ``maxMethodPathBytes`` long.
    public static func isValidMethodPath(_ path: String) -> Bool {
        guard path.utf8.count <= Self.maxMethodPathBytes else { return false }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0].isEmpty && !parts[1].isEmpty && !parts[2].isEmpty
    }
}

extension Kiosk_Wire_V1_Frame {
    /// The name of the frame's kind as written in frame.proto, for messages.
    public var kindName: String {
        switch self.kind {
        case .hello: "hello"
        case .welcome: "welcome"
        case .headers: "headers"
        case .message: "message"
        case .endOfStream: "end_of_stream"
        case .status: "status"
        case .cancel: "cancel"
        case .ping: "ping"
        case .pong: "pong"
        case .goAway: "go_away"
        case .connectionError: "connection_error"
        case .none: "none"
        }
    }
}
