import KioskStore
public import KioskPluginKit
import Foundation
public import GRDB
import GRPCCore
public import KioskDomain

/// The consent register: guardians' consents per child and purpose, their withdrawal, and the
/// urgent overrides that stand in for a missing consent.
///
/// Reads are open to plugins (``ConsentRegistry``); recording, withdrawing and overriding are the
/// core's `Consent` service's alone. Jurisdiction, roles and the audit log work as in the child
/// registry: every call appends one audit entry in its transaction, and a refusal is audited too.
public struct CoreConsentRegistry: ConsentRegistry {
    let grants: CoreGrants
    let clock: any WallClock
    /// The purposes this server knows and the kinds that need them.
    public let purposes: ConsentPurposes
    /// How long an urgent override may be used after it is recorded.
    public let overrideValidity: Duration

    /// Creates the register for the holder of `grants`.
    public init(grants: CoreGrants, clock: any WallClock, purposes: ConsentPurposes, overrideValidity: Duration = .seconds(72 * 3600)) {
        self.grants = grants
        self.clock = clock
        self.purposes = purposes
        self.overrideValidity = overrideValidity
    }

    /// A consent to record: who gave it, how, when.
    public struct NewConsent: Sendable, Hashable {
        /// The child.
        public var childID: String
        /// What it allows.
        public var purpose: ConsentPurpose
        /// Who gave it.
        public var givenBy: ConsentRecord.Giver
        /// How.
        public var method: ConsentRecord.Method
        /// The day it was given.
        public var givenOn: CalendarDate

        /// Creates a value.
        public init(childID: String, purpose: ConsentPurpose, givenBy: ConsentRecord.Giver, method: ConsentRecord.Method, givenOn: CalendarDate) {
            self.childID = childID
            self.purpose = purpose
            self.givenBy = givenBy
            self.method = method
            self.givenOn = givenOn
        }
    }

    public func consents(of childID: String, in db: Database, actor: CoreActor) throws -> [ConsentRecord] {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        try self.grants.require(.consent)
        _ = try self.visibleChild(childID, in: db, actor: actor, action: "consent.list")
        let consents = try ConsentRows.consents(of: childID, in: db)
        try AuditLog.append(in: db, at: self.clock.now(), actor: actor, action: "consent.list", childID: childID, outcome: "\(consents.count) results")
        return consents
    }

    public func consent(for purpose: ConsentPurpose, childID: String, in db: Database, actor: CoreActor) throws -> ConsentRecord? {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        try self.grants.require(.consent)
        _ = try self.visibleChild(childID, in: db, actor: actor, action: "consent.check")
        let consent = try ConsentRows.inForce(purpose, childID: childID, on: self.clock.today(), in: db)
        try AuditLog.append(in: db, at: self.clock.now(), actor: actor, action: "consent.check", childID: childID, outcome: consent == nil ? "none" : "ok")
        return consent
    }

    /// Records a consent (village, township and county workers; operators are PERMISSION_DENIED).
    /// FAILED_PRECONDITION for a caregiver not linked to the child, a child under
    /// 16 consenting for themselves, or a witness who is not another active worker; ALREADY_EXISTS
    /// while a consent for the same purpose is in force.
    public func record(_ consent: NewConsent, in db: Database, actor: CoreActor) throws -> ConsentRecord {
        let unconfined = SQLGuard.suspend(db)
        defer { unconfined.restore() }
        try self.grants.require(.consent)
        let action = "consent.record"
        let child = try self.visibleChild(consent.childID, in: db, actor: actor, action: action)
        let today = self.clock.today()
        guard consent.givenOn <= today else { throw invalid("given_on: \(consent.givenOn) is in the future (today is \(today))") }
        guard consent.givenOn >= child.details.birthDate else { throw invalid("given_on: \(consent.givenOn) is before the child was born") }
        try Self.checkGiver(consent.givenBy, of: child, on: consent.givenOn)
        try Self.checkMethod(consent.method, in: db, actor: actor)
        if let existing = try ConsentRows.unwithdrawn(consent.purpose, childID: consent.childID, in: db) {
            throw RPCError(
                code: .alreadyExists,
                message: "child \(consent.childID) already has consent \(existing.consentID) for \(consent.purpose) (given \(existing.givenOn)); "
                    + "withdraw it before recording another"
            )
        }
        let record = ConsentRecord(
            consentID: RecordID.make("K"), childID: consent.childID, purpose: consent.purpose, givenBy: consent.givenBy,
            method: consent.method, givenOn: consent.givenOn, recordedBy: actor.name, recordedAt: self.clock.now()
        )
        try ConsentRows.insert(record, in: db)
        try AuditLog.append(in: db, at: record.recordedAt, actor: actor, action: action, childID: consent.childID)
        return record
    }

    /// The child, if the actor may see it: operators are PERMISSION_DENIED and a child outside the
    /// jurisdiction NOT_FOUND (`notFound` overrides the message), both audited as refusals.
    func visibleChild(_ childID: String, in db: Database, actor: CoreActor, action: String, notFound: RPCError? = nil) throws -> ChildRecord {
        try CoreChildRegistry.checkRole(actor, in: db, at: self.clock.now(), action: action, childID: childID)
        guard let child = try CoreChildRegistry.fetchChild(childID, in: db), actor.canSee(child.details.village) else {
            throw AuditedRefusal(
                notFound ?? CoreChildRegistry.notFound(childID), at: self.clock.now(), actor: actor, action: action, childID: childID,
                outcome: "not-found"
            )
        }
        return child
    }

    static func checkGiver(_ giver: ConsentRecord.Giver, of child: ChildRecord, on date: CalendarDate) throws {
        switch giver {
        case .caregiver(let caregiverID):
            guard child.details.caregivers.contains(where: { $0.caregiverID == caregiverID }) else {
                throw RPCError(
                    code: .failedPrecondition,
                    message: "caregiver_id: \(caregiverID) is not a caregiver of child \(child.childID); link the caregiver to the child first"
                )
            }
        case .child:
            let age = child.age(on: date)
            guard age >= 16 else {
                throw RPCError(
                    code: .failedPrecondition,
                    message: "child \(child.childID) was \(age) on \(date): a child consents for themselves from 16; until then a caregiver does"
                )
            }
        }
    }

    static func checkMethod(_ method: ConsentRecord.Method, in db: Database, actor: CoreActor) throws {
        guard case .verbal(let witness) = method else { return }
        guard witness != actor.name else {
            throw RPCError(code: .failedPrecondition, message: "witness_worker_id: the witness of verbal consent is another worker, not the one recording it")
        }
        let active = try Bool.fetchOne(db, sql: "SELECT active FROM core_worker WHERE worker_id = ?", arguments: [witness])
        guard active == true else {
            throw RPCError(code: .failedPrecondition, message: "witness_worker_id: \(witness) is not an active worker")
        }
    }
}
