import ArgumentParser
import Foundation
import KioskTransport

/// Loads a kioskd over the kiosk wire (TLS or plaintext) and prints figures for docs/BENCHMARKS.md:
/// unary calls/s and latency, full handshakes/s, or the server's memory per idle connection.
@main
struct KioskLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk-load",
        abstract: "Load a kioskd with concurrent kiosk connections and print calls/s, handshakes/s or RSS per idle connection.",
        discussion: """
            Either point it at a running kioskd (--port, --kiosk-id, --credential, and --ca for TLS), or give \
            --self-host to start one in this process on a temporary database (client and server then share this \
            machine's cores); --security both then measures plaintext and TLS one after the other in the same run.
            Modes: calls (default): unary calls, GetServerInfo (--call server-info) or, with --self-host, an \
            audited GetChild as a signed-in village director (--call get-child; the worker and child are added first). --handshakes N: N full connections (TCP, TLS, hello, \
            welcome, close), --connections at a time. --idle N: N connections held open and idle; with --server-pid, \
            the server's RSS before and after, per connection.
            """
    )

    @Option(help: "Server host.") var host = "127.0.0.1"
    @Option(help: "Server port.") var port: Int?
    @Option(help: "Kiosk id registered on the server.") var kioskID: String?
    @Option(help: "That kiosk's credential.") var credential: String?
    @Option(help: "The CA the server's certificate leads to: connect with TLS.") var ca: String?
    @Flag(help: "Start a kioskd in this process on a temporary database and load it.") var selfHost = false
    @Option(help: "With --self-host: tls, plaintext or both (one after the other).") var security = "both"
    @Option(help: "Concurrent kiosk connections.") var connections = 16
    @Option(help: "Calls in flight per connection.") var inFlight = 4
    @Option(help: "Calls per connection.") var callsPerConnection = 2_000
    @Option(help: "The call: server-info (no session, no database) or get-child (audited read; needs --self-host).")
    var call = LoadCall.serverInfo
    @Option(help: "Measure this many full handshakes instead of calls.") var handshakes: Int?
    @Option(help: "Hold this many idle connections open instead of making calls.") var idle: Int?
    @Option(help: "With --idle: the kioskd process whose RSS to read (Linux /proc).") var serverPid: Int32?

    func validate() throws {
        guard self.connections > 0, self.inFlight > 0, self.callsPerConnection > 0 else {
            throw ValidationError("--connections, --in-flight and --calls-per-connection must be positive")
        }
        guard self.selfHost || (self.port != nil && self.kioskID != nil && self.credential != nil) else {
            throw ValidationError("give --port, --kiosk-id and --credential (and --ca for TLS), or --self-host")
        }
        guard self.call == .serverInfo || self.selfHost else { throw ValidationError("--call \(self.call.rawValue) needs --self-host") }
        guard ["tls", "plaintext", "both"].contains(self.security) else { throw ValidationError("--security is tls, plaintext or both") }
        guard (self.handshakes ?? 1) > 0, (self.idle ?? 1) > 0 else { throw ValidationError("--handshakes and --idle must be positive") }
    }

    func run() async throws {
        if self.selfHost {
            let choices: [Bool] = self.security == "both" ? [false, true] : [self.security == "tls"]
            for tls in choices {
                print("== \(tls ? "TLS" : "plaintext"), self-hosted")
                try await SelfHost.run(tls: tls, call: self.call) { target, calls in try await self.measure(target, calls: calls) }
            }
        } else {
            let tls = try self.ca.map { try ClientTLS(caFile: $0) }
            let target = Target(host: self.host, port: self.port!, kioskID: self.kioskID!, credential: self.credential!, tls: tls)
            print(try await self.measure(target, calls: LoadTarget()))
        }
    }

    /// Runs the chosen measurement against `target` and returns its report.
    func measure(_ target: Target, calls: LoadTarget) async throws -> String {
        if let count = self.handshakes {
            return try await HandshakeLoad(target: target, count: count, concurrency: self.connections).run().description
        }
        if let count = self.idle {
            return try await IdleConnections(target: target, count: count, serverPid: self.serverPid).run()
        }
        let load = CallLoad(
            target: target, call: self.call, calls: calls,
            connections: self.connections, inFlight: self.inFlight, callsPerConnection: self.callsPerConnection
        )
        return try await load.run().description
    }
}

/// A server to load and who to be to it.
struct Target: Sendable {
    var host: String
    var port: Int
    var kioskID: String
    var credential: String
    var tls: ClientTLS?

    /// A client transport for one connection.
    func transport() -> KioskClientTransport {
        KioskClientTransport(configuration: .init(host: self.host, port: self.port, kioskID: self.kioskID, credential: self.credential, tls: self.tls))
    }
}
