import GRPCCore
import KioskDomain
public import KioskPluginKit
import SwiftProtobuf

// Enum and message conversions between the wire and the plugin's types.

extension ParentStatus {
    init?(wire: Kiosk_Plugins_Guardianship_V1_ParentStatus) {
        switch wire {
        case .present: self = .present
        case .migrated: self = .migrated
        case .deceased: self = .deceased
        case .imprisoned: self = .imprisoned
        case .missing: self = .missing
        case .unable: self = .unable
        case .unspecified, .UNRECOGNIZED: return nil
        }
    }

    var wire: Kiosk_Plugins_Guardianship_V1_ParentStatus {
        switch self {
        case .present: .present
        case .migrated: .migrated
        case .deceased: .deceased
        case .imprisoned: .imprisoned
        case .missing: .missing
        case .unable: .unable
        }
    }
}

extension CaregiverRelationship {
    private static let pairs: [(CaregiverRelationship, Kiosk_Plugins_Guardianship_V1_CaregiverRelationship)] = [
        (.mother, .mother), (.father, .father), (.grandparent, .grandparent), (.auntOrUncle, .auntOrUncle),
        (.adultSibling, .adultSibling), (.otherRelative, .otherRelative), (.fosterParent, .fosterParent),
        (.institution, .institution), (.otherAdult, .otherAdult),
    ]

    init?(wire: Kiosk_Plugins_Guardianship_V1_CaregiverRelationship) {
        guard let pair = Self.pairs.first(where: { $0.1 == wire }) else { return nil }
        self = pair.0
    }

    var wire: Kiosk_Plugins_Guardianship_V1_CaregiverRelationship {
        Self.pairs.first { $0.0 == self }!.1
    }
}

extension Health {
    init?(wire: Kiosk_Plugins_Guardianship_V1_Health) {
        switch wire {
        case .good: self = .good
        case .limited: self = .limited
        case .poor: self = .poor
        case .unspecified, .UNRECOGNIZED: return nil
        }
    }

    var wire: Kiosk_Plugins_Guardianship_V1_Health {
        switch self {
        case .good: .good
        case .limited: .limited
        case .poor: .poor
        }
    }
}

extension Income {
    init?(wire: Kiosk_Plugins_Guardianship_V1_Income) {
        switch wire {
        case .adequate: self = .adequate
        case .low: self = .low
        case .none: self = .noIncome
        case .unspecified, .UNRECOGNIZED: return nil
        }
    }

    var wire: Kiosk_Plugins_Guardianship_V1_Income {
        switch self {
        case .adequate: .adequate
        case .low: .low
        case .noIncome: Kiosk_Plugins_Guardianship_V1_Income.none
        }
    }
}

extension Housing {
    init?(wire: Kiosk_Plugins_Guardianship_V1_Housing) {
        switch wire {
        case .adequate: self = .adequate
        case .inadequate: self = .inadequate
        case .unsafe: self = .unsafe
        case .unspecified, .UNRECOGNIZED: return nil
        }
    }

    var wire: Kiosk_Plugins_Guardianship_V1_Housing {
        switch self {
        case .adequate: .adequate
        case .inadequate: .inadequate
        case .unsafe: .unsafe
        }
    }
}

extension RiskLevel {
    var wire: Kiosk_Plugins_Guardianship_V1_RiskLevel {
        switch self {
        case .low: .low
        case .medium: .medium
        case .high: .high
        }
    }
}

extension ParentRole {
    init?(wire: Kiosk_Plugins_Guardianship_V1_ParentRole) {
        switch wire {
        case .mother: self = .mother
        case .father: self = .father
        case .unspecified, .UNRECOGNIZED: return nil
        }
    }
}

extension ArrangementType {
    init(wire: Kiosk_Plugins_Guardianship_V1_ArrangementType) throws {
        switch wire {
        case .entrustedCare: self = .entrustedCare
        case .kinshipCare: self = .kinshipCare
        case .fosterFamily: self = .fosterFamily
        case .institutionalCare: self = .institutionalCare
        case .unspecified, .UNRECOGNIZED:
            throw RPCError.invalidArgument("type: is required (entrusted care, kinship care, foster family or institutional care)")
        }
    }

