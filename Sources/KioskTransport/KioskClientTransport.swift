public import GRPCCore
import Foundation
public import KioskProtos
public import KioskWire
public import NIOCore
public import NIOPosix
import Synchronization

/// A GRPCCore client transport over the kiosk wire: one TCP connection, calls multiplexed on it.
///
/// `connect()` dials and, with ``Configuration/tls``, completes and checks the TLS handshake (see
/// ``ClientTLS``); only then does it send the hello with the kiosk's credential, wait for the welcome,
/// and read until the connection ends. Without TLS it sends the hello only to a loopback address,
/// unless ``Configuration/insecurePlaintext``. Calls started before the welcome wait for it. The transport does not
/// reconnect: once its connection has ended, calls fail with UNAVAILABLE (the C kiosk client is the
/// one that reconnects with backoff).
public final class KioskClientTransport: ClientTransport, Sendable {
    public typealias Bytes = [UInt8]

    /// Where to connect and as whom.
    public struct Configuration: Sendable {
        /// Server host.
        public var host: String
        /// Server port.
        public var port: Int
        /// The kiosk's registered id.
        public var kioskID: String
        /// The kiosk's secret credential.
        public var credential: String
        /// Largest frame this client accepts from the server.
        public var maxFrameBytes: Int
        /// How long to wait for the TCP connection and the welcome.
        public var connectTimeout: Duration
        /// Sent in the hello for the server's logs.
        public var clientAgent: String
        /// TLS and the CA the server must prove itself to; nil for plaintext.
        public var tls: ClientTLS?
        /// Allows plaintext to an address that is not loopback (a closed test network only).
        public var insecurePlaintext: Bool

        /// Creates a configuration; every field but the address and identity has a default.
        public init(
            host: String,
            port: Int,
            kioskID: String,
            credential: String,
            maxFrameBytes: Int = FrameLimits.defaultMaxFrameBytes,
            connectTimeout: Duration = .seconds(10),
            clientAgent: String = "kiosk-swift",
            tls: ClientTLS? = nil,
            insecurePlaintext: Bool = false
        ) {
            self.host = host
            self.port = port
            self.kioskID = kioskID
            self.credential = credential
            self.maxFrameBytes = maxFrameBytes
            self.connectTimeout = connectTimeout
            self.clientAgent = clientAgent
            self.tls = tls
            self.insecurePlaintext = insecurePlaintext
        }
    }

    typealias ResponseContinuation = AsyncThrowingStream<RPCResponsePart<[UInt8]>, any Error>.Continuation

    private enum Phase: Sendable {
        case idle
        case connecting
        case ready(NIOAsyncChannelOutboundWriter<Kiosk_Wire_V1_Frame>)
        case closed(RPCError)
    }

    private struct State: Sendable {
        var phase: Phase = .idle
        var readyWaiters: [CheckedContinuation<NIOAsyncChannelOutboundWriter<Kiosk_Wire_V1_Frame>, any Error>] = []
        var calls: [UInt32: ResponseContinuation] = [:]
        var nextCallID: UInt32 = 1
        var shutdownRequested = false
        var channel: (any Channel)?
        var welcome: Kiosk_Wire_V1_Welcome?
    }

    private let configuration: Configuration
    private let group: any EventLoopGroup
    private let state = Mutex(State())

    public let retryThrottle: RetryThrottle? = nil

    /// Creates a transport; nothing happens until `connect()`.
    public init(configuration: Configuration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.configuration = configuration
        self.group = eventLoopGroup
    }

    /// The server's welcome, once the handshake is done.
    public var welcome: Kiosk_Wire_V1_Welcome? { self.state.withLock { $0.welcome } }

    public func config(forMethod descriptor: MethodDescriptor) -> MethodConfig? { nil }

