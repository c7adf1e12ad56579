import Foundation
import Glibc
import KioskTesting

/// A real terminal for the kiosk screen: a tmux session on a private socket, typed into with
/// `send-keys` and read with `capture-pane`, as a worker at a kiosk would type and see.
///
/// Every tmux command runs as a child process on a thread of its own (``ChildProcess``), so that the
/// in-process server of a test keeps its threads while the test waits for the screen.
struct Terminal: Sendable {
    /// The private tmux socket (`tmux -L`), one per terminal.
    let socket: String
    static let session = "screen"

    /// Starts `command` (program and arguments) in a new terminal of `columns` x `rows`, in a UTF-8 locale.
    /// The terminal stays after the program ends and shows `exit <status>`.
    static func start(_ command: [String], columns: Int = 100, rows: Int = 30) async throws -> Terminal {
        let terminal = Terminal(socket: "kiosk-screen-\(UUID().uuidString.prefix(8))")
        let line = command.map(Self.quoted).joined(separator: " ") + "; echo \"exit $?\"; sleep 600"
        let arguments = ["tmux", "-L", terminal.socket, "-f", "/dev/null", "new-session", "-d", "-s", Self.session,
                         "-x", "\(columns)", "-y", "\(rows)", line]
        let status = try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try CleanSpawn.run(arguments) }) }.start()
        }
        guard status == 0 else { throw TerminalError(message: "tmux new-session failed (status \(status))") }
        return terminal
    }

    /// Runs `body` with a terminal running `command`, and closes the terminal however `body` ends.
    static func with<T: Sendable>(
        _ command: [String], columns: Int = 100, rows: Int = 30, _ body: (Terminal) async throws -> T
    ) async throws -> T {
        let terminal = try await Self.start(command, columns: columns, rows: rows)
        do {
            let result = try await body(terminal)
            await terminal.close()
            return result
        } catch {
            await terminal.close()
            throw error
        }
    }

    private static func quoted(_ argument: String) -> String {
        "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    @discardableResult
    private func tmux(_ arguments: [String]) async throws -> ChildProcess {
        try await ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            arguments: ["LANG=C.UTF-8", "LC_ALL=C.UTF-8", "tmux", "-L", self.socket, "-f", "/dev/null"] + arguments
        )
    }

    /// Types text as it is (hanzi included).
    func type(_ text: String) async throws {
        try await self.tmux(["send-keys", "-t", Self.session, "-l", text])
    }

    /// Presses keys by tmux's names: "Enter", "Tab", "Escape", "F5", "Up", "BSpace", or single characters.
    func press(_ keys: String...) async throws {
        try await self.tmux(["send-keys", "-t", Self.session] + keys)
    }

    /// What the terminal shows now, one line per row.
    func screen() async throws -> String {
        try await self.tmux(["capture-pane", "-p", "-t", Self.session]).output
    }

    /// Waits until the screen shows every one of `texts`, and returns the screen; throws with the last
    /// screen when it does not within `seconds`.
    @discardableResult
    func waitFor(_ texts: String..., seconds: Double = 30) async throws -> String {
        try await self.waitFor(all: texts, seconds: seconds)
    }

    @discardableResult
    func waitFor(all texts: [String], seconds: Double = 30) async throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try await self.screen()
            if texts.allSatisfy(last.contains) { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TerminalError(message: "waited \(seconds) s for \(texts); the screen shows:\n\(last)")
    }

    /// The line under the cursor of a list or form (marked "▸").
    func currentLine() async throws -> String {
        try await self.screen().split(separator: "\n").first { $0.hasPrefix("▸") }.map(String.init) ?? ""
    }

    /// Moves through a form with Tab (then Shift-Tab, when the label is above) until the current line
    /// shows `label`; `skipping` such lines first.
    func focus(_ label: String, skipping: Int = 0) async throws {
        try await self.move(to: label, skipping: skipping, key: "Tab", back: "BTab")
    }

    /// Presses `key` until the current (marked) line shows `label`, waiting for the screen after each
    /// press; at the last line, presses `back` instead.
    func move(to label: String, skipping: Int = 0, key: String, back: String) async throws {
        var skipped = 0
        var line = try await self.currentLine()
        var pressing = key
        for _ in 0..<120 {
            if line.contains(label) {
                if skipped == skipping { return }
                skipped += 1
            }
            try await self.press(pressing)
            let before = line
            let deadline = Date().addingTimeInterval(5)
            repeat {
                line = try await self.currentLine()
                if line != before { break }
                try await Task.sleep(for: .milliseconds(20))
            } while Date() < deadline
            if line == before {
                if pressing == back { break }   // both ends seen
                pressing = back
            }
        }
        throw TerminalError(message: "no line '\(label)' to move to:\n\(try await self.screen())")
    }

    /// Waits until the screen no longer shows `text`, and returns the screen.
    @discardableResult
    func waitUntilGone(_ text: String, seconds: Double = 30) async throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try await self.screen()
            if !last.contains(text) { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TerminalError(message: "waited \(seconds) s for '\(text)' to go; the screen shows:\n\(last)")
    }

    /// Changes the terminal's size, as a resized window does.
    func resize(columns: Int, rows: Int) async throws {
        try await self.tmux(["resize-window", "-t", Self.session, "-x", "\(columns)", "-y", "\(rows)"])
    }

    func close() async {
        _ = try? await self.tmux(["kill-server"])
    }
}

struct TerminalError: Error, CustomStringConvertible {
    var message: String
    var description: String { self.message }
}

/// Starts a program as a terminal needs it: no signal blocked or ignored (this test process blocks
/// most signals on its threads, and a blocked mask is inherited by every process below: the tmux
/// server, then the screen, which would then never see SIGWINCH or SIGHUP), and no descriptor but
/// /dev/null on 0-2 (the tmux server outlives the call and must hold none of this process's pipes).
enum CleanSpawn {
    /// Runs `arguments` (found on PATH) with LANG and LC_ALL C.UTF-8 and waits; returns its exit status.
    /// A shell in between closes every descriptor above 2 before it becomes the program.
    static func run(_ program: [String]) throws -> Int32 {
        let closeAll = "for fd in /proc/$$/fd/*; do n=${fd##*/}; [ \"$n\" -gt 2 ] && eval \"exec $n>&-\"; done; exec \"$@\""
        let arguments = ["/bin/bash", "-c", closeAll, "bash"] + program
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var every = sigset_t()
        sigemptyset(&every)
        for signal: Int32 in 1..<32 where signal != SIGKILL && signal != SIGSTOP { sigaddset(&every, signal) }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &every)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = "C.UTF-8"
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw TerminalError(message: "cannot start \(arguments[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1
    }
}
