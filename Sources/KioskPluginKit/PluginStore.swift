import Foundation
public import GRDB
public import KioskStore
public import SwiftProtobuf
public import GRPCCore

/// A plugin's access to the store.
///
/// Writes are durable when they return: they go through the group-commit writer and are answered
/// only after the commit that holds them. A handler of a mutating call performs its effect in one
/// `write` that returns the call's response message; when the call carries an `idempotency-key`,
/// the response is recorded with the effect, and a resend gets it back without a second effect.
///
/// A plugin's store is confined to the plugin's own tables (`<plugin id>_…`): SQL in its bodies that
/// reaches for any other table, attaches a database, ends the transaction or sets a pragma fails
/// with INTERNAL naming what was refused (``SQLGuard``). Core data is reached through `context.core`,
/// whose calls are not confined.
public struct PluginStore: Sendable {
    private let database: KioskDatabase
    private let clock: any WallClock
    /// The table prefix bodies are confined to; nil for the core's own services.
    public let tablePrefix: String?

    /// Creates store access over `database` for the plugin `pluginID`, confined to its tables.
    public init(database: KioskDatabase, clock: any WallClock, pluginID: String) {
        self.database = database
        self.clock = clock
        self.tablePrefix = PluginMetadata.tablePrefix(of: pluginID)
    }

    /// Creates unconfined store access, for the core's own services.
    public init(coreDatabase database: KioskDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
        self.tablePrefix = nil
    }

    /// Reads in a consistent snapshot on a reader connection.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await self.database.read(self.confined(body))
    }

    /// Writes the effect of a call and returns the call's response.
    ///
    /// Inside a call with an `idempotency-key`, the response is stored with the effect in the same
    /// savepoint; a repeat of the same request returns the stored response and `body` does not run.
    public func write<Response: SwiftProtobuf.Message>(
        _ body: @escaping @Sendable (Database) throws -> Response
    ) async throws -> Response {
        let body = self.confined(body)
        return try await self.recordingRefusals {
            guard let scope = IdempotencyScope.current else {
                return try await self.database.writer.write(body)
            }
            try scope.beginWrite(responseType: Response.self)
            return try await self.database.writer.write(
                claim: scope.claim,
                at: self.clock.now(),
                encode: { response in try response.serializedBytes() },
                decode: { bytes in try Response(serializedBytes: bytes) },
                body
            )
        }
    }

    /// Writes something that is not a call's response (e.g. background work).
    ///
    /// Inside a call with an `idempotency-key` this is refused: such a write could not be recognised
    /// on a resend. Return the response from ``write(_:)-(Database)->Response`` instead.
    public func writeWithoutResponse<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        if IdempotencyScope.current != nil {
            throw RPCError(
                code: .internalError,
                message: "a call with an idempotency-key must make its effect with write(_:) returning its response"
            )
        }
        let body = self.confined(body)
        return try await self.recordingRefusals { try await self.database.writer.write(body) }
    }

    /// `body`, confined to the plugin's tables; a refused statement becomes INTERNAL naming it.
    private func confined<T>(_ body: @escaping @Sendable (Database) throws -> T) -> @Sendable (Database) throws -> T {
        guard let prefix = self.tablePrefix else { return body }
        return { db in
            do {
                return try SQLGuard.confine(db, toTablesPrefixed: prefix) { try body(db) }
            } catch let violation as SQLGuardViolation {
                throw RPCError(code: .internalError, message: "plugin store: \(violation)")
            }
        }
    }

    /// Runs `write`; a refusal of the core's that must be audited is recorded in a transaction of
    /// its own (the write's was rolled back), and its `RPCError` is thrown on.
    private func recordingRefusals<T>(_ write: () async throws -> T) async throws -> T {
        do {
            return try await write()
        } catch let refusal as any RecordedRefusal {
            // Recorded even when the call was cancelled meanwhile: a refused attempt is always audited.
            try await self.database.writer.write(ignoringCancellation: true) { db in try refusal.record(in: db) }
            throw refusal.error
        }
    }
}

/// A refusal that must be recorded (in the audit log) even though the transaction it happened in
/// is rolled back; ``PluginStore`` records it in a transaction of its own and throws ``error`` on.
public protocol RecordedRefusal: Error {
    /// The error for the caller.
    var error: RPCError { get }
    /// Records the refusal.
    func record(in db: Database) throws
}
