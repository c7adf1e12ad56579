public import GRDB

/// The guardians' consents on record for children, for plugins to read.
///
/// Consent is recorded, withdrawn and overridden only through the core's `kiosk.core.v1.Consent`
/// service, never by a plugin: a plugin cannot grant itself the consent its applications need. The
/// core checks the consent each application kind declares (``ApplicationKindDeclaration/consent``)
/// when the plugin calls `core.applications.submit`; a plugin reads consent only to show it or to
/// decide something of its own (e.g. whether to offer a referral).
///
/// The jurisdiction rules of ``ChildRegistry`` apply: a child outside the actor's jurisdiction is
/// NOT_FOUND, operators are PERMISSION_DENIED, and every read is audited in the same transaction.
///
/// A plugin reaches it as `context.core.consent` after declaring ``CoreDataAccess/consent``:
///
/// ```swift
/// let consented = try await store.write { db in
///     try consent.consent(for: .referral(to: "nutrition"), childID: id, in: db, actor: try CoreActor.currentWorker()) != nil
/// }
/// ```
public protocol ConsentRegistry: Sendable {
    /// Every consent recorded for the child, in force or withdrawn, newest first. Audited as `consent.list`.
    func consents(of childID: String, in db: Database, actor: CoreActor) throws -> [ConsentRecord]

    /// The child's consent for `purpose` in force today, or nil. Audited as `consent.check`.
    func consent(for purpose: ConsentPurpose, childID: String, in db: Database, actor: CoreActor) throws -> ConsentRecord?
}
