public import Foundation
internal import KioskSpawn

/// Runs a program to completion on a thread of its own and returns its exit status and output.
///
/// Waiting for a process blocks a thread. Blocking one of Swift concurrency's few cooperative
/// threads while the process talks to a server in this same process can starve that server (on a
/// 2-core machine there are two such threads), so tests run programs through this instead.
public struct ChildProcess: Sendable {
    /// The exit status.
    public var status: Int32
    /// Everything written to standard output.
    public var output: String
    /// Everything written to standard error.
    public var error: String

    /// Runs `executable` with `arguments` and waits for it without blocking the caller's thread.
    public static func run(_ executable: URL, arguments: [String]) async throws -> ChildProcess {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try Self.runBlocking(executable, arguments: arguments) })
            }
            thread.start()
        }
    }

    private static let launchLock = NSLock()

    /// Starts `process`, one launch at a time in this test process; tests that hold a `Process` of
    /// their own start it through this too.
    public static func launch(_ process: Process) throws {
        try Self.launchLock.withLock { try process.run() }
    }

    static func runBlocking(_ executable: URL, arguments: [String]) throws -> ChildProcess {
        let output = Pipe()
        let error = Pipe()
        let process = try SpawnedProcess.launch(
            executable,
            arguments: arguments,
            standardOutput: output.fileHandleForWriting,
            standardError: error.fileHandleForWriting
        )
        try output.fileHandleForWriting.close()
        try error.fileHandleForWriting.close()
        // Drain standard error on another thread so that neither pipe can fill up and stall the program.
        let errorData = ErrorCollector()
        let errorThread = Thread {
            errorData.set(error.fileHandleForReading.readToEndRetryingInterrupts())
        }
        errorThread.start()
        let out = output.fileHandleForReading.readToEndRetryingInterrupts()
        let termination = try process.wait()
        while !errorData.isSet { usleep(1000) }
        return ChildProcess(
            status: termination.status,
            output: String(decoding: out, as: UTF8.self),
            error: String(decoding: errorData.value, as: UTF8.self)
        )
    }
}

/// Standard error collected by a draining thread.
private final class ErrorCollector: @unchecked Sendable {  // every access holds `lock`
    private let lock = NSLock()
    private var data: Data?

    func set(_ data: Data) {
        self.lock.withLock { self.data = data }
    }

    var isSet: Bool { self.lock.withLock { self.data != nil } }
    var value: Data { self.lock.withLock { self.data ?? Data() } }
}
