import Foundation
import KioskCertificates
import X509

/// Decides whether a server's presented chain is acceptable to a kiosk, and says why not in words a
/// kiosk vendor can act on: unknown CA, expired, not yet valid, name mismatch.
///
/// The decision is swift-certificates' RFC 5280 path validation (signatures, validity dates, basic
/// constraints, name constraints) to one of `roots`, plus the server-identity check against the
/// host or address dialled. The diagnosis only chooses the words.
struct ServerCertificateCheck: Sendable {
    let roots: [Certificate]
    let host: String
    let isAddress: Bool

    /// Nil when the chain is acceptable; otherwise what is wrong.
    func problem(with chain: [Certificate], now: Date) async -> String? {
        guard let leaf = chain.first else { return "the server presented no certificate" }
        var verifier = Verifier(rootCertificates: CertificateStore(self.roots)) {
            RFC5280Policy()
            ServerIdentityPolicy(serverHostname: self.isAddress ? nil : self.host, serverIP: self.isAddress ? self.host : nil)
        }
        let result = await verifier.validate(leaf: leaf, intermediates: CertificateStore(chain.dropFirst()))
        if case .validCertificate = result { return nil }
        return self.diagnose(chain, now: now)
    }

    private func diagnose(_ chain: [Certificate], now: Date) -> String {
        let leaf = chain[0]
        if !self.leadsToRoot(chain) {
            let issuer = chain.last?.issuer.description ?? "?"
            return "unknown CA: the server's certificate was issued by \"\(issuer)\", which is not a CA this kiosk trusts; "
                + "give this kiosk its county's ca.pem, or check that \(self.host) is your county's server"
        }
        if let expired = chain.first(where: { $0.notValidAfter < now }) {
            return "expired: \(expired == leaf ? "the server's certificate" : "a certificate of its chain") expired on "
                + "\(CertificateSummary.day(expired.notValidAfter)); the county operator must renew it (kioskctl tls renew), "
                + "or this kiosk's clock is wrong"
        }
        if let early = chain.first(where: { $0.notValidBefore > now }) {
            return "not yet valid: a certificate of the server is valid from \(CertificateSummary.day(early.notValidBefore)); check this kiosk's clock"
        }
        if let summary = try? CertificateSummary(leaf), !self.names(summary) {
            let listed = summary.hostNames + summary.ipAddresses
            return "name mismatch: the server's certificate is for \(listed.isEmpty ? "no host name or address" : listed.joined(separator: ", ")), "
                + "not \(self.host); connect with a name or address it lists, or have the operator issue one for \(self.host) "
                + "(kioskctl tls renew --host/--ip)"
        }
        return "the server's certificate was not accepted (its chain to the CA is not valid)"
    }

    /// Whether some certificate of the chain is signed by one of the roots (or is one).
    private func leadsToRoot(_ chain: [Certificate]) -> Bool {
        chain.contains { certificate in
            self.roots.contains { root in
                root == certificate
                    || (root.subject == certificate.issuer && root.publicKey.isValidSignature(certificate.signature, for: certificate))
            }
        }
    }

    /// Whether the certificate lists the host or address dialled (wildcards as one left-most label).
    private func names(_ summary: CertificateSummary) -> Bool {
        if self.isAddress {
            let dialled = ServerNames.addressBytes(self.host)
            return summary.ipAddresses.contains { ServerNames.addressBytes($0) == dialled }
        }
        let host = self.host.lowercased()
        return summary.hostNames.contains { name in
            let name = name.lowercased()
            if name == host { return true }
            guard name.hasPrefix("*."), let dot = host.firstIndex(of: ".") else { return false }
            return host[dot...] == name.dropFirst()
        }
    }
}
