import Foundation
import KioskCore
import KioskHost
import KioskProtos
import KioskStore
import KioskTesting
import KioskWire
import Testing

/// The kioskd executable itself: the README's command, signals, exit status.
@Suite("kioskd as a process")
struct KioskdProcessTests {
    /// The kioskd built beside this test bundle.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("kioskd")
    }

    /// Reads the process's standard error until it logs the port it listens on.
    static func listeningPort(_ pipe: Pipe) throws -> Int? {
        var log = ""
        while case let chunk = pipe.fileHandleForReading.availableData, !chunk.isEmpty {
            log += String(decoding: chunk, as: UTF8.self)
            if let line = log.split(separator: "\n").first(where: { $0.contains("listening for kiosks") }),
                let port = line.split(separator: ":").last.flatMap({ Int($0.prefix(while: \.isNumber)) })
            {
                return port
            }
        }
        return nil
    }

    @Test("SIGTERM: kioskd tells connected kiosks to go away, closes the database and exits 0")
    func sigterm() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.executable.path), "build kioskd first: swift build")
        let path = LiveKioskHost.makeTemporaryDatabasePath()
        defer { LiveKioskHost.removeDatabase(at: path) }
        let credential = try await {
            let database = try KioskDatabase(configuration: StoreConfiguration(path: path))
            defer { try? database.close() }
            try KioskHost.migrator(for: []).migrate(database)
            return try await KioskRegistry(database: database).register(kioskID: "k1", label: "test", at: Date())
        }()

        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["--database", path, "--port", "0"]
        let stderr = Pipe()
        process.standardError = stderr
        try ChildProcess.launch(process)
        defer { if process.isRunning { process.terminate() } }
        let port = try #require(try Self.listeningPort(stderr))

        let frames = try await RawWireConnection.with(port: port) { raw in
            let welcome = try await raw.hello(kioskID: "k1", credential: credential)
            #expect(welcome?.kindName == "welcome")
            kill(process.processIdentifier, SIGTERM)
            var frames: [String] = []
            while let frame = try await raw.receive() { frames.append(frame.kindName) }
            return frames
        }
        process.waitUntilExit()
        #expect(frames == ["go_away"])
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let rest = String(decoding: try stderr.fileHandleForReading.readToEnd() ?? Data(), as: UTF8.self)
        #expect(rest.contains("database closed"))
    }

    @Test("a bad setting stops kioskd at start with exit status 78 and the reason")
    func badConfiguration() throws {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["--port", "70000", "--database", LiveKioskHost.makeTemporaryDatabasePath()]
        let stderr = Pipe()
        process.standardError = stderr
        try ChildProcess.launch(process)
        process.waitUntilExit()
        let log = String(decoding: try stderr.fileHandleForReading.readToEnd() ?? Data(), as: UTF8.self)
        #expect(process.terminationStatus == 78)
        #expect(log.contains("port 70000 is not in 0...65535"))
    }

    @Test("a settings file with an unknown setting stops kioskd at start, naming section and key")
    func badSettingsFile() throws {
        let settings = FileManager.default.temporaryDirectory.appendingPathComponent("kioskd-\(UUID().uuidString).conf").path
        try "[core]\nretention-years = many\n".write(toFile: settings, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: settings) }
        let path = LiveKioskHost.makeTemporaryDatabasePath()
        defer { LiveKioskHost.removeDatabase(at: path) }
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["--port", "0", "--database", path, "--settings", settings]
        let stderr = Pipe()
        process.standardError = stderr
        try ChildProcess.launch(process)
        process.waitUntilExit()
        let log = String(decoding: try stderr.fileHandleForReading.readToEnd() ?? Data(), as: UTF8.self)
        #expect(process.terminationStatus == 78)
        #expect(log.contains("setting core.retention-years"), "\(log)")
    }
}
