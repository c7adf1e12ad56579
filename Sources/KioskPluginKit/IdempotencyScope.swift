import GRPCCore
public import KioskStore
import Synchronization

/// The idempotency claim of the call being handled, set by the host's idempotency interceptor.
public final class IdempotencyScope: Sendable {
    /// The claim for this call's key and request.
    public let claim: IdempotencyClaim
    /// The response type of the method, which the recorded write must return.
    private let responseType: ObjectIdentifier
    private let writes = Mutex(0)

    /// The scope of the current task's call, if it carries an idempotency key.
    @TaskLocal public static var current: IdempotencyScope?

    /// Creates a scope for a call whose responses are of type `responseType`.
    public init(claim: IdempotencyClaim, responseType: Any.Type) {
        self.claim = claim
        self.responseType = ObjectIdentifier(responseType)
    }

    /// Checks a recorded write: exactly one per call, returning the method's response type.
    func beginWrite(responseType: Any.Type) throws {
        guard ObjectIdentifier(responseType) == self.responseType else {
            throw RPCError(
                code: .internalError,
                message: "the handler's recorded write returns \(responseType), not the method's response type"
            )
        }
        let count = self.writes.withLock { count in
            count += 1
            return count
        }
        guard count == 1 else {
            throw RPCError(code: .internalError, message: "a call with an idempotency-key may make only one recorded write")
        }
    }
}
