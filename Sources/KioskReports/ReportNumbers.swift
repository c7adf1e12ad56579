import Foundation

/// How reports write numbers: whole numbers as they are, yuan with two decimals, medians with at
/// most one; for people, thousands grouped with commas.
public enum ReportNumbers {
    /// For CSV: no grouping (`130000`, `1234.50`, `12.5`).
    public static func plain(_ value: Double, unit: String) -> String {
        if unit == "yuan" { return String(format: "%.2f", value) }
        if value == value.rounded() { return String(format: "%.0f", value) }
        return String(format: "%.1f", value)
    }

    /// For people to read: thousands grouped (`130,000`, `1,234.50`).
    public static func grouped(_ value: Double, unit: String) -> String {
        let text = self.plain(value, unit: unit)
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1).map(String.init)
        var digits = Array(parts[0])
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return (negative ? "-" : "") + String(digits) + (parts.count > 1 ? "." + parts[1] : "")
    }
}
