public import Foundation
public import KioskCertificates
import NIOCore
import NIOSSL
import Synchronization

/// The kiosk listener's TLS identity: a certificate chain and its key, read from PEM files, and read
/// again by ``reload()`` so that a renewed certificate is served without a restart.
///
/// Each new connection takes the identity current when it is accepted; connections already open keep
/// the one they began with, so a reload drops no connection. A reload that fails (a missing file, a
/// key that does not belong to the certificate) throws and leaves the current identity in place.
public final class ServerTLS: Sendable {
    /// The certificate chain file: the server's certificate first, then any intermediates.
    public let certificatePath: String
    /// The private key file (PKCS#8, SEC1 or PKCS#1 PEM, unencrypted).
    public let keyPath: String
    private let loaded: Mutex<Identity>

    /// What a reload put in place.
    public struct Identity: Sendable {
        let context: NIOSSLContext
        /// When the server's certificate expires.
        public let notValidAfter: Date
        /// What the server's certificate says, when swift-certificates can read it.
        public let summary: CertificateSummary?
    }

    /// Reads the chain and key; throws ``TLSSetupError`` with what is wrong.
    public init(certificatePath: String, keyPath: String) throws {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.loaded = Mutex(try Self.load(certificatePath: certificatePath, keyPath: keyPath))
    }

    /// The identity new connections get.
    public var identity: Identity { self.loaded.withLock { $0 } }

    /// Reads the files again and serves what they hold from the next accepted connection on.
    @discardableResult
    public func reload() throws -> Identity {
        let identity = try Self.load(certificatePath: self.certificatePath, keyPath: self.keyPath)
        self.loaded.withLock { $0 = identity }
        return identity
    }

    /// A TLS handler for a newly accepted connection.
    func makeHandler() -> NIOSSLServerHandler {
        NIOSSLServerHandler(context: self.identity.context)
    }

    private static func load(certificatePath: String, keyPath: String) throws -> Identity {
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
        } catch {
            throw TLSSetupError("cannot read the TLS certificate \(certificatePath): \(Self.reason(error, path: certificatePath))")
        }
        guard let leaf = chain.first else { throw TLSSetupError("\(certificatePath) holds no certificate") }
        do {
            key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        } catch {
            throw TLSSetupError("cannot read the TLS key \(keyPath): \(Self.reason(error, path: keyPath))")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) },
            privateKey: .privateKey(key)
        )
        configuration.minimumTLSVersion = .tlsv12
        configuration.applicationProtocols = [KioskTLS.alpn]
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw TLSSetupError("the key \(keyPath) does not belong to the certificate \(certificatePath), or cannot be used: \(error)")
        }
        let summary = try? CertificateFiles.readCertificates(certificatePath).first.map(CertificateSummary.init)
        return Identity(context: context, notValidAfter: Date(timeIntervalSince1970: Double(leaf.notValidAfter)), summary: summary ?? nil)
    }

    private static func reason(_ error: any Error, path: String) -> String {
        FileManager.default.isReadableFile(atPath: path) ? "not PEM, or not what it should be (\(error))" : "no such file, or not readable"
    }
}
