import Foundation
public import GRPCCore

/// A refused sign-in, session or worker operation, with a message a person can act on.
public struct AccessError: Error, Hashable, Sendable, CustomStringConvertible, RPCErrorConvertible {
    /// The kind of refusal.
    public struct Code: Hashable, Sendable {
        fileprivate let rpc: RPCError.Code

        /// Unknown worker, wrong PIN, or an invalid, expired or ended session.
        public static let unauthenticated = Code(rpc: .unauthenticated)
        /// Too many wrong PINs: the worker must wait.
        public static let locked = Code(rpc: .resourceExhausted)
        /// An operator's request that cannot be carried out (bad id, role and jurisdiction that do not match).
        public static let invalid = Code(rpc: .invalidArgument)
        /// The worker or session does not exist.
        public static let notFound = Code(rpc: .notFound)
        /// The worker already exists.
        public static let alreadyExists = Code(rpc: .alreadyExists)
    }

    /// The kind of refusal.
    public var code: Code
    /// What to tell the person.
    public var message: String

    /// Creates a refusal.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { self.message }

    public var rpcErrorCode: RPCError.Code { self.code.rpc }
    public var rpcErrorMessage: String { self.message }
}
