import Foundation
import GRPCCore
import KioskDomain
import KioskPluginKit

typealias ProtoCase = Kiosk_Plugins_Civilregistration_V1_RegistrationCase

// The Swift enums list their cases in the proto's numbering (1, 2, …), so they map by position.
extension RegistrationReason {
    init(_ reason: Kiosk_Plugins_Civilregistration_V1_Reason) throws {
        let index = reason.rawValue - 1
        guard Self.allCases.indices.contains(index) else { throw invalid("reason is required (one of the REASON_ values)") }
        self = Self.allCases[index]
    }

    var proto: Kiosk_Plugins_Civilregistration_V1_Reason {
        .init(rawValue: Self.allCases.firstIndex(of: self)! + 1) ?? .unspecified
    }
}

extension DocumentKind {
    init(_ type: Kiosk_Plugins_Civilregistration_V1_DocumentType) throws {
        let index = type.rawValue - 1
        guard Self.allCases.indices.contains(index) else { throw invalid("type is required (one of the DOCUMENT_TYPE_ values)") }
        self = Self.allCases[index]
    }

    var proto: Kiosk_Plugins_Civilregistration_V1_DocumentType {
        .init(rawValue: Self.allCases.firstIndex(of: self)! + 1) ?? .unspecified
    }
}

extension CaseState {
    var proto: Kiosk_Plugins_Civilregistration_V1_CaseState {
        switch self {
        case .draft: .draft
        case .submitted: .submitted
        case .withPolice: .withPolice
        case .registered: .registered
        case .refused: .refused
        }
    }
}

extension ProtoCase {
    init(_ row: CaseRow) {
        self.init()
        self.caseID = row.caseID
        self.childID = row.childID
        self.village = row.village.digits
        self.reason = row.reason.proto
        self.state = row.state.proto
        self.applicationID = row.applicationID ?? ""
        self.documents = row.documents.map { document in
            var seen = Kiosk_Plugins_Civilregistration_V1_SeenDocument()
            seen.type = document.kind.proto
            seen.number = document.number
            seen.seenBy = document.seenBy
            seen.seenOn = document.seenOn.isoString
            return seen
        }
        self.requirements = DocumentRules.status(for: row.reason, seen: Set(row.documents.map(\.kind))).map { status in
            var requirement = Kiosk_Plugins_Civilregistration_V1_Requirement()
            requirement.anyOf = status.anyOf.map(\.proto)
            requirement.description_p = status.description
            requirement.satisfied = status.satisfied
            return requirement
        }
        self.policeStation = row.policeStation
        self.dateSent = row.dateSent?.isoString ?? ""
        self.outcomeDate = row.outcomeDate?.isoString ?? ""
        self.outcomeNote = row.outcomeNote
        self.householdBookletNumber = row.householdBookletNumber
    }
}

func invalid(_ message: String) -> RPCError {
    RPCError(code: .invalidArgument, message: message)
}

/// A date field of a request: `fallback` when empty, INVALID_ARGUMENT naming the field when not a date
/// or after `today`.
func date(_ text: String, field: String, today: CalendarDate, fallback: CalendarDate? = nil) throws -> CalendarDate {
    if text.isEmpty, let fallback { return fallback }
    guard let date = try? CalendarDate(iso: text) else { throw invalid("\(field) '\(text)' is not a date written YYYY-MM-DD") }
    guard date <= today else { throw invalid("\(field) \(date) is in the future (today is \(today))") }
    return date
}

/// A short required text field, trimmed.
func text(_ value: String, field: String, maximum: Int = 100) throws -> String {
    let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { throw invalid("\(field) is required") }
    guard trimmed.count <= maximum else { throw invalid("\(field) is longer than \(maximum) characters") }
    return trimmed
}

/// Random case ids: `R` and 11 characters of Crockford's base-32 alphabet.
enum CaseIDs {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return "R" + String((0..<11).map { _ in self.alphabet[Int(generator.next(upperBound: UInt32(self.alphabet.count)))] })
    }
}
