import ArgumentParser
import Foundation
import KioskCertificates

/// `kioskctl tls`: the county's certificates for TLS on the kiosk wire (docs/PROTOCOL.md, "TLS").
struct TLSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tls",
        abstract: "Certificates for TLS between kiosks and kioskd: a county CA, and kioskd's certificate from it.",
        discussion: """
            `init` makes the county CA and kioskd's certificate; give ca.pem (or its fingerprint) to every kiosk once. \
            `renew` issues a new server certificate from the same CA: kiosks keep working. An operator's own PEM files \
            (e.g. from a provincial CA) work as well: give them to kioskd, and that CA's certificate to the kiosks.
            """,
        subcommands: [Init.self, Renew.self, Show.self]
    )

    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a county CA and a server certificate for kioskd in a new directory (keys 0600)."
        )
        @Option(help: "A host name kiosks use to reach kioskd (repeat for several).") var host: [String] = []
        @Option(help: "An IP address kiosks use to reach kioskd (repeat for several).") var ip: [String] = []
        @Option(help: "The directory to write ca.pem, ca-key.pem, server.pem and server-key.pem into.") var out: String
        @Option(help: "The CA's name, e.g. the county civil affairs bureau.") var name = "kioskd county CA"
        @Option(help: "Days the server certificate is valid.") var days = 365
        @Option(help: "Days the CA is valid.") var caDays = 3650

        func validate() throws {
            guard !self.host.isEmpty || !self.ip.isEmpty else { throw ValidationError("give --host NAME (and/or --ip ADDRESS): what kiosks dial") }
        }

        func run() async throws {
            let files = CertificateFiles(directory: self.out)
            let (authority, server) = try TLSCommand.run {
                let names = try ServerNames(hostNames: self.host, ipAddresses: self.ip)
                return try files.create(authorityName: self.name, names: names, serverDays: self.days, authorityDays: self.caDays)
            }
            let ca = try CertificateSummary(authority.certificate)
            let leaf = try CertificateSummary(server.certificate)
            print("""
                county CA:        \(files.caCertificate)   (give it to every kiosk)
                CA key:           \(files.caKey)   (0600; keep it safe, ideally off the server)
                kioskd:           \(files.serverCertificate), \(files.serverKey) (0600)
                server names:     \((leaf.hostNames + leaf.ipAddresses).joined(separator: ", "))
                valid until:      \(CertificateSummary.day(leaf.notValidAfter))
                CA SHA-256 fingerprint (kiosks may pin it: ca_fingerprint_sha256 / kiosk --ca-fingerprint):
                  \(ca.fingerprintSHA256)

                start kioskd:  kioskd --host 0.0.0.0 --tls-certificate \(files.serverCertificate) --tls-key \(files.serverKey)
                on a kiosk:    kiosk --host \(leaf.hostNames.first ?? leaf.ipAddresses[0]) --ca ca.pem ...
                """)
        }
    }

    struct Renew: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a new server certificate from the CA in a directory; kiosks keep working.",
            discussion: "Then make kioskd serve it without a restart: kill -HUP <kioskd's pid>. Open connections are not dropped."
        )
        @Option(help: "The directory of `kioskctl tls init`.") var dir: String
        @Option(help: "Host names for the new certificate (default: those of the current one).") var host: [String] = []
        @Option(help: "IP addresses for the new certificate (default: those of the current one).") var ip: [String] = []
        @Option(help: "Days the new certificate is valid.") var days = 365

        func run() async throws {
            let files = CertificateFiles(directory: self.dir)
            let server = try TLSCommand.run {
                let names = self.host.isEmpty && self.ip.isEmpty ? nil : try ServerNames(hostNames: self.host, ipAddresses: self.ip)
                return try files.renew(names: names, days: self.days)
            }
            let leaf = try CertificateSummary(server.certificate)
            print("""
                renewed \(files.serverCertificate) (and \(files.serverKey)) for \((leaf.hostNames + leaf.ipAddresses).joined(separator: ", ")), valid until \(CertificateSummary.day(leaf.notValidAfter))
                make kioskd serve it:  kill -HUP <kioskd's pid>   (no restart; open connections stay)
                """)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print what certificates say: subject, names, expiry and days left, fingerprint.")
        @Argument(help: "PEM files (a chain shows each certificate).") var files: [String]

        func run() async throws {
            for file in self.files {
                let summaries = try TLSCommand.run { try CertificateSummary.load(pemFile: file) }
                for (index, summary) in summaries.enumerated() {
                    print("\(file)\(summaries.count > 1 ? " [\(index + 1) of \(summaries.count)]" : ""):")
                    print(summary.report().split(separator: "\n").map { "  \($0)" }.joined(separator: "\n"))
                }
            }
        }
    }

    /// Runs `body`, turning a certificate error into the message ArgumentParser prints.
    static func run<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as KioskCertificateError {
            throw ValidationError(error.message)
        }
    }
}
