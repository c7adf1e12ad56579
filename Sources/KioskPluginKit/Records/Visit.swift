public import KioskDomain

/// A monitoring visit to a child.
public struct Visit: Sendable, Hashable {
    /// Risk the visiting worker saw.
    public enum RiskLevel: String, Sendable, Hashable, CaseIterable {
        case low, medium, high
    }

    /// The visit's id.
    public var visitID: String
    /// The child.
    public var childID: String
    /// The day of the visit.
    public var date: CalendarDate
    /// The worker who visited.
    public var workerID: String
    /// What the worker saw.
    public var observations: String
    /// The risk the worker judged.
    public var riskLevel: RiskLevel
    /// When the child should next be visited.
    public var followUpDate: CalendarDate?

    /// Creates a value.
    public init(
        visitID: String,
        childID: String,
        date: CalendarDate,
        workerID: String,
        observations: String,
        riskLevel: RiskLevel,
        followUpDate: CalendarDate?
    ) {
        self.visitID = visitID
        self.childID = childID
        self.date = date
        self.workerID = workerID
        self.observations = observations
        self.riskLevel = riskLevel
        self.followUpDate = followUpDate
    }
}

/// A child whose follow-up visit is due and has not happened.
public struct OverdueVisit: Sendable, Hashable {
    /// The child.
    public var child: ChildRecord
    /// The follow-up date that passed; nil when the child was never visited.
    public var dueDate: CalendarDate?
    /// The last visit, if any.
    public var lastVisit: Visit?

    /// Creates a value.
    public init(
        child: ChildRecord,
        dueDate: CalendarDate?,
        lastVisit: Visit?
    ) {
        self.child = child
        self.dueDate = dueDate
        self.lastVisit = lastVisit
    }
}
