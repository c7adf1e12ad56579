import EchoPlugin
import GRPCCore
import KioskProtos
import KioskTesting
import Logging
import Synchronization
import Testing

/// Lines a `CapturingLogHandler` kept.
final class LogLines: Sendable {
    let lines = Mutex<[String]>([])
}

/// A log handler that keeps every line, with its metadata, for a test to search.
struct CapturingLogHandler: LogHandler {
    let store: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = self.metadata.merging(event.metadata ?? [:]) { $1 }
        self.store.lines.withLock { $0.append("\(event.level) \(event.message) \(all) \(event.source)") }
    }
}

/// Where a `CapturingLogHandler` keeps its lines.
final class CapturedLog: Sendable {
    let handler = CapturingLogHandler(store: LogLines())

    var logger: Logger {
        let handler = self.handler
        return Logger(label: "kiosk.test.captured") { _ in handler }
    }

    var text: String { self.handler.store.lines.withLock { $0.joined(separator: "\n") } }
}

@Suite("Personal data in refused calls")
struct PersonalDataLogTests {
    @Test("a refusal may repeat the caller's own values to the caller; the server's log (at trace) holds none of them")
    func refusalsAreNotLogged() async throws {
        let log = CapturedLog()
        let name = "测试小红"
        let futureBirth = "2031-02-01"
        let number = identityNumber(born: "20190423", sequence: 2)
        let wrongCheck = String(number.dropLast()) + (number.last == "1" ? "2" : "1")
        try await LiveKioskHost.with(plugins: [EchoPlugin.self], logger: log.logger) { host in
            let kiosk = try await host.registerKiosk("kiosk-log")
            let worker = try await host.addWorker("director-log", jurisdiction: CoreCounty.villageA1)
            try await host.withSignedInClient(kiosk: kiosk, worker: worker) { client in
                let children = Kiosk_Core_V1_Children.Client(wrapping: client)
                var future = Kiosk_Core_V1_RegisterChildRequest()
                future.details = childDetails(name, born: futureBirth)
                let error = await rpcError { _ = try await children.registerChild(future) }
                #expect(error?.code == .invalidArgument)
                #expect(error?.message.contains(futureBirth) == true, "the caller's own value comes back to the caller")

                var badNumber = Kiosk_Core_V1_RegisterChildRequest()
                badNumber.details = childDetails(name, born: "2019-04-23", identityNumber: wrongCheck)
                let numberError = await rpcError { _ = try await children.registerChild(badNumber) }
                #expect(numberError?.code == .invalidArgument)
                #expect(numberError?.message.contains("identity_number") == true)
            }
        }
        let text = log.text
        #expect(text.contains("kiosk authenticated"), "the capture saw the server's log")
        for secret in [name, futureBirth, "20310201", wrongCheck, String(wrongCheck.prefix(17)), "2019-04-23"] {
            #expect(!text.contains(secret), "the server logged \(secret)")
        }
    }
}
