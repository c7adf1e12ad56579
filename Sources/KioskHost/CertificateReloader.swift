public import Foundation
import KioskCertificates
public import KioskTransport
public import Logging
public import ServiceLifecycle
import UnixSignals

/// Re-reads kioskd's TLS certificate and key on SIGHUP, so that a renewed certificate is served
/// without a restart (docs/PROTOCOL.md, "TLS"): new connections get the new certificate, open ones
/// keep theirs and finish their calls. A reload that fails is logged and changes nothing.
public struct CertificateReloader: Service {
    /// Certificates with fewer days left than this are warned about, at start and at each reload.
    public static let warningDays = 30

    let tls: ServerTLS
    let logger: Logger

    /// A reloader of `tls`.
    public init(tls: ServerTLS, logger: Logger) {
        self.tls = tls
        self.logger = logger
    }

    /// Reloads on each SIGHUP until the service group shuts down.
    public func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in hangups { self.reload() }
        }
    }

    /// Reloads now; returns whether the new files are served.
    @discardableResult
    public func reload() -> Bool {
        do {
            let identity = try self.tls.reload()
            self.logger.info("TLS certificate reloaded", metadata: Self.metadata(identity))
            Self.report(identity, logger: self.logger)
            return true
        } catch {
            self.logger.error("TLS certificate not reloaded; still serving the previous one", metadata: ["kiosk.error": "\(error)"])
            return false
        }
    }

    /// Warns when the certificate has expired or expires within ``warningDays``.
    public static func report(_ identity: ServerTLS.Identity, logger: Logger, now: Date = Date()) {
        let days = Int((identity.notValidAfter.timeIntervalSince(now) / 86_400).rounded(.down))
        if days < 0 {
            logger.error("the TLS certificate has EXPIRED: kiosks will refuse this server; renew it (kioskctl tls renew) and send SIGHUP", metadata: Self.metadata(identity))
        } else if days < Self.warningDays {
            logger.warning("the TLS certificate expires in \(days) day(s): renew it (kioskctl tls renew) and send SIGHUP", metadata: Self.metadata(identity))
        }
    }

    private static func metadata(_ identity: ServerTLS.Identity) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["kiosk.tls.not_after": "\(identity.notValidAfter)"]
        if let summary = identity.summary {
            metadata["kiosk.tls.names"] = "\((summary.hostNames + summary.ipAddresses).joined(separator: ","))"
            metadata["kiosk.tls.sha256"] = "\(summary.fingerprintSHA256)"
        }
        return metadata
    }
}

extension KioskHost {
    /// A service that reloads the TLS certificate on SIGHUP; nil without TLS.
    public func certificateReloader(logger: Logger) -> CertificateReloader? {
        self.transport.tls.map { CertificateReloader(tls: $0, logger: logger) }
    }
}
