import NIOCore
import NIOTLS

/// Closes a connection whose TLS handshake has not completed in time, so that a peer that opens
/// connections and stalls mid-handshake (slow-loris at the TLS layer) cannot hold connection slots.
/// Sits right after the TLS handler; removes nothing and passes every event on.
final class TLSHandshakeDeadline: ChannelInboundHandler {
    typealias InboundIn = NIOAny

    private let timeout: TimeAmount
    private var deadline: Scheduled<Void>?
    private var completed = false

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { self.arm(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        self.arm(context)
        context.fireChannelActive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted = event as? TLSUserEvent {
            self.completed = true
            self.deadline?.cancel()
            self.deadline = nil
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.deadline?.cancel()
        self.deadline = nil
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.deadline?.cancel()
        self.deadline = nil
    }

    private func arm(_ context: ChannelHandlerContext) {
        guard self.deadline == nil, !self.completed else { return }
        self.deadline = context.eventLoop.assumeIsolated().scheduleTask(in: self.timeout) {
            context.close(promise: nil)
        }
    }
}
