import CKioskClient
import EchoPlugin
import Foundation
import KioskCertificates
import KioskHost
import KioskTesting
import KioskTransport
import Testing

/// The C client over TLS, against real TLS listeners: whom it refuses (and that it then sends nothing),
/// the CA pin, plaintext rules, and a renewal while it holds its connection.
@Suite("C kiosk client over TLS")
struct TLSClientTests {
    /// A C client of the recording server trusting `caFile`; its ping's status and error.
    static func ping(_ server: HelloRecordingServer, caFile: String?, pin: String? = nil, host: String = "127.0.0.1") async throws
        -> (kiosk_status_t, String)
    {
        let client = try CClient(
            port: server.port, caFile: caFile, host: host, pin: pin,
            kioskID: HelloRecordingServer.kioskID, credential: HelloRecordingServer.credential, outboxPath: "", callTimeoutMs: 3_000
        )
        return try await blocking {
            let rc = kiosk_client_ping(client.handle)
            return (rc, client.error)
        }
    }

    @Test("an untrusted server: KIOSK_ERR_TLS with what is wrong, and no hello sent", arguments: TestCertificates.Untrusted.allCases)
    func refusal(_ untrusted: TestCertificates.Untrusted) async throws {
        let setUp = try untrusted.setUp()
        try await HelloRecordingServer.with(tls: try ServerTLS(certificatePath: setUp.certificate, keyPath: setUp.key)) { server in
            let (rc, error) = try await Self.ping(server, caFile: setUp.caFile)
            #expect(rc == KIOSK_ERR_TLS, "\(error)")
            #expect(error.hasPrefix("TLS: \(setUp.phrase)"), "\(error)")
            #expect(server.hellos == 0)
        }
    }

    @Test("the right CA by host name or address: the hello goes through (this server then refuses nothing but implements nothing)")
    func trusted() async throws {
        let ours = try TestCertificates.shared
        try await HelloRecordingServer.with(tls: try ServerTLS(certificatePath: ours.files.serverCertificate, keyPath: ours.files.serverKey)) { server in
            for host in ["127.0.0.1", "localhost"] {
                let (rc, error) = try await Self.ping(server, caFile: ours.files.caCertificate, host: host)
                #expect(rc == KIOSK_OK, "\(host): \(error)")
            }
            #expect(server.hellos == 2)
        }
    }

    @Test("the CA pin: the county CA's fingerprint connects; another CA's is refused before the hello")
    func pin() async throws {
        let ours = try TestCertificates.shared
        let fingerprint = try #require(try CertificateSummary.load(pemFile: ours.files.caCertificate).first).fingerprintSHA256
        let other = try #require(try CertificateSummary.load(pemFile: TestCertificates.otherCounty.files.caCertificate).first).fingerprintSHA256
        try await HelloRecordingServer.with(tls: try ServerTLS(certificatePath: ours.files.serverCertificate, keyPath: ours.files.serverKey)) { server in
            let (good, goodError) = try await Self.ping(server, caFile: ours.files.caCertificate, pin: fingerprint)
            #expect(good == KIOSK_OK, "\(goodError)")
            let (bad, badError) = try await Self.ping(server, caFile: ours.files.caCertificate, pin: other)
            #expect(bad == KIOSK_ERR_TLS && badError.contains("pin mismatch"), "\(badError)")
            let (garbled, garbledError) = try await Self.ping(server, caFile: ours.files.caCertificate, pin: "12:34")
            #expect(garbled == KIOSK_ERR_ARGUMENT && garbledError.contains("64 hex digits"), "\(garbledError)")
            #expect(server.hellos == 1)
        }
    }

    @Test("a TLS client on a plaintext port: KIOSK_ERR_TLS saying so, no hello")
    func plaintextPort() async throws {
        try await HelloRecordingServer.with(tls: nil) { server in
            let (rc, error) = try await Self.ping(server, caFile: try TestCertificates.shared.files.caCertificate)
            #expect(rc == KIOSK_ERR_TLS && error.contains("did not answer in TLS"), "\(error)")
            #expect(server.hellos == 0)
        }
    }

