import Foundation
import GRPCCore
import KioskPluginKit
import KioskProtos
import KioskTransport
import KioskWire

/// `kiosk.host.v1.Host`: what this server runs.
struct HostService: Kiosk_Host_V1_Host.SimpleServiceProtocol {
    let plugins: [PluginMetadata]
    let security: TransportSecurity
    let tls: ServerTLS?

    func getServerInfo(
        request: Kiosk_Host_V1_GetServerInfoRequest,
        context: ServerContext
    ) async throws -> Kiosk_Host_V1_GetServerInfoResponse {
        var response = Kiosk_Host_V1_GetServerInfoResponse()
        response.serverVersion = KioskHost.version
        response.protocolVersion = FrameLimits.supportedProtocolVersions.max() ?? 1
        response.kioskID = context.kiosk?.kioskID ?? ""
        switch self.security {
        case .tls: response.transportSecurity = .tls
        case .plaintextLoopback: response.transportSecurity = .plaintextLoopback
        case .insecurePlaintext: response.transportSecurity = .insecurePlaintext
        }
        if let tls = self.tls { response.certificateNotAfterUnix = Int64(tls.identity.notValidAfter.timeIntervalSince1970) }
        response.plugins = self.plugins.map { plugin in
            var info = Kiosk_Host_V1_PluginInfo()
            info.id = plugin.id
            info.version = plugin.version
            info.displayName = plugin.displayName
            return info
        }
        return response
    }
}