    var wire: Kiosk_Plugins_Guardianship_V1_ArrangementType {
        switch self {
        case .entrustedCare: .entrustedCare
        case .kinshipCare: .kinshipCare
        case .fosterFamily: .fosterFamily
        case .institutionalCare: .institutionalCare
        }
    }
}

extension EndReason {
    init(wire: Kiosk_Plugins_Guardianship_V1_EndReason) throws {
        switch wire {
        case .returnedToParent: self = .returnedToParent
        case .turned18: self = .turned18
        case .movedAway: self = .movedAway
        case .replaced: self = .replaced
        case .other: self = .other
        case .unspecified, .UNRECOGNIZED:
            throw RPCError.invalidArgument("reason: is required (returned to parent, turned 18, moved away or other)")
        }
    }

    var wire: Kiosk_Plugins_Guardianship_V1_EndReason {
        switch self {
        case .returnedToParent: .returnedToParent
        case .turned18: .turned18
        case .movedAway: .movedAway
        case .replaced: .replaced
        case .other: .other
        }
    }
}

extension Kiosk_Plugins_Guardianship_V1_Caregiver {
    init(_ caregiver: CareProvider) {
        self.init()
        self.name = caregiver.name
        self.relationship = caregiver.relationship.wire
        self.age = UInt32(caregiver.age)
    }
}

extension Kiosk_Plugins_Guardianship_V1_ParentSituation {
    init(_ parent: ParentSituation) {
        self.init()
        self.status = parent.status.wire
        self.migratedTo = parent.migratedTo ?? ""
        self.migratedSince = parent.migratedSince?.isoString ?? ""
    }
}

extension Kiosk_Plugins_Guardianship_V1_Situation {
    init(_ stored: StoredSituation) {
        self.init()
        self.childID = stored.childID
        self.mother = .init(stored.situation.mother)
        self.father = .init(stored.situation.father)
        if let caregiver = stored.situation.caregiver {
            self.caregiver = .init(caregiver)
        } else {
            self.noCaregiver = true
        }
        self.recordedOn = stored.recordedOn.isoString
        self.recordedBy = stored.recordedBy
        self.careStatus = stored.situation.careStatus.rawValue
        self.urgentItemID = stored.urgentItemID ?? ""
    }
}

extension Kiosk_Plugins_Guardianship_V1_Assessment {
    init(_ stored: StoredAssessment) {
        self.init()
        self.assessmentID = stored.assessmentID
        self.childID = stored.childID
        self.assessedOn = stored.assessedOn.isoString
        let a = stored.answers
        self.answers = .with {
            $0.caregiverName = a.caregiverName
            $0.caregiverAge = UInt32(a.caregiverAge)
            $0.health = a.health.wire
            $0.income = a.income.wire
            $0.housing = a.housing.wire
            $0.willing = a.willing
            $0.historyOfNeglectOrViolence = a.historyOfNeglectOrViolence
            $0.notes = a.notes
        }
        self.riskLevel = stored.result.riskLevel.wire
        self.unfit = stored.result.unfit
        self.reasons = stored.result.reasons
        self.assessedBy = stored.assessedBy
        self.urgentItemID = stored.urgentItemID ?? ""
    }
}

extension Kiosk_Plugins_Guardianship_V1_Arrangement {
    init(_ stored: StoredArrangement) {
        self.init()
        self.arrangementID = stored.arrangementID
        self.childID = stored.childID
        self.type = stored.type.wire
        self.caregiver = .init(stored.caregiver)
        self.startedOn = stored.startedOn.isoString
        self.riskLevel = stored.riskLevel?.wire ?? .unspecified
        self.reviewIntervalMonths = UInt32(stored.reviewIntervalMonths)
        self.nextReviewDue = stored.nextReviewDue.isoString
        self.lastReviewedOn = stored.lastReviewedOn?.isoString ?? ""
        self.endedOn = stored.endedOn?.isoString ?? ""
        self.endReason = stored.endReason?.wire ?? .unspecified
        self.endNote = stored.endNote ?? ""
        self.suspendedOn = stored.suspendedOn?.isoString ?? ""
        self.suspensionReason = stored.suspensionReason ?? ""
    }
}

extension Kiosk_Plugins_Guardianship_V1_EligibilityCheck: CheckResultMessage {}
