import Foundation
import GRPCCore
import KioskDomain
import KioskPluginKit

typealias ProtoCase = Kiosk_Plugins_Civilregistration_V1_RegistrationCase

// The Swift enums list their cases in the proto's numbering (1, 2, …), so they map by position.
extension RegistrationReason {
    init(_ reason: Kiosk_Plugins_Civilregistration_V1_Reason) throws {
        let index = reason.rawValue - 1
        self = try RequestField.required(Self.allCases.indices.contains(index) ? Self.allCases[index] : nil, field: "reason")
    }

    var proto: Kiosk_Plugins_Civilregistration_V1_Reason {
        .init(rawValue: Self.allCases.firstIndex(of: self)! + 1) ?? .unspecified
    }
}

extension DocumentKind {
    init(_ type: Kiosk_Plugins_Civilregistration_V1_DocumentType) throws {
        let index = type.rawValue - 1
        self = try RequestField.required(Self.allCases.indices.contains(index) ? Self.allCases[index] : nil, field: "type")
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
        case .rejected: .rejected
        case .withdrawn: .withdrawn
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
