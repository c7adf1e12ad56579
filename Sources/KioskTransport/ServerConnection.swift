import Foundation
import GRPCCore
import KioskProtos
import KioskWire
import Logging
import NIOCore
import Synchronization

/// One kiosk connection on the server: reads frames, runs the handshake, and runs its calls.
final class ServerConnection: Sendable {
    typealias Stream = RPCStream<KioskServerTransport.Inbound, KioskServerTransport.Outbound>
    typealias Channel = NIOAsyncChannel<Kiosk_Wire_V1_Frame, Kiosk_Wire_V1_Frame>

    private struct State: Sendable {
        var machine: ServerConnectionStateMachine
        var calls: [UInt32: ServerCall] = [:]
        var kiosk: KioskIdentity?
        /// When the last frame arrived or the last call ended; the idle timeout counts from here.
        var lastActivity = ContinuousClock.now
    }

    let id: UInt64
    private let channel: Channel
    private let configuration: KioskServerTransport.Configuration
    private let authenticator: any KioskAuthenticator
    /// Method paths the server implements, when GRPCCore told the transport (it does from 2.3 on).
    private let knownMethods: Set<String>?
    private let logger: Logger
    private let state: Mutex<State>
    private let drainSignal: AsyncStream<Void>.Continuation
    private let drainRequests: AsyncStream<Void>

