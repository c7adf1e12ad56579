import Foundation
import KioskProtos
import KioskWire
import Testing

// MARK: - Frame builders

enum Frames {
    static func hello(
        versions: [UInt32] = [1],
        kioskID: String = "kiosk-1",
        credential: String = "secret",
        callID: UInt32 = 0
    ) -> Kiosk_Wire_V1_Frame {
        var hello = Kiosk_Wire_V1_Hello()
        hello.protocolVersions = versions
        hello.kioskID = kioskID
        hello.credential = credential
        hello.clientAgent = "tests"
        var frame = Kiosk_Wire_V1_Frame()
        frame.callID = callID
        frame.hello = hello
        return frame
    }

    static func headers(_ id: UInt32, method: String = "/kiosk.test.v1.Echo/Say") -> Kiosk_Wire_V1_Frame {
        var headers = Kiosk_Wire_V1_Headers()
        headers.method = method
        var entry = Kiosk_Wire_V1_MetadataEntry()
        entry.key = "grpc-timeout"
        entry.text = "1500m"
        headers.metadata = [entry]
        var frame = Kiosk_Wire_V1_Frame()
        frame.callID = id
        frame.headers = headers
        return frame
    }

    static func message(_ id: UInt32, _ bytes: [UInt8] = [1, 2, 3]) -> Kiosk_Wire_V1_Frame {
        var message = Kiosk_Wire_V1_Message()
        message.data = Data(bytes)
        var frame = Kiosk_Wire_V1_Frame()
        frame.callID = id
        frame.message = message
        return frame
    }

    static func endOfStream(_ id: UInt32) -> Kiosk_Wire_V1_Frame {
        var frame = Kiosk_Wire_V1_Frame()
        frame.callID = id
        frame.endOfStream = Kiosk_Wire_V1_EndOfStream()
        return frame
    }

    static func cancel(_ id: UInt32) -> Kiosk_Wire_V1_Frame {
        var frame = Kiosk_Wire_V1_Frame()
        frame.callID = id
        frame.cancel = Kiosk_Wire_V1_Cancel()
        return frame
    }

    static func ping(_ payload: UInt64) -> Kiosk_Wire_V1_Frame {
        var ping = Kiosk_Wire_V1_Ping()
        ping.payload = payload
        var frame = Kiosk_Wire_V1_Frame()
        frame.ping = ping
        return frame
    }

    static func pong(_ payload: UInt64) -> Kiosk_Wire_V1_Frame {
        var pong = Kiosk_Wire_V1_Pong()
        pong.payload = payload
        var frame = Kiosk_Wire_V1_Frame()
        frame.pong = pong
        return frame
    }

    static var status: Kiosk_Wire_V1_Frame {
        var status = Kiosk_Wire_V1_Status()
        status.code = 0
        var frame = Kiosk_Wire_V1_Frame()
        frame.callID = 1
        frame.status = status
        return frame
    }

    static var welcome: Kiosk_Wire_V1_Frame {
        var welcome = Kiosk_Wire_V1_Welcome()
        welcome.protocolVersion = 1
        var frame = Kiosk_Wire_V1_Frame()
        frame.welcome = welcome
        return frame
    }

    static var goAway: Kiosk_Wire_V1_Frame {
        var goAway = Kiosk_Wire_V1_GoAway()
        goAway.lastCallID = 0
        var frame = Kiosk_Wire_V1_Frame()
        frame.goAway = goAway
        return frame
    }

    static var connectionError: Kiosk_Wire_V1_Frame {
        WireError(code: .timeout, message: "bye").frame
    }

    static var noKind: Kiosk_Wire_V1_Frame {
        Kiosk_Wire_V1_Frame()
    }

    /// Every kind but hello, as a client might send it before its hello.
    static var allButHello: [Kiosk_Wire_V1_Frame] {
        [
            headers(1), message(1), endOfStream(1), cancel(1), ping(1), pong(1), status, welcome, goAway,
            connectionError, noKind,
        ]
    }
}

