/// What a guardian's consent covers: the use of a child's data it allows.
///
/// The core knows three purposes: ``registration`` (keeping the child's record), a referral to a
/// named service, and sharing with a named partner plugin. Plugins add their own, named
/// `<plugin id>.<name>` and declared in ``PluginMetadata/consentPurposes``.
public struct ConsentPurpose: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The purpose as stored and sent over the wire, e.g. `registration`, `referral:nutrition`,
    /// `share-with-partner:fostercare`, `fostercare.placement`.
    public let id: String

    /// A purpose by its id.
    public init(_ id: String) {
        self.id = id
    }

    /// Keeping the child's record in the registry.
    public static let registration = ConsentPurpose("registration")

    /// Referring the child to `service` (a plugin id or a named outside service).
    public static func referral(to service: String) -> ConsentPurpose {
        ConsentPurpose("referral:\(service)")
    }

    /// Sharing the child's data with the partner whose plugin has the id `pluginID`.
    public static func shareWithPartner(_ pluginID: String) -> ConsentPurpose {
        ConsentPurpose("share-with-partner:\(pluginID)")
    }

    public var description: String { self.id }

    public static func < (lhs: ConsentPurpose, rhs: ConsentPurpose) -> Bool { lhs.id < rhs.id }
}

/// A consent purpose a plugin defines, with what a kiosk shows the guardian.
public struct ConsentPurposeDeclaration: Sendable, Hashable {
    /// The purpose; its id must be `<plugin id>.<name>`.
    public var purpose: ConsentPurpose
    /// What the guardian agrees to, in both languages.
    public var title: LocalizedText

    /// Declares a purpose.
    public init(_ purpose: ConsentPurpose, title: LocalizedText) {
        self.purpose = purpose
        self.title = title
    }
}

/// A kind of application a plugin submits through the shared workflow.
public struct ApplicationKindDeclaration: Sendable, Hashable {
    /// The kind without the plugin's prefix, e.g. `orphan-basic-living` (stored as `allowances.orphan-basic-living`).
    public var kind: String
    /// What reviewers and reports call it.
    public var title: LocalizedText
    /// The guardian's consent a submission needs, if any; the core refuses a submission without it.
    public var consent: ConsentPurpose?

    /// Declares an application kind.
    public init(_ kind: String, title: LocalizedText, consent: ConsentPurpose? = nil) {
        self.kind = kind
        self.title = title
        self.consent = consent
    }
}
