import CKioskClient
import Foundation
import Synchronization
import KioskProtos
import SwiftProtobuf
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A TCP server that answers the hello with `reply` bytes (then closes), to see how the C client
/// takes frames no real kioskd sends. Only the first connection is answered unless `everyConnection`.
final class ScriptedServer: @unchecked Sendable {  // the fd is only touched by the serving thread after init
    let port: Int
    private let listener: Int32
    private let accepted = AcceptCount()

    /// How many connections the client has made so far.
    var connections: Int { self.accepted.value.withLock { $0 } }

    init(reply: [UInt8], everyConnection: Bool = false) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(listener, pointer, length) == 0 && listen(listener, 8) == 0 && getsockname(listener, pointer, &length) == 0
            }
        }
        guard bound else {
            close(listener)
            throw CClientError(message: "cannot listen")
        }
        self.listener = listener
        self.port = Int(UInt16(bigEndian: address.sin_port))
        let accepted = self.accepted
        Thread {
            // The first connection (or, with everyConnection, each) gets the reply; any further
            // attempt of a client that retries is counted and closed. Ends when the listener closes.
            var answered = false
            while true {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { return }
                accepted.value.withLock { $0 += 1 }
                if !answered || everyConnection { ScriptedServer.answer(connection, with: reply) }
                answered = true
                close(connection)
            }
        }.start()
    }

    /// Reads the hello, sends `reply`, and waits for the client to give up.
    private static func answer(_ connection: Int32, with reply: [UInt8]) {
        var header = [UInt8](repeating: 0, count: 4)
        _ = recv(connection, &header, 4, Int32(MSG_WAITALL))
        let length = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
        var hello = [UInt8](repeating: 0, count: length)
        _ = recv(connection, &hello, length, Int32(MSG_WAITALL))
        _ = reply.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var sink = [UInt8](repeating: 0, count: 4096)
        while recv(connection, &sink, sink.count, 0) > 0 {}
    }

    deinit { close(listener) }
}

/// Connections a scripted server accepted, shared with its serving thread.
final class AcceptCount: Sendable {
    let value = Mutex(0)
}

func framed(_ frame: Kiosk_Wire_V1_Frame) throws -> [UInt8] {
    let body: [UInt8] = try frame.serializedBytes()
    let n = UInt32(body.count)
    return [UInt8(n >> 24), UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff)] + body
}

@Suite("C kiosk client against a misbehaving server")
struct MisbehavingServerTests {
    static func welcome(maxFrameBytes: UInt32 = 1024) throws -> [UInt8] {
        var frame = Kiosk_Wire_V1_Frame()
        frame.welcome.protocolVersion = 1
        frame.welcome.maxFrameBytes = maxFrameBytes
        return try framed(frame)
    }

    /// Connects a client to a server that answers with `reply` and returns the result of a ping.
    static func ping(_ reply: [UInt8]) async throws -> (kiosk_status_t, String) {
        let (rc, error, _) = try await Self.pingCounting(reply)
        return (rc, error)
    }

    /// Like ``ping(_:)``, also returning how many connections the client made.
    static func pingCounting(_ reply: [UInt8]) async throws -> (kiosk_status_t, String, Int) {
        let server = try ScriptedServer(reply: reply)
        let client = try CClient(port: server.port, kioskID: "k", credential: "c", outboxPath: "", callTimeoutMs: 2_000)
        let (rc, error) = try await blocking {
            let rc = kiosk_client_ping(client.handle)
            return (rc, client.error)
        }
        return (rc, error, server.connections)
    }

    @Test("a length prefix over the welcome's max_frame_bytes is refused before the body is read")
    func oversized() async throws {
        let (rc, error) = try await Self.ping(try Self.welcome(maxFrameBytes: 1024) + [0x00, 0x10, 0x00, 0x00])
        #expect(rc == KIOSK_ERR_PROTOCOL)
        #expect(error.contains("1048576 bytes (limit 1024)"))
    }