extension ServerConnectionStateMachine.ReceiveAction {
    /// The code of a `.fail` action, nil for every other action.
    var failureCode: WireError.Code? {
        if case .fail(let error) = self { return error.code }
        return nil
    }

    /// The call id and status code of a `.refuseCall` action.
    var refusal: (callID: UInt32, code: UInt32)? {
        if case .refuseCall(let id, let code, _) = self { return (id, code) }
        return nil
    }
}

// MARK: - Handshake

@Suite("Server connection state machine: handshake")
struct ServerHandshakeTests {
    static let limits = ServerConnectionStateMachine.Limits(maxFrameBytes: 65_536, maxConcurrentCalls: 8)

    @Test("a good hello asks for authentication with the chosen version")
    func goodHello() {
        var machine = ServerConnectionStateMachine(limits: Self.limits)
        #expect(!machine.isEstablished)
        let action = machine.receive(Frames.hello(kioskID: "kiosk-7", credential: "pw"))
        #expect(action == .authenticate(kioskID: "kiosk-7", credential: "pw", protocolVersion: 1))
        #expect(!machine.isEstablished)
    }

    @Test("the server picks the highest version both sides speak", arguments: [[1], [1, 2], [9, 1, 5], [1, 1]] as [[UInt32]])
    func versionNegotiation(versions: [UInt32]) {
        var machine = ServerConnectionStateMachine(limits: Self.limits)
        let action = machine.receive(Frames.hello(versions: versions))
        #expect(action == .authenticate(kioskID: "kiosk-1", credential: "secret", protocolVersion: 1))
    }

    @Test("the first frame must be a hello", arguments: Frames.allButHello)
    func helloRequiredFirst(_ frame: Kiosk_Wire_V1_Frame) {
        var machine = ServerConnectionStateMachine(limits: Self.limits)
        let action = machine.receive(frame)
        #expect(action.failureCode == .protocolViolation)
        // The connection is closed: a hello now is ignored rather than starting a handshake.
        #expect(machine.receive(Frames.hello()) == .none)
        #expect(!machine.isEstablished)
    }

    @Test("a hello with a call id fails", arguments: [1, 2, UInt32.max] as [UInt32])
    func helloWithCallID(callID: UInt32) {
        var machine = ServerConnectionStateMachine(limits: Self.limits)
        #expect(machine.receive(Frames.hello(callID: callID)).failureCode == .protocolViolation)
    }

    @Test("no version in common is unsupportedVersion", arguments: [[], [0], [2], [2, 3, 99]] as [[UInt32]])
    func noCommonVersion(versions: [UInt32]) {
        var machine = ServerConnectionStateMachine(limits: Self.limits)
        #expect(machine.receive(Frames.hello(versions: versions)).failureCode == .unsupportedVersion)
        #expect(machine.receive(Frames.hello()) == .none)
    }

    @Test("an empty kiosk id or credential is unauthenticated", arguments: [("", "secret"), ("kiosk-1", ""), ("", "")])
    func emptyIdentity(kioskID: String, credential: String) {
        var machine = ServerConnectionStateMachine(limits: Self.limits)
        let action = machine.receive(Frames.hello(kioskID: kioskID, credential: credential))
        #expect(action.failureCode == .unauthenticated)
    }

    @Test("nothing may arrive between hello and welcome", arguments: [Frames.hello()] + Frames.allButHello)
    func framesWhileAuthenticating(_ frame: Kiosk_Wire_V1_Frame) {
        var machine = ServerConnectionStateMachine(limits: Self.limits)
        _ = machine.receive(Frames.hello())
        #expect(machine.receive(frame).failureCode == .protocolViolation)
        // Closed: authentication can no longer succeed.
        #expect(machine.handshakeSucceeded(protocolVersion: 1, serverAgent: "kioskd") == nil)
        #expect(!machine.isEstablished)
    }

