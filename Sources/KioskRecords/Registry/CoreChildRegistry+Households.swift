import KioskStore
public import KioskPluginKit
import Foundation
public import GRDB
import GRPCCore
public import KioskDomain

extension CoreChildRegistry {
    /// Creates a household in a village of the actor's jurisdiction.
    public func createHousehold(village: DivisionCode, address: String, caregivers: [Caregiver], in db: Database, actor: CoreActor) throws -> Household {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        try self.grants.require(.childRegistryWrite)
        try Self.checkRole(actor, in: db, at: self.clock.now(), action: "households.create", childID: nil)
        guard actor.canSee(village) else {
            throw RPCError(code: .permissionDenied, message: "village \(village) is outside your jurisdiction")
        }
        let address = address.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !address.isEmpty, address.count <= 200 else { throw invalid("address is required (at most 200 characters)") }
        let householdID = RecordID.make("H")
        let now = self.clock.now()
        try db.execute(
            sql: "INSERT INTO core_household (household_id, village, address, version, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)",
            arguments: [householdID, village.digits, address, now, now]
        )
        for caregiver in caregivers { try self.insert(caregiver, into: householdID, in: db) }
        try AuditLog.append(in: db, at: now, actor: actor, action: "households.create")
        return try self.household(householdID, in: db, actor: actor, action: nil)
    }

    /// Adds a caregiver to a household.
    public func addCaregiver(_ caregiver: Caregiver, to householdID: String, in db: Database, actor: CoreActor) throws -> Household {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        try self.grants.require(.childRegistryWrite)
        _ = try self.household(householdID, in: db, actor: actor, action: "households.add-caregiver")
        try self.insert(caregiver, into: householdID, in: db)
        try db.execute(
            sql: "UPDATE core_household SET version = version + 1, updated_at = ? WHERE household_id = ?",
            arguments: [self.clock.now(), householdID]
        )
        return try self.household(householdID, in: db, actor: actor, action: nil)
    }

    /// The household, if the actor may see its village. Audited as `action` when given.
    public func household(_ householdID: String, in db: Database, actor: CoreActor, action: String?) throws -> Household {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        try self.grants.require(.childRegistry)
        if let action { try Self.checkRole(actor, in: db, at: self.clock.now(), action: action, childID: nil) }
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM core_household WHERE household_id = ?", arguments: [householdID]),
            let village = try? DivisionCode(row["village"] as String), actor.canSee(village)
        else {
            throw RPCError(code: .notFound, message: "no household '\(householdID)' in your jurisdiction")
        }
        if let action { try AuditLog.append(in: db, at: self.clock.now(), actor: actor, action: action) }
        let caregivers = try Row.fetchAll(
            db,
            sql: "SELECT * FROM core_caregiver WHERE household_id = ? ORDER BY name, caregiver_id",
            arguments: [householdID]
        ).map { row in
            Caregiver(
                caregiverID: row["caregiver_id"],
                name: row["name"],
                sex: (row["sex"] as String?).flatMap(Sex.init(rawValue:)),
                birthYear: row["birth_year"],
                phone: row["phone"]
            )
        }
        return Household(householdID: householdID, village: village, address: row["address"], caregivers: caregivers, version: row["version"])
    }

    private func insert(_ caregiver: Caregiver, into householdID: String, in db: Database) throws {
        let name = caregiver.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= ChildDetails.maximumNameLength else {
            throw invalid("a caregiver needs a name (at most \(ChildDetails.maximumNameLength) characters)")
        }
        let thisYear = self.clock.today().year
        if let year = caregiver.birthYear, !((thisYear - 110)...(thisYear - 10)).contains(year) {
            throw invalid("caregiver birth_year \(year) is not plausible")
        }
        guard caregiver.phone.count <= 20, caregiver.phone.allSatisfy({ $0.isNumber || "+- ".contains($0) }) else {
            throw invalid("caregiver phone may contain only digits, '+', '-' and spaces (at most 20)")
        }
        try db.execute(
            sql: "INSERT INTO core_caregiver (caregiver_id, household_id, name, sex, birth_year, phone) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [RecordID.make("G"), householdID, name, caregiver.sex?.rawValue, caregiver.birthYear, caregiver.phone]
        )
    }
}
