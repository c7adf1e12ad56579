public import Foundation
import GRPCCore
public import KioskDomain

/// The signed-in worker a call is made for, set by the host's access interceptor.
///
/// Handlers and core APIs read ``Caller/current``; it is nil only for the few calls that need no
/// session (signing in, server information).
public struct Caller: Sendable, Hashable {
    /// The worker's id.
    public var workerID: String
    /// What the worker is.
    public var role: WorkerRole
    /// Where the worker may see and act.
    public var jurisdiction: Jurisdiction
    /// The kiosk the session is bound to.
    public var kioskID: String
    /// When the session ends.
    public var sessionExpiresAt: Date

    /// Creates a caller.
    public init(workerID: String, role: WorkerRole, jurisdiction: Jurisdiction, kioskID: String, sessionExpiresAt: Date) {
        self.workerID = workerID
        self.role = role
        self.jurisdiction = jurisdiction
        self.kioskID = kioskID
        self.sessionExpiresAt = sessionExpiresAt
    }

    /// The caller of the call being handled.
    @TaskLocal public static var current: Caller?

    /// The caller of the call being handled, or UNAUTHENTICATED when the call has no session.
    public static func required() throws -> Caller {
        guard let caller = self.current else {
            throw RPCError(code: .unauthenticated, message: "sign in first: this call needs a session")
        }
        return caller
    }
}
