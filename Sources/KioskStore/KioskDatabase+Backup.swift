import Foundation
import GRDB

extension KioskDatabase {
    /// How far a backup has come.
    public struct BackupProgress: Sendable, Hashable {
        /// Pages copied so far.
        public var completedPages: Int
        /// Pages in the database being copied.
        public var totalPages: Int
    }

    /// Copies the database, online, to a new file at `path` with SQLite's backup API, then checks the
    /// copy's integrity. Writers keep working meanwhile; the copy is a consistent snapshot.
    ///
    /// Refuses to overwrite an existing file, so that a mistyped path cannot destroy another database.
    public func backup(
        to path: String,
        pagesPerStep: Int32 = 1_024,
        progress: @escaping (BackupProgress) -> Void = { _ in }
    ) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError(code: .backupFailed, message: "\(path) already exists; choose a new file for the backup")
        }
        do {
            let destination = try DatabaseQueue(path: path)
            try self.pool.backup(to: destination, pagesPerStep: pagesPerStep) { step in
                progress(BackupProgress(completedPages: step.completedPageCount, totalPages: step.totalPageCount))
            }
            let check = try destination.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            try destination.close()
            guard check == ["ok"] else {
                throw StoreError(code: .backupFailed, message: "the backup at \(path) failed its integrity check: \(check.prefix(3))")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(code: .backupFailed, message: "backup to \(path) failed: \(error)")
        }
    }
}
