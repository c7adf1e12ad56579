import ArgumentParser
import Foundation
import GRDB
import KioskRecords

/// Opens a database file read-only, without migrating it: for checking a live database or a backup.
struct ReadOnlyDatabaseOption: ParsableArguments {
    @Option(help: "SQLite database file, live or a backup (default: $KIOSKD_DATABASE or kiosk.sqlite). Opened read-only.")
    var database: String?

    var path: String {
        self.database ?? ProcessInfo.processInfo.environment["KIOSKD_DATABASE"] ?? "kiosk.sqlite"
    }

    /// Runs `body` on the file, opened read-only; refuses a file without a chained audit log.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        guard FileManager.default.fileExists(atPath: self.path) else { throw ValidationError("no database file at \(self.path)") }
        var configuration = Configuration()
        configuration.readonly = true
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: self.path, configuration: configuration)
        } catch {
            throw ValidationError("cannot open \(self.path): \(error)")
        }
        defer { try? queue.close() }
        return try queue.read { db in
            let columns = try? db.columns(in: "core_audit").map(\.name)
            guard let columns else { throw ValidationError("\(self.path) has no audit log: is it a kioskd database?") }
            guard columns.contains("hash") else {
                throw ValidationError("\(self.path) was written before the audit log was chained: run kioskctl migrate on it (or start kioskd) first")
            }
            return try body(db)
        }
    }
}

/// `kioskctl audit`: the tamper-evident audit log.
struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the audit log's hash chain, print its head, or list who processed a child's data.",
        subcommands: [Verify.self, Head.self, Child.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk the audit log's hash chain; exit 1 naming the first row that was changed, inserted, deleted or reordered.",
            discussion: "Works on a backup too. With --expect-head, also proves that nothing up to that head (printed earlier by `kioskctl audit head`) was rewritten since."
        )
        @OptionGroup var options: ReadOnlyDatabaseOption
        @Option(help: "A head hash written down earlier (64 hex digits).") var expectHead: String?

        func validate() throws {
            if let head = self.expectHead, !AuditChain.isHash(head.lowercased()) {
                throw ValidationError("--expect-head must be 64 hex digits, as `kioskctl audit head` prints it")
            }
        }

        func run() async throws {
            let expected = self.expectHead?.lowercased()
            let result = try self.options.read { db in try AuditVerification.verify(in: db, expectedHead: expected) }
            if let problem = result.problem {
                FileHandle.standardError.write(Data("audit log of \(self.options.path) is NOT intact: \(problem)\n".utf8))
                FileHandle.standardError.write(Data("(\(result.rowsChecked) rows before it hold)\n".utf8))
                throw ExitCode(1)
            }
            guard let head = result.head else { return }
            print("audit log intact: \(head.count) rows, head \(head.hash) (seq \(head.sequence))")
            if let sequence = result.expectedHeadSequence {
                print("the expected head is row seq \(sequence): nothing up to it was rewritten; \(head.sequence - sequence) rows since")
            }
        }
    }

    struct Head: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the audit log's last hash and row count, to write down or send off-site.",
            discussion: "Later, `kioskctl audit verify --expect-head HASH` proves nothing up to it was rewritten."
        )
        @OptionGroup var options: ReadOnlyDatabaseOption

        func run() async throws {
            let head = try self.options.read { db in try AuditLog.head(in: db) }
            print("\(head.hash) seq \(head.sequence) rows \(head.count)")
        }
    }

    struct Child: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List every audit entry that names a child: who read or changed the record, when, from which kiosk.",
            discussion: "Reads the file directly (not itself audited: whoever holds the file can read it all). Over the wire, county officers use kiosk.core.v1.Audit/ListAccess, which is audited."
        )
        @OptionGroup var options: ReadOnlyDatabaseOption
        @Argument(help: "The child's id.") var childID: String

        func run() async throws {
            let entries = try self.options.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM core_audit WHERE child_id = ? ORDER BY seq", arguments: [self.childID])
                    .map(AuditLog.entry(from:))
            }
            guard !entries.isEmpty else {
                print("no audit entries for child \(self.childID)")
                return
            }
            print("seq\ttime (UTC)\tactor\trole\tlevel\tkiosk\taction\tapplication\toutcome")
            let format = ISO8601DateFormatter()
            for entry in entries {
                let fields = [
                    "\(entry.sequence)", format.string(from: entry.at), entry.actor, entry.actorRole ?? "-", entry.actorLevel,
                    entry.kioskID ?? "-", entry.action, entry.applicationID ?? "-", entry.outcome,
                ]
                print(fields.joined(separator: "\t"))
            }
        }
    }
}
