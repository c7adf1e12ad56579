import Foundation
import KioskCertificates
import KioskCore
import KioskHost
import KioskStore
import KioskSpawn
import KioskTesting
import KioskTransport
import KioskWire
import Testing

/// kioskd as a process with TLS: flags, the warning about a certificate that expires soon, SIGHUP
/// reloading a renewed certificate, and refusing plaintext on a network address.
@Suite("kioskd as a process, with TLS")
struct KioskdTLSProcessTests {
    /// A running kioskd and what it has logged so far.
    final class Running: @unchecked Sendable {  // used by one test's task at a time
        let process: SpawnedProcess
        let stderr = Pipe()
        var log = ""
        private var termination: SpawnedProcess.Termination?

        init(_ arguments: [String]) throws {
            self.process = try SpawnedProcess.launch(
                KioskdProcessTests.executable, arguments: arguments, standardError: self.stderr.fileHandleForWriting
            )
            try self.stderr.fileHandleForWriting.close()
        }

        /// Whether kioskd still runs.
        var isRunning: Bool {
            if self.termination == nil { self.termination = try? self.process.ended() }
            return self.termination == nil
        }

        /// Waits for kioskd to end and says how it did.
        func wait() throws -> SpawnedProcess.Termination {
            if let termination = self.termination { return termination }
            let termination = try self.process.wait()
            self.termination = termination
            return termination
        }

        /// Reads the log until a line contains `text`; that line, or nil when kioskd ended first.
        func waitFor(_ text: String) -> String? {
            while true {
                if let line = self.log.split(separator: "\n").first(where: { $0.contains(text) }) { return String(line) }
                let chunk = self.stderr.fileHandleForReading.availableData
                if chunk.isEmpty { return nil }
                self.log += String(decoding: chunk, as: UTF8.self)
            }
        }

        var port: Int? {
            self.waitFor("listening for kiosks").flatMap { line in
                line.split(separator: " ").first { $0.contains("kiosk.listen.address") }
                    .flatMap { $0.split(separator: ":").last.flatMap { Int($0.prefix(while: \.isNumber)) } }
            }
        }

        deinit {
            if self.isRunning {
                self.process.send(SIGKILL)
                _ = try? self.process.wait()
            }
        }
    }

    static func database() async throws -> (path: String, credential: String) {
        let path = LiveKioskHost.makeTemporaryDatabasePath()
        let database = try KioskDatabase(configuration: StoreConfiguration(path: path))
        defer { try? database.close() }
        try KioskHost.migrator(for: []).migrate(database)
        return (path, try await KioskRegistry(database: database).register(kioskID: "k1", label: "test", at: Date()))
    }

    /// A welcome (or not) for k1 over TLS, trusting `tls`.
    static func hello(port: Int, tls: ClientTLS, credential: String) async throws -> String? {
        try await RawWireConnection.with(port: port, tls: tls) { raw in
            try await raw.hello(kioskID: "k1", credential: credential)?.kindName
        }
    }

    @Test("TLS from flags; a certificate with 10 days left is warned about; SIGHUP serves a renewed one without a restart")
    func sighupReload() async throws {
        let (path, credential) = try await Self.database()
        defer { LiveKioskHost.removeDatabase(at: path) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kioskd-tls-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let files = CertificateFiles(directory: directory)
        let authority = try files.create(authorityName: "Process CA", names: try ServerNames(hostNames: ["localhost", "127.0.0.1"]), serverDays: 10).authority
        let tls = ClientTLS(trustRoots: [authority.certificate])

        let kioskd = try Running([
            "--database", path, "--port", "0", "--tls-certificate", files.serverCertificate, "--tls-key", files.serverKey,
        ])
        let port = try #require(kioskd.port, "\(kioskd.log)")
        // Ten days from when the certificate was made: 10 when kioskd starts within the same second, else 9.
        #expect(["9", "10"].contains { kioskd.log.contains("the TLS certificate expires in \($0) day(s)") }, "\(kioskd.log)")
        #expect(kioskd.log.contains("kiosk.listen.tls=on"), "\(kioskd.log)")
        #expect(try await Self.hello(port: port, tls: tls, credential: credential) == "welcome")

        let renewed = try await RawWireConnection.with(port: port, tls: tls) { held in
            #expect(try await held.hello(kioskID: "k1", credential: credential)?.kindName == "welcome")
            try files.renew(days: 300)
            kioskd.process.send(SIGHUP)
            let reloaded = kioskd.waitFor("TLS certificate reloaded")
            // The connection opened before the reload is still served.
            return (reloaded, try await held.roundTrip())
        }
        #expect(renewed.0 != nil, "\(kioskd.log)")
        #expect(renewed.1)
        #expect(try await Self.hello(port: port, tls: tls, credential: credential) == "welcome")
        #expect(kioskd.isRunning)
        kioskd.process.send(SIGTERM)
        #expect(try kioskd.wait() == .exited(0))
        #expect(!kioskd.log.contains("expires in 299"), "no warning for the renewed certificate")
    }

    @Test("no TLS on a network address: kioskd refuses to start (78) and says what to do; --insecure-plaintext starts with a warning")
    func plaintextOnNetwork() async throws {
        let (path, _) = try await Self.database()
        defer { LiveKioskHost.removeDatabase(at: path) }
        let refused = try Running(["--database", path, "--port", "0", "--host", "0.0.0.0"])
        _ = refused.waitFor("never")
        #expect(try refused.wait() == .exited(78))
        #expect(refused.log.contains("--tls-certificate and --tls-key"), "\(refused.log)")

        let insecure = try Running(["--database", path, "--port", "0", "--host", "0.0.0.0", "--insecure-plaintext"])
        #expect(insecure.port != nil, "\(insecure.log)")
        #expect(insecure.log.contains("INSECURE"), "\(insecure.log)")
        insecure.process.send(SIGTERM)
        _ = try insecure.wait()
    }
}
