public import GRPCCore

/// Adds `authorization: Bearer <token>` to every call, as a signed-in kiosk does.
public struct SessionInterceptor: ClientInterceptor {
    private let token: String

    /// Creates the interceptor for a session token from `SignIn`.
    public init(token: String) {
        self.token = token
    }

    public func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingClientRequest<Input>,
        context: ClientContext,
        next: (StreamingClientRequest<Input>, ClientContext) async throws -> StreamingClientResponse<Output>
    ) async throws -> StreamingClientResponse<Output> {
        var request = request
        request.metadata.replaceOrAddString("Bearer \(self.token)", forKey: "authorization")
        return try await next(request, context)
    }
}