    @Test("bytes that are not a frame are a protocol error")
    func garbage() async throws {
        let (rc, error) = try await Self.ping(try Self.welcome() + [0, 0, 0, 3, 0xff, 0xff, 0xff])
        #expect(rc == KIOSK_ERR_PROTOCOL)
        #expect(error.contains("not a frame"))
    }

    @Test("a zero length prefix is a protocol error")
    func zeroLength() async throws {
        let (rc, _) = try await Self.ping(try Self.welcome() + [0, 0, 0, 0])
        #expect(rc == KIOSK_ERR_PROTOCOL)
    }

    @Test("a refusal in answer to hello is reported with its code and message, and not retried")
    func connectionError() async throws {
        var frame = Kiosk_Wire_V1_Frame()
        frame.connectionError.code = .unauthenticated
        frame.connectionError.message = "revoked kiosk"
        let server = try ScriptedServer(reply: try framed(frame))
        let client = try CClient(port: server.port, kioskID: "k", credential: "c", outboxPath: "", callTimeoutMs: 2_000)
        let (rc, error, code, message) = try await blocking {
            let rc = kiosk_client_ping(client.handle)
            return (rc, client.error, kiosk_client_connection_error_code(client.handle),
                    String(cString: kiosk_client_connection_error_message(client.handle)))
        }
        #expect(rc == KIOSK_ERR_CONNECTION_REFUSED)
        #expect(error.contains("UNAUTHENTICATED: revoked kiosk"))
        #expect(code == UInt32(KIOSK_CONNECTION_ERROR_UNAUTHENTICATED) && message == "revoked kiosk")
        #expect(server.connections == 1)
    }

    @Test("OVERLOADED is retried with backoff; when every attempt gets it, the code says try later")
    func overloaded() async throws {
        var frame = Kiosk_Wire_V1_Frame()
        frame.connectionError.code = .overloaded
        frame.connectionError.message = "at the connection limit"
        let server = try ScriptedServer(reply: try framed(frame), everyConnection: true)
        let client = try CClient(port: server.port, kioskID: "k", credential: "c", outboxPath: "", callTimeoutMs: 2_000)
        let (rc, code, message) = try await blocking {
            let rc = kiosk_client_connect(client.handle)
            return (rc, kiosk_client_connection_error_code(client.handle),
                    String(cString: kiosk_client_connection_error_message(client.handle)))
        }
        #expect(rc == KIOSK_ERR_CONNECTION_REFUSED)
        #expect(code == UInt32(KIOSK_CONNECTION_ERROR_OVERLOADED) && message == "at the connection limit")
        #expect(server.connections == 3, "connect_attempts is 3")
        #expect(String(cString: kiosk_connection_error_name(code)) == "OVERLOADED")
    }

    @Test("after a failure that is not a connection_error the code is 0 again")
    func codeIsCleared() async throws {
        var frame = Kiosk_Wire_V1_Frame()
        frame.connectionError.code = .overloaded
        // The first connection is refused OVERLOADED, the retries are closed without a word.
        let server = try ScriptedServer(reply: try framed(frame))
        let client = try CClient(port: server.port, kioskID: "k", credential: "c", outboxPath: "", callTimeoutMs: 2_000)
        let (rc, code) = try await blocking {
            let rc = kiosk_client_connect(client.handle)
            return (rc, kiosk_client_connection_error_code(client.handle))
        }
        #expect(rc == KIOSK_ERR_IO)
        #expect(code == 0)
        #expect(server.connections == 3)
    }

    @Test("a server that closes mid-frame leaves the client with an I/O error, not a hang")
    func truncated() async throws {
        let (rc, error) = try await Self.ping(try Self.welcome() + [0, 0, 0, 10, 0x08])
        #expect(rc == KIOSK_ERR_IO || rc == KIOSK_ERR_TIMEOUT, "\(error)")
    }
}
