import EchoPlugin
import Foundation
import GRPCCore
import KioskCertificates
import KioskHost
import KioskProtos
import KioskTesting
import KioskTransport
import Testing

/// TLS on the kiosk wire, over real sockets: who the Swift client refuses, and what a TLS listener
/// does with connections that do not speak TLS as they should. Each bad connection ends alone.
@Suite("TLS: refusals and bad connections")
struct TLSRefusalTests {
    /// One call as the recording server's kiosk, trusting `caFile`; the error it fails with, if any.
    static func call(port: Int, caFile: String?) async -> RPCError? {
        await rpcError {
            let tls = try caFile.map { try ClientTLS(caFile: $0) }
            let transport = KioskClientTransport(
                configuration: .init(
                    host: "127.0.0.1", port: port, kioskID: HelloRecordingServer.kioskID,
                    credential: HelloRecordingServer.credential, tls: tls
                )
            )
            try await withGRPCClient(transport: transport) { client in
                _ = try await Kiosk_Host_V1_Host.Client(wrapping: client).getServerInfo(.init())
            }
        }
    }

    @Test("the Swift client refuses a server it cannot trust, says why, and sends it no hello", arguments: TestCertificates.Untrusted.allCases)
    func refusal(_ untrusted: TestCertificates.Untrusted) async throws {
        let setUp = try untrusted.setUp()
        let tls = try ServerTLS(certificatePath: setUp.certificate, keyPath: setUp.key)
        try await HelloRecordingServer.with(tls: tls) { server in
            let error = await Self.call(port: server.port, caFile: setUp.caFile)
            #expect(error?.message.contains("TLS: \(setUp.phrase)") == true, "\(String(describing: error))")
            #expect(error?.message.contains("nothing was sent") == true)
            #expect(server.hellos == 0)
            // The same server, trusted: the hello arrives (and this server implements nothing).
            if untrusted == .wrongCAFile {
                let trusted = await Self.call(port: server.port, caFile: try TestCertificates.shared.files.caCertificate)
                #expect(trusted?.code == .unimplemented, "\(String(describing: trusted))")
                #expect(server.hellos == 1)
            }
        }
    }

    @Test("a TLS client on a plaintext port refuses before any hello")
    func tlsClientOnPlaintextPort() async throws {
        try await HelloRecordingServer.with(tls: nil) { server in
            let error = await Self.call(port: server.port, caFile: try TestCertificates.shared.files.caCertificate)
            #expect(error?.message.contains("did not answer in TLS") == true, "\(String(describing: error))")
            #expect(server.hellos == 0)
        }
    }

    /// Runs `misbehave` on one connection to a TLS kioskd while another kiosk calls it; returns how
    /// long the bad connection lasted and whether it got any frame.
    static func aside(
        tlsHandshakeTimeout: Duration = .seconds(5),
        _ misbehave: @escaping @Sendable (RawWireConnection) async throws -> Void
    ) async throws -> (lasted: Duration, frame: Bool) {
        let configure: (inout KioskServerConfiguration) -> Void = {
            $0.tlsHandshakeTimeout = tlsHandshakeTimeout
            $0.handshakeTimeout = .seconds(60)
        }
        return try await LiveKioskHost.withEcho(configure: configure) { host, kiosk in
            try await host.withWorkerClient(kiosk: kiosk) { client in
                let echo = Kiosk_Testing_Echo_V1_Echo.Client(wrapping: client)
                let started = ContinuousClock.now
                async let bad: Bool = RawWireConnection.with(port: host.port) { raw in
                    try await misbehave(raw)
                    return ((try? await raw.receive()) ?? nil) != nil
                }
                // Meanwhile another kiosk is served, more than once.
                for text in ["one", "two", "three"] { #expect(try await echo.say(sayRequest(text)).text == text) }
                let frame = try await bad
                let lasted = ContinuousClock.now - started
                #expect(try await echo.say(sayRequest("after")).text == "after")
                return (lasted, frame)
            }
        }
    }

    @Test("a plaintext hello on the TLS port: that connection ends unread; another kiosk is served")
    func plaintextHello() async throws {
        let kiosk = LiveKioskHost.Kiosk(id: "kiosk-a", credential: "whatever")
        let (lasted, frame) = try await Self.aside(tlsHandshakeTimeout: .seconds(30)) { raw in
            _ = try? await raw.hello(kioskID: kiosk.id, credential: kiosk.credential)
        }
        #expect(!frame, "no kiosk-wire frame answers a plaintext client")
        #expect(lasted < .seconds(15), "closed at once, not by a timeout (TLS 30 s, hello 60 s here)")
    }

    @Test("garbage instead of a ClientHello ends that connection only")
    func garbage() async throws {
        let (lasted, frame) = try await Self.aside(tlsHandshakeTimeout: .seconds(30)) { raw in
            try await raw.send(bytes: Array("GET / HTTP/1.1\r\nHost: kiosk\r\n\r\n".utf8) + [UInt8](repeating: 0xA5, count: 64))
        }
        #expect(!frame)
        #expect(lasted < .seconds(15), "closed at once, not by a timeout (TLS 30 s, hello 60 s here)")
    }

    @Test("a TLS handshake that stalls halfway is closed by the TLS handshake timeout, not the hello timeout")
    func stalledHandshake() async throws {
        // Long enough for the well-behaved kiosk's own handshake on a loaded 2-core machine.
        let (lasted, frame) = try await Self.aside(tlsHandshakeTimeout: .seconds(2)) { raw in
            // The start of a TLS 1.2 ClientHello record that announces 512 bytes and sends 9.
            try await raw.send(bytes: [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC])
        }
        #expect(!frame)
        #expect(lasted >= .milliseconds(1_900))
        #expect(lasted < .seconds(15), "the hello timeout is 60 s here; the TLS one 2 s")
    }
}