    init(
        id: UInt64,
        channel: Channel,
        configuration: KioskServerTransport.Configuration,
        authenticator: any KioskAuthenticator,
        knownMethods: Set<String>?,
        logger: Logger
    ) {
        self.knownMethods = knownMethods
        self.id = id
        self.channel = channel
        self.configuration = configuration
        self.authenticator = authenticator
        self.logger = logger
        self.state = Mutex(State(machine: ServerConnectionStateMachine(limits: configuration.limits)))
        (self.drainRequests, self.drainSignal) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks the connection to finish its calls and close; safe to call from any thread.
    func beginDraining() {
        self.drainSignal.yield()
    }

    /// Serves the connection until it closes.
    func run(streamHandler: @escaping @Sendable (Stream, ServerContext) async -> Void) async {
        do {
            try await self.channel.executeThenClose { inbound, outbound in
                await withDiscardingTaskGroup { group in
                    group.addTask { await self.enforceHandshakeTimeout(outbound) }
                    group.addTask { await self.awaitDrain(outbound) }
                    group.addTask { await self.enforceIdleTimeout(outbound) }
                    await self.readFrames(inbound, outbound, group: &group, streamHandler: streamHandler)
                    self.abandonCalls()
                    self.drainSignal.finish()
                    group.cancelAll()
                }
            }
        } catch {
            self.logger.debug("connection closed with error", metadata: ["kiosk.error": "\(error)"])
        }
        self.logger.debug("connection closed")
    }

    private func readFrames(
        _ inbound: NIOAsyncChannelInboundStream<Kiosk_Wire_V1_Frame>,
        _ outbound: NIOAsyncChannelOutboundWriter<Kiosk_Wire_V1_Frame>,
        group: inout DiscardingTaskGroup,
        streamHandler: @escaping @Sendable (Stream, ServerContext) async -> Void
    ) async {
        do {
            for try await frame in inbound {
                let action = self.state.withLock { state in
                    state.lastActivity = .now
                    return state.machine.receive(frame)
                }
                let keepReading = await self.perform(action, outbound, group: &group, streamHandler: streamHandler)
                if !keepReading { return }
            }
        } catch let error as WireError {
            self.logger.debug("wire error from kiosk", metadata: ["kiosk.error": "\(error)"])
            await self.send(error, on: outbound)
        } catch {
            self.logger.debug("connection read failed", metadata: ["kiosk.error": "\(error)"])
        }
    }

    /// Carries out one action; returns false when the connection must close.
    private func perform(
        _ action: ServerConnectionStateMachine.ReceiveAction,
        _ outbound: NIOAsyncChannelOutboundWriter<Kiosk_Wire_V1_Frame>,
        group: inout DiscardingTaskGroup,
        streamHandler: @escaping @Sendable (Stream, ServerContext) async -> Void
    ) async -> Bool {
        switch action {
        case .authenticate(let kioskID, let credential, let version):
            return await self.authenticate(kioskID: kioskID, credential: credential, version: version, outbound)
        case .openCall(let id, let headers):
            if let known = self.knownMethods, !known.contains(headers.method) {
                let message = "method \(headers.method) is not implemented by this server"
                try? await outbound.write(Kiosk_Wire_V1_Frame.status(callID: id, code: 12, message: message))
                self.finishCall(id)
                return true
            }
            self.openCall(id: id, headers: headers, outbound, group: &group, streamHandler: streamHandler)
        case .deliverMessage(let id, let bytes):
            self.state.withLock { $0.calls[id] }?.deliver(message: bytes)
        case .finishRequests(let id):
            self.state.withLock { $0.calls[id] }?.finishRequests()
        case .cancelCall(let id):
            self.state.withLock { $0.calls[id] }?.requestStop(.cancelledByKiosk)
        case .refuseCall(let id, let code, let message):
            try? await outbound.write(Kiosk_Wire_V1_Frame.status(callID: id, code: code, message: message))
        case .reply(let frame):
            try? await outbound.write(frame)
        case .fail(let error):
            self.logger.debug("protocol error from kiosk", metadata: ["kiosk.error": "\(error)"])
            await self.send(error, on: outbound)
            return false
        case .close:
            return false
        case .none:
            break
        }
        return true
    }

    private func authenticate(
        kioskID: String,
        credential: String,
        version: UInt32,
        _ outbound: NIOAsyncChannelOutboundWriter<Kiosk_Wire_V1_Frame>
    ) async -> Bool {
        do {
            let identity = try await self.authenticator.authenticate(kioskID: kioskID, credential: credential)
            let welcome = self.state.withLock { state in
                state.kiosk = identity
                return state.machine.handshakeSucceeded(protocolVersion: version, serverAgent: self.configuration.serverAgent)
            }
            guard let welcome else { return false }
            try await outbound.write(welcome)
            self.logger.debug("kiosk authenticated", metadata: ["kiosk.id": "\(identity.kioskID)"])
            return true
        } catch {
            let message = (error as? KioskAuthenticationError)?.message ?? "kiosk could not be authenticated"
            if !(error is KioskAuthenticationError) {
                self.logger.error("kiosk authentication failed", metadata: ["kiosk.error": "\(error)"])
            }
            let failure = self.state.withLock { $0.machine.handshakeFailed(message: message) }
            await self.send(failure, on: outbound)
            return false
        }
    }

    private func openCall(
        id: UInt32,
        headers: Kiosk_Wire_V1_Headers,
        _ outbound: NIOAsyncChannelOutboundWriter<Kiosk_Wire_V1_Frame>,
        group: inout DiscardingTaskGroup,
        streamHandler: @escaping @Sendable (Stream, ServerContext) async -> Void
    ) {
        // The state machine has checked the method path and the metadata (CallMetadataRules).
        let call = ServerCall(
            id: id,
            writer: ResponseWriter(callID: id, outbound: outbound),
            timeout: CallMetadataRules.timeout(in: headers.metadata),
            grace: self.configuration.stopGrace
        )
        call.deliver(metadata: Metadata(wireEntries: headers.metadata))
        let kiosk = self.state.withLock { state in
            state.calls[id] = call
            return state.kiosk!
        }
        let path = headers.method.dropFirst().split(separator: "/", maxSplits: 1)
        let descriptor = MethodDescriptor(fullyQualifiedService: String(path[0]), method: String(path[1]))
        let stream = Stream(
            descriptor: descriptor,
            inbound: RPCAsyncSequence(wrapping: call.requests),
            outbound: RPCWriter.Closable(wrapping: call.writer)
        )
        let callContext = KioskCallContext(kiosk: kiosk, connectionID: self.id, callID: id)
        let (remotePeer, localPeer) = (self.remotePeer, self.localPeer)
        group.addTask {
            await call.run { handle in
                var context = ServerContext(descriptor: descriptor, remotePeer: remotePeer, localPeer: localPeer, cancellation: handle)
                context.transportSpecific = callContext
                await streamHandler(stream, context)
            }
            self.finishCall(id)
        }
    }

    private func finishCall(_ id: UInt32) {
        let closeNow = self.state.withLock { state in
            state.calls.removeValue(forKey: id)
            state.lastActivity = .now
            return state.machine.callFinished(id: id)
        }
        if closeNow { self.channel.channel.close(promise: nil) }
    }

    /// The connection is gone: cancel whatever is still running.
    private func abandonCalls() {
        let calls = self.state.withLock { state in
            defer { state.calls.removeAll() }
            return Array(state.calls.values)
        }
        for call in calls { call.abandon() }
    }

    private func enforceHandshakeTimeout(_ outbound: NIOAsyncChannelOutboundWriter<Kiosk_Wire_V1_Frame>) async {
        do {
            try await Task.sleep(for: self.configuration.handshakeTimeout)
        } catch {
            return
        }
        let established = self.state.withLock { $0.machine.isEstablished }
        if !established {
            await self.send(
                WireError(code: .timeout, message: "no hello within \(self.configuration.handshakeTimeout)"),
                on: outbound
            )
        }
    }

    /// Closes the connection once it has had no open call and no frame for the idle timeout, so that
    /// kiosks that vanished (power cut, dead link) do not hold connection slots forever.
    private func enforceIdleTimeout(_ outbound: NIOAsyncChannelOutboundWriter<Kiosk_Wire_V1_Frame>) async {
        let timeout = self.configuration.limits.idleTimeout
        guard timeout > .zero else { return }
        while true {
            let (lastActivity, busy) = self.state.withLock { ($0.lastActivity, $0.machine.openCallCount > 0) }
            let now = ContinuousClock.now
            if !busy, now - lastActivity >= timeout {
                await self.send(WireError(code: .timeout, message: "no frames for \(timeout); closing the idle connection"), on: outbound)
                return
            }
            do {
                try await Task.sleep(until: max(lastActivity + timeout, now + timeout / 10), clock: .continuous)
            } catch {
                return
            }
        }
    }

    private func awaitDrain(_ outbound: NIOAsyncChannelOutboundWriter<Kiosk_Wire_V1_Frame>) async {
        for await _ in self.drainRequests {
            let (goAway, closeNow) = self.state.withLock { $0.machine.beginDraining(reason: "server shutting down") }
            if let goAway { try? await outbound.write(goAway) }
            if closeNow { self.channel.channel.close(promise: nil) }
        }
    }

    /// Tells the peer about a fatal error and closes the connection.
    private func send(_ error: WireError, on outbound: NIOAsyncChannelOutboundWriter<Kiosk_Wire_V1_Frame>) async {
        try? await outbound.write(error.frame)
        try? await self.channel.channel.close()
    }

    private var remotePeer: String { self.channel.channel.remoteAddress.map { "\($0)" } ?? "unknown" }
    private var localPeer: String { self.channel.channel.localAddress.map { "\($0)" } ?? "unknown" }
}
