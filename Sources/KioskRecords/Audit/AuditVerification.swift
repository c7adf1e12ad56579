public import GRDB

/// The outcome of walking the audit chain: how far it holds, and the first row where it does not.
///
/// Works on any copy of the database (a backup too) through a plain read; nothing is written.
public struct AuditVerification: Sendable, Hashable {
    /// What is wrong with the first bad row (or with the expected head).
    public enum Problem: Sendable, Hashable, CustomStringConvertible {
        /// The row's `prev_hash` is not the hash of the row before it: rows between were deleted or
        /// inserted, or rows were reordered, or the link itself was edited.
        case brokenLink(sequence: Int64, previousSequence: Int64?)
        /// The row's content no longer matches its hash: a value was edited.
        case contentChanged(sequence: Int64)
        /// The row has no hash: it was inserted outside the server.
        case missingHash(sequence: Int64)
        /// The head written down earlier is not the hash of any row: the chain was rewritten or
        /// rows were deleted from its end.
        case expectedHeadMissing(String)

        /// The first bad row's sequence number, if the problem is a row's.
        public var sequence: Int64? {
            switch self {
            case .brokenLink(let sequence, _), .contentChanged(let sequence), .missingHash(let sequence): sequence
            case .expectedHeadMissing: nil
            }
        }

        public var description: String {
            switch self {
            case .brokenLink(let sequence, let previous):
                let before = previous.map { "the row before it (seq \($0))" } ?? "the start of the log"
                return "row seq \(sequence): its link does not match \(before): rows were deleted or inserted there, "
                    + "rows were reordered, or the link was edited"
            case .contentChanged(let sequence):
                return "row seq \(sequence): its content was changed after it was written (the hash does not match)"
            case .missingHash(let sequence):
                return "row seq \(sequence): it has no hash: it was inserted outside the server"
            case .expectedHeadMissing(let hash):
                return "the expected head \(hash) is not the hash of any row: the log was rewritten, or rows were deleted from its end"
            }
        }
    }

    /// Rows walked (all of them when the chain holds; up to the first bad row otherwise).
    public var rowsChecked: Int
    /// The last row's sequence number and hash, if the chain holds.
    public var head: AuditLog.Head?
    /// The sequence number of the row whose hash is the expected head, when one was given and found.
    public var expectedHeadSequence: Int64?
    /// The first problem, or nil when the chain holds.
    public var problem: Problem?

    /// Walks the whole chain from its first row; with `expectedHead`, also requires that hash to be
    /// one of the rows' (so nothing before it was rewritten since it was written down).
    public static func verify(in db: Database, expectedHead: String? = nil) throws -> AuditVerification {
        var walker = Walker()
        let columns = (AuditChain.contentColumns + ["prev_hash", "hash"]).joined(separator: ", ")
        let rows = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM core_audit ORDER BY seq")
        while let row = try rows.next() {
            let values = (0..<AuditChain.contentColumns.count).map { row[$0] as DatabaseValue }
            let previous = String.fromDatabaseValue(row[AuditChain.contentColumns.count])
            let hash = String.fromDatabaseValue(row[AuditChain.contentColumns.count + 1])
            if let problem = walker.check(values: values, previous: previous, hash: hash, expectedHead: expectedHead) {
                return AuditVerification(rowsChecked: walker.rows, head: nil, expectedHeadSequence: nil, problem: problem)
            }
        }
        let head = AuditLog.Head(count: walker.rows, sequence: walker.lastSequence ?? 0, hash: walker.lastHash)
        if let expectedHead, walker.expectedHeadSequence == nil {
            return AuditVerification(rowsChecked: walker.rows, head: head, expectedHeadSequence: nil, problem: .expectedHeadMissing(expectedHead))
        }
        return AuditVerification(rowsChecked: walker.rows, head: head, expectedHeadSequence: walker.expectedHeadSequence, problem: nil)
    }

    /// The state of one walk along the chain.
    private struct Walker {
        var rows = 0
        var lastSequence: Int64?
        var lastHash = AuditChain.genesis
        var expectedHeadSequence: Int64?

        mutating func check(values: [DatabaseValue], previous: String?, hash: String?, expectedHead: String?) -> Problem? {
            let sequence = Int64.fromDatabaseValue(values[0]) ?? 0
            guard let previous, previous == self.lastHash else {
                return previous == nil && hash == nil ? .missingHash(sequence: sequence) : .brokenLink(sequence: sequence, previousSequence: self.lastSequence)
            }
            guard let hash, AuditChain.isHash(hash) else { return .missingHash(sequence: sequence) }
            guard AuditChain.hash(previous: previous, values: values) == hash else { return .contentChanged(sequence: sequence) }
            self.rows += 1
            self.lastSequence = sequence
            self.lastHash = hash
            if hash == expectedHead { self.expectedHeadSequence = sequence }
            return nil
        }
    }
}
