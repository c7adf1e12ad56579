public import Foundation
public import KioskDomain

/// Something a township should act on about a child, raised by a plugin.
public struct WorkItem: Sendable, Hashable {
    /// How soon.
    public enum Urgency: String, Sendable, Hashable, CaseIterable {
        case routine, urgent
    }

    /// The item's id.
    public var itemID: String
    /// The child.
    public var childID: String
    /// The child's village.
    public var village: DivisionCode
    /// `<plugin id>.<kind>`, e.g. `nutrition.severe-acute-malnutrition`.
    public var kind: String
    /// How soon.
    public var urgency: Urgency
    /// For the township (no names: the child is linked by id).
    public var summary: String
    /// When raised.
    public var raisedAt: Date
    /// Who raised it.
    public var raisedBy: String
    /// When resolved; nil while open.
    public var resolvedAt: Date?
    /// Who resolved it.
    public var resolvedBy: String?
    /// What was done.
    public var resolution: String?

    /// Creates a value.
    public init(
        itemID: String,
        childID: String,
        village: DivisionCode,
        kind: String,
        urgency: Urgency,
        summary: String,
        raisedAt: Date,
        raisedBy: String,
        resolvedAt: Date?,
        resolvedBy: String?,
        resolution: String?
    ) {
        self.itemID = itemID
        self.childID = childID
        self.village = village
        self.kind = kind
        self.urgency = urgency
        self.summary = summary
        self.raisedAt = raisedAt
        self.raisedBy = raisedBy
        self.resolvedAt = resolvedAt
        self.resolvedBy = resolvedBy
        self.resolution = resolution
    }
}