    @Test("a plaintext client on the TLS port is not served; the TLS port answers TLS clients meanwhile")
    func plaintextClient() async throws {
        let ours = try TestCertificates.shared
        try await HelloRecordingServer.with(tls: try ServerTLS(certificatePath: ours.files.serverCertificate, keyPath: ours.files.serverKey)) { server in
            let (rc, error) = try await Self.ping(server, caFile: nil)
            #expect(rc != KIOSK_OK)
            #expect(rc == KIOSK_ERR_IO || error.contains("answered in TLS"), "\(error)")
            let (good, goodError) = try await Self.ping(server, caFile: ours.files.caCertificate)
            #expect(good == KIOSK_OK, "\(goodError)")
            #expect(server.hellos == 1, "only the TLS client's hello was read")
        }
    }

    @Test("plaintext to an address that is not loopback is refused before connecting")
    func plaintextToNetwork() async throws {
        let client = try CClient(port: 7443, host: "192.0.2.1", kioskID: "k", credential: "c", outboxPath: "", attempts: 1)
        let (rc, error) = try await blocking { (kiosk_client_ping(client.handle), client.error) }
        #expect(rc == KIOSK_ERR_TLS)
        #expect(error.contains("refusing to send the kiosk's credential in plaintext to 192.0.2.1"), "\(error)")
    }

    @Test("a CA file that cannot be read: KIOSK_ERR_TLS naming it")
    func missingCAFile() async throws {
        let client = try CClient(port: 7443, caFile: "/nonexistent/county/ca.pem", kioskID: "k", credential: "c", outboxPath: "", attempts: 1)
        let (rc, error) = try await blocking { (kiosk_client_connect(client.handle), client.error) }
        #expect(rc == KIOSK_ERR_TLS)
        #expect(error.contains("/nonexistent/county/ca.pem"), "\(error)")
        #expect(kiosk_client_uses_tls(client.handle) != 0)
    }

    @Test("renewal while the C client holds its connection: it goes on calling on that connection")
    func renewal() async throws {
        let files = try TestCertificates.shared.copyServerFiles()
        defer { try? FileManager.default.removeItem(atPath: files.directory) }
        let theirs = try TestCertificates.otherCounty
        try await LiveKioskHost.withEcho(configure: { $0.tlsCertificatePath = files.serverCertificate; $0.tlsKeyPath = files.serverKey }) { host in
            let r = try await host.registerKioskAndWorker()
            let client = try CClient(port: host.port, caFile: host.caFile, kioskID: r.kiosk.id, credential: r.kiosk.credential, outboxPath: "")
            try await blocking { try client.signIn(worker: r.worker.id, pin: r.worker.pin) }
            // Another CA's certificate: were the client to reconnect, it would refuse the server.
            try CertificateFiles.write(try String(contentsOfFile: theirs.files.serverKey, encoding: .utf8), to: files.serverKey, mode: 0o600)
            try CertificateFiles.write(try String(contentsOfFile: theirs.files.serverCertificate, encoding: .utf8), to: files.serverCertificate, mode: 0o644)
            #expect(host.reloadCertificates())
            let (rc, reply) = try await blocking {
                try client.call(sayMethod, say("after the renewal"), as: Kiosk_Testing_Echo_V1_SayResponse.self)
            }
            #expect(rc == KIOSK_OK, "\(client.error)")
            #expect(reply?.text == "after the renewal")
            #expect(kiosk_client_is_connected(client.handle) != 0)
            // A new connection meets the new certificate, which this kiosk's CA did not issue.
            kiosk_client_close(client.handle)
            let (again, error) = try await blocking { (kiosk_client_ping(client.handle), client.error) }
            #expect(again == KIOSK_ERR_TLS && error.contains("unknown CA"), "\(error)")
        }
    }
}
