#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The names a server certificate is valid for: host names and IP addresses, as kiosks dial them.
///
/// Kiosks check that the name or address they connect to is among these (docs/PROTOCOL.md, "TLS").
public struct ServerNames: Sendable, Hashable {
    /// DNS names, e.g. `kiosk.mzj.example.cn` or `localhost`.
    public var hostNames: [String]
    /// IP addresses in text form, e.g. `10.20.0.5` or `::1`.
    public var ipAddresses: [String]

    /// Creates names; text that is an IP address is moved to ``ipAddresses``. Throws when a name is
    /// neither a valid DNS name nor an IP address, or when there is no name at all.
    public init(hostNames: [String], ipAddresses: [String] = []) throws {
        var hosts: [String] = []
        var addresses: [String] = []
        for name in hostNames {
            if Self.addressBytes(name) != nil { addresses.append(name) } else { hosts.append(name.lowercased()) }
        }
        for address in ipAddresses {
            guard Self.addressBytes(address) != nil else {
                throw KioskCertificateError("'\(address)' is not an IPv4 or IPv6 address")
            }
            addresses.append(address)
        }
        for host in hosts where !Self.isDNSName(host) {
            throw KioskCertificateError("'\(host)' is not a host name (letters, digits, '-' and '.', e.g. kiosk.county.example)")
        }
        guard !hosts.isEmpty || !addresses.isEmpty else { throw KioskCertificateError("a server certificate needs a host name or an IP address") }
        self.hostNames = Self.unique(hosts)
        self.ipAddresses = Self.unique(addresses)
    }

    /// The name a certificate's subject carries: the first host name, else the first address.
    var commonName: String { self.hostNames.first ?? self.ipAddresses[0] }

    /// The 4 or 16 bytes of an IPv4 or IPv6 address in text form; nil when it is not one.
    public static func addressBytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    /// An IP address's bytes in the usual text form.
    static func addressText(_ bytes: some Collection<UInt8>) -> String {
        let bytes = Array(bytes)
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        guard bytes.count == 4 || bytes.count == 16,
            bytes.withUnsafeBytes({ inet_ntop(family, $0.baseAddress, &text, socklen_t(text.count)) }) != nil
        else { return bytes.map { String($0, radix: 16) }.joined(separator: ":") }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// LDH labels of 1...63 characters, 253 in all; `*` is not allowed (a county server has its own names).
    static func isDNSName(_ name: String) -> Bool {
        guard (1...253).contains(name.utf8.count) else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            (1...63).contains(label.utf8.count) && label.first != "-" && label.last != "-"
                && label.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2d }
        }
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
