import Foundation
import KioskTesting
import Testing

/// The kiosk screen program, built with the vendors' Makefile (Tools/c-client) into a build folder of
/// its own (so that it never races the C client tests' builds), and the settings to run it with.
enum ScreenProgram {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let buildFolder = "build/screen-tests"
    static var executable: URL {
        packageRoot.appendingPathComponent("Tools/c-client/\(buildFolder)/kiosk-screen")
    }
    static var labels: URL { packageRoot.appendingPathComponent("Protos") }

    /// Builds the program (make rebuilds only what changed); fails the test with make's output if it cannot.
    static func build() async throws {
        let make = try await ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            arguments: ["make", "-s", "-C", packageRoot.appendingPathComponent("Tools/c-client").path,
                        "BUILD=\(buildFolder)", "\(buildFolder)/kiosk-screen"]
        )
        try #require(make.status == 0, "make kiosk-screen failed:\n\(make.output)\(make.error)")
    }

    /// The command line for a kiosk talking to `port`, with its outboxes in `outboxes`.
    /// With `ca` (the live host's test CA file) the screen connects with TLS, as at a county.
    static func command(port: Int, ca: String?, kiosk: LiveKioskHost.Kiosk, outboxes: URL, extra: [String] = []) -> [String] {
        [executable.path, "--host", "127.0.0.1", "--port", "\(port)", "--kiosk", kiosk.id, "--credential", kiosk.credential,
         "--labels", labels.path, "--outbox-dir", outboxes.path, "--retry-seconds", "1"] + (ca.map { ["--ca", $0] } ?? []) + extra
    }

    /// A fresh folder for a test's outbox files.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-screen-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Today in China Standard Time, as the screen and the server count days.
    static var today: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// The date `months` months before today (day clamped to 28), for a child of a given age.
    static func monthsAgo(_ months: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 8 * 3600)!
        let date = calendar.date(byAdding: .month, value: -months, to: Date())!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, min(parts.day!, 28))
    }
}

extension Terminal {
    /// Signs a worker in at the sign-in screen and waits for the home screen.
    func signIn(_ worker: String, pin: String) async throws {
        try await self.waitFor("请输入工号和密码")
        try await self.type(worker)
        try await self.press("Tab")
        try await self.type(pin)
        try await self.press("Enter")
        try await self.waitFor("今日工作")
    }

    /// From the home screen: finds a child by `query` and opens the first child found.
    func openChild(_ query: String, name: String) async throws {
        try await self.press("1")
        try await self.waitFor("姓名/拼音/身份证号")
        try await self.type(query)
        try await self.press("Enter")
        try await self.waitFor(name)
        try await self.press("Enter")
        try await self.waitFor("儿童档案", "\(name)（")
    }
}
