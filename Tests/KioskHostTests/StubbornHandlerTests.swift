import Dispatch
import EchoPlugin
import Foundation
import GRPCCore
import GRPCProtobuf
import KioskProtos
import KioskTesting
import KioskTransport
import KioskWire
import Logging
import NIOCore
import Testing

/// A method whose handler ignores cancellation: it waits 3 s on a dispatch timer whatever happens.
struct StubbornService: RegistrableRPCService {
    static let method = MethodDescriptor(fullyQualifiedService: "kiosk.testing.Stubborn", method: "Wait")

    func registerMethods<Transport: ServerTransport>(with router: inout RPCRouter<Transport>) {
        router.registerHandler(
            forMethod: Self.method,
            deserializer: ProtobufDeserializer<Kiosk_Testing_Echo_V1_SayRequest>(),
            serializer: ProtobufSerializer<Kiosk_Testing_Echo_V1_SayResponse>()
        ) { request, _ in
            do { for try await _ in request.messages {} } catch {}
            await withCheckedContinuation { continuation in
                DispatchQueue.global().asyncAfter(deadline: .now() + 3) { continuation.resume() }
            }
            return StreamingServerResponse(single: ServerResponse(message: Kiosk_Testing_Echo_V1_SayResponse()))
        }
    }
}

@Suite("A handler that ignores cancellation")
struct StubbornHandlerTests {
    @Test("gets DEADLINE_EXCEEDED after the grace; its late answer is dropped; the connection carries on")
    func graceThenStatus() async throws {
        var logger = Logger(label: "kiosk.test.stubborn")
        logger.logLevel = .critical
        let transport = KioskServerTransport(
            configuration: .init(port: 0, stopGrace: .milliseconds(300)),
            authenticator: StaticKioskAuthenticator(credentials: ["kiosk-s": "secret"]),
            logger: logger
        )
        let server = GRPCServer(transport: transport, services: [StubbornService()])
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { try await server.serve() }
            let port = try await transport.listeningAddress.port ?? 0
            try await RawWireConnection.with(port: port) { raw in
                _ = try await raw.hello(kioskID: "kiosk-s", credential: "secret")
                let start = ContinuousClock.now
                try await raw.sendUnaryRequest(
                    callID: 1,
                    method: "/kiosk.testing.Stubborn/Wait",
                    request: Data(),
                    metadata: [textEntry("grpc-timeout", "200m")]
                )
                let status = try await raw.status(of: 1).status
                let elapsed = ContinuousClock.now - start
                #expect(status?.code == deadlineExceeded)
                // DEADLINE_EXCEEDED (not the handler's OK) shows the status did not wait for the handler's
                // 3 s; it came no earlier than the deadline plus the grace.
                #expect(elapsed >= .milliseconds(450), "deadline plus grace")
                // The handler finishes 3 s in; nothing of its answer may reach the kiosk.
                try await Task.sleep(for: max(.zero, .seconds(3.5) - elapsed))
                #expect(try await raw.roundTrip(payload: 11))
            }
            server.beginGracefulShutdown()
        }
    }
}
