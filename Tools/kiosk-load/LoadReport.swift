import Foundation

/// Throughput and latency percentiles of one load run.
struct LoadReport: CustomStringConvertible {
    let latencies: [Duration]
    let elapsed: Duration
    let heading: String
    let unit: String

    func percentile(_ p: Double, of sorted: [Duration]) -> Duration {
        guard !sorted.isEmpty else { return .zero }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    var description: String {
        let sorted = self.latencies.sorted()
        let seconds = Double(self.elapsed.components.seconds) + Double(self.elapsed.components.attoseconds) / 1e18
        func ms(_ duration: Duration) -> String {
            let value = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
            return String(format: "%.3f ms", value)
        }
        return """
            \(self.heading)
            \(self.unit): \(sorted.count) in \(String(format: "%.2f", seconds)) s = \(String(format: "%.0f", Double(sorted.count) / seconds)) \(self.unit)/s
            latency p50: \(ms(self.percentile(50, of: sorted)))  p99: \(ms(self.percentile(99, of: sorted)))  p99.9: \(ms(self.percentile(99.9, of: sorted)))  max: \(ms(sorted.last ?? .zero))
            """
    }
}
