public import GRPCCore
import KioskProtos
public import KioskWire
public import Logging
public import NIOCore
public import NIOPosix
import Synchronization

/// A GRPCCore server transport speaking the kiosk wire over TCP, with TLS when given a ``ServerTLS``.
///
/// Each connection starts (after the TLS handshake, if any) with a hello/welcome handshake that
/// authenticates the kiosk, then carries any number of multiplexed calls. Connection-level faults
/// (bad framing, frames out of order, a failed handshake) close that connection alone, after telling
/// the peer why. A TLS listener that receives anything but a TLS handshake (a plaintext hello, say)
/// closes that connection without reading further; one whose TLS handshake does not finish within
/// ``Configuration/tlsHandshakeTimeout`` is closed too.
public final class KioskServerTransport: ServerTransport, Sendable {
    public typealias Bytes = [UInt8]

    /// Where and how the transport listens.
    public struct Configuration: Sendable {
        /// Host to bind; `127.0.0.1` by default, so a server is not exposed until told to be.
        public var host: String
        /// Port to bind; 0 picks a free one (see ``listeningAddress``).
        public var port: Int
        /// Per-connection limits announced in the welcome.
        public var limits: ServerConnectionStateMachine.Limits
        /// Most open connections; more are refused with an `OVERLOADED` connection error.
        public var maxConnections: Int
        /// Time a new connection has to complete its hello (counted from the accept, TLS included).
        public var handshakeTimeout: Duration
        /// Time a new TLS connection has to complete its TLS handshake.
        public var tlsHandshakeTimeout: Duration
        /// Name and version sent in the welcome.
        public var serverAgent: String
        /// Time a stopped call's handler (deadline passed, kiosk cancelled) has to finish before the
        /// call's status is sent anyway.
        public var stopGrace: Duration

        /// Creates a configuration; every field has a safe default.
        public init(
            host: String = "127.0.0.1",
            port: Int = 7443,
            limits: ServerConnectionStateMachine.Limits = .init(),
            maxConnections: Int = 1024,
            handshakeTimeout: Duration = .seconds(10),
            tlsHandshakeTimeout: Duration = .seconds(5),
            serverAgent: String = "kioskd",
            stopGrace: Duration = .seconds(1)
        ) {
            self.host = host
            self.port = port
            self.limits = limits
            self.maxConnections = maxConnections
            self.handshakeTimeout = handshakeTimeout
            self.tlsHandshakeTimeout = tlsHandshakeTimeout
            self.serverAgent = serverAgent
            self.stopGrace = stopGrace
        }
    }

    private struct State: Sendable {
        var listening: (any Channel)?
        var addressWaiters: [CheckedContinuation<SocketAddress, any Error>] = []
        var address: Result<SocketAddress, any Error>?
        var connections: [UInt64: ServerConnection] = [:]
        var nextConnectionID: UInt64 = 1
        var shuttingDown = false
        var methods: Set<String>?
    }

    private let configuration: Configuration
    /// The TLS identity served, re-read by ``ServerTLS/reload()``; nil for plaintext.
    public let tls: ServerTLS?
    private let authenticator: any KioskAuthenticator
    private let group: any EventLoopGroup
    private let logger: Logger
    private let state = Mutex(State())

    /// Creates a transport, with TLS when `tls` is given; it binds when GRPCCore's server calls `listen`.
    public init(
        configuration: Configuration,
        tls: ServerTLS? = nil,
        authenticator: any KioskAuthenticator,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger
    ) {
        self.configuration = configuration
        self.tls = tls
        self.authenticator = authenticator
        self.group = eventLoopGroup
        self.logger = logger
    }

    /// The address the transport is bound to, once it is; throws if binding failed.
    public var listeningAddress: SocketAddress {
        get async throws {
            try await withCheckedThrowingContinuation { continuation in
                let ready: Result<SocketAddress, any Error>? = self.state.withLock { state in
                    if let address = state.address { return address }
                    state.addressWaiters.append(continuation)
                    return nil
                }
                if let ready { continuation.resume(with: ready) }
            }
        }
    }

    private func publishAddress(_ result: Result<SocketAddress, any Error>) {
        let waiters = self.state.withLock { state in
            state.address = result
            defer { state.addressWaiters = [] }
            return state.addressWaiters
        }
        for waiter in waiters { waiter.resume(with: result) }
    }

    public func configure(context: GRPCServerContext) {
        let paths = Set(context.methods.map { "/\($0.fullyQualifiedMethod)" })
        self.state.withLock { $0.methods = paths }
    }

