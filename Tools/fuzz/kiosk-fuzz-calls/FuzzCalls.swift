import Dispatch
import Foundation
import KioskHarness
import KioskProtos
import KioskTesting
import KioskWire
import SwiftProtobuf

/// libFuzzer target: one whole call per input, over a live in-process kioskd with every plugin.
///
/// An input is `[method][flags][n: 2 bytes][n bytes: a kiosk.wire.v1.Headers][request bytes]`. `method`
/// picks one of the methods in `Protos/` (sorted), or, past the last, the path in the input's headers.
/// The input's metadata go on the wire as they are (grpc-timeout, idempotency-key, anything), plus the
/// signed-in worker's session unless flag 0x01; flag 0x02 sends no request message, 0x04 a second one,
/// 0x08 no end_of_stream. Each call must end with a status (a call still open after 1 s is cancelled
/// and must then end within the server's grace), the connection must stay open, and the status must
/// not be UNKNOWN or INTERNAL: every bad input deserves a precise answer.
final class CallFuzzer: @unchecked Sendable {
    // Inputs run one at a time, from libFuzzer's thread, each awaited to the end: no concurrent access.
    private let connection: RawWireConnection
    private let authorization: Kiosk_Wire_V1_MetadataEntry
    private let methods: [String]
    private var callID: UInt32 = 1

    init(connection: RawWireConnection, authorization: Kiosk_Wire_V1_MetadataEntry, methods: [String]) {
        self.connection = connection
        self.authorization = authorization
        self.methods = methods
    }

    func run(_ input: [UInt8]) async throws {
        guard input.count >= 4 else { return }
        let length = Int(input[2]) << 8 | Int(input[3])
        let headerBytes = Array(input.dropFirst(4).prefix(length))
        let request = Data(input.dropFirst(4 + length))
        let headers = (try? Kiosk_Wire_V1_Headers(serializedBytes: headerBytes)) ?? Kiosk_Wire_V1_Headers()
        let selector = Int(input[0]) % (self.methods.count + 1)
        let method = selector < self.methods.count ? self.methods[selector] : headers.method
        let flags = input[1]
        self.callID += 2
        let id = self.callID
        let metadata = (flags & 0x01 == 0 ? [self.authorization] : []) + headers.metadata
        try await self.connection.send(.headers(callID: id, method: method, metadata: metadata))
        if flags & 0x02 == 0 { try await self.connection.send(.message(callID: id, data: request)) }
        if flags & 0x04 != 0 { try await self.connection.send(.message(callID: id, data: request)) }
        if flags & 0x08 == 0 { try await self.connection.send(.endOfStream(callID: id)) }
        try await self.awaitStatus(of: id)
    }

    private func awaitStatus(of id: UInt32) async throws {
        let answered = Answered()
        let watchdog = Task {
            try await Task.sleep(for: .seconds(1))
            guard !answered.value else { return }
            try await self.connection.send(.cancel(callID: id))
            try await Task.sleep(for: .seconds(5))
            if !answered.value { fatalError("call \(id) got no status within 5 s of its cancel") }
        }
        defer { watchdog.cancel() }
        while let frame = try await self.connection.receive() {
            if case .connectionError(let error) = frame.kind { fatalError("call-level input closed the connection: \(error)") }
            guard frame.callID == id, case .status(let status) = frame.kind else { continue }
            answered.value = true
            if status.code == 2 || status.code == 13 { fatalError("imprecise status \(status.code): \(status.message)") }
            return
        }
        fatalError("the server closed the connection during call \(id)")
    }
}

/// Whether the call being watched has its status.
private final class Answered: @unchecked Sendable {
    // Written by the reading task, read by the watchdog; a stale read only delays the cancel.
    nonisolated(unsafe) var value = false
}

extension CallFuzzer {
    /// Seeds: one input per call step of the scenario files, with its method, metadata and request.
    static func seeds(schema: ProtoSchema, scenarios: [Scenario]) -> [[UInt8]] {
        let methods = schema.methods.keys.sorted()
        var seeds: [[UInt8]] = []
        for scenario in scenarios {
            for step in scenario.steps {
                guard case .call(let method, let text, let extra, let session) = step.action else { continue }
                var headers = Kiosk_Wire_V1_Headers()
                headers.method = method
                headers.metadata = extra.map { key, value in
                    var entry = Kiosk_Wire_V1_MetadataEntry()
                    entry.key = key
                    entry.text = value
                    return entry
                }
                let headerBytes: [UInt8] = (try? headers.serializedBytes()) ?? []
                let request = (schema.methods[method]?.input).flatMap { try? schema.encode(Self.substituted(text), type: $0) } ?? []
                let selector = UInt8(clamping: methods.firstIndex(of: method) ?? methods.count)
                seeds.append([selector, session ? 0 : 1, UInt8(headerBytes.count >> 8), UInt8(headerBytes.count & 0xFF)] + headerBytes + request)
            }
        }
        return seeds
    }

    static func substituted(_ text: String) -> String {
        text.replacingOccurrences(of: #"\$[A-Za-z_]+"#, with: "fuzz", options: .regularExpression)
    }
}
