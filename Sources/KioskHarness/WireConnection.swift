import Foundation
import KioskProtos
import SwiftProtobuf

#if canImport(Glibc)
import Glibc
#endif

/// A blocking kiosk-wire connection with timeouts, for the harness (one thread uses it at a time).
final class WireConnection {
    private let fd: Int32
    let timeoutMs: Int32
    private static let maxFrameBytes = 16 * 1024 * 1024

    init(host: String, port: Int, timeoutMs: Int32) throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            throw ScenarioError("cannot resolve \(host)")
        }
        defer { freeaddrinfo(list) }
        let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard fd >= 0 else { throw ScenarioError("socket: \(String(cString: strerror(errno)))") }
        guard connect(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw ScenarioError("cannot connect to \(host):\(port): \(reason)")
        }
        self.fd = fd
        self.timeoutMs = timeoutMs
    }

    deinit { close(self.fd) }

    func send(bytes: [UInt8]) throws {
        var done = 0
        while done < bytes.count {
            let n = bytes[done...].withUnsafeBytes { Glibc.send(self.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ScenarioError("connection lost while sending: \(String(cString: strerror(errno)))")
            }
            done += n
        }
    }

    func send(_ frame: Kiosk_Wire_V1_Frame) throws {
        try self.send(bytes: Self.framed(try frame.serializedBytes()))
    }

    static func framed(_ body: [UInt8]) -> [UInt8] {
        let n = UInt32(body.count)
        return [UInt8(n >> 24), UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff)] + body
    }

    func closeOutput() {
        shutdown(self.fd, Int32(SHUT_WR))
    }

    /// The next frame, or nil when the server closed the connection.
    func receive() throws -> Kiosk_Wire_V1_Frame? {
        guard let header = try self.read(4) else { return nil }
        let length = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
        guard length > 0, length <= Self.maxFrameBytes else { throw ScenarioError("the server sent a frame of \(length) bytes") }
        guard let body = try self.read(length) else { throw ScenarioError("the server closed the connection mid-frame") }
        return try Kiosk_Wire_V1_Frame(serializedBytes: body)
    }

    private func read(_ count: Int) throws -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var got = 0
        while got < count {
            var poller = pollfd(fd: self.fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, self.timeoutMs)
            if ready == 0 { throw ScenarioError("no answer from the server within \(self.timeoutMs) ms") }
            if ready < 0 { if errno == EINTR { continue } else { throw ScenarioError("poll failed") } }
            let n = bytes[got...].withUnsafeMutableBytes { recv(self.fd, $0.baseAddress, $0.count, 0) }
            if n == 0 {
                if got == 0 { return nil }
                throw ScenarioError("the server closed the connection mid-frame")
            }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == ECONNRESET && got == 0 { return nil }
                throw ScenarioError("connection lost: \(String(cString: strerror(errno)))")
            }
            got += n
        }
        return bytes
    }
}
