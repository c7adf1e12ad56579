import Foundation
import KioskDomain

/// One WHO table: LMS rows per sex, indexed by whole days of age or by length/height in 0.1 cm steps.
struct LMSTable: Sendable {
    /// What the rows are indexed by.
    enum Index: Sendable, Hashable {
        /// Age in completed days; one row per day.
        case ageDays
        /// Length or height in centimetres; one row per 0.1 cm.
        case tenthsOfCentimetre
    }

    let index: Index
    /// The index of the first row, in days or tenths of a centimetre.
    private let first: [Sex: Int]
    private let rows: [Sex: [LMS]]

    init(index: Index, first: [Sex: Int], rows: [Sex: [LMS]]) {
        self.index = index
        self.first = first
        self.rows = rows
    }

    /// The row for an age in days, or nil outside the table.
    func row(sex: Sex, ageDays: Int) -> LMS? {
        guard self.index == .ageDays, let first = self.first[sex], let rows = self.rows[sex] else { return nil }
        let position = ageDays - first
        return rows.indices.contains(position) ? rows[position] : nil
    }

    /// The row for a length or height, interpolated between the 0.1 cm rows around it; nil outside the table.
    func row(sex: Sex, centimetres: Double) -> LMS? {
        guard self.index == .tenthsOfCentimetre, let first = self.first[sex], let rows = self.rows[sex] else { return nil }
        // Tolerate binary noise so that 80.2 cm lands exactly on its row.
        let position = (centimetres * 10 - Double(first) + 1e-9)
        let lower = Int(position.rounded(.down))
        guard rows.indices.contains(lower) else { return nil }
        let fraction = position - Double(lower)
        if fraction < 1e-6 { return rows[lower] }
        guard rows.indices.contains(lower + 1) else { return nil }
        return rows[lower].interpolated(to: rows[lower + 1], fraction: fraction)
    }

    /// The range of the index for `sex`, in days or centimetres, for messages.
    func range(sex: Sex) -> ClosedRange<Double>? {
        guard let first = self.first[sex], let count = self.rows[sex]?.count, count > 0 else { return nil }
        let scale = self.index == .ageDays ? 1.0 : 10.0
        return Double(first) / scale...Double(first + count - 1) / scale
    }
}
