import Foundation
import KioskDomain

/// Why a table of the standards could not be read.
struct GrowthTableError: Error, CustomStringConvertible {
    var description: String
}

extension LMSTable {
    /// Parses a table as WHO's anthro files give it: a header, then `sex`, the index, `L`, `M`, `S`
    /// (and possibly `loh`), tab-separated, rows consecutive per sex.
    init(tsv text: String, index: Index, name: String) throws {
        var first: [Sex: Int] = [:]
        var rows: [Sex: [LMS]] = [:]
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated().dropFirst() {
            let fields = line.split(separator: "\t")
            guard fields.count >= 5, let sexCode = Int(fields[0]), let key = Double(fields[1]),
                let l = Double(fields[2]), let m = Double(fields[3]), let s = Double(fields[4])
            else { throw GrowthTableError(description: "\(name) line \(number + 1) is not sex, index, L, M, S") }
            let sex: Sex = sexCode == 1 ? .male : .female
            let step = index == .ageDays ? Int(key) : Int((key * 10).rounded())
            let expected = (first[sex] ?? step) + (rows[sex]?.count ?? 0)
            guard step == expected else {
                throw GrowthTableError(description: "\(name) line \(number + 1): rows are not consecutive")
            }
            if first[sex] == nil { first[sex] = step }
            rows[sex, default: []].append(LMS(l: l, m: m, s: s))
        }
        guard rows[.male] != nil, rows[.female] != nil else {
            throw GrowthTableError(description: "\(name) lacks rows for both sexes")
        }
        self.init(index: index, first: first, rows: rows)
    }
}
