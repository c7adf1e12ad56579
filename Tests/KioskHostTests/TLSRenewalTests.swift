import EchoPlugin
import Foundation
import GRPCCore
import KioskCertificates
import KioskHost
import KioskProtos
import KioskTesting
import KioskTransport
import Logging
import Testing

/// Renewing kioskd's certificate without a restart, and what kioskd says about its TLS.
@Suite("TLS: renewal, reload and configuration")
struct TLSRenewalTests {
    @Test("GetServerInfo over TLS says TLS and when the certificate expires")
    func serverInfo() async throws {
        try await LiveKioskHost.withEcho { host, kiosk in
            let info = try await host.withClient(kiosk: kiosk) { try await Kiosk_Host_V1_Host.Client(wrapping: $0).getServerInfo(.init()) }
            #expect(info.transportSecurity == .tls)
            let expected = try #require(try CertificateSummary.load(pemFile: TestCertificates.shared.files.serverCertificate).first)
            #expect(info.certificateNotAfterUnix == Int64(expected.notValidAfter.timeIntervalSince1970))
        }
    }

    @Test("renewal while a kiosk holds a connection: new connections get the new certificate, the open one finishes its calls")
    func renewal() async throws {
        let files = try TestCertificates.shared.copyServerFiles()
        defer { try? FileManager.default.removeItem(atPath: files.directory) }
        let ours = try TestCertificates.shared.clientTLS
        let theirs = try TestCertificates.otherCounty
        try await LiveKioskHost.withEcho(configure: { $0.tlsCertificatePath = files.serverCertificate; $0.tlsKeyPath = files.serverKey }) { host, kiosk in
            let oldCA = try await Self.withClient(host, kiosk, tls: ours) { echo in
                #expect(try await echo.say(sayRequest("before")).text == "before")
                // The county moves to a certificate from another CA (as when a provincial CA takes over).
                for (from, to) in [(theirs.files.serverKey, files.serverKey), (theirs.files.serverCertificate, files.serverCertificate)] {
                    try CertificateFiles.write(try String(contentsOfFile: from, encoding: .utf8), to: to, mode: 0o600)
                }
                #expect(host.reloadCertificates())
                // A new connection gets the new certificate: a kiosk that trusts the new CA is served...
                let newCA = try await Self.withClient(host, kiosk, tls: theirs.clientTLS) { try await $0.say(sayRequest("new")).text }
                #expect(newCA == "new")
                // ...and one that trusts only the old CA refuses it,
                let refused = await rpcError { _ = try await Self.withClient(host, kiosk, tls: ours) { try await $0.say(sayRequest("x")) } }
                #expect(refused?.message.contains("unknown CA") == true, "\(String(describing: refused))")
                // while the connection opened before the renewal carries on with its calls.
                return try await echo.say(sayRequest("after")).text
            }
            #expect(oldCA == "after")
        }
    }

    @Test("renewal from the same CA (kioskctl tls renew): kiosks keep working, GetServerInfo shows the new expiry")
    func sameCARenewal() async throws {
        let files = try TestCertificates.shared.copyServerFiles()
        defer { try? FileManager.default.removeItem(atPath: files.directory) }
        try await LiveKioskHost.withEcho(configure: { $0.tlsCertificatePath = files.serverCertificate; $0.tlsKeyPath = files.serverKey }) { host, kiosk in
            try await host.withClient(kiosk: kiosk) { client in
                let info = Kiosk_Host_V1_Host.Client(wrapping: client)
                let before = try await info.getServerInfo(.init()).certificateNotAfterUnix
                try files.renew(days: 90)
                #expect(host.reloadCertificates())
                let after = try await info.getServerInfo(.init()).certificateNotAfterUnix
                #expect(after < before, "the test certificate runs 365 days, the renewed one 90")
                let fresh = try await host.withClient(kiosk: kiosk) { try await Kiosk_Host_V1_Host.Client(wrapping: $0).getServerInfo(.init()) }
                #expect(fresh.certificateNotAfterUnix == after)
            }
        }
    }