    public func listen(
        streamHandler: @escaping @Sendable (RPCStream<Inbound, Outbound>, ServerContext) async -> Void
    ) async throws {
        let maxFrameBytes = self.configuration.limits.maxFrameBytes
        let (tls, tlsTimeout) = (self.tls, TimeAmount.nanoseconds(self.configuration.tlsHandshakeTimeout.nanoseconds))
        let server: NIOAsyncChannel<NIOAsyncChannel<Kiosk_Wire_V1_Frame, Kiosk_Wire_V1_Frame>, Never>
        do {
            server = try await ServerBootstrap(group: self.group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                // A kiosk that stops sending mid-frame can still be told why it is being closed.
                .childChannelOption(.allowRemoteHalfClosure, value: true)
                .bind(host: self.configuration.host, port: self.configuration.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tls {
                            // Each connection takes the identity current now; a reload affects later ones only.
                            try channel.pipeline.syncOperations.addHandler(tls.makeHandler())
                            try channel.pipeline.syncOperations.addHandler(TLSHandshakeDeadline(timeout: tlsTimeout))
                        }
                        try channel.pipeline.syncOperations.addKioskWireHandlers(maxFrameBytes: maxFrameBytes)
                        return try NIOAsyncChannel(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            self.publishAddress(.failure(error))
            throw RPCError(
                code: .unavailable,
                message: "cannot listen on \(self.configuration.host):\(self.configuration.port): \(error)"
            )
        }
        let alreadyShuttingDown = self.state.withLock { state in
            state.listening = server.channel
            return state.shuttingDown
        }
        self.publishAddress(.success(server.channel.localAddress!))
        if alreadyShuttingDown { server.channel.close(promise: nil) }
        self.logger.info(
            "listening for kiosks",
            metadata: [
                "kiosk.listen.address": "\(server.channel.localAddress.map { "\($0)" } ?? "?")",
                "kiosk.listen.tls": "\(self.tls == nil ? "off" : "on")",
            ]
        )

        try await withThrowingDiscardingTaskGroup { group in
            try await server.executeThenClose { inbound in
                for try await child in inbound {
                    group.addTask {
                        await self.serve(child, streamHandler: streamHandler)
                    }
                }
            }
        }
    }

    private func serve(
        _ channel: NIOAsyncChannel<Kiosk_Wire_V1_Frame, Kiosk_Wire_V1_Frame>,
        streamHandler: @escaping @Sendable (RPCStream<Inbound, Outbound>, ServerContext) async -> Void
    ) async {
        enum Admission {
            case shuttingDown
            case full
            case admitted(ServerConnection)
        }
        // Counting and registering under one lock, so that racing accepts cannot exceed the limit.
        let admission: Admission = self.state.withLock { state in
            guard !state.shuttingDown else { return .shuttingDown }
            guard state.connections.count < self.configuration.maxConnections else { return .full }
            let id = state.nextConnectionID
            state.nextConnectionID += 1
            var logger = self.logger
            logger[metadataKey: "kiosk.connection.id"] = "\(id)"
            let connection = ServerConnection(
                id: id,
                channel: channel,
                configuration: self.configuration,
                authenticator: self.authenticator,
                knownMethods: state.methods,
                logger: logger
            )
            state.connections[id] = connection
            return .admitted(connection)
        }
        let connection: ServerConnection
        switch admission {
        case .shuttingDown:
            try? await channel.channel.close()
            return
        case .full:
            // Over TLS the refusal would cost a whole handshake, the very load the limit is there to
            // shed: the connection is closed at once, which kiosks treat like OVERLOADED (retry later).
            guard self.tls == nil else {
                try? await channel.channel.close()
                return
            }
            let error = WireError(
                code: .overloaded,
                message: "server is at its limit of \(self.configuration.maxConnections) connections; retry later"
            )
            try? await channel.executeThenClose { _, outbound in try await outbound.write(error.frame) }
            return
        case .admitted(let admitted):
            connection = admitted
        }
        let id = connection.id
        await connection.run(streamHandler: streamHandler)
        self.state.withLock { _ = $0.connections.removeValue(forKey: id) }
    }

    public func beginGracefulShutdown() {
        let (listening, connections) = self.state.withLock { state in
            state.shuttingDown = true
            return (state.listening, Array(state.connections.values))
        }
        listening?.close(promise: nil)
        for connection in connections { connection.beginDraining() }
    }
}
