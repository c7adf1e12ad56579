/// Why a child has no household registration; each reason has its list of required documents.
enum RegistrationReason: String, Sendable, Hashable, CaseIterable {
    case certificateUnused = "certificate-unused"
    case noBirthMedicalCertificate = "no-birth-medical-certificate"
    case bornOutsideMarriage = "born-outside-marriage"
    case abandonedOrFound = "abandoned-or-found"
    case parentsUnregistered = "parents-unregistered"
    case bornAbroad = "born-abroad"

    /// The documents the reason needs: each inner list is one requirement any of whose types satisfies it.
    var requirements: [[DocumentKind]] {
        switch self {
        case .certificateUnused:
            [[.birthMedicalCertificate], [.parentsHouseholdBooklets], [.parentsIdentityCards]]
        case .noBirthMedicalCertificate:
            [[.dnaParentageReport], [.parentsHouseholdBooklets], [.parentsIdentityCards]]
        case .bornOutsideMarriage:
            [[.birthMedicalCertificate, .dnaParentageReport], [.registeringParentHouseholdBooklet], [.registeringParentIdentityCard]]
        case .abandonedOrFound:
            [[.policeFoundChildReport], [.civilAffairsPlacementDocument]]
        case .parentsUnregistered:
            // The parents register first; their new booklets show it.
            [[.birthMedicalCertificate, .dnaParentageReport], [.parentsHouseholdBooklets]]
        case .bornAbroad:
            [[.foreignBirthCertificate], [.parentsPassports, .parentsIdentityCards], [.parentsHouseholdBooklets]]
        }
    }
}

/// A document a worker can record as seen.
enum DocumentKind: String, Sendable, Hashable, CaseIterable {
    case birthMedicalCertificate = "birth-medical-certificate"
    case dnaParentageReport = "dna-parentage-report"
    case parentsHouseholdBooklets = "parents-household-booklets"
    case parentsIdentityCards = "parents-identity-cards"
    case registeringParentHouseholdBooklet = "registering-parent-household-booklet"
    case registeringParentIdentityCard = "registering-parent-identity-card"
    case policeFoundChildReport = "police-found-child-report"
    case civilAffairsPlacementDocument = "civil-affairs-placement-document"
    case foreignBirthCertificate = "foreign-birth-certificate"
    case parentsPassports = "parents-passports"

    /// Words for people.
    var title: String {
        switch self {
        case .birthMedicalCertificate: "birth medical certificate"
        case .dnaParentageReport: "DNA parentage report from an accredited lab"
        case .parentsHouseholdBooklets: "parents' household booklets"
        case .parentsIdentityCards: "parents' identity cards"
        case .registeringParentHouseholdBooklet: "the registering parent's household booklet"
        case .registeringParentIdentityCard: "the registering parent's identity card"
        case .policeFoundChildReport: "police found-child report"
        case .civilAffairsPlacementDocument: "civil affairs placement document"
        case .foreignBirthCertificate: "foreign birth certificate (authenticated)"
        case .parentsPassports: "parents' passports"
        }
    }
}

/// One requirement checked against the documents seen.
struct RequirementStatus: Sendable, Hashable {
    var anyOf: [DocumentKind]
    var satisfied: Bool

    var description: String { self.anyOf.map(\.title).joined(separator: " or ") }
}

/// The required-document rules, without I/O.
enum DocumentRules {
    /// Each requirement of `reason` with whether `seen` satisfies it.
    static func status(for reason: RegistrationReason, seen: Set<DocumentKind>) -> [RequirementStatus] {
        reason.requirements.map { anyOf in RequirementStatus(anyOf: anyOf, satisfied: anyOf.contains(where: seen.contains)) }
    }

    /// Why the case cannot be submitted yet, naming every missing document; nil when complete.
    static func missingMessage(for reason: RegistrationReason, seen: Set<DocumentKind>) -> String? {
        let missing = self.status(for: reason, seen: seen).filter { !$0.satisfied }
        guard !missing.isEmpty else { return nil }
        return "documents missing for reason \(reason.rawValue): " + missing.map(\.description).joined(separator: "; ")
    }
}
