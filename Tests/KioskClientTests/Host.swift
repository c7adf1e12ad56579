import EchoPlugin
import Foundation
import GRPCCore
import KioskHost
import KioskProtos
import KioskTesting

/// A kiosk and a worker registered once in a database (kept across restarts of the host).
struct Registration: Sendable {
    var kiosk: LiveKioskHost.Kiosk
    var worker: LiveKioskHost.Worker
}

extension LiveKioskHost {
    /// A host with the echo plugin on `databasePath` (a new temporary file when nil).
    static func withEcho<T: Sendable>(
        databasePath: String? = nil,
        port: Int = 0,
        configure: (inout KioskServerConfiguration) -> Void = { _ in },
        _ body: (LiveKioskHost) async throws -> T
    ) async throws -> T {
        try await LiveKioskHost.with(
            plugins: [EchoPlugin.self],
            databasePath: databasePath,
            configure: { configuration in
                configuration.port = port
                configure(&configuration)
            },
            body
        )
    }

    /// Registers the test kiosk and worker.
    func registerKioskAndWorker() async throws -> Registration {
        let kiosk = try await self.registerKiosk("kiosk-c")
        let worker = try await self.addWorker("director-1", pin: "246810")
        return Registration(kiosk: kiosk, worker: worker)
    }

    /// The texts of all stored echo notes, in id order.
    func noteTexts(_ registration: Registration) async throws -> [String] {
        try await self.withSignedInClient(kiosk: registration.kiosk, worker: registration.worker) { client in
            try await Kiosk_Testing_Echo_V1_Echo.Client(wrapping: client).listNotes(.init()) { response in
                var texts: [String] = []
                for try await note in response.messages { texts.append(note.text) }
                return texts
            }
        }
    }
}

func say(_ text: String, delayMs: UInt32 = 0) -> Kiosk_Testing_Echo_V1_SayRequest {
    var request = Kiosk_Testing_Echo_V1_SayRequest()
    request.text = text
    request.delayMs = delayMs
    return request
}

let sayMethod = "/kiosk.testing.echo.v1.Echo/Say"
