import Foundation
import KioskTesting
import Testing

extension ScreenTests {
    @Test("the label files name every service, method, field and enum value of the installed protos in both languages")
    func labelsComplete() async throws {
        try await ScreenProgram.build()
        let check = try await ChildProcess.run(
            ScreenProgram.executable, arguments: ["--check-labels", "--labels", ScreenProgram.labels.path]
        )
        #expect(check.status == 0, "\(check.output)\(check.error)")
        #expect(check.output.hasSuffix(" 0 missing\n"), "\(check.output)")
    }

    @Test("a label file without one of the labels fails the check, naming the label")
    func missingLabelReported() async throws {
        try await ScreenProgram.build()
        let folder = try ScreenProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let nutrition = ScreenProgram.labels.appendingPathComponent("kiosk/plugins/nutrition/v1/nutrition.labels")
        let key = "kiosk.plugins.nutrition.v1.RecordMeasurementRequest.weight_kg"
        let lines = try String(contentsOf: nutrition, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.contains { $0.hasPrefix(key + " =") })
        try lines.filter { !$0.hasPrefix(key + " =") }.joined(separator: "\n")
            .write(to: folder.appendingPathComponent("nutrition.labels"), atomically: true, encoding: .utf8)
        let core = ScreenProgram.labels.appendingPathComponent("kiosk/core/v1/core.labels")
        try FileManager.default.copyItem(at: core, to: folder.appendingPathComponent("core.labels"))
        let check = try await ChildProcess.run(ScreenProgram.executable, arguments: ["--check-labels", "--labels", folder.path])
        #expect(check.status == 1)
        #expect(check.output.contains("missing: \(key)\n"), "\(check.output)")
        #expect(check.output.contains("missing: kiosk.plugins.allowances.v1.Allowances\n"), "the other plugins' files are not there")
    }
}
