public import Foundation
public import KioskDomain

/// A child's record as the registry keeps it.
public struct ChildRecord: Sendable, Hashable {
    /// The registry's id for the child, e.g. `C7KQ2M9XH4T`.
    public var childID: String
    /// Everything a worker can edit.
    public var details: ChildDetails
    /// Toneless pinyin of the name, e.g. `wang xiao lian`.
    public var namePinyin: String
    /// Increases with every change.
    public var version: Int64
    /// When the child was registered.
    public var createdAt: Date
    /// When the record last changed.
    public var updatedAt: Date

    /// Creates a record.
    public init(childID: String, details: ChildDetails, namePinyin: String, version: Int64, createdAt: Date, updatedAt: Date) {
        self.childID = childID
        self.details = details
        self.namePinyin = namePinyin
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Completed years of age on `date`.
    public func age(on date: CalendarDate) -> Int {
        self.details.birthDate.completedYears(on: date)
    }
}

/// The editable part of a child's record.
public struct ChildDetails: Sendable, Hashable {
    /// Name in Chinese characters.
    public var name: String
    /// Sex.
    public var sex: Sex
    /// Date of birth.
    public var birthDate: CalendarDate
    /// The child's village.
    public var village: DivisionCode
    /// GB 11643 resident identity number, when the child has one.
    public var identityNumber: ResidentIdentityNumber?
    /// Household registration.
    public var hukouStatus: HukouStatus
    /// The household the child lives in.
    public var householdID: String?
    /// Vulnerability categories, at most one of each kind.
    public var categories: [ChildCategory]
    /// The child's caregivers and their relationship to the child.
    public var caregivers: [ChildCaregiver]

    /// Creates details.
    public init(
        name: String,
        sex: Sex,
        birthDate: CalendarDate,
        village: DivisionCode,
        identityNumber: ResidentIdentityNumber? = nil,
        hukouStatus: HukouStatus,
        householdID: String? = nil,
        categories: [ChildCategory] = [],
        caregivers: [ChildCaregiver] = []
    ) {
        self.name = name
        self.sex = sex
        self.birthDate = birthDate
        self.village = village
        self.identityNumber = identityNumber
        self.hukouStatus = hukouStatus
        self.householdID = householdID
        self.categories = categories
        self.caregivers = caregivers
    }

    /// The category of `kind`, if the child has it.
    public func category(_ kind: ChildCategory.Kind) -> ChildCategory? {
        self.categories.first { $0.kind == kind }
    }

    /// Whether the child has a category of `kind`.
    public func has(_ kind: ChildCategory.Kind) -> Bool {
        self.category(kind) != nil
    }
}

/// Household (hukou) registration of a child.
public enum HukouStatus: String, Sendable, Hashable, CaseIterable {
    /// Registered in this county.
    case registeredLocal = "registered-local"
    /// Registered elsewhere.
    case registeredElsewhere = "registered-elsewhere"
    /// Not registered anywhere.
    case unregistered
}

/// A vulnerability category of a child.
public struct ChildCategory: Sendable, Hashable {
    /// The kinds of category the services use.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// One parent migrated for work, the other unable to care.
        case leftBehindOneParent = "left-behind-one-parent"
        /// Both parents migrated for work.
        case leftBehindBothParents = "left-behind-both-parents"
        /// Both parents deceased or declared dead or missing.
        case orphan
        /// Both parents unable to care (事实无人抚养).
        case deFactoUnattended = "de-facto-unattended"
        /// A disability with a certificate.
        case disability
        /// No household registration.
        case unregistered
        /// The household receives the minimum living guarantee (低保).
        case minimumLivingGuarantee = "minimum-living-guarantee"
        /// Not in school.
        case outOfSchool = "out-of-school"
    }

    /// Types of disability on a certificate.
    public enum DisabilityType: String, Sendable, Hashable, CaseIterable {
        case visual, hearing, speech, physical, intellectual, mental, multiple
    }

    /// The kind.
    public var kind: Kind
    /// For ``Kind/disability``: the certificate's type.
    public var disabilityType: DisabilityType?
    /// For ``Kind/disability``: the certificate's grade, 1 (most severe) to 4.
    public var disabilityGrade: Int?
    /// When the category started to apply, if known.
    public var since: CalendarDate?

    /// Creates a category.
    public init(_ kind: Kind, disabilityType: DisabilityType? = nil, disabilityGrade: Int? = nil, since: CalendarDate? = nil) {
        self.kind = kind
        self.disabilityType = disabilityType
        self.disabilityGrade = disabilityGrade
        self.since = since
    }
}

/// A caregiver's relationship to one child.
public struct ChildCaregiver: Sendable, Hashable {
    /// Relationships of a caregiver to a child.
    public enum Relationship: String, Sendable, Hashable, CaseIterable {
        case mother, father, grandparent, sibling
        case auntOrUncle = "aunt-or-uncle"
        case otherRelative = "other-relative"
        case fosterParent = "foster-parent"
        case other
    }

    /// The caregiver, a member of the child's household.
    public var caregiverID: String
    /// How the caregiver is related to the child.
    public var relationship: Relationship
    /// Whether this caregiver mainly looks after the child.
    public var primary: Bool
    /// The caregiver's name (filled in when read).
    public var name: String

    /// Creates a link.
    public init(caregiverID: String, relationship: Relationship, primary: Bool, name: String = "") {
        self.caregiverID = caregiverID
        self.relationship = relationship
        self.primary = primary
        self.name = name
    }
}
