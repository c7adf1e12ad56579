import Foundation
import KioskCertificates
import Testing
import X509

@Suite("County certificates")
struct CountyAuthorityTests {
    @Test("a server certificate names its hosts and addresses and is signed by the county CA")
    func issue() throws {
        let authority = try CountyAuthority.create(name: "Test County")
        let names = try ServerNames(hostNames: ["Kiosk.County.Example", "10.1.2.3"], ipAddresses: ["::1"])
        let server = try authority.issueServerCertificate(for: names, validForDays: 30)
        let summary = try CertificateSummary(server.certificate)
        #expect(summary.hostNames == ["kiosk.county.example"])
        #expect(summary.ipAddresses == ["10.1.2.3", "::1"])
        #expect(!summary.isAuthority)
        #expect(summary.issuer == authority.certificate.subject.description)
        #expect((29...30).contains(summary.daysLeft()))
        #expect(authority.certificate.publicKey.isValidSignature(server.certificate.signature, for: server.certificate))
    }

    @Test("bad names are refused with the name in the message", arguments: ["under_score", "-lead", "", "a..b"])
    func badNames(name: String) {
        #expect(throws: KioskCertificateError.self) { try ServerNames(hostNames: [name]) }
    }

    @Test("an address that is not one is refused")
    func badAddress() {
        let error = #expect(throws: KioskCertificateError.self) { try ServerNames(hostNames: ["a"], ipAddresses: ["10.0.0.300"]) }
        #expect(error?.message.contains("10.0.0.300") == true)
    }
}