    @Test("a reload that fails (a key of another certificate) keeps serving the current one")
    func failedReload() async throws {
        let files = try TestCertificates.shared.copyServerFiles()
        defer { try? FileManager.default.removeItem(atPath: files.directory) }
        try await LiveKioskHost.withEcho(configure: { $0.tlsCertificatePath = files.serverCertificate; $0.tlsKeyPath = files.serverKey }) { host, kiosk in
            let other = try TestCertificates.otherCounty
            try CertificateFiles.write(try String(contentsOfFile: other.files.serverKey, encoding: .utf8), to: files.serverKey, mode: 0o600)
            #expect(!host.reloadCertificates())
            let info = try await host.withClient(kiosk: kiosk) { try await Kiosk_Host_V1_Host.Client(wrapping: $0).getServerInfo(.init()) }
            #expect(info.kioskID == kiosk.id)
        }
    }

    @Test("a key that does not belong to the certificate stops kioskd at start, naming both files")
    func mismatchedKey() async throws {
        let ours = try TestCertificates.shared
        let other = try TestCertificates.otherCounty
        var configuration = KioskServerConfiguration()
        configuration.databasePath = LiveKioskHost.makeTemporaryDatabasePath()
        defer { LiveKioskHost.removeDatabase(at: configuration.databasePath) }
        configuration.tlsCertificatePath = ours.files.serverCertificate
        configuration.tlsKeyPath = other.files.serverKey
        let error = await #expect(throws: HostError.self) {
            _ = try await KioskHost(configuration: configuration, plugins: [], logger: .init(label: "test"))
        }
        #expect(error?.message.contains(other.files.serverKey) == true && error?.message.contains(ours.files.serverCertificate) == true,
                "\(String(describing: error))")
    }

    @Test("plaintext on a network address needs --insecure-plaintext, which GetServerInfo reports")
    func insecurePlaintext() async throws {
        var configuration = KioskServerConfiguration()
        configuration.host = "0.0.0.0"
        #expect(configuration.validate()?.contains("--tls-certificate") == true)
        configuration.insecurePlaintext = true
        #expect(configuration.validate() == nil)
        #expect(KioskServerConfiguration.isLoopback("127.0.0.1") && KioskServerConfiguration.isLoopback("::1"))
        #expect(!KioskServerConfiguration.isLoopback("10.0.0.1") && !KioskServerConfiguration.isLoopback("0.0.0.0"))
        try await LiveKioskHost.with(plugins: [], security: .plaintext, configure: { $0.host = "0.0.0.0"; $0.insecurePlaintext = true }) { host in
            let kiosk = try await host.registerKiosk()
            let info = try await host.withClient(kiosk: kiosk) { try await Kiosk_Host_V1_Host.Client(wrapping: $0).getServerInfo(.init()) }
            #expect(info.transportSecurity == .insecurePlaintext)
            #expect(info.certificateNotAfterUnix == 0)
        }
    }

    /// An echo client at `kiosk` trusting `tls`, signed in as the default worker.
    static func withClient<T: Sendable>(
        _ host: LiveKioskHost,
        _ kiosk: LiveKioskHost.Kiosk,
        tls: ClientTLS,
        _ body: (EchoClient) async throws -> T
    ) async throws -> T {
        let signIn = KioskClientTransport(configuration: .init(host: "127.0.0.1", port: host.port, kioskID: kiosk.id, credential: kiosk.credential, tls: tls))
        let token = try await withGRPCClient(transport: signIn) { client in
            var request = Kiosk_Core_V1_SignInRequest()
            request.workerID = defaultWorker.id
            request.pin = defaultWorker.pin
            return try await Kiosk_Core_V1_Session.Client(wrapping: client).signIn(request).sessionToken
        }
        let transport = KioskClientTransport(configuration: .init(host: "127.0.0.1", port: host.port, kioskID: kiosk.id, credential: kiosk.credential, tls: tls))
        return try await withGRPCClient(transport: transport, interceptors: [SessionInterceptor(token: token)]) { client in
            try await body(Kiosk_Testing_Echo_V1_Echo.Client(wrapping: client))
        }
    }
}
