import EchoPlugin
import GRPCCore
import GRPCProtobuf
import KioskProtos
import KioskHost
import KioskTesting

typealias EchoClient = Kiosk_Testing_Echo_V1_Echo.Client<KioskClientTransportAlias>
typealias KioskClientTransportAlias = KioskTransport.KioskClientTransport

import KioskTransport

extension LiveKioskHost {
    /// Starts a host with the echo plugin and one registered kiosk.
    static func withEcho<T: Sendable>(
        databasePath: String? = nil,
        configure: (inout KioskServerConfiguration) -> Void = { _ in },
        _ body: (LiveKioskHost, LiveKioskHost.Kiosk) async throws -> T
    ) async throws -> T {
        try await LiveKioskHost.with(plugins: [EchoPlugin.self], databasePath: databasePath, configure: configure) { host in
            let kiosk = try await host.registerKiosk("kiosk-a")
            return try await body(host, kiosk)
        }
    }
}

func sayRequest(_ text: String, delayMs: UInt32 = 0) -> Kiosk_Testing_Echo_V1_SayRequest {
    var request = Kiosk_Testing_Echo_V1_SayRequest()
    request.text = text
    request.delayMs = delayMs
    return request
}

func rpcCode(of body: () async throws -> Void) async -> RPCError.Code? {
    do {
        try await body()
        return nil
    } catch let error as RPCError {
        return error.code
    } catch {
        return .unknown
    }
}

func rpcError(of body: () async throws -> Void) async -> RPCError? {
    do {
        try await body()
        return nil
    } catch let error as RPCError {
        return error
    } catch {
        return RPCError(code: .unknown, message: "\(error)")
    }
}