    @Test("a successful handshake returns a welcome carrying the limits")
    func welcomeCarriesLimits() throws {
        var machine = ServerConnectionStateMachine(limits: Self.limits)
        _ = machine.receive(Frames.hello())
        let welcomeFrame = machine.handshakeSucceeded(protocolVersion: 1, serverAgent: "kioskd/1.2")
        let frame = try #require(welcomeFrame)

        #expect(frame.callID == 0)
        guard case .welcome(let welcome) = frame.kind else {
            Issue.record("expected a welcome, got \(frame.kindName)")
            return
        }
        #expect(welcome.protocolVersion == 1)
        #expect(welcome.maxFrameBytes == 65_536)
        #expect(welcome.maxConcurrentCalls == 8)
        #expect(welcome.serverAgent == "kioskd/1.2")
        #expect(machine.isEstablished)
        #expect(machine.openCallCount == 0)
    }

    @Test("the default limits are 4 MiB frames and 64 calls")
    func defaultLimits() {
        let limits = ServerConnectionStateMachine.Limits()
        #expect(limits.maxFrameBytes == FrameLimits.defaultMaxFrameBytes)
        #expect(limits.maxConcurrentCalls == 64)
    }

    @Test("handshakeSucceeded outside of authentication returns nil")
    func handshakeSucceededOutOfOrder() {
        var fresh = ServerConnectionStateMachine(limits: Self.limits)
        #expect(fresh.handshakeSucceeded(protocolVersion: 1, serverAgent: "x") == nil)
        #expect(!fresh.isEstablished)

        var established = ServerConnectionStateMachine.established()
        #expect(established.handshakeSucceeded(protocolVersion: 1, serverAgent: "x") == nil)
        #expect(established.isEstablished)
    }

    @Test("a refused kiosk gets unauthenticated and the connection is closed")
    func handshakeFailed() {
        var machine = ServerConnectionStateMachine(limits: Self.limits)
        _ = machine.receive(Frames.hello())
        let error = machine.handshakeFailed(message: "unknown kiosk")
        #expect(error.code == .unauthenticated)
        #expect(error.message == "unknown kiosk")
        #expect(!machine.isEstablished)
        #expect(machine.receive(Frames.ping(1)) == .none)
        #expect(machine.handshakeSucceeded(protocolVersion: 1, serverAgent: "x") == nil)
    }
}

extension ServerConnectionStateMachine {
    /// A machine past its handshake.
    static func established(maxConcurrentCalls: Int = 64) -> Self {
        var machine = Self(limits: Limits(maxConcurrentCalls: maxConcurrentCalls))
        _ = machine.receive(Frames.hello())
        _ = machine.handshakeSucceeded(protocolVersion: 1, serverAgent: "kioskd")
        return machine
    }
}

// MARK: - Calls

@Suite("Server connection state machine: calls")
struct ServerCallTests {
    @Test("headers open a call")
    func openCall() {
        var machine = ServerConnectionStateMachine.established()
        let headers = Frames.headers(1)
        #expect(machine.receive(headers) == .openCall(id: 1, headers: headers.headers))
        #expect(machine.openCallCount == 1)
    }

    @Test("headers with call id 0 are a protocol violation")
    func headersOnCallZero() {
        var machine = ServerConnectionStateMachine.established()
        #expect(machine.receive(Frames.headers(0)).failureCode == .protocolViolation)
        #expect(!machine.isEstablished)
    }

    @Test("headers for a call that is already open are a protocol violation", arguments: [1, 3, 5] as [UInt32])
    func headersForOpenCall(id: UInt32) {
        var machine = ServerConnectionStateMachine.established()
        for open in [1, 3, 5] as [UInt32] {
            #expect(machine.receive(Frames.headers(open)) == .openCall(id: open, headers: Frames.headers(open).headers))
        }
        #expect(machine.receive(Frames.headers(id)).failureCode == .protocolViolation)
        #expect(!machine.isEstablished)
    }

