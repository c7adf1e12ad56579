import EchoPlugin
import GRPCCore
import GRPCProtobuf
import KioskProtos
import KioskCore
import KioskHost
import KioskTesting

typealias EchoClient = Kiosk_Testing_Echo_V1_Echo.Client<KioskClientTransportAlias>
typealias KioskClientTransportAlias = KioskTransport.KioskClientTransport

import KioskTransport

extension LiveKioskHost {
    /// Starts a host with the echo plugin and one registered kiosk.
    static func withEcho<T: Sendable>(
        databasePath: String? = nil,
        security: LiveKioskHost.Security = .tls,
        configure: (inout KioskServerConfiguration) -> Void = { _ in },
        _ body: (LiveKioskHost, LiveKioskHost.Kiosk) async throws -> T
    ) async throws -> T {
        try await LiveKioskHost.with(plugins: [EchoPlugin.self], databasePath: databasePath, security: security, configure: configure) { host in
            let kiosk = try await host.registerKiosk("kiosk-a")
            if try await host.directory.list().isEmpty {
                _ = try await host.addWorker(defaultWorker.id, pin: defaultWorker.pin)
            }
            return try await body(host, kiosk)
        }
    }

    /// A client signed in as the default worker at `kiosk`.
    func withWorkerClient<T: Sendable>(
        kiosk: LiveKioskHost.Kiosk,
        _ body: (GRPCClient<KioskClientTransport>) async throws -> T
    ) async throws -> T {
        try await self.withSignedInClient(kiosk: kiosk, worker: defaultWorker, body)
    }
}

/// The worker `withEcho` adds: a village director.
let defaultWorker = LiveKioskHost.Worker(id: "director-1", pin: "246810")

extension RawWireConnection {
    /// Hello as `kiosk`, then sign in the default worker; returns the authorization entry.
    func helloAndSignIn(_ kiosk: LiveKioskHost.Kiosk, callID: UInt32 = 1) async throws -> Kiosk_Wire_V1_MetadataEntry {
        _ = try await self.hello(kioskID: kiosk.id, credential: kiosk.credential)
        return try await self.signIn(callID: callID, workerID: defaultWorker.id, pin: defaultWorker.pin)
    }
}

func sayRequest(_ text: String, delayMs: UInt32 = 0) -> Kiosk_Testing_Echo_V1_SayRequest {
    var request = Kiosk_Testing_Echo_V1_SayRequest()
    request.text = text
    request.delayMs = delayMs
    return request
}


