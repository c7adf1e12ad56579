public import Foundation
import Crypto
import SwiftASN1
public import X509

/// A county's own certificate authority: a self-signed CA certificate and its key, which issue the
/// county server's certificate.
///
/// Kiosks are configured once with the CA certificate (or its SHA-256 fingerprint); the server's
/// certificate can then be renewed from the same CA as often as needed without touching a kiosk.
/// Keys are ECDSA P-256: small, and fast to handshake with when a township's kiosks reconnect at once.
public struct CountyAuthority: Sendable {
    /// The CA certificate, which kiosks trust.
    public let certificate: Certificate
    private let privateKey: Certificate.PrivateKey

    /// The organisation in the subjects of certificates made here.
    static let organisation = "kioskd county CA"

    /// Makes a new CA named `name` (e.g. "Xishan County Civil Affairs Bureau"), valid for `days` from `now`.
    public static func create(name: String, validForDays days: Int = 3650, now: Date = Date()) throws -> CountyAuthority {
        guard !name.isEmpty, name.count <= 64 else { throw KioskCertificateError("the CA's name must have 1 to 64 characters") }
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let subject = try DistinguishedName {
            OrganizationName(Self.organisation)
            CommonName(name)
        }
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
            Critical(KeyUsage(keyCertSign: true, cRLSign: true))
            SubjectKeyIdentifier(hash: key.publicKey)
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: key.publicKey,
            notValidBefore: now.addingTimeInterval(-300),
            notValidAfter: now.addingTimeInterval(Double(days) * 86_400),
            issuer: subject,
            subject: subject,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions,
            issuerPrivateKey: key
        )
        return CountyAuthority(certificate: certificate, privateKey: key)
    }

    private init(certificate: Certificate, privateKey: Certificate.PrivateKey) {
        self.certificate = certificate
        self.privateKey = privateKey
    }

    /// Loads a CA from its PEM certificate and key; refuses a certificate that is not a CA or a key
    /// that does not belong to it.
    public init(certificatePEM: String, privateKeyPEM: String) throws {
        let certificate: Certificate
        let key: Certificate.PrivateKey
        do {
            certificate = try Certificate(pemEncoded: certificatePEM)
            key = try Certificate.PrivateKey(pemEncoded: privateKeyPEM)
        } catch {
            throw KioskCertificateError("the CA certificate or key is not readable PEM: \(error)")
        }
        guard case .isCertificateAuthority = try? certificate.extensions.basicConstraints else {
            throw KioskCertificateError("the certificate is not a certificate authority")
        }
        guard key.publicKey == certificate.publicKey else {
            throw KioskCertificateError("the CA key does not belong to the CA certificate")
        }
        self.init(certificate: certificate, privateKey: key)
    }

    /// The CA certificate in PEM, for kiosks.
    public var certificatePEM: String {
        get throws { try self.certificate.serializeAsPEM().pemString + "\n" }
    }

    /// The CA's private key in PKCS#8 PEM; keep it off the server if you can.
    public var privateKeyPEM: String {
        get throws { try self.privateKey.serializeAsPEM().pemString + "\n" }
    }

    /// Issues a server certificate with a new key for `names`, valid for `days` from `now`.
    ///
    /// `notValidBefore` lets tests make certificates that have already expired.
    public func issueServerCertificate(
        for names: ServerNames,
        validForDays days: Int = 365,
        now: Date = Date(),
        notValidBefore: Date? = nil
    ) throws -> IssuedCertificate {
        guard days >= 1 else { throw KioskCertificateError("a server certificate must be valid for at least one day") }
        let key = Certificate.PrivateKey(P256.Signing.PrivateKey())
        let start = notValidBefore ?? now.addingTimeInterval(-300)
        let end = notValidBefore.map { $0.addingTimeInterval(Double(days) * 86_400) } ?? now.addingTimeInterval(Double(days) * 86_400)
        guard end <= self.certificate.notValidAfter else {
            throw KioskCertificateError(
                "the CA expires on \(CertificateSummary.day(self.certificate.notValidAfter)), before the server certificate would; make a new CA or issue for fewer days"
            )
        }
        let alternativeNames = names.hostNames.map { GeneralName.dnsName($0) }
            + names.ipAddresses.compactMap { ServerNames.addressBytes($0).map { GeneralName.ipAddress(ASN1OctetString(contentBytes: $0[...])) } }
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true))
            try ExtendedKeyUsage([.serverAuth])
            SubjectAlternativeNames(alternativeNames)
            SubjectKeyIdentifier(hash: key.publicKey)
            AuthorityKeyIdentifier(keyIdentifier: try self.certificate.extensions.subjectKeyIdentifier?.keyIdentifier)
        }
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: key.publicKey,
            notValidBefore: start,
            notValidAfter: end,
            issuer: self.certificate.subject,
            subject: try DistinguishedName {
                OrganizationName(Self.organisation)
                CommonName(names.commonName)
            },
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: extensions,
            issuerPrivateKey: self.privateKey
        )
        return IssuedCertificate(certificate: certificate, privateKey: key)
    }
}

/// A server certificate and its new private key.
public struct IssuedCertificate: Sendable {
    /// The certificate.
    public let certificate: Certificate
    let privateKey: Certificate.PrivateKey

    /// The certificate in PEM.
    public var certificatePEM: String {
        get throws { try self.certificate.serializeAsPEM().pemString + "\n" }
    }

    /// The private key in PKCS#8 PEM.
    public var privateKeyPEM: String {
        get throws { try self.privateKey.serializeAsPEM().pemString + "\n" }
    }
}
