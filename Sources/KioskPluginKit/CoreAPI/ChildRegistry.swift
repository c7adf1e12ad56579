public import GRDB
public import KioskDomain

/// The one way to children's records, for plugins and for the core's own services.
///
/// Every function takes the acting ``CoreActor`` and confines what it reads and writes to the
/// actor's jurisdiction: a record outside it is reported exactly like a record that does not exist
/// (NOT_FOUND), and a `division` outside it is PERMISSION_DENIED. Operators see no child records.
/// Every read or change of a child's record appends an audit entry in the same transaction, so
/// functions that read need a write transaction too (`PluginStore.write`).
///
/// A plugin reaches it as `context.core.children` after declaring ``CoreDataAccess/childRegistry``
/// (and ``CoreDataAccess/childRegistryWrite`` to change records) in its metadata:
///
/// ```swift
/// let child = try await store.write { db in
///     try children.child(request.childID, in: db, actor: try CoreActor.currentWorker(), action: "nutrition.summary")
/// }
/// ```
public protocol ChildRegistry: Sendable {
    /// The child `childID`, if `actor` may see it; NOT_FOUND otherwise. Audited as `action`.
    func child(_ childID: String, in db: Database, actor: CoreActor, action: String) throws -> ChildRecord

    /// Children matching `query` that `actor` may see, one page at a time. Audited as `action` with
    /// the number of results (never the query, which may be a name).
    func search(_ query: ChildQuery, in db: Database, actor: CoreActor, action: String) throws -> ChildPage

    /// Registers a child, or returns the children who may be the same child: the same identity
    /// number anywhere, or the same name (characters or pinyin) and birth date in the same township.
    func register(_ details: ChildDetails, confirmedNotDuplicate: Bool, in db: Database, actor: CoreActor) throws -> RegistrationOutcome

    /// Changes a child's record with `change` and stores it as the next version.
    ///
    /// With `expectedVersion`, a record that has moved on is refused with ABORTED and the current
    /// version in the message and in the trailing metadata `current-version`.
    func update(
        _ childID: String,
        expectedVersion: Int64?,
        in db: Database,
        actor: CoreActor,
        action: String,
        change: (inout ChildDetails) throws -> Void
    ) throws -> ChildRecord

    /// Creates a household in a village of the actor's jurisdiction.
    func createHousehold(village: DivisionCode, address: String, caregivers: [Caregiver], in db: Database, actor: CoreActor) throws -> Household

    /// Adds a caregiver to a household.
    func addCaregiver(_ caregiver: Caregiver, to householdID: String, in db: Database, actor: CoreActor) throws -> Household

    /// The household, if the actor may see its village. Audited as `action` when given.
    func household(_ householdID: String, in db: Database, actor: CoreActor, action: String?) throws -> Household

    /// Records a visit by the actor to a child in the actor's jurisdiction.
    func recordVisit(
        childID: String,
        date: CalendarDate,
        observations: String,
        riskLevel: Visit.RiskLevel,
        followUpDate: CalendarDate?,
        in db: Database,
        actor: CoreActor
    ) throws -> Visit

    /// A child's visits, newest first.
    func visits(childID: String, in db: Database, actor: CoreActor) throws -> [Visit]

    /// Children in the actor's jurisdiction (or `division` inside it) whose last visit's follow-up
    /// date has passed, oldest due first, after the children never visited.
    func overdueVisits(
        division: Jurisdiction?,
        pageSize: Int,
        pageToken: String?,
        in db: Database,
        actor: CoreActor
    ) throws -> (visits: [OverdueVisit], nextPageToken: String?)
}

extension ChildRegistry {
    /// Children matching `query`, audited as `children.search`.
    public func search(_ query: ChildQuery, in db: Database, actor: CoreActor) throws -> ChildPage {
        try self.search(query, in: db, actor: actor, action: "children.search")
    }
}
