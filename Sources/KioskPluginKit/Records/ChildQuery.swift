public import KioskDomain

/// What to look for in ``ChildRegistry/search(_:in:actor:action:)``; every filter is applied in SQL,
/// inside the actor's jurisdiction.
///
/// "Children aged 6 to 15 in my township with no enrolment of mine yet" is one query:
///
/// ```swift
/// var query = ChildQuery(division: township, pageSize: 100)
/// query.birthDates = ChildQuery.birthDates(aged: 6...15, on: clock.today())
/// query.pluginRecords = .without(table: "school_enrolment", childColumn: "child_id")
/// ```
public struct ChildQuery: Sendable, Hashable {
    /// Children with (or without) a row in one of the calling plugin's tables.
    public struct PluginRecords: Sendable, Hashable {
        /// The plugin's table, which must start with the plugin's prefix (`<plugin id>_`).
        public var table: String
        /// Its column holding the child's id.
        public var childColumn: String
        /// True for children with a row, false for children without one.
        public var present: Bool

        /// Children with a row in `table` whose `childColumn` is their id.
        public static func with(table: String, childColumn: String = "child_id") -> PluginRecords {
            PluginRecords(table: table, childColumn: childColumn, present: true)
        }

        /// Children without a row in `table` whose `childColumn` is their id.
        public static func without(table: String, childColumn: String = "child_id") -> PluginRecords {
            PluginRecords(table: table, childColumn: childColumn, present: false)
        }
    }

    /// An identity number, a name (or part) in characters, or toneless pinyin; empty for everyone.
    public var text: String
    /// A village or township inside the actor's jurisdiction.
    public var division: Jurisdiction?
    /// Only children with this category.
    public var category: ChildCategory.Kind?
    /// Only children born on these days (both ends included); see ``birthDates(aged:on:)``.
    public var birthDates: ClosedRange<CalendarDate>?
    /// Only children with (or without) a record of the calling plugin.
    public var pluginRecords: PluginRecords?
    /// 1 to 100.
    public var pageSize: Int
    /// From the previous page.
    public var pageToken: String?

    /// Creates a query.
    public init(
        text: String = "",
        division: Jurisdiction? = nil,
        category: ChildCategory.Kind? = nil,
        birthDates: ClosedRange<CalendarDate>? = nil,
        pluginRecords: PluginRecords? = nil,
        pageSize: Int = 20,
        pageToken: String? = nil
    ) {
        self.text = text
        self.division = division
        self.category = category
        self.birthDates = birthDates
        self.pluginRecords = pluginRecords
        self.pageSize = pageSize
        self.pageToken = pageToken
    }

    /// The birth dates of children whose age in completed years on `date` is within `ages`.
    public static func birthDates(aged ages: ClosedRange<Int>, on date: CalendarDate) -> ClosedRange<CalendarDate> {
        let earliest = date.adding(years: -(ages.upperBound + 1)).adding(days: 1)
        let latest = date.adding(years: -ages.lowerBound)
        return earliest...latest
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
