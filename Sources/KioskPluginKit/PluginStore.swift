import Foundation
public import GRDB
public import KioskStore
public import SwiftProtobuf
import GRPCCore

/// A plugin's access to the store.
///
/// Writes are durable when they return: they go through the group-commit writer and are answered
/// only after the commit that holds them. A handler of a mutating call performs its effect in one
/// `write` that returns the call's response message; when the call carries an `idempotency-key`,
/// the response is recorded with the effect, and a resend gets it back without a second effect.
public struct PluginStore: Sendable {
    private let database: KioskDatabase
    private let clock: any WallClock

    /// Creates store access over `database`.
    public init(database: KioskDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// Reads in a consistent snapshot.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await self.database.read(body)
    }

    /// Writes the effect of a call and returns the call's response.
    ///
    /// Inside a call with an `idempotency-key`, the response is stored with the effect in the same
    /// savepoint; a repeat of the same request returns the stored response and `body` does not run.
    public func write<Response: SwiftProtobuf.Message>(
        _ body: @escaping @Sendable (Database) throws -> Response
    ) async throws -> Response {
        try await self.recordingRefusals {
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

    /// Runs `write`; a refusal of the core's that must be audited is recorded in a transaction of
    /// its own (the write's was rolled back), and its `RPCError` is thrown on.
    private func recordingRefusals<T>(_ write: () async throws -> T) async throws -> T {
        do {
            return try await write()
        } catch let refusal as AuditedRefusal {
            // Recorded even when the call was cancelled meanwhile: a refused attempt is always audited.
            try await self.database.writer.write(ignoringCancellation: true) { db in try refusal.record(in: db) }
            throw refusal.error
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
        return try await self.recordingRefusals { try await self.database.writer.write(body) }
    }
}
