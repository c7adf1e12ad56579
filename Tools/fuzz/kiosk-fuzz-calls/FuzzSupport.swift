import Foundation
import KioskHarness

#if KIOSK_FUZZING
/// libFuzzer's entry for programs that keep their own `main` (SwiftPM gives every executable one).
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The symbol libFuzzer's runtime links against; inputs arrive through `LLVMFuzzerRunDriver`'s callback,
/// which is this same function.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzerDriver.body(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

/// Hands the process to libFuzzer with one input handler.
enum FuzzerDriver {
    nonisolated(unsafe) static var body: ([UInt8]) -> Void = { _ in }

    static func run(_ body: @escaping ([UInt8]) -> Void) -> CInt {
        Self.body = body
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzerTestOneInput(data, size) }
    }
}
#endif

/// Writes a seed corpus made from the repository's scenario files.
enum FuzzSeeds {
    static let scenarioFolders = ["Tests/Scenarios", "Plugins", "Sources/KioskCore/Scenarios", "Tests/Fixtures/EchoPlugin/Scenarios"]

    static func write(to directory: String, _ make: (ProtoSchema, [Scenario]) throws -> [[UInt8]]) throws {
        let schema = try ProtoSchema.load(roots: ["Protos"], workDirectory: NSTemporaryDirectory())
        defer { schema.remove() }
        let scenarios = try ScenarioFiles.find(in: Self.scenarioFolders).map { file in
            try ScenarioParser.parse(try String(contentsOfFile: file, encoding: .utf8), file: file)
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let seeds = try make(schema, scenarios)
        for (index, seed) in seeds.enumerated() {
            try Data(seed).write(to: URL(fileURLWithPath: directory).appendingPathComponent(String(format: "seed-%04d", index)))
        }
        print("wrote \(seeds.count) seeds from \(scenarios.count) scenario files to \(directory)")
    }
}
