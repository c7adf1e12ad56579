public import GRDB
public import KioskDomain

/// The work list: urgent and routine items on children, per jurisdiction, for townships to act on.
///
/// A plugin reaches it as `context.core.workList` after declaring ``CoreDataAccess/workList`` in
/// its metadata. Kinds are the plugin's own (stored as `<plugin id>.<kind>`).
public protocol WorkList: Sendable {
    /// Raises an item of the plugin's `kind` on a child; while one of the same kind is open for the
    /// child, that item is updated instead of a second being raised.
    func raise(kind: String, childID: String, urgency: WorkItem.Urgency, summary: String, in db: Database, actor: CoreActor) throws -> WorkItem

    /// Resolves an item; township supervisors and county officers (or the plugin itself) do this.
    func resolve(_ itemID: String, resolution: String, in db: Database, actor: CoreActor) throws -> WorkItem

    /// The open item of the plugin's `kind` on a child, if any.
    func openItem(kind: String, childID: String, in db: Database) throws -> WorkItem?

    /// Items in the actor's jurisdiction (or `division` inside it): urgent first, then oldest first.
    func list(
        division: Jurisdiction?,
        includeResolved: Bool,
        pageSize: Int,
        pageToken: String?,
        in db: Database,
        actor: CoreActor
    ) throws -> (items: [WorkItem], nextPageToken: String?)
}
