import ArgumentParser
import Foundation
import InstalledPlugins
import KioskCore
import KioskDomain
import KioskHost
import KioskPluginKit
import KioskRecords
import KioskStore
import Logging

/// `kioskctl`: operator tasks on a kioskd database.
@main
struct Kioskctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kioskctl",
        abstract: "Operator tasks for a kioskd database.",
        subcommands: [
            Migrate.self, Backup.self, Audit.self, Retention.self, Kiosk.self, Worker.self, Plugins.self, Settings.self, Counts.self, Demo.self,
            Report.self, Call.self, TLSCommand.self,
        ]
    )
}

struct DatabaseOption: ParsableArguments {
    @Option(help: "SQLite database file (default: $KIOSKD_DATABASE or kiosk.sqlite).")
    var database: String?

    /// Opens and migrates the database with the plugins this build installs.
    func open() throws -> KioskDatabase {
        let database = try KioskDatabase(configuration: StoreConfiguration(path: self.path))
        do {
            try KioskHost.migrator(for: InstalledPlugins.all).migrate(database)
        } catch {
            try? database.close()
            throw ValidationError("cannot migrate \(self.path): \(error)")
        }
        return database
    }

    var path: String {
        self.database ?? ProcessInfo.processInfo.environment["KIOSKD_DATABASE"] ?? "kiosk.sqlite"
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create the database if needed and apply pending migrations.")
    @OptionGroup var options: DatabaseOption

    func run() async throws {
        let database = try self.options.open()
        defer { try? database.close() }
        let migrator = try KioskHost.migrator(for: InstalledPlugins.all)
        print("database \(self.options.path) is at the current schema (\(migrator.registeredIdentifiers.count) migrations)")
    }
}

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database to a new file while kioskd keeps running, and verify the copy.",
        discussion: "Uses SQLite's online backup API: the copy is a consistent snapshot; writers are not stopped."
    )
    @OptionGroup var options: DatabaseOption
    @Option(help: "The backup file to create; it must not exist yet.") var to: String

    func run() async throws {
        let database = try self.options.open()
        defer { try? database.close() }
        var lastPercent = -1
        do {
            try database.backup(to: self.to) { progress in
                let percent = progress.totalPages == 0 ? 100 : progress.completedPages * 100 / progress.totalPages
                if percent != lastPercent {
                    lastPercent = percent
                    FileHandle.standardError.write(Data("backup: \(percent)% (\(progress.completedPages)/\(progress.totalPages) pages)\n".utf8))
                }
            }
        } catch let error as StoreError {
            throw ValidationError(error.message)
        }
        print("backup written and verified: \(self.to)")
    }
}

struct Kiosk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Register, revoke and list kiosks.",
        subcommands: [Add.self, Revoke.self, List.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a kiosk and print its credential once.")
        @OptionGroup var options: DatabaseOption
        @Argument(help: "The kiosk's id, e.g. a township and a number: 530102001-k1.") var kioskID: String
        @Option(help: "Where the kiosk stands, for people.") var label: String = ""

        func run() async throws {
            let database = try self.options.open()
            defer { try? database.close() }
            do {
                let credential = try await KioskRegistry(database: database).register(kioskID: self.kioskID, label: self.label, at: Date())
                print("kiosk \(self.kioskID) registered. Its credential (shown only now):")
                print(credential)
            } catch let error as KioskRegistryError {
                throw ValidationError(error.message)
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a kiosk: its next connection is refused.")
        @OptionGroup var options: DatabaseOption
        @Argument(help: "The kiosk's id.") var kioskID: String

        func run() async throws {
            let database = try self.options.open()
            defer { try? database.close() }
            do {
                try await KioskRegistry(database: database).revoke(kioskID: self.kioskID, at: Date())
                print("kiosk \(self.kioskID) revoked")
            } catch let error as KioskRegistryError {
                throw ValidationError(error.message)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List registered kiosks.")
        @OptionGroup var options: DatabaseOption

        func run() async throws {
            let database = try self.options.open()
            defer { try? database.close() }
            for kiosk in try await KioskRegistry(database: database).list() {
                print("\(kiosk.kioskID)\t\(kiosk.revoked ? "revoked" : "active")\t\(kiosk.label)")
            }
        }
    }
}

struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add, deactivate and list workers (village directors, township supervisors, county officers, operators).",
        subcommands: [Add.self, Deactivate.self, List.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a worker. Without --pin-stdin a random 6-digit PIN is made and printed once."
        )
        @OptionGroup var options: DatabaseOption
        @Argument(help: "The worker's id, used to sign in.") var workerID: String
        @Option(help: "The worker's name, for people.") var name: String
        @Option(help: "village-director, township-supervisor, county-officer or operator.") var role: String
        @Option(help: "Division code prefix: 12 digits for a village, 9 for a township, 6 for a county.")
        var jurisdiction: String
        @Flag(help: "Read the PIN from the first line of standard input instead of making one.") var pinStdin = false

        func run() async throws {
            guard let role = WorkerRole(name: self.role) else {
                throw ValidationError("unknown role '\(self.role)'; use one of: \(WorkerRole.all.map(\.name).joined(separator: ", "))")
            }
            let pin: String
            if self.pinStdin {
                guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                    throw ValidationError("--pin-stdin: no PIN on standard input")
                }
                pin = line
            } else {
                pin = String(format: "%06d", Int.random(in: 0...999_999))
            }
            let database = try self.options.open()
            defer { try? database.close() }
            do {
                try await WorkerDirectory(database: database).add(
                    workerID: self.workerID,
                    displayName: self.name,
                    role: role,
                    jurisdiction: self.jurisdiction,
                    pin: pin
                )
            } catch let error as AccessError {
                throw ValidationError(error.message)
            }
            print("worker \(self.workerID) added as \(role) for \(self.jurisdiction)")
            if !self.pinStdin { print("PIN (shown only now): \(pin)") }
        }
    }

    struct Deactivate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop a worker from signing in and end their sessions.")
        @OptionGroup var options: DatabaseOption
        @Argument(help: "The worker's id.") var workerID: String

        func run() async throws {
            let database = try self.options.open()
            defer { try? database.close() }
            do {
                try await WorkerDirectory(database: database).deactivate(workerID: self.workerID)
            } catch let error as AccessError {
                throw ValidationError(error.message)
            }
            print("worker \(self.workerID) deactivated")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List workers.")
        @OptionGroup var options: DatabaseOption

        func run() async throws {
            let database = try self.options.open()
            defer { try? database.close() }
            for worker in try await WorkerDirectory(database: database).list() {
                let state = worker.active ? "active" : "inactive"
                print("\(worker.workerID)\t\(worker.role)\t\(worker.jurisdiction.digits)\t\(state)\t\(worker.displayName)")
            }
        }
    }
}
