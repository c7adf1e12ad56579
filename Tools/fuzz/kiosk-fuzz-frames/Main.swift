import Foundation
import KioskHarness

/// `kiosk-fuzz-frames [libFuzzer options] [corpus…]`, or `--write-seeds DIR` (see Tools/fuzz/README.md).
@main
enum Main {
    static func main() throws {
        let arguments = CommandLine.arguments
        if arguments.count == 3, arguments[1] == "--write-seeds" {
            try FuzzSeeds.write(to: arguments[2]) { schema, scenarios in FuzzFrames.seeds(schema: schema, scenarios: scenarios) }
            return
        }
        #if KIOSK_FUZZING
        exit(FuzzerDriver.run { FuzzFrames.run($0) })
        #else
        // Without libFuzzer: run each file once (a crasher, a corpus entry), as a regression check.
        for path in arguments.dropFirst() {
            FuzzFrames.run(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        }
        #endif
    }
}
