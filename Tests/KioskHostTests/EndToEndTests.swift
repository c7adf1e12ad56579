import EchoPlugin
import Foundation
import GRPCCore
import GRPCProtobuf
import KioskHost
import KioskProtos
import KioskTesting
import KioskTransport
import Testing

@Suite("Calls over real sockets through the generated clients")
struct EndToEndTests {
    @Test("a unary call reaches the host service and reports the authenticated kiosk")
    func unaryHostInfo() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await host.withClient(kiosk: kiosk) { client in
                let info = try await Kiosk_Host_V1_Host.Client(wrapping: client).getServerInfo(.init())
                #expect(info.kioskID == kiosk.id)
                #expect(info.protocolVersion == 1)
                #expect(info.plugins.map(\.id) == ["echo"])
                #expect(info.serverVersion == KioskHost.version)
            }
        }
    }

    @Test("a plugin's unary write and server-streaming read work end to end")
    func unaryAndStreaming() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await host.withWorkerClient(kiosk: kiosk) { client in
                let echo = Kiosk_Testing_Echo_V1_Echo.Client(wrapping: client)
                let first = try await echo.say(sayRequest("one"))
                let second = try await echo.say(sayRequest("two"))
                #expect(second.noteID == first.noteID + 1)
                var request = Kiosk_Testing_Echo_V1_ListNotesRequest()
                request.afterID = 0
                let notes = try await echo.listNotes(request) { response in
                    var collected: [String] = []
                    for try await note in response.messages { collected.append(note.text) }
                    return collected
                }
                #expect(notes == ["one", "two"])
            }
        }
    }

    @Test("many concurrent calls on one connection each get their own answer")
    func multiplexing() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await host.withWorkerClient(kiosk: kiosk) { client in
                let echo = Kiosk_Testing_Echo_V1_Echo.Client(wrapping: client)
                let texts = try await withThrowingTaskGroup(of: String.self) { group in
                    for index in 0..<50 {
                        group.addTask { try await echo.say(sayRequest("note \(index)")).text }
                    }
                    return try await group.reduce(into: Set<String>()) { $0.insert($1) }
                }
                #expect(texts == Set((0..<50).map { "note \($0)" }))
            }
        }
    }

    @Test("a handler's error reaches the kiosk with its status and message")
    func handlerError() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await host.withWorkerClient(kiosk: kiosk) { client in
                let error = await rpcError { _ = try await Kiosk_Testing_Echo_V1_Echo.Client(wrapping: client).say(sayRequest("")) }
                #expect(error?.code == .invalidArgument)
                #expect(error?.message == "text is empty")
            }
        }
    }

    @Test("an unknown method is answered UNIMPLEMENTED, naming the method")
    func unknownMethod() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await host.withClient(kiosk: kiosk) { client in
                let error = await rpcError {
                    _ = try await client.unary(
                        request: ClientRequest(message: Kiosk_Host_V1_GetServerInfoRequest()),
                        descriptor: MethodDescriptor(fullyQualifiedService: "kiosk.nope.v1.Nope", method: "Do"),
                        serializer: ProtobufSerializer<Kiosk_Host_V1_GetServerInfoRequest>(),
                        deserializer: ProtobufDeserializer<Kiosk_Host_V1_GetServerInfoResponse>(),
                        options: .defaults
                    ) { try $0.message }
                }
                #expect(error?.code == .unimplemented)
                #expect(error?.message.contains("/kiosk.nope.v1.Nope/Do") == true)
            }
        }
    }

    @Test("a call past its deadline ends DEADLINE_EXCEEDED and the connection stays usable")
    func deadline() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await host.withWorkerClient(kiosk: kiosk) { client in
                let echo = Kiosk_Testing_Echo_V1_Echo.Client(wrapping: client)
                var options = CallOptions.defaults
                options.timeout = .milliseconds(200)
                let code = await rpcCode { _ = try await echo.say(sayRequest("slow", delayMs: 5_000), options: options) }
                #expect(code == .deadlineExceeded)
                let after = try await echo.say(sayRequest("after"))
                #expect(after.text == "after")
            }
        }
    }

    @Test("the plugin's background service runs")
    func backgroundService() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            try await host.withWorkerClient(kiosk: kiosk) { client in
                let echo = Kiosk_Testing_Echo_V1_Echo.Client(wrapping: client)
                var ticks: Int64 = 0
                for _ in 0..<100 where ticks < 2 {
                    ticks = try await echo.tickCount(.init()).ticks
                    try await Task.sleep(for: .milliseconds(20))
                }
                #expect(ticks >= 2)
            }
        }
    }
}
