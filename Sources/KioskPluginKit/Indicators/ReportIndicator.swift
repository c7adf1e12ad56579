public import KioskDomain

/// One number the programme's reports show, counted from the records, never typed in.
///
/// Each indicator has one precise counting rule (`docs/INDICATORS.md` lists them all, generated
/// from these declarations). Plugins contribute theirs through an ``IndicatorProvider``; the core
/// adds its own.
public struct ReportIndicator: Sendable, Hashable {
    /// What is counted.
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        /// Distinct children.
        case children
        /// Distinct caregivers.
        case caregivers
        /// Distinct families (households, foster families).
        case families
        /// Events: sessions, visits, applications, placements.
        case events
        /// Money, in yuan.
        case yuan
        /// Days: the provider returns one value per event (its days); reports show the median.
        case days
    }

    /// `<plugin id>.<name>` (or `core.<name>`), e.g. `nutrition.children-measured`.
    public var id: String
    /// The title reports show.
    public var title: LocalizedText
    /// The counting rule in one or two sentences: what is counted, from which records, in which
    /// states, over which period or as of which day.
    public var rule: String
    /// What the number counts. Counts of people (children, caregivers, families) below the
    /// reports' threshold are shown as "fewer than N" at village level.
    public var unit: Unit
    /// The levels the indicator is shown at; a report leaves it out of rows at other levels.
    public var levels: Set<Jurisdiction.Level>
    /// The groups the number is broken down into (arrangement types, allowance types…), in the
    /// order reports show them; empty when the indicator is one number.
    public var groups: [IndicatorGroup]

    /// Declares an indicator.
    public init(
        id: String,
        title: LocalizedText,
        rule: String,
        unit: Unit,
        levels: Set<Jurisdiction.Level> = [.village, .township, .county],
        groups: [IndicatorGroup] = []
    ) {
        self.id = id
        self.title = title
        self.rule = rule
        self.unit = unit
        self.levels = levels
        self.groups = groups
    }

    /// Whether the indicator counts people, whose small numbers are hidden at village level.
    public var countsPeople: Bool {
        [.children, .caregivers, .families].contains(self.unit)
    }
}

/// One group of an indicator's breakdown, e.g. the arrangement type `foster-family`.
public struct IndicatorGroup: Sendable, Hashable {
    /// The key providers return in ``IndicatorValue/group``, e.g. `foster-family`.
    public var key: String
    /// What reports call the group.
    public var title: LocalizedText

    /// Declares a group.
    public init(_ key: String, title: LocalizedText) {
        self.key = key
        self.title = title
    }
}
