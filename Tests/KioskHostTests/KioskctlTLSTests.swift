import Foundation
import KioskCertificates
import KioskHost
import KioskTesting
import Testing

/// `kioskctl tls init`, `renew` and `show`, and `kioskctl demo --certificates`, as an operator runs them.
@Suite("kioskctl tls")
struct KioskctlTLSTests {
    static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("kioskctl-tls-\(UUID().uuidString)").path
    }

    static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test("init makes a county CA and a server certificate (keys 0600) and prints the CA's fingerprint; it refuses to overwrite")
    func initialise() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let made = try await KioskctlTests.run(["tls", "init", "--host", "kiosk.xishan.example", "--ip", "10.20.0.5", "--out", directory])
        #expect(made.status == 0, "\(made.error)")
        let files = CertificateFiles(directory: directory)
        #expect(try Self.mode(files.caKey) == 0o600)
        #expect(try Self.mode(files.serverKey) == 0o600)
        let ca = try #require(try CertificateSummary.load(pemFile: files.caCertificate).first)
        #expect(ca.isAuthority)
        #expect(made.output.contains(ca.fingerprintSHA256))
        let server = try #require(try CertificateSummary.load(pemFile: files.serverCertificate).first)
        #expect(server.hostNames == ["kiosk.xishan.example"] && server.ipAddresses == ["10.20.0.5"])
        #expect(server.issuer == ca.subject)
        #expect((364...365).contains(server.daysLeft()))

        let again = try await KioskctlTests.run(["tls", "init", "--host", "kiosk.xishan.example", "--out", directory])
        #expect(again.status != 0 && again.error.contains("already exist"), "\(again.error)")
        let noName = try await KioskctlTests.run(["tls", "init", "--out", Self.temporaryDirectory()])
        #expect(noName.status != 0 && noName.error.contains("--host"))
        let badName = try await KioskctlTests.run(["tls", "init", "--host", "kiosk_1", "--out", Self.temporaryDirectory()])
        #expect(badName.status != 0 && badName.error.contains("'kiosk_1' is not a host name"), "\(badName.error)")
    }

    @Test("renew issues a new server certificate from the same CA, keeping its names unless told; show prints names and days left")
    func renewAndShow() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = try await KioskctlTests.run(["tls", "init", "--host", "kiosk.xishan.example", "--out", directory, "--days", "20"])
        let files = CertificateFiles(directory: directory)
        let before = try #require(try CertificateSummary.load(pemFile: files.serverCertificate).first)
        let caBefore = try String(contentsOfFile: files.caCertificate, encoding: .utf8)

        let renewed = try await KioskctlTests.run(["tls", "renew", "--dir", directory, "--days", "200"])
        #expect(renewed.status == 0, "\(renewed.error)")
        #expect(renewed.output.contains("kill -HUP"))
        let after = try #require(try CertificateSummary.load(pemFile: files.serverCertificate).first)
        #expect(after.hostNames == before.hostNames && after.issuer == before.issuer)
        #expect(after.fingerprintSHA256 != before.fingerprintSHA256)
        #expect((199...200).contains(after.daysLeft()))
        #expect(try String(contentsOfFile: files.caCertificate, encoding: .utf8) == caBefore, "the CA is untouched")
        #expect(try Self.mode(files.serverKey) == 0o600)

        let moved = try await KioskctlTests.run(["tls", "renew", "--dir", directory, "--ip", "10.20.0.9"])
        #expect(moved.status == 0, "\(moved.error)")
        #expect(try CertificateSummary.load(pemFile: files.serverCertificate).first?.ipAddresses == ["10.20.0.9"])

        let show = try await KioskctlTests.run(["tls", "show", files.serverCertificate, files.caCertificate])
        #expect(show.status == 0, "\(show.error)")
        #expect(show.output.contains("names:       10.20.0.9"))
        #expect(show.output.contains("day(s) left"))
        #expect(show.output.contains("(a certificate authority)"))
        let missing = try await KioskctlTests.run(["tls", "show", "/nonexistent.pem"])
        #expect(missing.status != 0 && missing.error.contains("/nonexistent.pem"))
    }

    @Test("an operator's own PEM from a provincial CA (a chain: server, then intermediate) is served, and show lists each")
    func provincialChain() async throws {
        let directory = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let province = try CountyAuthority.create(name: "Yunnan provincial CA")
        let server = try province.issueServerCertificate(for: try ServerNames(hostNames: ["localhost", "127.0.0.1"]))
        let chain = "\(directory)/chain.pem"
        try CertificateFiles.write(try server.certificatePEM + (try province.certificatePEM), to: chain, mode: 0o644)
        try CertificateFiles.write(try server.privateKeyPEM, to: "\(directory)/key.pem", mode: 0o600)
        try CertificateFiles.write(try province.certificatePEM, to: "\(directory)/province.pem", mode: 0o644)

        let show = try await KioskctlTests.run(["tls", "show", chain])
        #expect(show.output.contains("[1 of 2]") && show.output.contains("[2 of 2]"), "\(show.output)")
        try await LiveKioskHost.with(plugins: [], configure: { $0.tlsCertificatePath = chain; $0.tlsKeyPath = "\(directory)/key.pem" }) { host in
            let kiosk = try await host.registerKiosk()
            let info = try await KioskctlTests.run([
                "call", "kiosk.host.v1.Host/GetServerInfo", "--port", "\(host.port)", "--ca", "\(directory)/province.pem",
                "--kiosk", kiosk.id, "--credential", kiosk.credential,
            ])
            #expect(info.status == 0, "\(info.error)")
            #expect(info.output.contains(#""transport_security":"TRANSPORT_SECURITY_TLS""#), "\(info.output)")
            let untrusted = try await KioskctlTests.run([
                "call", "kiosk.host.v1.Host/GetServerInfo", "--port", "\(host.port)", "--ca", try #require(host.caFile),
                "--kiosk", kiosk.id, "--credential", kiosk.credential,
            ])
            #expect(untrusted.status != 0 && untrusted.error.contains("unknown CA"), "\(untrusted.error)")
        }
    }

    @Test("demo --certificates makes a CA and a localhost certificate and says how to run everything over TLS")
    func demoCertificates() async throws {
        let path = LiveKioskHost.makeTemporaryDatabasePath()
        let directory = Self.temporaryDirectory()
        defer {
            LiveKioskHost.removeDatabase(at: path)
            try? FileManager.default.removeItem(atPath: directory)
        }
        let demo = try await KioskctlTests.run(["demo", "--database", path, "--certificates", directory])
        #expect(demo.status == 0, "\(demo.error)")
        let files = CertificateFiles(directory: directory)
        #expect(demo.output.contains("--tls-certificate \(files.serverCertificate) --tls-key \(files.serverKey)"))
        #expect(demo.output.contains("--ca \(files.caCertificate)"))
        let server = try #require(try CertificateSummary.load(pemFile: files.serverCertificate).first)
        #expect(server.hostNames == ["localhost"] && server.ipAddresses == ["127.0.0.1", "::1"])
    }
}
