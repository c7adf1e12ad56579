public import GRPCCore

/// The status code `body` fails with, or nil when it succeeds; any error that is not an `RPCError`
/// counts as UNKNOWN. For tests that expect a refusal.
public func rpcCode(of body: () async throws -> Void) async -> RPCError.Code? {
    await rpcError(of: body)?.code
}

/// The `RPCError` `body` fails with, or nil when it succeeds; any other error becomes UNKNOWN with
/// its description.
public func rpcError(of body: () async throws -> Void) async -> RPCError? {
    do {
        try await body()
        return nil
    } catch let error as RPCError {
        return error
    } catch {
        return RPCError(code: .unknown, message: "\(error)")
    }
}
