import Foundation
import GRPCCore
import KioskDomain

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
        guard let status else { throw invalid("\(field).status is required") }
        let place = migratedTo.trimmingCharacters(in: .whitespaces)
        guard status == .migrated else {
            guard place.isEmpty, migratedSince.isEmpty else {
                throw invalid("\(field).migrated_to and migrated_since are only for a migrated parent")
            }
            return ParentSituation(status: status)
        }
        guard !place.isEmpty, place.count <= 100 else { throw invalid("\(field).migrated_to is required for a migrated parent (at most 100 characters)") }
        let since = try date(migratedSince, field: "\(field).migrated_since")
        guard since <= today else { throw invalid("\(field).migrated_since \(since) is in the future") }
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
        let name = name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 50 else { throw invalid("\(field).name is required (at most 50 characters)") }
        guard let relationship else { throw invalid("\(field).relationship is required") }
        guard relationship == .institution || (1...120).contains(age) else { throw invalid("\(field).age \(age) is not an age (1 to 120)") }
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
            throw invalid("caregiver is the mother but mother.status is \(self.mother.status.rawValue)")
        }
        if caregiver.relationship == .father, self.father.status != .present {
            throw invalid("caregiver is the father but father.status is \(self.father.status.rawValue)")
        }
    }
}

/// Mother or father.
enum ParentRole: String, Sendable, Hashable {
    case mother, father
}

func invalid(_ message: String) -> RPCError {
    RPCError(code: .invalidArgument, message: message)
}

func date(_ text: String, field: String) throws -> CalendarDate {
    do { return try CalendarDate(iso: text) } catch {
        throw invalid("\(field) '\(text)' is not a date (YYYY-MM-DD)")
    }
}