    @Test("headers of concurrent calls may arrive slightly out of order")
    func headersOutOfOrder() {
        var machine = ServerConnectionStateMachine.established()
        #expect(machine.receive(Frames.headers(5)) == .openCall(id: 5, headers: Frames.headers(5).headers))
        #expect(machine.receive(Frames.headers(3)) == .openCall(id: 3, headers: Frames.headers(3).headers))
        #expect(machine.receive(Frames.headers(1)) == .openCall(id: 1, headers: Frames.headers(1).headers))
        #expect(machine.openCallCount == 3)
        #expect(machine.receive(Frames.message(3, [3])) == .deliverMessage(callID: 3, bytes: [3]))
        #expect(machine.isEstablished)
    }

    @Test("after its status a call's id is free again")
    func callIDFreeAfterEnd() {
        var machine = ServerConnectionStateMachine.established()
        _ = machine.receive(Frames.headers(3))
        #expect(machine.callFinished(id: 3) == false)
        #expect(machine.openCallCount == 0)
        #expect(machine.receive(Frames.headers(3)) == .openCall(id: 3, headers: Frames.headers(3).headers))
        #expect(machine.openCallCount == 1)
    }

    @Test(
        "a malformed method path refuses the call with INVALID_ARGUMENT",
        arguments: ["", "/", "//", "/pkg.Service", "pkg.Service/Method", "/pkg.Service/", "//Method", "/a/b/c", "x/y/z"]
    )
    func badMethodPath(method: String) {
        #expect(!ServerConnectionStateMachine.isValidMethodPath(method))
        var machine = ServerConnectionStateMachine.established()
        let action = machine.receive(Frames.headers(1, method: method))
        #expect(action.refusal?.callID == 1)
        #expect(action.refusal?.code == 3)
        // Only the call is refused: it is not open, and the connection goes on.
        #expect(machine.openCallCount == 0)
        #expect(machine.isEstablished)
        #expect(machine.receive(Frames.headers(3)) == .openCall(id: 3, headers: Frames.headers(3).headers))
    }

    @Test("well-formed method paths are accepted", arguments: ["/a/b", "/kiosk.host.v1.Host/GetServerInfo", "/pkg.Svc/Do_Thing"])
    func goodMethodPath(method: String) {
        #expect(ServerConnectionStateMachine.isValidMethodPath(method))
    }

    @Test("more calls than the limit are refused with RESOURCE_EXHAUSTED until one finishes")
    func concurrencyLimit() {
        var machine = ServerConnectionStateMachine.established(maxConcurrentCalls: 2)
        #expect(machine.receive(Frames.headers(1)) == .openCall(id: 1, headers: Frames.headers(1).headers))
        #expect(machine.receive(Frames.headers(3)) == .openCall(id: 3, headers: Frames.headers(3).headers))

        let refused = machine.receive(Frames.headers(5))
        #expect(refused.refusal?.callID == 5)
        #expect(refused.refusal?.code == 8)
        #expect(machine.openCallCount == 2)
        #expect(machine.isEstablished)

        #expect(machine.callFinished(id: 1) == false)
        #expect(machine.receive(Frames.headers(7)) == .openCall(id: 7, headers: Frames.headers(7).headers))
        #expect(machine.openCallCount == 2)
    }

    @Test("message, end_of_stream and cancel on an open call become their actions")
    func frameOnOpenCall() {
        var machine = ServerConnectionStateMachine.established()
        _ = machine.receive(Frames.headers(1))
        _ = machine.receive(Frames.headers(3))

        #expect(machine.receive(Frames.message(1, [9, 8, 7])) == .deliverMessage(callID: 1, bytes: [9, 8, 7]))
        #expect(machine.receive(Frames.message(3, [])) == .deliverMessage(callID: 3, bytes: []))
        #expect(machine.receive(Frames.endOfStream(1)) == .finishRequests(callID: 1))
        #expect(machine.receive(Frames.cancel(3)) == .cancelCall(callID: 3))
        #expect(machine.isEstablished)
    }

