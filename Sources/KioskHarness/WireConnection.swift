import CKioskTransport
import Foundation
import KioskProtos
import SwiftProtobuf

/// A blocking kiosk-wire connection with timeouts, for the harness (one thread uses it at a time).
///
/// The bytes go through the C kiosk client's byte layer (`kiosk_transport.h`), in TLS when the
/// settings name a CA file: scenarios run over TLS exactly as a kiosk's frames do.
final class WireConnection {
    private let transport: OpaquePointer
    let timeoutMs: Int32
    private static let maxFrameBytes = 16 * 1024 * 1024

    init(host: String, port: Int, caFile: String?, timeoutMs: Int32) throws {
        var settings = kt_settings()
        var message = [CChar](repeating: 0, count: 512)
        var created: OpaquePointer?
        let made = caFile.withOptionalCString { ca in
            settings.ca_file = ca
            return kt_new(&settings, &created, &message, message.count)
        }
        guard made == KT_OK, let transport = created else { throw ScenarioError("TLS set-up: \(Self.text(message))") }
        let connected = kt_connect(transport, host, UInt16(clamping: port), kt_now_ms() + Int64(timeoutMs))
        guard connected == KT_OK else {
            let reason = String(cString: kt_error(transport))
            kt_free(transport)
            throw ScenarioError("cannot connect to \(host):\(port): \(reason)")
        }
        self.transport = transport
        self.timeoutMs = timeoutMs
    }

    deinit { kt_free(self.transport) }

    func send(bytes: [UInt8]) throws {
        let rc = bytes.withUnsafeBufferPointer { kt_send_all(self.transport, $0.baseAddress, $0.count, self.deadline) }
        guard rc == KT_OK else { throw ScenarioError("connection lost while sending: \(self.error)") }
    }

    func send(_ frame: Kiosk_Wire_V1_Frame) throws {
        try self.send(bytes: Self.framed(try frame.serializedBytes()))
    }

    static func framed(_ body: [UInt8]) -> [UInt8] {
        let n = UInt32(body.count)
        return [UInt8(n >> 24), UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff)] + body
    }

    /// Ends the sending side (in TLS, with close_notify), as a kiosk that stops mid-frame would.
    func closeOutput() {
        _ = kt_shutdown_output(self.transport)
    }

    /// The next frame, or nil when the server closed the connection.
    func receive() throws -> Kiosk_Wire_V1_Frame? {
        guard let header = try self.read(4) else { return nil }
        let length = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
        guard length > 0, length <= Self.maxFrameBytes else { throw ScenarioError("the server sent a frame of \(length) bytes") }
        guard let body = try self.read(length) else { throw ScenarioError("the server closed the connection mid-frame") }
        return try Kiosk_Wire_V1_Frame(serializedBytes: body)
    }

    private var deadline: Int64 { kt_now_ms() + Int64(self.timeoutMs) }
    private var error: String { String(cString: kt_error(self.transport)) }

    private func read(_ count: Int) throws -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var got = 0
        let rc = bytes.withUnsafeMutableBufferPointer { kt_receive_exact(self.transport, $0.baseAddress, count, self.deadline, &got) }
        switch rc {
        case KT_OK: return bytes
        case KT_TIMEOUT: throw ScenarioError("no answer from the server within \(self.timeoutMs) ms")
        case KT_CLOSED where got == 0: return nil
        case KT_CLOSED: throw ScenarioError("the server closed the connection mid-frame")
        default: throw ScenarioError("connection lost: \(self.error)")
        }
    }

    private static func text(_ message: [CChar]) -> String {
        String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension Optional where Wrapped == String {
    /// Runs `body` with a C string, or with nil.
    fileprivate func withOptionalCString<T>(_ body: (UnsafePointer<CChar>?) -> T) -> T {
        guard let self else { return body(nil) }
        return self.withCString { body($0) }
    }
}
