public import KioskDomain

/// A household and the caregivers in it.
public struct Household: Sendable, Hashable {
    /// The household's id.
    public var householdID: String
    /// Its village.
    public var village: DivisionCode
    /// Address for visits.
    public var address: String
    /// The adults who may care for its children.
    public var caregivers: [Caregiver]
    /// Increases with every change.
    public var version: Int64

    /// Creates a value.
    public init(
        householdID: String,
        village: DivisionCode,
        address: String,
        caregivers: [Caregiver],
        version: Int64
    ) {
        self.householdID = householdID
        self.village = village
        self.address = address
        self.caregivers = caregivers
        self.version = version
    }
}

/// An adult in a household who may care for its children.
public struct Caregiver: Sendable, Hashable {
    /// Assigned when added.
    public var caregiverID: String
    /// Name.
    public var name: String
    /// Sex, if recorded.
    public var sex: Sex?
    /// Year of birth, if known.
    public var birthYear: Int?
    /// Phone number, if any.
    public var phone: String

    /// Creates a caregiver; the id is assigned when it is added to a household.
    public init(caregiverID: String = "", name: String, sex: Sex? = nil, birthYear: Int? = nil, phone: String = "") {
        self.caregiverID = caregiverID
        self.name = name
        self.sex = sex
        self.birthYear = birthYear
        self.phone = phone
    }
}
