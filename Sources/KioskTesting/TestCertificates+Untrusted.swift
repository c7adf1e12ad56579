import Foundation
import KioskCertificates

extension TestCertificates {
    /// Another county's CA, with its own certificate for the loopback names; made once per process.
    public static var otherCounty: TestCertificates {
        get throws { try madeOtherCounty.get() }
    }

    private static let madeOtherCounty = Result { try TestCertificates(name: "Other county CA") }

    /// Servers a kiosk of the test county must refuse, with the words its refusal must contain.
    public enum Untrusted: String, CaseIterable, Sendable, CustomStringConvertible {
        /// The kiosk was given another county's CA file; the server is ours.
        case wrongCAFile
        /// The server presents another county's certificate (its own CA).
        case otherCountyServer
        /// Our CA's certificate, expired ten days ago.
        case expired
        /// Our CA's certificate, for another county's host name (as a provincial CA would issue).
        case nameMismatch

        public var description: String { self.rawValue }

        /// The server's certificate and key, the CA file the kiosk trusts, and what its error says.
        public func setUp() throws -> (certificate: String, key: String, caFile: String, phrase: String) {
            let ours = try TestCertificates.shared
            switch self {
            case .wrongCAFile:
                return (ours.files.serverCertificate, ours.files.serverKey, try TestCertificates.otherCounty.files.caCertificate, "unknown CA")
            case .otherCountyServer:
                let other = try TestCertificates.otherCounty
                return (other.files.serverCertificate, other.files.serverKey, ours.files.caCertificate, "unknown CA")
            case .expired:
                let issued = try ours.issue(
                    named: "expired",
                    for: ["localhost", "127.0.0.1"],
                    days: 30,
                    notValidBefore: Date().addingTimeInterval(-40 * 86_400)
                )
                return (issued.certificate, issued.key, ours.files.caCertificate, "expired")
            case .nameMismatch:
                let issued = try ours.issue(named: "other-name", for: ["kiosk.other-county.example"])
                return (issued.certificate, issued.key, ours.files.caCertificate, "name mismatch")
            }
        }
    }
}
