import ArgumentParser
import Foundation
import GRDB
import KioskStore

/// Measures durable writes per second: one commit per write, and group commit under concurrency.
@main
struct KioskStoreBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk-store-bench",
        abstract: "Durable SQLite write throughput (synchronous = FULL, WAL): serial commits vs group commit."
    )

    @Option(help: "Directory for the temporary database (use the disk you want to measure).")
    var directory = FileManager.default.temporaryDirectory.path
    @Option(help: "Writes per run.") var writes = 5_000
    @Option(parsing: .upToNextOption, help: "Concurrent writers to try with group commit.")
    var concurrency: [Int] = [1, 8, 64, 256]

    func run() async throws {
        print("durable writes of one ~200-byte row each, \(self.writes) per run, database in \(self.directory)")
        for writers in self.concurrency {
            let (rate, stats) = try await self.measure(writers: writers)
            let perBatch = Double(stats.writes) / Double(max(stats.batches, 1))
            print(
                "concurrent writers \(String(writers).padding(toLength: 4, withPad: " ", startingAt: 0)): "
                    + "\(String(format: "%8.0f", rate)) writes/s, \(stats.batches) commits, "
                    + "\(String(format: "%.1f", perBatch)) writes/commit, largest batch \(stats.largestBatch)"
            )
        }
    }

    private func measure(writers: Int) async throws -> (Double, GroupCommitWriter.Statistics) {
        let path = URL(fileURLWithPath: self.directory).appendingPathComponent("kiosk-bench-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let database = try KioskDatabase(configuration: StoreConfiguration(path: path))
        defer { try? database.close() }
        try await database.writer.write { db in
            try db.execute(sql: "CREATE TABLE bench (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
        }
        let payload = String(repeating: "x", count: 200)
        let total = self.writes
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                let count = total / writers + (writer < total % writers ? 1 : 0)
                group.addTask {
                    for _ in 0..<count {
                        try await database.writer.write { db in
                            try db.execute(sql: "INSERT INTO bench (payload) VALUES (?)", arguments: [payload])
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rows = try await database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM bench") ?? 0 }
        guard rows == total else { throw ValidationError("expected \(total) rows, found \(rows)") }
        return (Double(total) / seconds, database.writer.statistics)
    }
}
