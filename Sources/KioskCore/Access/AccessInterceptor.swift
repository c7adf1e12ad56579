public import GRPCCore
import KioskPluginKit
import KioskRecords
import KioskTransport

/// The one place that decides who is calling: every call except the public ones must carry a valid
/// session of a worker signed in at the same kiosk, and runs with that worker as ``Caller/current``.
public struct AccessInterceptor: ServerInterceptor {
    /// Methods any authenticated kiosk may call without a signed-in worker.
    public static let publicMethods: Set<String> = [
        "kiosk.host.v1.Host/GetServerInfo",
        "kiosk.core.v1.Session/SignIn",
    ]

    private let directory: WorkerDirectory

    /// Creates the interceptor over the worker directory.
    public init(directory: WorkerDirectory) {
        self.directory = directory
    }

    public func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>,
        context: ServerContext,
        next: @Sendable (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output> {
        if Self.publicMethods.contains(context.descriptor.fullyQualifiedMethod) {
            return try await next(request, context)
        }
        guard let kiosk = context.kiosk else {
            throw RPCError(code: .internalError, message: "access control needs the kiosk transport")
        }
        let token = try Self.sessionToken(in: request.metadata)
        let caller: Caller
        do {
            caller = try await self.directory.caller(forToken: token, kioskID: kiosk.kioskID)
        } catch let error as AccessError {
            throw RPCError(code: error.rpcErrorCode, message: error.message)
        }
        var response = try await Caller.$current.withValue(caller) {
            try await next(request, context)
        }
        // A streaming handler's body runs in the producer, after this function has returned:
        // bind the caller there too.
        if case .success(var contents) = response.accepted {
            let producer = contents.producer
            contents.producer = { writer in
                try await Caller.$current.withValue(caller) { try await producer(writer) }
            }
            response.accepted = .success(contents)
        }
        return response
    }

    /// The token of an `authorization: Bearer <token>` entry.
    static func sessionToken(in metadata: Metadata) throws -> String {
        guard let value = metadata[stringValues: "authorization"].first(where: { _ in true }) else {
            throw RPCError(
                code: .unauthenticated,
                message: "sign in first: the call carries no session (metadata 'authorization: Bearer <token>')"
            )
        }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty else {
            throw RPCError(code: .unauthenticated, message: "the authorization metadata must read 'Bearer <session token>'")
        }
        return String(parts[1])
    }
}