    @Test("late frames for a call that ended are ignored", arguments: [Frames.message(1), Frames.endOfStream(1), Frames.cancel(1)])
    func frameOnEndedCall(_ frame: Kiosk_Wire_V1_Frame) {
        var machine = ServerConnectionStateMachine.established()
        _ = machine.receive(Frames.headers(1))
        _ = machine.receive(Frames.headers(3))
        _ = machine.callFinished(id: 1)

        #expect(machine.receive(frame) == .none)
        #expect(machine.isEstablished)
        #expect(machine.openCallCount == 1)
    }

    @Test("late frames for a refused call are ignored")
    func frameOnRefusedCall() {
        var machine = ServerConnectionStateMachine.established()
        _ = machine.receive(Frames.headers(1, method: "bad"))
        #expect(machine.receive(Frames.message(1)) == .none)
        #expect(machine.isEstablished)
    }

    @Test(
        "frames for a call that was never opened are a protocol violation",
        arguments: [Frames.message(7), Frames.endOfStream(7), Frames.cancel(7), Frames.message(0), Frames.cancel(0)]
    )
    func frameOnUnopenedCall(_ frame: Kiosk_Wire_V1_Frame) {
        var machine = ServerConnectionStateMachine.established()
        _ = machine.receive(Frames.headers(1))
        #expect(machine.receive(frame).failureCode == .protocolViolation)
        #expect(!machine.isEstablished)
    }

    @Test(
        "frames for a call id not open but not above the highest opened are taken for late frames and ignored",
        arguments: [Frames.message(3), Frames.endOfStream(3), Frames.cancel(3)]
    )
    func frameOnUnopenedLowerCall(_ frame: Kiosk_Wire_V1_Frame) {
        var machine = ServerConnectionStateMachine.established()
        _ = machine.receive(Frames.headers(5))
        #expect(machine.receive(frame) == .none)
        #expect(machine.isEstablished)
        #expect(machine.openCallCount == 1)
    }

    @Test("ping is answered with a pong carrying the same payload", arguments: [0, 1, 0xDEAD_BEEF, UInt64.max] as [UInt64])
    func ping(payload: UInt64) {
        var machine = ServerConnectionStateMachine.established()
        var expected = Kiosk_Wire_V1_Frame()
        var pong = Kiosk_Wire_V1_Pong()
        pong.payload = payload
        expected.pong = pong
        let action = machine.receive(Frames.ping(payload))
        #expect(action == .reply(expected))
        if case .reply(let frame) = action {
            #expect(frame.callID == 0)
            #expect(frame.pong.payload == payload)
        }
    }

    @Test("a pong from the client needs nothing")
    func pong() {
        var machine = ServerConnectionStateMachine.established()
        #expect(machine.receive(Frames.pong(5)) == .none)
        #expect(machine.isEstablished)
    }

    @Test(
        "a client may not send server frames or a second hello",
        arguments: [Frames.status, Frames.welcome, Frames.goAway, Frames.hello(), Frames.noKind]
    )
    func serverOnlyFrames(_ frame: Kiosk_Wire_V1_Frame) {
        var machine = ServerConnectionStateMachine.established()
        _ = machine.receive(Frames.headers(1))
        #expect(machine.receive(frame).failureCode == .protocolViolation)
        #expect(!machine.isEstablished)
        #expect(machine.receive(Frames.ping(1)) == .none)
    }

    @Test("a connection error from the client closes without an answer")
    func clientConnectionError() {
        var machine = ServerConnectionStateMachine.established()
        #expect(machine.receive(Frames.connectionError) == .close)
        #expect(!machine.isEstablished)
        #expect(machine.receive(Frames.ping(1)) == .none)
    }

    @Test("callFinished outside of draining never asks to close")
    func callFinishedNotDraining() {
        var machine = ServerConnectionStateMachine.established()
        _ = machine.receive(Frames.headers(1))
        #expect(machine.callFinished(id: 1) == false)
        #expect(machine.openCallCount == 0)
        #expect(machine.callFinished(id: 99) == false)
    }
}

// MARK: - Draining

