import Foundation
import GRPCCore
import KioskDomain
import KioskPluginKit

/// What a parent's situation is.
enum ParentStatus: String, Sendable, Hashable, CaseIterable {
    case present, migrated, deceased, imprisoned, missing
    /// Unable to care because of a disability or a serious illness.
    case unable

    /// Whether the parent is alive and can be reached to agree to an arrangement.
    var canAgree: Bool { [.present, .migrated, .imprisoned, .unable].contains(self) }
}

/// One parent's situation.
struct ParentSituation: Sendable, Hashable {
    var status: ParentStatus
    /// Where a migrated parent works.
    var migratedTo: String?
    /// Since when a migrated parent has been away.
    var migratedSince: CalendarDate?

    /// Checks one parent's part of a request; `field` is "mother" or "father".
    static func checked(
        status: ParentStatus?, migratedTo: String, migratedSince: String, field: String, today: CalendarDate
    ) throws -> ParentSituation {
        let status = try RequestField.required(status, field: "\(field).status")
        let place = try RequestField.optionalText(migratedTo, field: "\(field).migrated_to", maximumLength: 100)
        guard status == .migrated else {
            guard place.isEmpty else { throw RPCError.invalidArgument("\(field).migrated_to: is only for a migrated parent") }
            guard migratedSince.isEmpty else { throw RPCError.invalidArgument("\(field).migrated_since: is only for a migrated parent") }
            return ParentSituation(status: status)
        }
        guard !place.isEmpty else { throw RPCError.invalidArgument("\(field).migrated_to: is required for a migrated parent") }
        let since = try RequestField.pastDate(migratedSince, field: "\(field).migrated_since", today: today)
        return ParentSituation(status: status, migratedTo: place, migratedSince: since)
    }
}

/// Who a caregiver is to the child.
enum CaregiverRelationship: String, Sendable, Hashable, CaseIterable {
    case mother, father, grandparent
    case auntOrUncle = "aunt-or-uncle"
    case adultSibling = "adult-sibling"
    case otherRelative = "other-relative"
    case fosterParent = "foster-parent"
    case institution
    case otherAdult = "other-adult"

    /// Relatives other than the parents, who may take entrusted or kinship care.
    var isRelative: Bool { [.grandparent, .auntOrUncle, .adultSibling, .otherRelative].contains(self) }
}

/// The person who mainly looks after the child.
struct CareProvider: Sendable, Hashable {
    var name: String
    var relationship: CaregiverRelationship
    var age: Int

    static func checked(name: String, relationship: CaregiverRelationship?, age: Int, field: String) throws -> CareProvider {
        let name = try RequestField.text(name, field: "\(field).name", maximumLength: 50)
        let relationship = try RequestField.required(relationship, field: "\(field).relationship")
        if relationship != .institution { _ = try RequestField.integer(age, field: "\(field).age", in: 1...120) }
        return CareProvider(name: name, relationship: relationship, age: age)
    }
}

/// A child's guardianship situation: both parents and the caregiver (nil when nobody cares for the child).
struct CareSituation: Sendable, Hashable {
    var mother: ParentSituation
    var father: ParentSituation
    var caregiver: CareProvider?

    /// How the parents can care, in three steps.
    enum CareStatus: String, Sendable, Hashable {
        /// At least one parent lives with the child.
        case parentalCare = "parental-care"
        /// No parent at home, at least one migrated: a parent can still entrust the child.
        case leftBehind = "left-behind"
        /// No parent at home or away at work: deceased, imprisoned, missing or unable.
        case noParentAble = "no-parent-able"
    }

    var careStatus: CareStatus {
        let statuses = [self.mother.status, self.father.status]
        if statuses.contains(.present) { return .parentalCare }
        if statuses.contains(.migrated) { return .leftBehind }
        return .noParentAble
    }

    /// The situation of `parent`.
    func parent(_ role: ParentRole) -> ParentSituation { role == .mother ? self.mother : self.father }

    /// Checks that a parent named as caregiver is at home.
    func checkConsistent() throws {
        guard let caregiver else { return }
        if caregiver.relationship == .mother, self.mother.status != .present {
            throw RPCError.invalidArgument("caregiver.relationship: the mother, but mother.status is \(self.mother.status.rawValue)")
        }
        if caregiver.relationship == .father, self.father.status != .present {
            throw RPCError.invalidArgument("caregiver.relationship: the father, but father.status is \(self.father.status.rawValue)")
        }
    }
}

/// Mother or father.
enum ParentRole: String, Sendable, Hashable {
    case mother, father
}
