import KioskStore
import KioskPluginKit
import Foundation
import GRDB
import GRPCCore
import KioskDomain

/// A search of the registry, confined to the actor's jurisdiction, ordered by pinyin then id.
struct ChildSearch {
    let query: ChildQuery
    let actor: CoreActor
    /// Who searches: `core` or a plugin id, whose own tables alone a plugin-records filter may name.
    let holder: String

    func run(in db: Database) throws -> ChildPage {
        guard (1...100).contains(self.query.pageSize) else { throw invalid("page_size must be 1 to 100") }
        var conditions: [String] = []
        var arguments = StatementArguments()
        let range = try Self.villageRange(actor: self.actor, division: self.query.division)
        conditions.append("c.village BETWEEN ? AND ?")
        _ = arguments.append(contentsOf: [range.lowest, range.highest])
        let text = self.query.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.isEmpty {
            let match = try Self.match(for: text)
            conditions.append(match.sql)
            _ = arguments.append(contentsOf: [match.value])
        }
        if let category = self.query.category {
            conditions.append("EXISTS (SELECT 1 FROM core_child_category k WHERE k.child_id = c.child_id AND k.kind = ?)")
            _ = arguments.append(contentsOf: [category.rawValue])
        }
        if let dates = self.query.birthDates {
            conditions.append("c.birth_date BETWEEN ? AND ?")
            _ = arguments.append(contentsOf: [dates.lowerBound.isoString, dates.upperBound.isoString])
        }
        if let records = self.query.pluginRecords {
            conditions.append(try Self.pluginRecordsCondition(records, holder: self.holder))
        }
        if let token = self.query.pageToken, !token.isEmpty {
            let after = try PageToken.decode(token, parts: 2)
            conditions.append("(c.name_pinyin_compact, c.child_id) > (?, ?)")
            _ = arguments.append(contentsOf: [after[0], after[1]])
        }
        _ = arguments.append(contentsOf: [self.query.pageSize + 1])
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT c.* FROM core_child c WHERE \(conditions.joined(separator: " AND "))
                ORDER BY c.name_pinyin_compact, c.child_id LIMIT ?
                """,
            arguments: arguments
        )
        var records = try rows.prefix(self.query.pageSize).map(ChildRow.record(from:))
        let categories = try ChildRow.categories(of: records.map(\.childID), in: db)
        for index in records.indices {
            records[index].details.categories = categories[records[index].childID] ?? []
        }
        let next = rows.count > self.query.pageSize ? rows[self.query.pageSize - 1] : nil
        return ChildPage(
            children: records,
            nextPageToken: next.map { PageToken.encode([$0["name_pinyin_compact"], $0["child_id"]]) }
        )
    }

    /// The codes the actor may see, narrowed to `division` when given; PERMISSION_DENIED when
    /// `division` lies outside the actor's jurisdiction.
    static func villageRange(actor: CoreActor, division: Jurisdiction?) throws -> VillageRange {
        if let division {
            if let own = actor.jurisdiction, !own.contains(division) {
                throw RPCError(code: .permissionDenied, message: "division \(division) is outside your jurisdiction \(own)")
            }
            return division.villageRange
        }
        return actor.jurisdiction?.villageRange ?? .everywhere
    }

    /// `[NOT] EXISTS` on the holder's own table; INTERNAL when the table is not the holder's.
    static func pluginRecordsCondition(_ records: ChildQuery.PluginRecords, holder: String) throws -> String {
        let identifier = { (name: String) in !name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") } }
        guard holder != "core", records.table.hasPrefix(PluginMetadata.tablePrefix(of: holder)),
            identifier(records.table), identifier(records.childColumn)
        else {
            throw RPCError(
                code: .internalError,
                message: "\(holder) may filter children only by its own tables ('\(PluginMetadata.tablePrefix(of: holder))…'), not '\(records.table)'"
            )
        }
        let exists = "EXISTS (SELECT 1 FROM \(records.table) p WHERE p.\(records.childColumn) = c.child_id)"
        return records.present ? exists : "NOT " + exists
    }

    /// How `text` is matched: an identity number exactly, characters within the name, pinyin within its pinyin.
    static func match(for text: String) throws -> (sql: String, value: String) {
        let upper = text.uppercased()
        if upper.count == 18, upper.dropLast().allSatisfy(\.isASCIIDigit), upper.last.map({ $0.isASCIIDigit || $0 == "X" }) == true {
            return ("c.identity_number = ?", upper)
        }
        if text.unicodeScalars.contains(where: \.isHan) {
            guard text.count <= ChildDetails.maximumNameLength else { throw invalid("query is too long") }
            let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            return ("c.name LIKE '%' || ? || '%' ESCAPE '\\'", escaped)
        }
        let key = PinyinKey(text)
        guard !key.isEmpty, key.compact.count <= 120 else {
            throw invalid("query must be an identity number, a name in characters, or pinyin")
        }
        return ("instr(c.name_pinyin_compact, ?) > 0", key.compact)
    }
}

extension Character {
    var isASCIIDigit: Bool { self.isASCII && self.isNumber }
}

extension Unicode.Scalar {
    /// Whether the scalar is a CJK ideograph (the blocks Chinese names use).
    var isHan: Bool {
        switch self.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: true
        default: false
        }
    }
}
