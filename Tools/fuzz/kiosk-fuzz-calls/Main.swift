import Dispatch
import EchoPlugin
import Foundation
import InstalledPlugins
import KioskHarness
import KioskProtos
import KioskTesting

/// `kiosk-fuzz-calls [libFuzzer options] [corpus…]`, or `--write-seeds DIR` (see Tools/fuzz/README.md).
/// Run from the repository's root: it reads `Protos/` for the list of methods.
@main
enum Main {
    static func main() throws {
        let arguments = CommandLine.arguments
        if arguments.count == 3, arguments[1] == "--write-seeds" {
            try FuzzSeeds.write(to: arguments[2]) { schema, scenarios in CallFuzzer.seeds(schema: schema, scenarios: scenarios) }
            return
        }
        let fuzzer = Self.startServer()
        let run: ([UInt8]) -> Void = { input in
            let done = DispatchSemaphore(value: 0)
            // Detached: `main` runs on the main actor, which this thread now blocks.
            Task.detached {
                do { try await fuzzer.run(input) } catch { fatalError("the kiosk side failed: \(error)") }
                done.signal()
            }
            done.wait()
        }
        #if KIOSK_FUZZING
        exit(FuzzerDriver.run(run))
        #else
        for path in arguments.dropFirst() { run(Array(try Data(contentsOf: URL(fileURLWithPath: path)))) }
        #endif
    }

    /// Starts kioskd in this process with every plugin, signs a village director in, and keeps both
    /// running until the process exits.
    static func startServer() -> CallFuzzer {
        let ready = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var fuzzer: CallFuzzer?
        Task.detached {
            do {
                let schema = try ProtoSchema.load(roots: ["Protos"], workDirectory: NSTemporaryDirectory())
                let methods = schema.methods.keys.sorted()
                schema.remove()
                // Plaintext: the calls are what is fuzzed here, not TLS (BoringSSL is fuzzed upstream).
                try await LiveKioskHost.with(plugins: [EchoPlugin.self] + InstalledPlugins.all, security: .plaintext) { host in
                    let kiosk = try await host.registerKiosk("fuzz-kiosk")
                    let worker = try await host.addWorker("director-1", pin: "246810")
                    try await RawWireConnection.with(host) { raw in
                        _ = try await raw.hello(kioskID: kiosk.id, credential: kiosk.credential)
                        let authorization = try await raw.signIn(callID: 1, workerID: worker.id, pin: worker.pin)
                        fuzzer = CallFuzzer(connection: raw, authorization: authorization, methods: methods)
                        ready.signal()
                        try await Task.sleep(for: .seconds(365 * 86_400))
                    }
                }
            } catch {
                fatalError("could not start the server: \(error)")
            }
        }
        ready.wait()
        return fuzzer!
    }
}
