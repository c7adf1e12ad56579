public import Foundation
public import GRDB

/// A claim that a write is the effect of one idempotent request.
///
/// Kiosks on bad connections resend. A mutating call that carries an `idempotency-key` writes its
/// effect and its encoded response in the same savepoint, so the record exists exactly when the
/// effect does; a resend finds the record and gets the original response back.
public struct IdempotencyClaim: Sendable, Hashable {
    /// Who sent the request: keys are scoped per kiosk.
    public var scope: String
    /// The key the client chose, e.g. a UUID.
    public var key: String
    /// The method path the key was used with.
    public var method: String
    /// A digest of the serialized request, to tell a true resend from a reused key.
    public var requestDigest: [UInt8]

    /// Creates a claim.
    public init(scope: String, key: String, method: String, requestDigest: [UInt8]) {
        self.scope = scope
        self.key = key
        self.method = method
        self.requestDigest = requestDigest
    }
}

/// A stored outcome of an idempotent request.
public struct IdempotencyRecord: Sendable, Hashable {
    /// The method path the key was first used with.
    public var method: String
    /// The digest of the first request.
    public var requestDigest: [UInt8]
    /// The serialized response that was sent.
    public var response: [UInt8]
}

/// Storage of idempotency records, in the core's `core_idempotency` table.
public enum IdempotencyRecords {
    /// The longest key accepted.
    public static let maximumKeyLength = 128

    /// The record for `claim`'s scope and key, if any.
    public static func find(_ claim: IdempotencyClaim, in db: Database) throws -> IdempotencyRecord? {
        let row = try Row.fetchOne(
            db,
            sql: "SELECT method, request_digest, response FROM core_idempotency WHERE scope = ? AND key = ?",
            arguments: [claim.scope, claim.key]
        )
        guard let row else { return nil }
        let digest: Data = row["request_digest"]
        let response: Data = row["response"]
        return IdempotencyRecord(method: row["method"], requestDigest: Array(digest), response: Array(response))
    }

    /// The stored response when `claim` repeats an earlier request; throws if the key was used for another.
    public static func replay(_ claim: IdempotencyClaim, in db: Database) throws -> [UInt8]? {
        guard let record = try self.find(claim, in: db) else { return nil }
        guard record.method == claim.method, record.requestDigest == claim.requestDigest else {
            throw StoreError(
                code: .idempotencyKeyReused,
                message: record.method == claim.method
                    ? "idempotency-key '\(claim.key)' was already used with a different request"
                    : "idempotency-key '\(claim.key)' was already used for \(record.method)"
            )
        }
        return record.response
    }

    /// Stores the response of the request that `claim` stands for.
    public static func insert(_ claim: IdempotencyClaim, response: [UInt8], at date: Date, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO core_idempotency (scope, key, method, request_digest, response, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [claim.scope, claim.key, claim.method, Data(claim.requestDigest), Data(response), date]
        )
    }

    /// Deletes records older than `cutoff`; returns how many.
    @discardableResult
    public static func prune(olderThan cutoff: Date, in db: Database) throws -> Int {
        try db.execute(sql: "DELETE FROM core_idempotency WHERE created_at < ?", arguments: [cutoff])
        return db.changesCount
    }
}

extension GroupCommitWriter {
    /// Runs an idempotent write: if `claim` was already answered, returns the stored response without
    /// running `body`; otherwise runs `body` and stores its encoded result with the effect, atomically.
    public func write<T: Sendable>(
        claim: IdempotencyClaim,
        at date: Date,
        encode: @escaping @Sendable (T) throws -> [UInt8],
        decode: @escaping @Sendable ([UInt8]) throws -> T,
        _ body: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        try await self.write { db in
            if let stored = try IdempotencyRecords.replay(claim, in: db) {
                return try decode(stored)
            }
            let value = try body(db)
            try IdempotencyRecords.insert(claim, response: try encode(value), at: date, in: db)
            return value
        }
    }
}
