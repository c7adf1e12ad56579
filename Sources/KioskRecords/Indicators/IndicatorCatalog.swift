import KioskDomain
import Foundation
import KioskPluginKit

/// The definitions as documents: their fingerprint, and `docs/INDICATORS.md`'s list, generated so
/// that the document cannot drift from the code.
public enum IndicatorCatalog {
    /// A fingerprint of `definitions` (FNV-1a, 64 bits, over every field of each, in order), e.g.
    /// `defs-3f2a…`: equal for equal definitions, different as soon as a rule, title, unit, level,
    /// group or the set of indicators changes.
    public static func version(of definitions: [IndicatorDefinition]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
            hash ^= 0x1f
            hash &*= 0x0000_0100_0000_01b3
        }
        for definition in definitions {
            for field in [definition.id, definition.title.zh, definition.title.en, definition.rule, definition.unit, definition.provider] {
                mix(field)
            }
            definition.levels.forEach(mix)
            for group in definition.groups { [group.key, group.title.zh, group.title.en].forEach(mix) }
        }
        let hex = String(hash, radix: 16)
        return "defs-" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The generated part of `docs/INDICATORS.md`: one section per indicator (id, titles, rule,
    /// unit, levels, provider, groups), between the markers the document keeps.
    public static func markdown(_ definitions: [IndicatorDefinition]) -> String {
        var lines = [
            self.beginMarker,
            "",
            "Definitions version of this build: `\(self.version(of: definitions))` (\(definitions.count) indicators).",
            "",
        ]
        for definition in definitions {
            lines.append("### `\(definition.id)`")
            lines.append("")
            lines.append("**\(definition.title.zh)** / **\(definition.title.en)**")
            lines.append("")
            lines.append(definition.rule)
            lines.append("")
            lines.append("- Unit: \(self.unitText(definition.unit))")
            lines.append("- Levels: \(definition.levels.joined(separator: ", "))")
            lines.append("- Provider: \(definition.provider == "core" ? "the core" : "plugin `\(definition.provider)`")")
            if !definition.groups.isEmpty {
                let groups = definition.groups.map { "`\($0.key)` (\($0.title.zh) / \($0.title.en))" }
                lines.append("- Groups: " + groups.joined(separator: ", "))
            }
            lines.append("")
        }
        lines.append(self.endMarker)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The line before the generated part.
    public static let beginMarker = "<!-- BEGIN GENERATED: kioskctl report definitions -->"
    /// The line after it.
    public static let endMarker = "<!-- END GENERATED -->"

    /// The generated part of a document (markers included), or nil when it has none.
    public static func generatedPart(of document: String) -> String? {
        guard let begin = document.range(of: self.beginMarker), let end = document.range(of: self.endMarker), begin.lowerBound < end.lowerBound
        else { return nil }
        return String(document[begin.lowerBound..<end.upperBound]) + "\n"
    }

    private static func unitText(_ unit: String) -> String {
        switch unit {
        case "children": "distinct children (fewer than the threshold hidden in village rows)"
        case "caregivers": "distinct caregivers (fewer than the threshold hidden in village rows)"
        case "families": "distinct families (fewer than the threshold hidden in village rows)"
        case "events": "events"
        case "yuan": "yuan"
        case "days": "days, the median of the events (merged reports take the median of all events)"
        default: unit
        }
    }
}
