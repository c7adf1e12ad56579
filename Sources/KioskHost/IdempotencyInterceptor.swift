import Crypto
import Foundation
public import GRPCCore
import KioskPluginKit
public import KioskStore
import KioskTransport
import SwiftProtobuf
import Synchronization

/// Makes calls that carry an `idempotency-key` safe to resend.
///
/// For such a call the interceptor (1) waits for any in-flight call with the same kiosk and key, so
/// concurrent resends run one at a time; (2) answers from the stored record if the request was
/// already answered; (3) otherwise runs the handler with an ``IdempotencyScope``, so that the
/// handler's recorded write stores its response atomically with its effect. A key reused with a
/// different request is refused with INVALID_ARGUMENT. Applies to unary methods.
public struct IdempotencyInterceptor: ServerInterceptor {
    /// The metadata key clients set.
    public static let metadataKey = "idempotency-key"

    private let database: KioskDatabase
    private let inFlight: InFlightKeys

    /// Creates the interceptor over the store that holds the records.
    public init(database: KioskDatabase) {
        self.database = database
        self.inFlight = InFlightKeys()
    }

    public func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>,
        context: ServerContext,
        next: @Sendable (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output> {
        let keys = Array(request.metadata[stringValues: Self.metadataKey])
        guard let key = keys.first else { return try await next(request, context) }
        try Self.validate(keys)
        guard let kiosk = context.kiosk else {
            throw RPCError(code: .internalError, message: "idempotency needs the kiosk transport")
        }
        guard let outputType = Output.self as? any SwiftProtobuf.Message.Type else {
            throw RPCError(code: .unimplemented, message: "\(context.descriptor) does not support idempotency keys")
        }
        var messages: [Input] = []
        for try await message in request.messages { messages.append(message) }
        let claim = IdempotencyClaim(
            scope: kiosk.kioskID,
            key: key,
            method: context.descriptor.fullyQualifiedMethod,
            requestDigest: try Self.digest(messages, method: context.descriptor.fullyQualifiedMethod)
        )
        let (buffered, continuation) = AsyncThrowingStream.makeStream(of: Input.self)
        for message in messages { continuation.yield(message) }
        continuation.finish()
        let replayed = StreamingServerRequest(metadata: request.metadata, messages: RPCAsyncSequence(wrapping: buffered))

        let slot = InFlightKeys.Slot(scope: claim.scope, key: key)
        await self.inFlight.acquire(slot)
        do {
            if let stored = try await self.storedResponse(for: claim) {
                self.inFlight.release(slot)
                let message = try outputType.init(serializedBytes: stored) as! Output
                return StreamingServerResponse(single: ServerResponse(message: message))
            }
            let scope = IdempotencyScope(claim: claim, responseType: Output.self)
            let response = try await IdempotencyScope.$current.withValue(scope) {
                try await next(replayed, context)
            }
            // A unary handler has made its recorded write by the time `next` returns; only writing the
            // response remains, and that must not hold the key (the kiosk may be gone).
            self.inFlight.release(slot)
            return response
        } catch {
            self.inFlight.release(slot)
            throw Self.convert(error)
        }
    }

    private func storedResponse(for claim: IdempotencyClaim) async throws -> [UInt8]? {
        try await self.database.read { db in try IdempotencyRecords.replay(claim, in: db) }
    }

    private static func validate(_ keys: [String]) throws {
        guard keys.count == 1 else {
            throw RPCError(code: .invalidArgument, message: "a call may carry one idempotency-key, found \(keys.count)")
        }
        let key = keys[0]
        guard (1...IdempotencyRecords.maximumKeyLength).contains(key.utf8.count),
            key.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F })
        else {
            throw RPCError(
                code: .invalidArgument,
                message: "idempotency-key must be 1 to \(IdempotencyRecords.maximumKeyLength) printable ASCII characters without spaces"
            )
        }
    }

    private static func digest<Input>(_ messages: [Input], method: String) throws -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: Data(method.utf8))
        var options = BinaryEncodingOptions()
        options.useDeterministicOrdering = true
        for message in messages {
            guard let message = message as? any SwiftProtobuf.Message else {
                throw RPCError(code: .unimplemented, message: "\(method) does not support idempotency keys")
            }
            let bytes: [UInt8] = try message.serializedBytes(options: options)
            hasher.update(data: Data(UInt64(bytes.count).bigEndianBytes))
            hasher.update(data: Data(bytes))
        }
        return Array(hasher.finalize())
    }

    private static func convert(_ error: any Error) -> any Error {
        if let error = error as? StoreError, error.code == .idempotencyKeyReused {
            return RPCError(code: .invalidArgument, message: error.message)
        }
        return error
    }
}

extension UInt64 {
    fileprivate var bigEndianBytes: [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: self >> (56 - 8 * $0)) }
    }
}

/// Keys with a call in flight; later calls with the same key wait their turn.
final class InFlightKeys: Sendable {
    struct Slot: Hashable, Sendable {
        var scope: String
        var key: String
    }

    private let state = Mutex<[Slot: [CheckedContinuation<Void, Never>]]>([:])

    func acquire(_ slot: Slot) async {
        await withCheckedContinuation { continuation in
            let free = self.state.withLock { waiting in
                if waiting[slot] == nil {
                    waiting[slot] = []
                    return true
                }
                waiting[slot]!.append(continuation)
                return false
            }
            if free { continuation.resume() }
        }
    }

    func release(_ slot: Slot) {
        let next = self.state.withLock { waiting -> CheckedContinuation<Void, Never>? in
            guard var queue = waiting[slot] else { return nil }
            if queue.isEmpty {
                waiting[slot] = nil
                return nil
            }
            let next = queue.removeFirst()
            waiting[slot] = queue
            return next
        }
        next?.resume()
    }
}
