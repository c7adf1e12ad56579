/// A status change, as kiosks follow them.
public struct ApplicationEvent: Sendable, Hashable {
    /// The application.
    public var applicationID: String
    /// Its kind.
    public var kind: String
    /// Its child.
    public var childID: String
    /// The transition, with its cursor.
    public var transition: TransitionRecord

    /// Creates a value.
    public init(
        applicationID: String,
        kind: String,
        childID: String,
        transition: TransitionRecord
    ) {
        self.applicationID = applicationID
        self.kind = kind
        self.childID = childID
        self.transition = transition
    }
}

/// A filter for ``ApplicationWorkflow/list(_:in:actor:)``.
public struct ApplicationQuery: Sendable, Hashable {
    /// One child's applications.
    public var childID: String?
    /// In one state.
    public var state: ApplicationState?
    /// Kinds beginning with this, e.g. `allowances.`.
    public var kindPrefix: String?
    /// 1 to 100.
    public var pageSize: Int
    /// From the previous page.
    public var pageToken: String?

    /// Creates a filter.
    public init(childID: String? = nil, state: ApplicationState? = nil, kindPrefix: String? = nil, pageSize: Int = 20, pageToken: String? = nil) {
        self.childID = childID
        self.state = state
        self.kindPrefix = kindPrefix
        self.pageSize = pageSize
        self.pageToken = pageToken
    }
}
