public import Foundation
public import KioskCertificates
public import KioskTransport

/// A county CA and a server certificate for `localhost`, `127.0.0.1` and `::1`, made once per test
/// process, so that live hosts in tests speak TLS as a county's kioskd does; and more certificates
/// on demand (expired, for another name, from another county's CA) for tests of refusals.
///
/// ```swift
/// let certificates = try TestCertificates.shared
/// let expired = try certificates.issue(named: "expired", for: ["localhost", "127.0.0.1"], notValidBefore: ..., days: 1)
/// try await LiveKioskHost.with(plugins: [], configure: { $0.tlsCertificatePath = expired.certificate; … })
/// ```
public struct TestCertificates: Sendable {
    /// The directory of the files (temporary, one per process).
    public let directory: String
    /// The CA and the server certificate, as `kioskctl tls init` lays them out.
    public let files: CertificateFiles
    /// The CA.
    public let authority: CountyAuthority

    /// The certificates of this test process.
    public static var shared: TestCertificates {
        get throws { try made.get() }
    }

    private static let made = Result { try TestCertificates(name: "Test county CA") }

    /// What a test kiosk trusts: the test CA.
    public var clientTLS: ClientTLS {
        ClientTLS(trustRoots: [self.authority.certificate])
    }

    /// Makes a CA of its own and a certificate for the loopback names in a new temporary directory
    /// (another county's, when `shared` is "ours").
    public init(name: String) throws {
        Self.removeStaleDirectories()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-test-tls-\(UUID().uuidString)").path
        let files = CertificateFiles(directory: directory)
        self.authority = try files.create(authorityName: name, names: try ServerNames(hostNames: ["localhost", "127.0.0.1", "::1"])).authority
        self.directory = directory
        self.files = files
    }

    /// A server certificate and key issued by this CA, written as `<name>.pem` and `<name>-key.pem`.
    public func issue(
        named name: String,
        for names: [String],
        days: Int = 30,
        notValidBefore: Date? = nil
    ) throws -> (certificate: String, key: String) {
        let issued = try self.authority.issueServerCertificate(for: try ServerNames(hostNames: names), validForDays: days, notValidBefore: notValidBefore)
        let certificate = (self.directory as NSString).appendingPathComponent("\(name).pem")
        let key = (self.directory as NSString).appendingPathComponent("\(name)-key.pem")
        try CertificateFiles.write(try issued.privateKeyPEM, to: key, mode: 0o600)
        try CertificateFiles.write(try issued.certificatePEM, to: certificate, mode: 0o644)
        return (certificate, key)
    }

    /// Copies the server certificate and key into a new directory that a test may overwrite (renewal).
    public func copyServerFiles() throws -> CertificateFiles {
        let copy = CertificateFiles(directory: FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-test-tls-\(UUID().uuidString)").path)
        try FileManager.default.createDirectory(atPath: copy.directory, withIntermediateDirectories: true)
        for (from, to) in [(self.files.caCertificate, copy.caCertificate), (self.files.caKey, copy.caKey),
                           (self.files.serverCertificate, copy.serverCertificate), (self.files.serverKey, copy.serverKey)] {
            try FileManager.default.copyItem(atPath: from, toPath: to)
        }
        return copy
    }

    /// Test runs leave their directories behind; those older than a day are removed.
    private static func removeStaleDirectories() {
        let temporary = FileManager.default.temporaryDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        for name in names where name.hasPrefix("kiosk-test-tls-") {
            let path = temporary.appendingPathComponent(name).path
            let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? nil
            if let modified, modified < Date().addingTimeInterval(-86_400) { try? FileManager.default.removeItem(atPath: path) }
        }
    }
}
