public import Foundation
import SwiftASN1
public import X509

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files of a county's TLS set-up in one directory, as `kioskctl tls init --out DIR` writes them:
///
/// | file | what | who gets it |
/// |---|---|---|
/// | `ca.pem` | the county CA's certificate | every kiosk (`ca_file`, `kiosk --ca`) |
/// | `ca-key.pem` | the CA's private key (0600) | nobody: keep it off the server if you can |
/// | `server.pem` | kioskd's certificate | kioskd (`--tls-certificate`) |
/// | `server-key.pem` | kioskd's private key (0600) | kioskd (`--tls-key`) |
///
/// Every file is written to a temporary name beside it and renamed into place, so a kioskd that
/// reloads (SIGHUP) while `renew` runs reads the old file or the new one, never half of one.
public struct CertificateFiles: Sendable {
    /// The directory.
    public var directory: String

    /// The files in `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// The CA certificate.
    public var caCertificate: String { self.path("ca.pem") }
    /// The CA's private key.
    public var caKey: String { self.path("ca-key.pem") }
    /// The server certificate.
    public var serverCertificate: String { self.path("server.pem") }
    /// The server's private key.
    public var serverKey: String { self.path("server-key.pem") }

    private func path(_ name: String) -> String {
        (self.directory as NSString).appendingPathComponent(name)
    }

    /// Makes a county CA and a server certificate for `names`; refuses to overwrite existing files.
    @discardableResult
    public func create(
        authorityName: String,
        names: ServerNames,
        serverDays: Int = 365,
        authorityDays: Int = 3650,
        now: Date = Date()
    ) throws -> (authority: CountyAuthority, server: IssuedCertificate) {
        let existing = [self.caCertificate, self.caKey, self.serverCertificate, self.serverKey]
            .filter { FileManager.default.fileExists(atPath: $0) }
        guard existing.isEmpty else {
            throw KioskCertificateError("\(existing.joined(separator: ", ")) already exist(s); use `kioskctl tls renew`, or choose an empty directory")
        }
        try FileManager.default.createDirectory(atPath: self.directory, withIntermediateDirectories: true)
        let authority = try CountyAuthority.create(name: authorityName, validForDays: authorityDays, now: now)
        let server = try authority.issueServerCertificate(for: names, validForDays: serverDays, now: now)
        try Self.write(try authority.privateKeyPEM, to: self.caKey, mode: 0o600)
        try Self.write(try authority.certificatePEM, to: self.caCertificate, mode: 0o644)
        try self.install(server)
        return (authority, server)
    }

    /// Issues a new server certificate from the CA in this directory, for `names` or, when nil, for the
    /// names of the current server certificate.
    @discardableResult
    public func renew(names: ServerNames? = nil, days: Int = 365, now: Date = Date()) throws -> IssuedCertificate {
        let authority = try self.authority()
        let names = try names ?? self.currentNames()
        let server = try authority.issueServerCertificate(for: names, validForDays: days, now: now)
        try self.install(server)
        return server
    }

    /// The CA of this directory.
    public func authority() throws -> CountyAuthority {
        try CountyAuthority(certificatePEM: try Self.read(self.caCertificate), privateKeyPEM: try Self.read(self.caKey))
    }

    /// The names the current server certificate covers.
    public func currentNames() throws -> ServerNames {
        guard let leaf = try Self.readCertificates(self.serverCertificate).first else {
            throw KioskCertificateError("\(self.serverCertificate) holds no certificate")
        }
        let summary = try CertificateSummary(leaf)
        return try ServerNames(hostNames: summary.hostNames, ipAddresses: summary.ipAddresses)
    }

    private func install(_ server: IssuedCertificate) throws {
        try Self.write(try server.privateKeyPEM, to: self.serverKey, mode: 0o600)
        try Self.write(try server.certificatePEM, to: self.serverCertificate, mode: 0o644)
    }

    /// Writes `text` to a temporary file with `mode`, flushes it, and renames it over `path`.
    public static func write(_ text: String, to path: String, mode: mode_t) throws {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw KioskCertificateError("cannot write \(temporary): \(String(cString: strerror(errno)))") }
        let bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes[done...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                close(fd)
                unlink(temporary)
                throw KioskCertificateError("cannot write \(temporary): \(String(cString: strerror(errno)))")
            }
            done += n
        }
        // open() applies the umask; the key files must end up 0600 whatever it is.
        let synced = fchmod(fd, mode) == 0 && fsync(fd) == 0
        close(fd)
        guard synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw KioskCertificateError("cannot put \(path) in place: \(String(cString: strerror(errno)))")
        }
    }

    /// The text of a file.
    static func read(_ path: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw KioskCertificateError("cannot read \(path): \(error.localizedDescription)")
        }
    }

    /// Every certificate in a PEM file, in order.
    public static func readCertificates(_ path: String) throws -> [Certificate] {
        let documents: [PEMDocument]
        do {
            documents = try PEMDocument.parseMultiple(pemString: try Self.read(path))
        } catch let error as KioskCertificateError {
            throw error
        } catch {
            throw KioskCertificateError("\(path) is not a PEM file: \(error)")
        }
        let certificates = try documents.filter { $0.discriminator == "CERTIFICATE" }.map { document in
            do {
                return try Certificate(derEncoded: document.derBytes)
            } catch {
                throw KioskCertificateError("\(path) holds a certificate that does not parse: \(error)")
            }
        }
        guard !certificates.isEmpty else { throw KioskCertificateError("\(path) holds no certificate") }
        return certificates
    }
}
