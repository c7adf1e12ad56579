import Foundation
public import GRPCCore
import KioskPluginKit
import KioskRecords
public import KioskProtos
import KioskDomain
import KioskTransport

/// `kiosk.core.v1.Session`: signing in and out at a kiosk.
public struct SessionService: Kiosk_Core_V1_Session.ServiceProtocol {
    private let directory: WorkerDirectory

    /// Creates the service over the worker directory.
    public init(directory: WorkerDirectory) {
        self.directory = directory
    }

    public func signIn(
        request: ServerRequest<Kiosk_Core_V1_SignInRequest>,
        context: ServerContext
    ) async throws -> ServerResponse<Kiosk_Core_V1_SignInResponse> {
        guard let kiosk = context.kiosk else { throw RPCError(code: .internalError, message: "sign-in needs the kiosk transport") }
        let message = request.message
        guard !message.workerID.isEmpty, !message.pin.isEmpty else {
            throw RPCError(code: .invalidArgument, message: "worker_id and pin are required")
        }
        let session = try await self.directory.signIn(workerID: message.workerID, pin: message.pin, kioskID: kiosk.kioskID)
        var response = Kiosk_Core_V1_SignInResponse()
        response.sessionToken = session.token
        response.expiresAtUnix = Int64(session.expiresAt.timeIntervalSince1970)
        response.worker = Self.wire(session.worker)
        return ServerResponse(message: response)
    }

    public func signOut(
        request: ServerRequest<Kiosk_Core_V1_SignOutRequest>,
        context: ServerContext
    ) async throws -> ServerResponse<Kiosk_Core_V1_SignOutResponse> {
        try await self.directory.signOut(token: try AccessInterceptor.sessionToken(in: request.metadata))
        return ServerResponse(message: Kiosk_Core_V1_SignOutResponse())
    }

    public func whoAmI(
        request: ServerRequest<Kiosk_Core_V1_WhoAmIRequest>,
        context: ServerContext
    ) async throws -> ServerResponse<Kiosk_Core_V1_WhoAmIResponse> {
        let caller = try Caller.required()
        // The caller carries no display name; the directory has it, as SignIn answers it.
        guard let worker = try await self.directory.worker(withID: caller.workerID), worker.active else {
            throw AccessError(.unauthenticated, "the session is not valid: sign in again")
        }
        var response = Kiosk_Core_V1_WhoAmIResponse()
        response.worker = Self.wire(worker)
        response.kioskID = caller.kioskID
        response.expiresAtUnix = Int64(caller.sessionExpiresAt.timeIntervalSince1970)
        return ServerResponse(message: response)
    }

    static func wire(_ worker: WorkerDirectory.Worker) -> Kiosk_Core_V1_Worker {
        var wire = Kiosk_Core_V1_Worker()
        wire.workerID = worker.workerID
        wire.displayName = worker.displayName
        wire.role = self.wire(worker.role)
        wire.jurisdiction = worker.jurisdiction.digits
        return wire
    }

    static func wire(_ role: WorkerRole) -> Kiosk_Core_V1_Role {
        switch role {
        case .villageDirector: .villageDirector
        case .townshipSupervisor: .townshipSupervisor
        case .countyOfficer: .countyOfficer
        case .operator: .operator
        default: .unspecified
        }
    }
}
