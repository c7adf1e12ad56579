public import GRPCCore
import SwiftProtobuf

/// Names the proto message in the refusal of a request that does not parse.
///
/// GRPCProtobuf's deserializer says "Can't deserialize to message of type Kiosk_Core_V1_…", the Swift
/// type, which a kiosk vendor working from the `.proto` files cannot look up. This interceptor, first in
/// the chain, rewrites that `INVALID_ARGUMENT` to name `kiosk.core.v1.…` and what was wrong. The bytes
/// themselves are never quoted.
public struct RequestDecodingInterceptor: ServerInterceptor {
    /// Creates the interceptor.
    public init() {}

    public func intercept<Input: Sendable, Output: Sendable>(
        request: StreamingServerRequest<Input>,
        context: ServerContext,
        next: @Sendable (StreamingServerRequest<Input>, ServerContext) async throws -> StreamingServerResponse<Output>
    ) async throws -> StreamingServerResponse<Output> {
        guard let messageType = Input.self as? any SwiftProtobuf.Message.Type else { return try await next(request, context) }
        let messages = RenamingDecodingErrors(base: request.messages, protoName: messageType.protoMessageName)
        return try await next(StreamingServerRequest(metadata: request.metadata, messages: RPCAsyncSequence(wrapping: messages)), context)
    }

    /// The refusal of request bytes that do not parse as `protoName`, when `error` is such a failure.
    static func renamed(_ error: any Error, protoName: String) -> RPCError? {
        guard let error = error as? RPCError, error.code == .invalidArgument else { return nil }
        let reason: String
        switch error.cause {
        case let cause as BinaryDecodingError: reason = Self.describe(cause)
        case is SwiftProtobufError: reason = "it is malformed"
        default: return nil
        }
        return RPCError(code: .invalidArgument, message: "the request does not parse as \(protoName): \(reason)", cause: error.cause)
    }

    private static func describe(_ error: BinaryDecodingError) -> String {
        switch error {
        case .truncated: "it ends inside a field"
        case .invalidUTF8: "a string field is not valid UTF-8"
        case .messageDepthLimit: "it nests messages too deeply"
        case .trailingGarbage, .malformedProtobuf: "it is not valid protobuf"
        default: "it is not valid protobuf"
        }
    }
}

/// A request stream whose parse failures name the proto message.
private struct RenamingDecodingErrors<Element: Sendable>: AsyncSequence, Sendable {
    let base: RPCAsyncSequence<Element, any Error>
    let protoName: String

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: RPCAsyncSequence<Element, any Error>.AsyncIterator
        let protoName: String

        mutating func next() async throws -> Element? {
            do {
                return try await self.base.next()
            } catch {
                throw RequestDecodingInterceptor.renamed(error, protoName: self.protoName) ?? error
            }
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: self.base.makeAsyncIterator(), protoName: self.protoName)
    }
}
