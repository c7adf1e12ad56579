import EchoPlugin
import Foundation
import GRDB
import GRPCCore
import KioskDomain
import KioskHost
import KioskPluginKit
import KioskProtos
import KioskRecords
import KioskStore
import KioskTesting
import Testing

@Suite("The audit chain")
struct AuditChainTests {
    /// A database file whose audit log holds reads, changes and refusals, some of them concurrent;
    /// the host is closed when this returns. Returns the file's path.
    static func populatedDatabase() async throws -> String {
        let path = LiveKioskHost.makeTemporaryDatabasePath()
        try await TestCounty.with(plugins: [EchoPlugin.self], databasePath: path) { county in
            let child = try await county.registerChild("王小莲")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        // Reads, refused reads (another township) and refused submissions (no consent),
                        // batched together by the group commit: refusals roll back their savepoints.
                        let who: TestCounty.Who = index % 3 == 0 ? .directorB1 : .directorA1
                        if index % 4 == 1 {
                            _ = await rpcCode { _ = try await county.submitEcho(child.childID, kind: "referral") }
                        } else {
                            _ = await rpcCode { _ = try await county.getChild(child.childID, as: who) }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        return path
    }

    @Test("reads, changes and refusals, concurrent ones too, form one unbroken chain")
    func chainHolds() async throws {
        let path = try await Self.populatedDatabase()
        defer { LiveKioskHost.removeDatabase(at: path) }
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        let (verification, rows, refusals) = try queue.read { db in
            (
                try AuditVerification.verify(in: db),
                try Row.fetchAll(db, sql: "SELECT seq, hash FROM core_audit ORDER BY seq"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM core_audit WHERE outcome != 'ok'") ?? 0
            )
        }
        #expect(verification.problem == nil, "\(String(describing: verification.problem))")
        #expect(verification.head?.count == rows.count && rows.count > 24)
        #expect(verification.head?.hash == (rows.last?["hash"] as String?))
        #expect(refusals == 12, "6 refused reads, 6 refused submissions")
        let sequences: [Int64] = rows.map { $0["seq"] }
        #expect(sequences == Array(1...Int64(rows.count)), "no gaps: rolled-back savepoints leave none")
    }

    @Test("an edited, deleted, inserted or reordered row makes verify exit 1 naming the first bad row", arguments: Tampering.allCases)
    func tampering(_ tampering: Tampering) async throws {
        let original = try await Self.populatedDatabase()
        defer { LiveKioskHost.removeDatabase(at: original) }
        let intact = try await KioskctlTests.run(["audit", "verify", "--database", original])
        #expect(intact.status == 0 && intact.output.hasPrefix("audit log intact: "), "\(intact.error)")
        let queue = try DatabaseQueue(path: original)
        try await queue.write { db in try db.execute(sql: tampering.sql) }
        try queue.close()
        let verify = try await KioskctlTests.run(["audit", "verify", "--database", original])
        #expect(verify.status == 1)
        #expect(verify.error.contains("is NOT intact: \(tampering.expected)"), "\(verify.error)")
    }

    @Test("a head written down earlier proves that nothing up to it was rewritten or cut off since")
    func expectedHead() async throws {
        let path = try await Self.populatedDatabase()
        defer { LiveKioskHost.removeDatabase(at: path) }
        let head = try await KioskctlTests.run(["audit", "head", "--database", path])
        let words = head.output.split(separator: " ").map(String.init)
        #expect(head.status == 0 && words.count == 5 && words[1] == "seq" && words[3] == "rows", "\(head.output)")
        let hash = words[0]
        let early = try await Self.rowHash(path, sequence: 10)
        let since = try await KioskctlTests.run(["audit", "verify", "--database", path, "--expect-head", early])
        #expect(since.status == 0 && since.output.contains("the expected head is row seq 10"), "\(since.output)")

        // Rewrite row 5 and every hash after it, as someone who knows the encoding would: the chain
        // verifies again, but the heads written down before are gone.
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(sql: "UPDATE core_audit SET actor = 'someone-else' WHERE seq = 5")
            try Self.rechain(from: 5, in: db)
        }
        try queue.close()
        #expect(try await KioskctlTests.run(["audit", "verify", "--database", path]).status == 0)
        for expected in [hash, early] {
            let rewritten = try await KioskctlTests.run(["audit", "verify", "--database", path, "--expect-head", expected])
            #expect(rewritten.status == 1 && rewritten.error.contains("the expected head \(expected) is not the hash of any row"), "\(rewritten.error)")
        }
        let cut = try await KioskctlTests.run(["audit", "verify", "--database", path, "--expect-head", "abc"])
        #expect(cut.status != 0 && cut.error.contains("64 hex digits"))
    }

    @Test("rows written before the chain existed are chained once by the migration")
    func migration() async throws {
        let path = LiveKioskHost.makeTemporaryDatabasePath()
        defer { LiveKioskHost.removeDatabase(at: path) }
        let database = try KioskDatabase(configuration: StoreConfiguration(path: path))
        defer { try? database.close() }
        let migrator = try KioskHost.migrator(for: [])
        try migrator.migrate(database, upTo: "core.v1.workflow")
        try await database.writer.write { db in
            for index in 0..<2500 {
                try db.execute(
                    sql: "INSERT INTO core_audit (at, actor, actor_level, kiosk_id, action, child_id, outcome) VALUES (?, ?, 'village', 'k1', 'children.get', ?, 'ok')",
                    arguments: [Date(timeIntervalSince1970: 1_790_000_000 + Double(index)), "worker-\(index % 7)", "C\(index % 11)"]
                )
            }
        }
        try migrator.migrate(database)
        try await database.writer.write { db in
            try AuditLog.append(in: db, at: Date(), actor: .system("core"), action: "retention.de-identify", childID: "C1")
        }
        let verification = try await database.read { db in try AuditVerification.verify(in: db) }
        #expect(verification.problem == nil && verification.head?.count == 2501)
        let first = try await database.read { db in
            try Row.fetchOne(db, sql: "SELECT prev_hash, actor_role FROM core_audit WHERE seq = 1").map { row -> [String?] in [row[0], row[1]] }
        }
        #expect(first == [AuditChain.genesis, nil])
    }

    static func rowHash(_ path: String, sequence: Int64) async throws -> String {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try await queue.read { db in try String.fetchOne(db, sql: "SELECT hash FROM core_audit WHERE seq = ?", arguments: [sequence]) ?? "" }
    }

    /// Recomputes the chain from row `sequence` on.
    static func rechain(from sequence: Int64, in db: Database) throws {
        var previous = try String.fetchOne(db, sql: "SELECT hash FROM core_audit WHERE seq = ?", arguments: [sequence - 1]) ?? AuditChain.genesis
        let columns = AuditChain.contentColumns.joined(separator: ", ")
        for row in try Row.fetchAll(db, sql: "SELECT \(columns) FROM core_audit WHERE seq >= ? ORDER BY seq", arguments: [sequence]) {
            let values = (0..<AuditChain.contentColumns.count).map { row[$0] as DatabaseValue }
            let hash = AuditChain.hash(previous: previous, values: values)
            try db.execute(sql: "UPDATE core_audit SET prev_hash = ?, hash = ? WHERE seq = ?", arguments: [previous, hash, values[0]])
            previous = hash
        }
    }
}

/// Ways of changing the audit log with plain SQL, and what verify must say about each (the
/// populated log holds 25 rows).
enum Tampering: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case edit, editTime, delete, insert, forgeLink, reorder, deleteFirst

    var sql: String {
        switch self {
        case .edit: "UPDATE core_audit SET outcome = 'ok', actor = 'nobody' WHERE seq = 7"
        case .editTime: "UPDATE core_audit SET at = '2020-01-01 00:00:00.000' WHERE seq = 7"
        case .delete: "DELETE FROM core_audit WHERE seq = 7"
        case .insert:
            "INSERT INTO core_audit (seq, at, actor, actor_level, action, outcome) SELECT max(seq) + 1, at, 'ghost', 'county', 'children.get', 'ok' FROM core_audit"
        case .forgeLink:
            """
            INSERT INTO core_audit (seq, at, actor, actor_level, action, outcome, prev_hash, hash)
            SELECT max(seq) + 1, at, 'ghost', 'county', 'children.get', 'ok', hash, hash FROM core_audit WHERE seq = (SELECT max(seq) FROM core_audit)
            """
        case .reorder:
            """
            UPDATE core_audit SET seq = -1 WHERE seq = 7;
            UPDATE core_audit SET seq = 7 WHERE seq = 8;
            UPDATE core_audit SET seq = 8 WHERE seq = -1;
            """
        case .deleteFirst: "DELETE FROM core_audit WHERE seq = 1"
        }
    }

    var expected: String {
        switch self {
        case .edit, .editTime: "row seq 7: its content was changed"
        case .delete: "row seq 8: its link does not match the row before it (seq 6)"
        case .insert: "row seq 26: it has no hash: it was inserted outside the server"
        case .forgeLink: "row seq 26: its content was changed after it was written"
        case .reorder: "row seq 7: its link does not match the row before it (seq 6)"
        case .deleteFirst: "row seq 2: its link does not match the start of the log"
        }
    }

    var testDescription: String { self.rawValue }
}

extension TestCounty {
    /// Reads a child as `who`.
    func getChild(_ childID: String, as who: Who) async throws -> Kiosk_Core_V1_Child {
        try await self.as(who) { client in
            var get = Kiosk_Core_V1_GetChildRequest()
            get.childID = childID
            return try await Kiosk_Core_V1_Children.Client(wrapping: client).getChild(get).child
        }
    }
}