    public func connect() async throws {
        let proceed = self.state.withLock { state in
            guard case .idle = state.phase else { return false }
            state.phase = .connecting
            return true
        }
        guard proceed else { throw RPCError(code: .failedPrecondition, message: "transport already connected once") }
        let refusal = TLSRefusal()
        let channel: NIOAsyncChannel<Kiosk_Wire_V1_Frame, Kiosk_Wire_V1_Frame>
        let tlsHandshake: EventLoopFuture<String?>?
        do {
            (channel, tlsHandshake) = try await self.dial(refusal: refusal)
        } catch {
            self.close(with: RPCError(code: .unavailable, message: "cannot connect to \(self.configuration.host):\(self.configuration.port): \(error)"))
            return
        }
        do {
            try await channel.executeThenClose { inbound, outbound in
                try await self.secure(channel.channel, tlsHandshake: tlsHandshake, refusal: refusal)
                var iterator = inbound.makeAsyncIterator()
                try await self.handshake(&iterator, outbound)
                self.state.withLock { $0.channel = channel.channel }
                if self.state.withLock({ $0.shutdownRequested && $0.calls.isEmpty }) { return }
                while let frame = try await iterator.next() {
                    if try !self.handle(frame) { break }
                }
                self.close(with: RPCError(code: .unavailable, message: "the server closed the connection"))
            }
        } catch let error as RPCError {
            self.close(with: error)
        } catch {
            self.close(with: RPCError(code: .unavailable, message: "connection failed: \(error)"))
        }
    }

