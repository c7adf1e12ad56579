public import Foundation
public import KioskProtos
public import KioskTransport
import KioskWire
import NIOCore
import NIOPosix
import SwiftProtobuf

/// A bare kiosk-wire connection for tests that send exact bytes: malformed, oversized or out-of-order
/// frames. It does no handshake of its own (see ``hello(kioskID:credential:)``).
public final class RawWireConnection {
    private var inbound: NIOAsyncChannelInboundStream<Kiosk_Wire_V1_Frame>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let channel: any Channel

    private init(
        inbound: NIOAsyncChannelInboundStream<Kiosk_Wire_V1_Frame>,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        channel: any Channel
    ) {
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
        self.channel = channel
    }

    /// Connects to a live host (with TLS when it speaks TLS), runs `body` with the connection, then closes it.
    public static func with<T: Sendable>(
        _ live: LiveKioskHost,
        _ body: (RawWireConnection) async throws -> T
    ) async throws -> T {
        try await self.with(port: live.port, tls: live.clientTLS, body)
    }

    /// Connects to a server on loopback (in TLS when `tls` is given), runs `body` with the connection, then closes it.
    public static func with<T: Sendable>(
        port: Int,
        host: String = "127.0.0.1",
        tls: ClientTLS? = nil,
        _ body: (RawWireConnection) async throws -> T
    ) async throws -> T {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(try tls.makeHandler(host: host, refusal: TLSRefusal())) }
                    try channel.pipeline.syncOperations.addKioskWireHandlers(
                        maxFrameBytes: FrameLimits.upperBoundMaxFrameBytes,
                        encodeFrames: false
                    )
                    return try NIOAsyncChannel<Kiosk_Wire_V1_Frame, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await body(RawWireConnection(inbound: inbound, outbound: outbound, channel: channel.channel))
        }
    }

    /// Sends bytes exactly as given.
    public func send(bytes: [UInt8]) async throws {
        try await self.outbound.write(ByteBuffer(bytes: bytes))
    }

    /// Sends one well-formed frame.
    public func send(_ frame: Kiosk_Wire_V1_Frame) async throws {
        var buffer = ByteBuffer()
        try FrameEncoder.encode(frame, into: &buffer)
        try await self.outbound.write(buffer)
    }

    /// The next frame from the server, or nil once the server has closed the connection.
    public func receive() async throws -> Kiosk_Wire_V1_Frame? {
        try await self.inbound.next()
    }

    /// Closes the write side, as a client that stops mid-frame would.
    public func closeOutput() async throws {
        try await self.channel.close(mode: .output)
    }


    /// Sends a whole unary request on `callID`: headers, the serialized request, end of stream.
    public func sendUnaryRequest(
        callID: UInt32,
        method: String,
        request: Data,
        metadata: [Kiosk_Wire_V1_MetadataEntry] = []
    ) async throws {
        try await self.send(.headers(callID: callID, method: method, metadata: metadata))
        try await self.send(.message(callID: callID, data: request))
        try await self.send(.endOfStream(callID: callID))
    }

    /// Pings and waits for the pong. Frames are handled in order, so once it returns the server has
    /// processed everything sent before.
    @discardableResult
    public func roundTrip(payload: UInt64 = 7) async throws -> Bool {
        try await self.send(.ping(payload: payload))
        return try await self.receive()?.pong.payload == payload
    }

    /// Signs a worker in on `callID` and returns the `authorization` entry for later calls.
    public func signIn(callID: UInt32, workerID: String, pin: String) async throws -> Kiosk_Wire_V1_MetadataEntry {
        var request = Kiosk_Core_V1_SignInRequest()
        request.workerID = workerID
        request.pin = pin
        try await self.sendUnaryRequest(callID: callID, method: "/kiosk.core.v1.Session/SignIn", request: try request.serializedData())
        var response: Kiosk_Core_V1_SignInResponse?
        // Read the whole call, through its status, so that later reads start clean.
        while let frame = try await self.receive() {
            guard frame.callID == callID else { continue }
            if case .message(let message) = frame.kind {
                response = try Kiosk_Core_V1_SignInResponse(serializedBytes: message.data)
            }
            guard case .status(let status) = frame.kind else { continue }
            guard status.code == 0, let response else {
                throw RawWireError(message: "sign-in failed with status \(status.code): \(status.message)")
            }
            var entry = Kiosk_Wire_V1_MetadataEntry()
            entry.key = "authorization"
            entry.text = "Bearer \(response.sessionToken)"
            return entry
        }
        throw RawWireError(message: "the server closed the connection during sign-in")
    }

    /// Sends a hello and returns the server's answer (welcome or connection error).
    public func hello(kioskID: String, credential: String, versions: [UInt32] = [1]) async throws -> Kiosk_Wire_V1_Frame? {
        var hello = Kiosk_Wire_V1_Hello()
        hello.kioskID = kioskID
        hello.credential = credential
        hello.protocolVersions = versions
        var frame = Kiosk_Wire_V1_Frame()
        frame.hello = hello
        try await self.send(frame)
        return try await self.receive()
    }
}

/// A raw exchange did not go as a test expected.
public struct RawWireError: Error, Sendable, CustomStringConvertible {
    /// What happened.
    public var message: String

    public var description: String { self.message }
}
