import KioskDomain
import KioskPluginKit

/// Kinds of care arrangement.
enum ArrangementType: String, Sendable, Hashable, CaseIterable {
    /// A migrating parent entrusts the child to a relative (委托照护).
    case entrustedCare = "entrusted-care"
    /// Relatives care for a child whose parents cannot.
    case kinshipCare = "kinship-care"
    /// An approved foster family, supervised by civil affairs.
    case fosterFamily = "foster-family"
    /// A child welfare institution.
    case institutionalCare = "institutional-care"

    /// What reviewers and reports call it, in both languages.
    var title: LocalizedText {
        switch self {
        case .entrustedCare: LocalizedText(zh: "委托照护", en: "Entrusted care")
        case .kinshipCare: LocalizedText(zh: "亲属照护", en: "Kinship care")
        case .fosterFamily: LocalizedText(zh: "家庭寄养", en: "Foster family care")
        case .institutionalCare: LocalizedText(zh: "机构养育", en: "Institutional care")
        }
    }
}

/// A care arrangement application, checked for form (the rules of its type come after).
struct ArrangementRequest: Sendable, Hashable {
    var type: ArrangementType
    var caregiver: CareProvider
    var entrustingParent: ParentRole?
    var agreementDate: CalendarDate?
    var fosterApprovalReference: String
    var reason: String
}

/// Why an arrangement ended.
enum EndReason: String, Sendable, Hashable {
    case returnedToParent = "returned-to-parent"
    case turned18 = "turned-18"
    case movedAway = "moved-away"
    case replaced
    case other
}
