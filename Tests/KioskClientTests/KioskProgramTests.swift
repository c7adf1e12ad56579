import EchoPlugin
import Foundation
import KioskTesting
import SwiftProtobuf
import Testing

/// The `kiosk` command-line program, run as a person runs it, against a live kioskd.
struct KioskProgram {
    let port: Int
    /// The CA the server's certificate leads to (`--ca`), nil for plaintext.
    let caFile: String?
    let registration: Registration
    let directory: URL
    /// The commands run so far (the first argument of each run).
    private(set) var commands: Set<String> = []

    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("kiosk")
    }

    init(port: Int, caFile: String? = nil, registration: Registration) throws {
        self.port = port
        self.caFile = caFile
        self.registration = registration
        self.directory = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.directory, withIntermediateDirectories: true)
    }

    func removeFiles() {
        try? FileManager.default.removeItem(at: self.directory)
    }

    /// Runs `kiosk` with this kiosk's settings (on `port`, or the server's) and `arguments`, and
    /// records the command as tested.
    mutating func run(_ arguments: String..., port: Int? = nil) async throws -> ChildProcess {
        self.commands.insert(arguments[0])
        return try await self.launch(arguments, port: port)
    }

    /// Runs `kiosk` like ``run(_:port:)`` without recording the command.
    func launch(_ arguments: [String], port: Int? = nil) async throws -> ChildProcess {
        let settings = [
            "--host", "127.0.0.1", "--port", "\(port ?? self.port)",
        ] + (self.caFile.map { ["--ca", $0] } ?? []) + [
            "--kiosk", self.registration.kiosk.id, "--credential", self.registration.kiosk.credential,
            "--outbox", self.directory.appendingPathComponent("outbox.sqlite").path,
            "--session", self.directory.appendingPathComponent("session").path,
        ]
        return try await ChildProcess.run(Self.executable, arguments: settings + arguments)
    }

    /// The commands `kiosk help` lists: lines of its command list that start with two spaces and a word.
    static func helpCommands(_ help: String) -> Set<String> {
        Set(
            help.split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("  "), let first = line.dropFirst(2).first, first.isLowercase else { return nil }
                return line.dropFirst(2).split(separator: " ").first.map(String.init)
            }
        )
    }
}

