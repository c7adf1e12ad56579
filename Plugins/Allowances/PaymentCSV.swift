import Foundation

/// One line of the bank's payment list.
struct PaymentCSVLine: Sendable, Hashable {
    var payment: PaymentRow
    var childName: String
    var identityNumber: String
}

/// The payment list as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when needed).
enum PaymentCSV {
    static let header = ["month", "village", "child_id", "name", "identity_number", "allowance_type", "amount_yuan", "allowance_id"]

    static func render(_ lines: [PaymentCSVLine]) -> String {
        var rows = [self.header]
        for line in lines {
            let payment = line.payment
            rows.append([
                payment.month.description, payment.village, payment.childID, line.childName, line.identityNumber,
                payment.kind.rawValue, self.yuan(payment.amountFen), payment.allowanceID,
            ])
        }
        return rows.map { $0.map(self.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Fen as yuan with two decimals, e.g. 123456 → "1234.56".
    static func yuan(_ fen: Int64) -> String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