@Suite("Server connection state machine: draining")
struct ServerDrainingTests {
    @Test("go_away names the last call id; newer calls are refused with UNAVAILABLE")
    func drainWithOpenCalls() throws {
        var machine = ServerConnectionStateMachine.established()
        _ = machine.receive(Frames.headers(1))
        _ = machine.receive(Frames.headers(3))

        let (goAway, closeNow) = machine.beginDraining(reason: "maintenance")
        let frame = try #require(goAway)
        #expect(frame.callID == 0)
        guard case .goAway(let body) = frame.kind else {
            Issue.record("expected go_away, got \(frame.kindName)")
            return
        }
        #expect(body.lastCallID == 3)
        #expect(body.reason == "maintenance")
        #expect(closeNow == false)
        #expect(machine.isEstablished)

        let refused = machine.receive(Frames.headers(5))
        #expect(refused.refusal?.callID == 5)
        #expect(refused.refusal?.code == 14)
        #expect(machine.openCallCount == 2)

        // Calls up to last_call_id go on.
        #expect(machine.receive(Frames.message(3, [4])) == .deliverMessage(callID: 3, bytes: [4]))
        #expect(machine.receive(Frames.ping(2)) != .none)

        #expect(machine.callFinished(id: 1) == false)
        #expect(machine.callFinished(id: 3) == true)
        #expect(machine.openCallCount == 0)
    }

    @Test("while draining, headers at or below last_call_id still open their call")
    func drainingAcceptsOlderIDs() throws {
        var machine = ServerConnectionStateMachine.established()
        _ = machine.receive(Frames.headers(5))
        let goAway = try #require(machine.beginDraining(reason: "bye").goAway)
        #expect(goAway.goAway.lastCallID == 5)

        #expect(machine.receive(Frames.headers(3)) == .openCall(id: 3, headers: Frames.headers(3).headers))
        #expect(machine.receive(Frames.headers(7)).refusal?.code == 14)
        #expect(machine.callFinished(id: 5) == false)
        #expect(machine.callFinished(id: 3) == true)
    }

    @Test("draining with no call open closes at once")
    func drainIdle() throws {
        var machine = ServerConnectionStateMachine.established()
        _ = machine.receive(Frames.headers(1))
        _ = machine.callFinished(id: 1)

        let (goAway, closeNow) = machine.beginDraining(reason: "bye")
        #expect(try #require(goAway).goAway.lastCallID == 1)
        #expect(closeNow == true)
    }

    @Test("a fresh connection drains with last call id 0")
    func drainFresh() throws {
        var machine = ServerConnectionStateMachine.established()
        let (goAway, closeNow) = machine.beginDraining(reason: "bye")
        #expect(try #require(goAway).goAway.lastCallID == 0)
        #expect(closeNow)
        #expect(machine.receive(Frames.headers(1)).refusal?.code == 14)
    }

    @Test("draining twice sends go_away only once")
    func drainTwice() {
        var machine = ServerConnectionStateMachine.established()
        _ = machine.receive(Frames.headers(1))
        #expect(machine.beginDraining(reason: "first").goAway != nil)
        let second = machine.beginDraining(reason: "second")
        #expect(second.goAway == nil)
        #expect(second.closeNow == false)
        #expect(machine.callFinished(id: 1) == true)
        #expect(machine.beginDraining(reason: "third").closeNow == true)
    }

    @Test("draining before the handshake completes closes at once without go_away")
    func drainBeforeHandshake() {
        var fresh = ServerConnectionStateMachine(limits: .init())
        let result = fresh.beginDraining(reason: "bye")
        #expect(result.goAway == nil)
        #expect(result.closeNow)
        #expect(fresh.receive(Frames.hello()) == .none)

        var authenticating = ServerConnectionStateMachine(limits: .init())
        _ = authenticating.receive(Frames.hello())
        let drained = authenticating.beginDraining(reason: "bye")
        #expect(drained.closeNow)
        #expect(authenticating.handshakeSucceeded(protocolVersion: 1, serverAgent: "x") == nil)
    }
}
