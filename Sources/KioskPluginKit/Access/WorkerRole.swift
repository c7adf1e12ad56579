public import KioskDomain

/// What a signed-in worker is; each role works at one level of the division hierarchy.
public struct WorkerRole: Sendable, Hashable, CustomStringConvertible {
    /// The role's name as stored and shown, e.g. "village-director".
    public let name: String
    /// The level of the jurisdiction a worker in this role has.
    public let level: Jurisdiction.Level

    private init(_ name: String, _ level: Jurisdiction.Level) {
        self.name = name
        self.level = level
    }

    /// Village child welfare director (儿童主任): one village.
    public static let villageDirector = WorkerRole("village-director", .village)
    /// Township child welfare supervisor (儿童督导员): one township.
    public static let townshipSupervisor = WorkerRole("township-supervisor", .township)
    /// County civil affairs officer (民政局): one county.
    public static let countyOfficer = WorkerRole("county-officer", .county)
    /// Operator: runs the server for a county.
    public static let `operator` = WorkerRole("operator", .county)

    /// Every role.
    public static let all: [WorkerRole] = [.villageDirector, .townshipSupervisor, .countyOfficer, .operator]

    /// The role with this name, if any.
    public init?(name: String) {
        guard let role = Self.all.first(where: { $0.name == name }) else { return nil }
        self = role
    }

    public var description: String { self.name }
}
