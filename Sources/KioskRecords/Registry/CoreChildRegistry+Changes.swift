import KioskStore
public import KioskPluginKit
import Foundation
public import GRDB
import GRPCCore
import KioskDomain

extension CoreChildRegistry {
    /// Registers a child, or returns the children who may be the same child: the same identity
    /// number anywhere, or the same name (characters or pinyin) and birth date in the same township.
    public func register(
        _ details: ChildDetails,
        confirmedNotDuplicate: Bool,
        in db: Database,
        actor: CoreActor
    ) throws -> RegistrationOutcome {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        try self.grants.require(.childRegistryWrite)
        let now = self.clock.now()
        try Self.checkRole(actor, in: db, at: now, action: "children.register", childID: nil)
        let details = try details.validated(today: self.clock.today())
        try self.checkPlacement(details, in: db, actor: actor)
        let candidates = try Self.duplicates(of: details, excluding: nil, in: db, actor: actor)
        let sameNumber = candidates.filter { $0.reason == DuplicateReason.identityNumber }
        if !sameNumber.isEmpty, confirmedNotDuplicate || sameNumber.contains(where: { $0.child == nil }) {
            throw Self.duplicateNumber(sameNumber[0])
        }
        if !candidates.isEmpty, !confirmedNotDuplicate || !sameNumber.isEmpty {
            try AuditLog.append(in: db, at: now, actor: actor, action: "children.register", outcome: "\(candidates.count) candidates")
            return .candidates(candidates)
        }
        let record = ChildRecord(
            childID: RecordID.make("C"),
            details: details,
            namePinyin: PinyinKey(details.name).spaced,
            version: 1,
            createdAt: now,
            updatedAt: now
        )
        try ChildRow.save(record, in: db, inserting: true)
        try AuditLog.append(in: db, at: now, actor: actor, action: "children.register", childID: record.childID)
        return .registered(try Self.fetchChild(record.childID, in: db) ?? record)
    }

    /// Changes a child's record with `change` and stores it as the next version.
    ///
    /// With `expectedVersion`, a record that has moved on is refused with ABORTED and the current
    /// version in the message and in the trailing metadata `current-version`.
    public func update(
        _ childID: String,
        expectedVersion: Int64?,
        in db: Database,
        actor: CoreActor,
        action: String,
        change: (inout ChildDetails) throws -> Void
    ) throws -> ChildRecord {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        try self.grants.require(.childRegistryWrite)
        var record = try self.child(childID, in: db, actor: actor, action: action)
        if let expectedVersion, expectedVersion != record.version {
            var metadata = Metadata()
            metadata.addString(String(record.version), forKey: "current-version")
            throw RPCError(
                code: .aborted,
                message: "child \(childID) has changed since version \(expectedVersion): the current version is "
                    + "\(record.version); read it again and reapply the change",
                metadata: metadata
            )
        }
        var details = record.details
        try change(&details)
        details = try details.validated(today: self.clock.today())
        try self.checkPlacement(details, in: db, actor: actor)
        if let number = details.identityNumber, number != record.details.identityNumber,
            let holder = try Self.duplicates(of: details, excluding: childID, in: db, actor: actor)
                .first(where: { $0.reason == DuplicateReason.identityNumber })
        {
            throw Self.duplicateNumber(holder)
        }
        record.details = details
        record.namePinyin = PinyinKey(details.name).spaced
        record.version += 1
        record.updatedAt = self.clock.now()
        try ChildRow.save(record, in: db, inserting: false)
        return try Self.fetchChild(childID, in: db) ?? record
    }

    /// The village must be the actor's, and the household and caregivers must exist there.
    func checkPlacement(_ details: ChildDetails, in db: Database, actor: CoreActor) throws {
        guard actor.canSee(details.village) else {
            throw RPCError(code: .permissionDenied, message: "village \(details.village) is outside your jurisdiction")
        }
        guard let householdID = details.householdID else {
            guard details.caregivers.isEmpty else { throw invalid("caregivers need the child's household_id") }
            return
        }
        guard let village = try String.fetchOne(db, sql: "SELECT village FROM core_household WHERE household_id = ?", arguments: [householdID]),
            let code = try? DivisionCode(village), actor.canSee(code)
        else {
            throw RPCError(code: .notFound, message: "no household '\(householdID)' in your jurisdiction")
        }
        for link in details.caregivers {
            let member = try Bool.fetchOne(
                db,
                sql: "SELECT 1 FROM core_caregiver WHERE caregiver_id = ? AND household_id = ?",
                arguments: [link.caregiverID, householdID]
            )
            guard member == true else {
                throw invalid("caregiver '\(link.caregiverID)' is not a member of household '\(householdID)'")
            }
        }
    }

    enum DuplicateReason {
        static let identityNumber = "same identity number"
        static let name = "same name and birth date in the township"
        static let pinyin = "same pinyin and birth date in the township"
    }

    static func duplicates(of details: ChildDetails, excluding childID: String?, in db: Database, actor: CoreActor) throws -> [DuplicateCandidate] {
        var found: [(String, String)] = []
        if let number = details.identityNumber {
            let ids = try String.fetchAll(
                db,
                sql: "SELECT child_id FROM core_child WHERE identity_number = ? AND child_id IS NOT ?",
                arguments: [number.normalized, childID]
            )
            found += ids.map { ($0, DuplicateReason.identityNumber) }
        }
        let township = details.village.township.villageRange
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT child_id, name FROM core_child
                WHERE village BETWEEN ? AND ? AND birth_date = ? AND (name = ? OR name_pinyin_compact = ?) AND child_id IS NOT ?
                ORDER BY child_id
                """,
            arguments: [
                township.lowest, township.highest, details.birthDate.isoString, details.name,
                PinyinKey(details.name).compact, childID,
            ]
        )
        for row in rows where !found.contains(where: { $0.0 == row["child_id"] }) {
            let name: String = row["name"]
            found.append((row["child_id"], name == details.name ? DuplicateReason.name : DuplicateReason.pinyin))
        }
        return try found.map { id, reason in
            let record = try self.fetchChild(id, in: db)
            return DuplicateCandidate(child: record.flatMap { actor.canSee($0.details.village) ? $0 : nil }, reason: reason)
        }
    }

    static func duplicateNumber(_ candidate: DuplicateCandidate) -> RPCError {
        guard let child = candidate.child else {
            return RPCError(
                code: .alreadyExists,
                message: "a child with this identity number is registered outside your jurisdiction; ask the county civil affairs office"
            )
        }
        return RPCError(code: .alreadyExists, message: "child \(child.childID) already has this identity number")
    }
}
