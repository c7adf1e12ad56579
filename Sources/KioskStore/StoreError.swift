/// A failure of the store that callers can act on.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The database could not be opened or set up as required.
        public static let openFailed = Code("open failed")
        /// The database was migrated by a newer version of the core or of an installed plugin.
        public static let newerSchema = Code("newer schema")
        /// A migration was registered twice, or under a namespace that does not belong to its owner.
        public static let invalidMigration = Code("invalid migration")
        /// An idempotency key was reused with a different request.
        public static let idempotencyKeyReused = Code("idempotency key reused")
        /// A backup could not be written or did not verify.
        public static let backupFailed = Code("backup failed")
        /// The store has been closed.
        public static let closed = Code("closed")

        public var description: String { self.name }
    }

    /// The kind of failure.
    public var code: Code
    /// What happened, without personal data.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(self.code): \(self.message)" }
}
