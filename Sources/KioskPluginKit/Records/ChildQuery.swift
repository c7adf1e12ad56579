public import KioskDomain

/// What to look for in ``ChildRegistry/search(_:in:actor:action:)``.
public struct ChildQuery: Sendable, Hashable {
    /// An identity number, a name (or part) in characters, or toneless pinyin; empty for everyone.
    public var text: String
    /// A village or township inside the actor's jurisdiction.
    public var division: Jurisdiction?
    /// Only children with this category.
    public var category: ChildCategory.Kind?
    /// 1 to 100.
    public var pageSize: Int
    /// From the previous page.
    public var pageToken: String?

    /// Creates a query.
    public init(
        text: String = "",
        division: Jurisdiction? = nil,
        category: ChildCategory.Kind? = nil,
        pageSize: Int = 20,
        pageToken: String? = nil
    ) {
        self.text = text
        self.division = division
        self.category = category
        self.pageSize = pageSize
        self.pageToken = pageToken
    }
}

/// One page of children.
public struct ChildPage: Sendable, Hashable {
    /// The children, by pinyin then id.
    public var children: [ChildRecord]
    /// The token of the next page, nil on the last.
    public var nextPageToken: String?

    /// Creates a value.
    public init(
        children: [ChildRecord],
        nextPageToken: String?
    ) {
        self.children = children
        self.nextPageToken = nextPageToken
    }
}

/// The result of asking to register a child.
public enum RegistrationOutcome: Sendable, Hashable {
    /// Registered.
    case registered(ChildRecord)
    /// Not registered: children who may be the same child.
    case candidates([DuplicateCandidate])
}

/// A registered child who may be the child being registered.
///
/// A candidate outside the worker's jurisdiction is reported without anything that identifies it:
/// only the reason, so the worker knows to ask the township before registering.
public struct DuplicateCandidate: Sendable, Hashable {
    /// The child, when inside the worker's jurisdiction.
    public var child: ChildRecord?
    /// Why it is a candidate.
    public var reason: String

    /// Creates a value.
    public init(
        child: ChildRecord?,
        reason: String
    ) {
        self.child = child
        self.reason = reason
    }
}