/// The first value of `field: "…"` in the program's text output.
func textField(_ field: String, in output: String) -> String? {
    guard let range = output.range(of: "\(field): \"") else { return nil }
    let rest = output[range.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
}

@Suite("The kiosk program")
struct KioskProgramTests {
    @Test("every command of `kiosk help` runs against a live server and answers as documented")
    func everyCommand() async throws {
        try await LiveKioskHost.withEcho { host in
            var kiosk = try KioskProgram(port: host.port, caFile: host.caFile, registration: try await host.registerKioskAndWorker())
            defer { kiosk.removeFiles() }
            let help = try await kiosk.run("help")
            #expect(help.status == 0 && help.output.contains("commands:"))
            try await Self.session(&kiosk)
            let childID = try await Self.children(&kiosk)
            try await Self.offline(&kiosk, childID: childID)
            try await Self.applications(&kiosk, childID: childID)
            try await Self.outbox(&kiosk)
            try await Self.consent(&kiosk, host: host, childID: childID)
            let out = try await kiosk.run("sign-out")
            #expect(out.status == 0 && out.output == "signed out\n", "\(out.error)")
            let after = try await kiosk.run("whoami")
            #expect(after.status == 2 && after.error.contains("UNAUTHENTICATED"))
            let listed = KioskProgram.helpCommands(help.output)
            #expect(listed.count >= 25, "\(listed)")
            #expect(listed.subtracting(kiosk.commands).isEmpty, "not tested: \(listed.subtracting(kiosk.commands))")
        }
    }

    static func session(_ kiosk: inout KioskProgram) async throws {
        let info = try await kiosk.run("info")
        #expect(info.status == 0 && info.output.contains("kiosk_id: \"\(kiosk.registration.kiosk.id)\""), "\(info.error)")
        let ping = try await kiosk.run("ping")
        #expect(ping.status == 0 && ping.output.hasPrefix("pong from "), "\(ping.error)")
        let anonymous = try await kiosk.run("whoami")
        #expect(anonymous.status == 2 && anonymous.error.contains("UNAUTHENTICATED"))
        let wrong = try await kiosk.run("sign-in", kiosk.registration.worker.id, "0000000")
        #expect(wrong.status == 2 && wrong.error.contains("UNAUTHENTICATED"))
        let signIn = try await kiosk.run("sign-in", kiosk.registration.worker.id, kiosk.registration.worker.pin)
        #expect(signIn.status == 0, "\(signIn.error)")
        #expect(signIn.output.hasPrefix("signed in as director-1 (Test worker director-1), ROLE_VILLAGE_DIRECTOR of 530102001001, until 20"))
        let me = try await kiosk.run("whoami")
        #expect(me.status == 0)
        #expect(textField("worker_id", in: me.output) == "director-1")
        #expect(textField("display_name", in: me.output) == "Test worker director-1")
    }

    /// find, register, child, visit; returns the registered child's id.
    static func children(_ kiosk: inout KioskProgram) async throws -> String {
        let none = try await kiosk.run("find", "李小红")
        #expect(none.status == 0 && none.output == "no children found\n", "\(none.output)\(none.error)")
        let noHukou = try await kiosk.run("register", "李小红", "f", "2018-03-04", "530102001001")
        #expect(noHukou.status == 64 && noHukou.error.contains("HUKOU is missing"), "\(noHukou.error)")
        #expect(noHukou.error.contains("HUKOU must be local (registered in this county)"))
        let badSex = try await kiosk.run("register", "李小红", "x", "2018-03-04", "530102001001", "local")
        #expect(badSex.status == 64 && badSex.error.contains("sex is m or f"))
        let registered = try await kiosk.run("register", "李小红", "f", "2018-03-04", "530102001001", "local")
        #expect(registered.status == 0, "\(registered.error)")
        #expect(registered.output.contains("hukou_status: HUKOU_STATUS_REGISTERED_LOCAL"))
        let childID = try #require(textField("child_id", in: registered.output))
        let future = try await kiosk.run("register", "李小明", "m", "2031-03-04", "530102001001", "unregistered")
        #expect(future.status == 2 && future.error.contains("refused: INVALID_ARGUMENT: birth_date 2031-03-04 is in the future"))
        let found = try await kiosk.run("find", "li xiao hong")
        #expect(found.status == 0 && textField("child_id", in: found.output) == childID, "\(found.output)")
        let child = try await kiosk.run("child", childID)
        #expect(child.status == 0 && textField("name", in: child.output) == "李小红")
        #expect(textField("birth_date", in: child.output) == "2018-03-04")
        let visit = try await kiosk.run("visit", childID, "2025-01-15", "low", "at school")
        #expect(visit.status == 0 && visit.output.contains("risk_level: RISK_LEVEL_LOW"), "\(visit.error)")
        #expect(textField("visit_id", in: visit.output) != nil)
        return childID
    }

    /// With the server out of reach a submission waits in the outbox, counted as never sent; the
    /// next command that reaches the server sends it.
    static func offline(_ kiosk: inout KioskProgram, childID: String) async throws {
        let saved = try await kiosk.run("visit", childID, "2025-02-15", "medium", "coughing", port: 1)
        #expect(saved.status == 0 && saved.output.hasPrefix("saved in the outbox (key "), "\(saved.error)")
        let waiting = try await kiosk.run("outbox")
        let line = waiting.output.split(separator: "\n").last.map(String.init) ?? ""
        #expect(line.contains(" waiting ") && line.contains("(sent 0 times; last: cannot connect to 127.0.0.1:1"), "\(line)")
        let flushed = try await kiosk.run("flush")
        #expect(flushed.status == 0 && flushed.error == "outbox: 1 answered now, 0 waiting\n", "\(flushed.error)")
    }

    /// submit (a plugin's submission from a file), applications, application, transition, follow.
    static func applications(_ kiosk: inout KioskProgram, childID: String) async throws {
        var request = Kiosk_Testing_Echo_V1_SubmitNoteApplicationRequest()
        request.childID = childID
        request.note = "needs shoes"
        let file = kiosk.directory.appendingPathComponent("request.bin")
        try Data(try request.serializedBytes() as [UInt8]).write(to: file)
        let none = try await kiosk.run("applications", childID)
        #expect(none.status == 0 && none.output == "no applications found\n", "\(none.output)")
        let submitted = try await kiosk.run("submit", "/kiosk.testing.echo.v1.Echo/SubmitNoteApplication", file.path, "note")
        #expect(submitted.status == 0 && submitted.output.hasPrefix("done (key "), "\(submitted.error)")
        let list = try await kiosk.run("applications", childID)
        #expect(list.status == 0 && list.output.contains("state: APPLICATION_STATE_SUBMITTED"), "\(list.output)")
        let applicationID = try #require(textField("application_id", in: list.output))
        let one = try await kiosk.run("application", applicationID)
        #expect(one.status == 0 && one.output.contains("action: APPLICATION_ACTION_SUBMIT"), "\(one.output)")
        let withdrawn = try await kiosk.run("transition", applicationID, "withdraw", "moved to the county town")
        #expect(withdrawn.status == 0 && withdrawn.output.contains("state: APPLICATION_STATE_WITHDRAWN"), "\(withdrawn.error)")
        let refused = try await kiosk.run("transition", applicationID, "approve")
        #expect(refused.status == 2 && refused.error.contains("refused: FAILED_PRECONDITION"), "\(refused.error)")
        let follow = try await kiosk.run("follow", "0", "1")
        #expect(follow.status == 0, "\(follow.error)")
        let events = follow.output.components(separatedBy: "--\n").filter { $0.contains("application_id") }
        #expect(events.count == 2 && follow.output.contains("APPLICATION_ACTION_WITHDRAW"), "\(follow.output)")
        let cursors = follow.output.split(separator: "\n").filter { $0.hasPrefix("cursor: ") }.map { $0.dropFirst(8) }
        #expect(follow.error.contains("no event for a while; go on with: kiosk follow \(cursors.last ?? "?")"), "\(follow.error)")
    }

    /// Every entry on a line of its own, with its answer.
    static func outbox(_ kiosk: inout KioskProgram) async throws {
        let listing = try await kiosk.run("outbox")
        #expect(listing.status == 0)
        let lines = listing.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        // register (OK, refused), visit, offline visit, submit, transition (OK, refused)
        #expect(lines.count == 7, "\(listing.output)")
        let shape = /^\d+ +[0-9a-f]{32}  answered \/\S+ +.* -> [A-Z_]+(: .+)?$/
        for line in lines { #expect(line.wholeMatch(of: shape) != nil, "\(line)") }
        #expect(lines.filter { $0.hasSuffix("-> OK") }.count == 5)
        #expect(lines.contains { $0.contains("register child") && $0.contains("-> INVALID_ARGUMENT: birth_date 2031-03-04") })
        #expect(lines.contains { $0.contains("transition application") && $0.contains("-> FAILED_PRECONDITION: ") })
        let flush = try await kiosk.run("flush")
        #expect(flush.status == 0 && flush.error == "outbox: 0 answered now, 0 waiting\n")
    }
}
