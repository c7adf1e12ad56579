// kiosk-harness: runs protocol scenarios against a live kioskd (docs/HARNESS.md).
//
//   kiosk-harness --port 7443 --ca ca.pem --kiosk k1 --credential C [--host H] [--protos DIR]... \
//       [--var worker_id=w1] [--var worker_pin=123456] SCENARIO_FILE_OR_DIR...
import Foundation
import KioskHarness

let usage = """
    usage: kiosk-harness --port P [--ca FILE] --kiosk ID --credential C [--host H] [--protos DIR]... [--var NAME=VALUE]... FILE_OR_DIR...
      --ca: the county CA's certificate; the harness then speaks TLS (default: $KIOSK_CA; without: plaintext, loopback only)
    """

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(64)
}

var host = "127.0.0.1"
var port: Int?
var caFile = ProcessInfo.processInfo.environment["KIOSK_CA"].flatMap { $0.isEmpty ? nil : $0 }
var kiosk: String?
var credential: String?
var roots: [String] = []
var variables: [String: String] = [:]
var paths: [String] = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    guard argument.hasPrefix("--") else {
        paths.append(argument)
        continue
    }
    guard let value = arguments.popFirst() else { fail(usage) }
    switch argument {
    case "--host": host = value
    case "--port": port = Int(value)
    case "--ca": caFile = value
    case "--kiosk": kiosk = value
    case "--credential": credential = value
    case "--protos": roots.append(value)
    case "--var":
        let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { fail("--var NAME=VALUE") }
        variables[parts[0]] = parts[1]
    default: fail(usage)
    }
}
guard let port, let kiosk, let credential, !paths.isEmpty else { fail(usage) }

do {
    let files = try ScenarioFiles.find(in: paths)
    let schema = try ProtoSchema.load(roots: roots.isEmpty ? ["Protos"] : roots, workDirectory: NSTemporaryDirectory())
    defer { schema.remove() }
    let harness = Harness(schema: schema, settings: HarnessSettings(host: host, port: port, caFile: caFile, kioskID: kiosk, credential: credential, variables: variables))
    var failed = 0
    for file in files {
        let scenario = try ScenarioParser.parse(try String(contentsOfFile: file, encoding: .utf8), file: file)
        let result = harness.runBlocking(scenario)
        print(result.report)
        if !result.passed { failed += 1 }
    }
    print("\(files.count - failed) of \(files.count) scenario(s) passed")
    exit(failed == 0 ? 0 : 1)
} catch {
    FileHandle.standardError.write(Data("kiosk-harness: \(error)\n".utf8))
    exit(1)
}
