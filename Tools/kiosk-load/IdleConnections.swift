import Foundation
import KioskTransport

/// Holds `count` welcomed connections open and idle, and reads the server's resident memory before
/// and after (Linux: /proc/PID/status), to give the memory one idle connection costs the server.
struct IdleConnections {
    let target: Target
    let count: Int
    let serverPid: Int32?

    func run() async throws -> String {
        let before = self.serverRSS()
        let transports = (0..<self.count).map { _ in self.target.transport() }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            for transport in transports { group.addTask { try await transport.connect() } }
            for transport in transports { try await transport.ready() }
            // Let the server settle (allocations freed after the handshakes) before reading.
            try await Task.sleep(for: .seconds(2))
            let after = self.serverRSS()
            for transport in transports { transport.beginGracefulShutdown() }
            try await group.waitForAll()
            var lines = ["idle connections: \(self.count)\(self.target.tls == nil ? "" : " (TLS)")"]
            if let before, let after {
                let per = Double(after - before) / Double(self.count)
                lines.append(String(format: "server RSS: %.1f MiB before, %.1f MiB with them open: %.1f KiB per idle connection",
                                    Double(before) / 1_048_576, Double(after) / 1_048_576, per / 1024))
            } else {
                lines.append("server RSS: not read (give --server-pid of a kioskd on this machine)")
            }
            return lines.joined(separator: "\n")
        }
    }

    /// The server's VmRSS in bytes, when its pid is known and /proc can be read.
    private func serverRSS() -> Int? {
        guard let pid = self.serverPid,
            let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kilobytes * 1024
    }
}