    private func dial(
        refusal: TLSRefusal
    ) async throws -> (NIOAsyncChannel<Kiosk_Wire_V1_Frame, Kiosk_Wire_V1_Frame>, EventLoopFuture<String?>?) {
        let (maxFrameBytes, tls, host) = (self.configuration.maxFrameBytes, self.configuration.tls, self.configuration.host)
        return try await ClientBootstrap(group: self.group)
            .connectTimeout(.nanoseconds(self.configuration.connectTimeout.nanoseconds))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(host: host, port: self.configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let operations = channel.pipeline.syncOperations
                    var handshake: EventLoopFuture<String?>?
                    if let tls {
                        try operations.addHandler(try tls.makeHandler(host: host, refusal: refusal))
                        let promise = channel.eventLoop.makePromise(of: String?.self)
                        handshake = promise.futureResult
                        do {
                            try operations.addHandler(TLSHandshakeWatcher(promise: promise))
                        } catch {
                            promise.fail(error)
                            throw error
                        }
                    }
                    try operations.addKioskWireHandlers(maxFrameBytes: maxFrameBytes)
                    let wrapped = try NIOAsyncChannel<Kiosk_Wire_V1_Frame, Kiosk_Wire_V1_Frame>(wrappingChannelSynchronously: channel)
                    return (wrapped, handshake)
                }
            }
    }

    /// Makes sure the hello may be sent: with TLS, the handshake has completed, the server's
    /// certificate was accepted and the server chose the kiosk wire by ALPN; without TLS, the peer is
    /// on loopback (or plaintext was explicitly allowed).
    private func secure(_ channel: any Channel, tlsHandshake: EventLoopFuture<String?>?, refusal: TLSRefusal) async throws {
        let server = "\(self.configuration.host):\(self.configuration.port)"
        guard let tlsHandshake else {
            if self.configuration.insecurePlaintext || channel.remoteAddress?.isLoopback == true { return }
            throw RPCError(
                code: .failedPrecondition,
                message: "refusing to send the kiosk's credential in plaintext to \(server), which is not a loopback address: "
                    + "configure TLS with the county CA's certificate"
            )
        }
        let negotiated: String?
        do {
            negotiated = try await tlsHandshake.get()
        } catch {
            if let problem = refusal.problem {
                throw RPCError(code: .unavailable, message: "TLS: \(problem); nothing was sent to \(server)")
            }
            throw RPCError(code: .unavailable, message: "TLS: the handshake with \(server) failed: \(TLSFailure.describe(error))")
        }
        guard negotiated == KioskTLS.alpn else {
            throw RPCError(
                code: .unavailable,
                message: "TLS: \(server) did not agree to the kiosk protocol (ALPN \(KioskTLS.alpn)): it is not a kioskd"
            )
        }
    }

    private func handshake(
        _ inbound: inout NIOAsyncChannelInboundStream<Kiosk_Wire_V1_Frame>.AsyncIterator,
        _ outbound: NIOAsyncChannelOutboundWriter<Kiosk_Wire_V1_Frame>
    ) async throws {
        var hello = Kiosk_Wire_V1_Hello()
        hello.protocolVersions = FrameLimits.supportedProtocolVersions
        hello.kioskID = self.configuration.kioskID
        hello.credential = self.configuration.credential
        hello.clientAgent = self.configuration.clientAgent
        var frame = Kiosk_Wire_V1_Frame()
        frame.hello = hello
        try await outbound.write(frame)
        guard let reply = try await inbound.next() else {
            throw RPCError(code: .unavailable, message: "the server closed the connection during the handshake")
        }
        switch reply.kind {
        case .welcome(let welcome):
            let waiters = self.state.withLock { state in
                state.welcome = welcome
                state.phase = .ready(outbound)
                defer { state.readyWaiters = [] }
                return state.readyWaiters
            }
            for waiter in waiters { waiter.resume(returning: outbound) }
        case .connectionError(let error):
            let code: RPCError.Code = error.code == .unauthenticated ? .unauthenticated : .unavailable
            throw RPCError(code: code, message: "server refused the connection: \(error.message)")
        default:
            throw RPCError(code: .internalError, message: "server answered the hello with '\(reply.kindName)'")
        }
    }

    /// Routes one frame from the server; returns false when the connection should end.
    private func handle(_ frame: Kiosk_Wire_V1_Frame) throws -> Bool {
        switch frame.kind {
        case .headers(let headers):
            _ = self.continuation(for: frame.callID)?.yield(.metadata(Metadata(wireEntries: headers.metadata)))
        case .message(let message):
            _ = self.continuation(for: frame.callID)?.yield(.message(Array(message.data)))
        case .status(let status):
            let continuation = self.state.withLock { $0.calls.removeValue(forKey: frame.callID) }
            let code = Status.Code(rawValue: Int(status.code)) ?? .unknown
            continuation?.yield(.status(Status(code: code, message: status.message), Metadata(wireEntries: status.trailers)))
            continuation?.finish()
            return !self.shouldCloseAfterLastCall()
        case .ping(let ping):
            self.send(.pong(payload: ping.payload))
        case .goAway(let goAway):
            self.state.withLock { $0.shutdownRequested = true }
            self.failCalls(above: goAway.lastCallID, with: RPCError(code: .unavailable, message: "server is going away: \(goAway.reason)"))
            return !self.shouldCloseAfterLastCall()
        case .connectionError(let error):
            throw RPCError(code: .unavailable, message: "server closed the connection: \(error.message)")
        case .pong, .hello, .welcome, .endOfStream, .cancel, .none:
            break
        }
        return true
    }

    private func continuation(for callID: UInt32) -> ResponseContinuation? {
        self.state.withLock { $0.calls[callID] }
    }

    private func shouldCloseAfterLastCall() -> Bool {
        self.state.withLock { $0.shutdownRequested && $0.calls.isEmpty }
    }

    private func failCalls(above lastCallID: UInt32, with error: RPCError) {
        let failed = self.state.withLock { state in
            let ids = state.calls.keys.filter { $0 > lastCallID }
            return ids.compactMap { state.calls.removeValue(forKey: $0) }
        }
        for continuation in failed { continuation.finish(throwing: error) }
    }

    private func close(with error: RPCError) {
        let (waiters, calls) = self.state.withLock { state in
            state.phase = .closed(error)
            defer {
                state.readyWaiters = []
                state.calls = [:]
            }
            return (state.readyWaiters, Array(state.calls.values))
        }
        for waiter in waiters { waiter.resume(throwing: error) }
        for call in calls { call.finish(throwing: error) }
    }

    private func send(_ frame: Kiosk_Wire_V1_Frame) {
        let channel = self.state.withLock { $0.channel }
        channel?.writeAndFlush(frame, promise: nil)
    }

    public func beginGracefulShutdown() {
        let (channel, closeNow, waiters) = self.state.withLock { state in
            state.shutdownRequested = true
            let waiters = state.readyWaiters
            if case .idle = state.phase {
                state.phase = .closed(RPCError(code: .unavailable, message: "the transport was shut down"))
                state.readyWaiters = []
                return (state.channel, false, waiters)
            }
            return (state.channel, state.calls.isEmpty, [])
        }
        for waiter in waiters { waiter.resume(throwing: RPCError(code: .unavailable, message: "the transport was shut down")) }
        if closeNow { channel?.close(promise: nil) }
    }

    /// Waits until the server's welcome has arrived (TLS and hello done); throws why, if it never will.
    public func ready() async throws {
        _ = try await self.awaitReady()
    }

    private func awaitReady() async throws -> NIOAsyncChannelOutboundWriter<Kiosk_Wire_V1_Frame> {
        try await withCheckedThrowingContinuation { continuation in
            let result: Result<NIOAsyncChannelOutboundWriter<Kiosk_Wire_V1_Frame>, any Error>? = self.state.withLock { state in
                switch state.phase {
                case .ready(let outbound): return .success(outbound)
                case .closed(let error): return .failure(error)
                case .idle, .connecting:
                    state.readyWaiters.append(continuation)
                    return nil
                }
            }
            if let result { continuation.resume(with: result) }
        }
    }

    public func withStream<T: Sendable>(
        descriptor: MethodDescriptor,
        options: CallOptions,
        _ closure: (RPCStream<Inbound, Outbound>, ClientContext) async throws -> T
    ) async throws -> T {
        let outbound = try await self.awaitReady()
        let (responses, continuation) = AsyncThrowingStream.makeStream(of: RPCResponsePart<[UInt8]>.self)
        let callID: UInt32 = try self.state.withLock { state in
            guard !state.shutdownRequested else {
                throw RPCError(code: .unavailable, message: "the transport is shutting down")
            }
            let id = state.nextCallID
            state.nextCallID += 2
            state.calls[id] = continuation
            return id
        }
        let writer = RequestWriter(
            callID: callID,
            method: "/\(descriptor.fullyQualifiedMethod)",
            timeout: options.timeout,
            outbound: outbound
        )
        let stream = RPCStream(
            descriptor: descriptor,
            inbound: RPCAsyncSequence(wrapping: responses),
            outbound: RPCWriter.Closable(wrapping: writer)
        )
        let context = ClientContext(
            descriptor: descriptor,
            remotePeer: "\(self.configuration.host):\(self.configuration.port)",
            localPeer: "kiosk \(self.configuration.kioskID)"
        )
        defer { self.endCall(callID, writer: writer) }
        return try await closure(stream, context)
    }

    /// The caller is done with the call: if the server has not finished it, cancel it there.
    private func endCall(_ callID: UInt32, writer: RequestWriter) {
        let (stillOpen, closeNow, channel) = self.state.withLock { state in
            let open = state.calls.removeValue(forKey: callID)
            return (open, state.shutdownRequested && state.calls.isEmpty, state.channel)
        }
        if let stillOpen {
            stillOpen.finish()
            // Only a call whose headers went out exists on the server; its headers were handed to the
            // channel before this, so the cancel cannot overtake them.
            if writer.isOpen { channel?.writeAndFlush(Kiosk_Wire_V1_Frame.cancel(callID: callID), promise: nil) }
        }
        if closeNow { channel?.close(promise: nil) }
    }
}

extension Duration {
    var nanoseconds: Int64 {
        self.components.seconds * 1_000_000_000 + self.components.attoseconds / 1_000_000_000
    }
}
