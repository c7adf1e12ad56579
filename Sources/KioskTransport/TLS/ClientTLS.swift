import Foundation
import KioskCertificates
import NIOCore
package import NIOSSL
import SwiftASN1
import Synchronization
public import X509

/// How a kiosk client checks the server: the CA (county or provincial) that the server's certificate
/// must lead to. The certificate must also name the host or IP address dialled, be within its dates,
/// and the server must select ALPN `kiosk/1`; only then is the hello, with the kiosk's credential, sent.
public struct ClientTLS: Sendable {
    /// The CA certificates a server's chain may lead to.
    public var trustRoots: [Certificate]

    /// Trusts the CA certificates in a PEM file (e.g. `ca.pem` from `kioskctl tls init`).
    public init(caFile: String) throws {
        do {
            self.trustRoots = try CertificateFiles.readCertificates(caFile)
        } catch let error as KioskCertificateError {
            throw TLSSetupError("the CA file: \(error.message)")
        }
    }

    /// Trusts these CA certificates.
    public init(trustRoots: [Certificate]) {
        self.trustRoots = trustRoots
    }

    /// A TLS handler that checks the server as described above, recording why it refused one in `refusal`.
    package func makeHandler(host: String, refusal: TLSRefusal) throws -> NIOSSLClientHandler {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        configuration.applicationProtocols = [KioskTLS.alpn]
        configuration.certificateVerification = .fullVerification
        configuration.trustRoots = .certificates([])
        let context = try NIOSSLContext(configuration: configuration)
        let isAddress = ServerNames.addressBytes(host) != nil
        let verifier = ServerCertificateCheck(roots: self.trustRoots, host: host, isAddress: isAddress)
        return try NIOSSLClientHandler(
            context: context,
            serverHostname: isAddress ? nil : host,
            customVerificationCallback: { presented, promise in
            let chain = presented.compactMap { try? Certificate(derEncoded: $0.toDERBytes()) }
            Task {
                if let problem = await verifier.problem(with: chain, now: Date()) {
                    refusal.record(problem)
                    promise.succeed(.failed)
                } else {
                    promise.succeed(.certificateVerified)
                }
            }
        })
    }
}

/// Why a client refused a server's certificate, passed from the verification callback to the dialler.
package final class TLSRefusal: Sendable {
    private let reason = Mutex<String?>(nil)

    package init() {}

    package func record(_ problem: String) {
        self.reason.withLock { $0 = $0 ?? problem }
    }

    package var problem: String? { self.reason.withLock { $0 } }
}
