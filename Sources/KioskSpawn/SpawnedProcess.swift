internal import CSpawn
public import Foundation
internal import Glibc

/// A program started with `posix_spawn`, for tests and tools that run other programs.
///
/// Foundation's `Process.run()` on Linux (Swift 6.3.1) now and then crashes the calling process
/// while it lists `/proc/self/fd` (swiftlang/swift-corelibs-foundation pull request 5472); a
/// test suite that starts hundreds of programs hit it about once a run. This starts the program
/// directly: the child gets the given descriptors as standard input, output and error (or
/// `/dev/null`), every other descriptor closed, and default signal handling.
public struct SpawnedProcess: Sendable {
    /// How a program ended.
    public enum Termination: Sendable, Equatable {
        /// It exited with this status.
        case exited(Int32)
        /// A signal ended it.
        case signalled(Int32)

        /// The exit status, or 128 + the signal number as a shell reports it.
        public var status: Int32 {
            switch self {
            case .exited(let code): code
            case .signalled(let signal): 128 + signal
            }
        }
    }

    /// The child's process id.
    public let processIdentifier: Int32

    /// Starts `executable`.
    ///
    /// Pass the ends of `Pipe`s the child should use; close the parent's copy of a write end after
    /// this returns, or reading the other end never sees end of file.
    public static func launch(
        _ executable: URL,
        arguments: [String],
        environment: [String: String]? = nil,
        standardInput: FileHandle? = nil,
        standardOutput: FileHandle? = nil,
        standardError: FileHandle? = nil
    ) throws -> SpawnedProcess {
        let argv = [executable.path] + arguments
        let envp = environment.map { $0.map { "\($0.key)=\($0.value)" } }
        var pid: Int32 = 0
        let result = withCStrings(argv) { argvPointer in
            withOptionalCStrings(envp) { envpPointer in
                kiosk_spawn(
                    executable.path, argvPointer, envpPointer,
                    standardInput?.fileDescriptor ?? -1,
                    standardOutput?.fileDescriptor ?? -1,
                    standardError?.fileDescriptor ?? -1,
                    &pid
                )
            }
        }
        guard result == 0 else {
            throw SpawnError(executable: executable.path, message: String(cString: strerror(result)))
        }
        return SpawnedProcess(processIdentifier: pid)
    }

    /// Blocks the calling thread until the program ends.
    public func wait() throws -> Termination {
        var exited: Int32 = 0
        var code: Int32 = 0
        let result = kiosk_wait(self.processIdentifier, &exited, &code)
        guard result == 0 else {
            throw SpawnError(executable: "pid \(self.processIdentifier)", message: String(cString: strerror(result)))
        }
        return exited == 1 ? .exited(code) : .signalled(code)
    }

    /// How the program ended, or nil while it runs; does not block. Once this or ``wait()`` has
    /// returned a termination, the process is gone: do not ask again.
    public func ended() throws -> Termination? {
        var ended: Int32 = 0
        var exited: Int32 = 0
        var code: Int32 = 0
        let result = kiosk_try_wait(self.processIdentifier, &ended, &exited, &code)
        guard result == 0 else {
            throw SpawnError(executable: "pid \(self.processIdentifier)", message: String(cString: strerror(result)))
        }
        guard ended == 1 else { return nil }
        return exited == 1 ? .exited(code) : .signalled(code)
    }

    /// Sends `signal` to the program.
    public func send(_ signal: Int32) {
        kill(self.processIdentifier, signal)
    }
}

extension FileHandle {
    /// Everything left until end of file, reading again when a signal interrupts a read
    /// (Foundation's `readDataToEndOfFile` traps on EINTR, which a busy machine delivers). A read
    /// error other than EINTR ends the data there. For the pipes of a ``SpawnedProcess``.
    public func readToEndRetryingInterrupts() -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(self.fileDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                data.append(contentsOf: buffer[0..<count])
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                return data
            }
        }
    }
}

/// A program could not be started or waited for.
public struct SpawnError: Error, CustomStringConvertible {
    /// The program's path.
    public var executable: String
    /// The system's reason.
    public var message: String

    /// The reason, naming the program.
    public var description: String { "cannot run \(self.executable): \(self.message)" }
}

private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    let pointers = strings.map { strdup($0) } + [nil]
    defer { pointers.forEach { free($0) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

private func withOptionalCStrings<R>(_ strings: [String]?, _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>?) -> R) -> R {
    guard let strings else { return body(nil) }
    return withCStrings(strings) { body($0) }
}
