public import GRPCCore

/// Decides whether a kiosk may open a connection, from the id and credential in its hello.
///
/// ```swift
/// struct RegisteredKiosks: KioskAuthenticator {
///     func authenticate(kioskID: String, credential: String) async throws -> KioskIdentity {
///         guard try await registry.verify(kioskID, credential) else {
///             throw KioskAuthenticationError("unknown kiosk or wrong credential")
///         }
///         return KioskIdentity(kioskID: kioskID)
///     }
/// }
/// ```
public protocol KioskAuthenticator: Sendable {
    /// Returns who the kiosk is, or throws ``KioskAuthenticationError`` to refuse it.
    func authenticate(kioskID: String, credential: String) async throws -> KioskIdentity
}

/// A refusal of a kiosk's hello; its message is sent to the kiosk.
public struct KioskAuthenticationError: Error, Sendable, Hashable {
    /// Why the kiosk was refused, safe to show to the kiosk's user.
    public var message: String

    /// Creates a refusal.
    public init(_ message: String) {
        self.message = message
    }
}

/// An authenticated kiosk, as its calls see it.
public struct KioskIdentity: Sendable, Hashable {
    /// The kiosk's registered id.
    public var kioskID: String

    /// Creates an identity.
    public init(kioskID: String) {
        self.kioskID = kioskID
    }
}

/// What the kiosk transport tells handlers and interceptors about a call's connection.
public struct KioskCallContext: ServerContext.TransportSpecific, Hashable {
    /// The kiosk that opened the connection.
    public var kiosk: KioskIdentity
    /// The server's id for the connection, for logs.
    public var connectionID: UInt64
    /// The call's id on the connection.
    public var callID: UInt32
}

extension ServerContext {
    /// The kiosk that made this call, when it came over the kiosk transport.
    public var kiosk: KioskIdentity? {
        (self.transportSpecific as? KioskCallContext)?.kiosk
    }
}

/// Accepts exactly the kiosks in a fixed table; for tests and single-kiosk trials.
public struct StaticKioskAuthenticator: KioskAuthenticator {
    private let credentials: [String: String]

    /// Creates an authenticator that accepts these kiosk ids with these credentials.
    public init(credentials: [String: String]) {
        self.credentials = credentials
    }

    public func authenticate(kioskID: String, credential: String) async throws -> KioskIdentity {
        guard let expected = self.credentials[kioskID], Array(expected.utf8).constantTimeEquals(Array(credential.utf8)) else {
            throw KioskAuthenticationError("unknown kiosk or wrong credential")
        }
        return KioskIdentity(kioskID: kioskID)
    }
}

extension Array where Element == UInt8 {
    /// Compares without an early exit, so timing does not reveal how much of a secret matched.
    package func constantTimeEquals(_ other: [UInt8]) -> Bool {
        guard self.count == other.count else { return false }
        var difference: UInt8 = 0
        for index in self.indices { difference |= self[index] ^ other[index] }
        return difference == 0
    }
}
