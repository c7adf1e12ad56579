import KioskCertificates
public import NIOCore
import NIOSSL

/// Words for a TLS handshake that failed for a reason other than the server's certificate.
enum TLSFailure {
    static func describe(_ error: any Error) -> String {
        let text = "\(error)"
        if text.contains("WRONG_VERSION_NUMBER") || text.contains("PACKET_LENGTH_TOO_LONG") || text.contains("RECORD_LENGTH_MISMATCH") {
            return "the server did not answer in TLS: it is a kioskd without a certificate, or another service"
        }
        if let error = error as? NIOSSLError, case .uncleanShutdown = error {
            return "the server closed the connection during the TLS handshake"
        }
        if let error = error as? ChannelError, error == .eof || error == .ioOnClosedChannel {
            return "the server closed the connection during the TLS handshake"
        }
        return text
    }
}

extension SocketAddress {
    /// Whether the address never leaves this machine: 127.0.0.0/8, ::1, or ::ffff:127.0.0.0/104.
    public var isLoopback: Bool {
        if case .unixDomainSocket = self { return true }
        guard let text = self.ipAddress, let bytes = ServerNames.addressBytes(text) else { return false }
        if bytes.count == 4 { return bytes[0] == 127 }
        if bytes == [UInt8](repeating: 0, count: 15) + [1] { return true }
        return bytes.prefix(12) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff] && bytes[12] == 127
    }
}
