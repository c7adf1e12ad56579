import NIOCore
import NIOTLS

/// Tells the dialler how the client's TLS handshake ended: with the ALPN protocol the server chose,
/// or with the error that ended it (also when the connection closed first). The kiosk's hello is sent
/// only after this has succeeded.
final class TLSHandshakeWatcher: ChannelInboundHandler {
    typealias InboundIn = NIOAny

    private let promise: EventLoopPromise<String?>
    private var done = false

    init(promise: EventLoopPromise<String?>) {
        self.promise = promise
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted(let negotiated) = event as? TLSUserEvent { self.finish(.success(negotiated)) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.finish(.failure(error))
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.finish(.failure(ChannelError.eof))
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.finish(.failure(ChannelError.ioOnClosedChannel))
    }

    private func finish(_ result: Result<String?, any Error>) {
        guard !self.done else { return }
        self.done = true
        self.promise.completeWith(result)
    }
}
