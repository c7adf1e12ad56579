public import Foundation
import Crypto
import SwiftASN1
public import X509

/// What a certificate says, for people: subject, names, validity and fingerprint
/// (`kioskctl tls show`, and kioskd's warning when the server certificate is about to expire).
public struct CertificateSummary: Sendable, Hashable {
    /// The subject, e.g. `CN=kiosk.county.example,O=kioskd county CA`.
    public var subject: String
    /// Who issued it.
    public var issuer: String
    /// DNS names of the subject alternative name extension.
    public var hostNames: [String]
    /// IP addresses of the subject alternative name extension, in text form.
    public var ipAddresses: [String]
    /// Start of validity.
    public var notValidBefore: Date
    /// End of validity.
    public var notValidAfter: Date
    /// Whether it is a certificate authority.
    public var isAuthority: Bool
    /// SHA-256 of the DER certificate, as colon-separated upper-case hex (what kiosks pin).
    public var fingerprintSHA256: String

    /// Summarises a certificate.
    public init(_ certificate: Certificate) throws {
        self.subject = certificate.subject.description
        self.issuer = certificate.issuer.description
        let names = (try? certificate.extensions.subjectAlternativeNames) ?? nil
        self.hostNames = names?.compactMap { if case .dnsName(let name) = $0 { name } else { nil } } ?? []
        self.ipAddresses = names?.compactMap { name in
            if case .ipAddress(let bytes) = name { ServerNames.addressText(bytes.bytes) } else { nil }
        } ?? []
        self.notValidBefore = certificate.notValidBefore
        self.notValidAfter = certificate.notValidAfter
        if case .isCertificateAuthority = (try? certificate.extensions.basicConstraints) ?? nil {
            self.isAuthority = true
        } else {
            self.isAuthority = false
        }
        self.fingerprintSHA256 = Self.fingerprint(try Self.derBytes(certificate))
    }

    /// Every certificate in a PEM file (a chain lists the server's first).
    public static func load(pemFile path: String) throws -> [CertificateSummary] {
        try CertificateFiles.readCertificates(path).map(CertificateSummary.init)
    }

    /// Whole days from `now` until the certificate expires; negative once it has.
    public func daysLeft(at now: Date = Date()) -> Int {
        Int((self.notValidAfter.timeIntervalSince(now) / 86_400).rounded(.down))
    }

    /// Several lines for `kioskctl tls show`.
    public func report(at now: Date = Date()) -> String {
        let days = self.daysLeft(at: now)
        let left = days < 0 ? "EXPIRED \(-days) day(s) ago" : "\(days) day(s) left"
        var lines = [
            "subject:     \(self.subject)",
            "issuer:      \(self.issuer)\(self.isAuthority ? "   (a certificate authority)" : "")",
        ]
        if !self.hostNames.isEmpty || !self.ipAddresses.isEmpty {
            lines.append("names:       \((self.hostNames + self.ipAddresses).joined(separator: ", "))")
        }
        lines += [
            "valid:       \(Self.day(self.notValidBefore)) to \(Self.day(self.notValidAfter)) (\(left))",
            "sha-256:     \(self.fingerprintSHA256)",
        ]
        return lines.joined(separator: "\n")
    }

    /// A date as `YYYY-MM-DD HH:MM UTC`.
    public static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: date)
    }

    /// The DER bytes of a certificate.
    public static func derBytes(_ certificate: Certificate) throws -> [UInt8] {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return serializer.serializedBytes
    }

    /// SHA-256 of `der` as colon-separated upper-case hex.
    public static func fingerprint(_ der: [UInt8]) -> String {
        SHA256.hash(data: der).map { byte in
            let hex = String(byte, radix: 16, uppercase: true)
            return byte < 16 ? "0" + hex : hex
        }.joined(separator: ":")
    }
}
