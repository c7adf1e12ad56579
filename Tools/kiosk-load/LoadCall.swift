import ArgumentParser
import Foundation
import GRPCCore
import KioskCore
import KioskHost
import KioskPluginKit
import KioskProtos
import KioskTesting
import KioskTransport

/// The unary call `kiosk-load` repeats.
enum LoadCall: String, ExpressibleByArgument, CaseIterable {
    /// `Host/GetServerInfo`: no session, no database.
    case serverInfo = "server-info"
    /// `Children/GetChild` as a signed-in village director: a session check and one audited read,
    /// that is, one durable write of an audit row per call.
    case getChild = "get-child"
}

/// What the calls of a run need besides the kiosk: a session and a child, for `get-child`.
struct LoadTarget: Sendable {
    /// The session token to send, if the call needs one.
    var sessionToken: String?
    /// The child to read, for `get-child`.
    var childID: String?

    /// The request `get-child` sends.
    var getChildRequest: Kiosk_Core_V1_GetChildRequest {
        var request = Kiosk_Core_V1_GetChildRequest()
        request.childID = self.childID ?? ""
        return request
    }

    /// The bench's worker: a village director of village `530102001001`.
    static let workerID = "bench-director"
    static let village = "530102001001"
    static let pin = "135790"

    /// Adds the bench's worker to a self-hosted server's directory.
    static func addWorker(to host: KioskHost, configuration: KioskServerConfiguration) async throws {
        try await WorkerDirectory(database: host.database, configuration: configuration.access).add(
            workerID: Self.workerID, displayName: "Load bench", role: .villageDirector, jurisdiction: Self.village, pin: Self.pin
        )
    }

    /// Signs the bench's worker in and registers one child to read.
    static func prepare(_ target: Target) async throws -> LoadTarget {
        let token = try await withGRPCClient(transport: target.transport()) { client in
            var request = Kiosk_Core_V1_SignInRequest()
            request.workerID = Self.workerID
            request.pin = Self.pin
            return try await Kiosk_Core_V1_Session.Client(wrapping: client).signIn(request).sessionToken
        }
        let childID = try await withGRPCClient(transport: target.transport(), interceptors: [SessionInterceptor(token: token)]) { client in
            var request = Kiosk_Core_V1_RegisterChildRequest()
            request.details.name = "王小莲"
            request.details.birthDate = "2019-04-23"
            request.details.sex = .female
            request.details.village = Self.village
            request.details.hukouStatus = .registeredLocal
            request.confirmedNotDuplicate = true
            return try await Kiosk_Core_V1_Children.Client(wrapping: client).registerChild(request).child.childID
        }
        return LoadTarget(sessionToken: token, childID: childID)
    }
}
