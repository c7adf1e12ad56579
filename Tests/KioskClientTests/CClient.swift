import CKioskClient
import Foundation
import SwiftProtobuf

/// A C kiosk client and its outbox, driven from Swift tests.
///
/// `@unchecked Sendable`: the C handles are used by one thread at a time — every test runs its C
/// calls inside one ``blocking(_:)`` block and never concurrently.
final class CClient: @unchecked Sendable {
    let handle: OpaquePointer
    private(set) var outbox: OpaquePointer?
    let outboxPath: String

    /// A client of the server on loopback `port`, in TLS trusting `caFile` when given (host: what it dials).
    init(
        port: Int,
        caFile: String? = nil,
        host: String = "127.0.0.1",
        pin: String? = nil,
        kioskID: String,
        credential: String,
        outboxPath: String,
        callTimeoutMs: UInt32 = 10_000,
        attempts: UInt32 = 3
    ) throws {
        var options = kiosk_options()
        kiosk_options_init(&options)
        options.connect_attempts = attempts
        options.backoff_initial_ms = 20
        options.backoff_max_ms = 100
        options.call_timeout_ms = callTimeoutMs
        var client: OpaquePointer?
        // kiosk_client_new copies the strings: they need to live only through the call.
        let rc = caFile.withOptionalCString { ca in
            pin.withOptionalCString { pin in
                options.ca_file = ca
                options.ca_fingerprint_sha256 = pin
                return kiosk_client_new(host, UInt16(port), kioskID, credential, &options, &client)
            }
        }
        guard rc == KIOSK_OK, let client else { throw CClientError(message: "kiosk_client_new failed") }
        self.handle = client
        self.outboxPath = outboxPath
    }

    deinit {
        kiosk_outbox_close(self.outbox)
        kiosk_client_free(self.handle)
    }

    var error: String { String(cString: kiosk_client_error(self.handle)) }
    var statusCode: UInt32 { kiosk_client_status_code(self.handle) }

    func signIn(worker: String, pin: String) throws {
        let rc = kiosk_client_sign_in(self.handle, worker, pin)
        guard rc == KIOSK_OK else { throw CClientError(message: "sign-in: \(self.error)") }
    }

    /// A unary call with Swift messages over the C client; returns the C status and the response.
    func call<Response: SwiftProtobuf.Message>(
        _ method: String,
        _ request: some SwiftProtobuf.Message,
        key: String? = nil,
        as: Response.Type
    ) throws -> (kiosk_status_t, Response?) {
        let bytes: [UInt8] = try request.serializedBytes()
        var response: UnsafeMutablePointer<UInt8>?
        var length = 0
        let rc = bytes.withUnsafeBufferPointer { buffer in
            kiosk_client_call_bytes(self.handle, method, key, buffer.baseAddress, buffer.count, &response, &length)
        }
        defer { free(response) }
        guard rc == KIOSK_OK, let response else { return (rc, nil) }
        return (rc, try Response(serializedBytes: Array(UnsafeBufferPointer(start: response, count: length))))
    }

    /// Opens (or reopens, as after a power cut) the outbox file.
    func openOutbox() throws {
        kiosk_outbox_close(self.outbox)
        self.outbox = nil
        var outbox: OpaquePointer?
        let rc = kiosk_outbox_open(self.outboxPath, &outbox)
        self.outbox = outbox
        guard rc == KIOSK_OK else { throw CClientError(message: "outbox: \(String(cString: kiosk_outbox_error(outbox)))") }
    }

    /// Stores a request in the outbox and returns its idempotency key.
    func add(_ method: String, _ request: some SwiftProtobuf.Message) throws -> String {
        let bytes: [UInt8] = try request.serializedBytes()
        var key = [CChar](repeating: 0, count: 33)
        let rc = bytes.withUnsafeBufferPointer { buffer in
            kiosk_outbox_add_bytes(self.outbox, method, buffer.baseAddress, buffer.count, "test", &key)
        }
        guard rc == KIOSK_OK else { throw CClientError(message: "add: \(String(cString: kiosk_outbox_error(self.outbox)))") }
        return String(decoding: key.prefix(32).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Flushes the outbox: the C status, how many entries it answered and how many wait.
    func flush() -> (status: kiosk_status_t, answered: Int, pending: Int) {
        var answered = 0
        var pending = 0
        let rc = kiosk_outbox_flush(self.outbox, self.handle, &answered, &pending)
        return (rc, answered, pending)
    }

    /// An outbox entry as kiosk_outbox_get gives it, copied out of the outbox.
    func entry(_ key: String) -> OutboxEntry? {
        var entry = kiosk_outbox_entry()
        guard kiosk_outbox_get(self.outbox, key, &entry) == KIOSK_OK else { return nil }
        return OutboxEntry(
            attempts: entry.attempts,
            answered: entry.state == KIOSK_OUTBOX_ANSWERED,
            code: entry.status_code,
            message: String(cString: entry.status_message)
        )
    }

    /// The stored answer of an entry, if it has an OK one.
    func response<Response: SwiftProtobuf.Message>(of key: String, as: Response.Type) throws -> Response? {
        var entry = kiosk_outbox_entry()
        guard kiosk_outbox_get(self.outbox, key, &entry) == KIOSK_OK, entry.state == KIOSK_OUTBOX_ANSWERED,
            entry.status_code == 0, let bytes = entry.response
        else { return nil }
        return try Response(serializedBytes: Array(UnsafeBufferPointer(start: bytes, count: entry.response_len)))
    }
}

/// An outbox entry's state, attempts and last status.
struct OutboxEntry: Sendable {
    var attempts: Int64
    var answered: Bool
    var code: UInt32
    var message: String
}

struct CClientError: Error, CustomStringConvertible {
    var message: String
    var description: String { self.message }
}

/// Runs blocking C code on its own thread, so that the in-process server's tasks keep their threads.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.start()
    }
}

extension Optional where Wrapped == String {
    /// Runs `body` with a C string, or with nil.
    func withOptionalCString<T>(_ body: (UnsafePointer<CChar>?) throws -> T) rethrows -> T {
        guard let self else { return try body(nil) }
        return try self.withCString { try body($0) }
    }
}

/// A fresh outbox file path in the temporary directory.
func temporaryOutboxPath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-outbox-\(UUID().uuidString).sqlite").path
}

func removeOutbox(_ path: String) {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}
