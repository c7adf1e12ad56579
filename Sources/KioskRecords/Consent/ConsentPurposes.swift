public import KioskPluginKit
import GRPCCore

/// The consent purposes this server knows, and which application kinds need which, from the core's
/// three purposes and the installed plugins' declarations.
public struct ConsentPurposes: Sendable {
    /// The installed plugins' metadata.
    public let installedPlugins: [PluginMetadata]

    /// Purposes for the installed plugins.
    public init(installedPlugins: [PluginMetadata]) {
        self.installedPlugins = installedPlugins
    }

    /// The purpose `text` names, or INVALID_ARGUMENT saying what a purpose may be.
    ///
    /// `registration`; `referral:<service>` (a service name of lower-case letters, digits, `_`, `-`
    /// or `.`, at most 64); `share-with-partner:<plugin id>` of an installed plugin; or a purpose an
    /// installed plugin declares (`<plugin id>.<name>`).
    public func purpose(_ text: String) throws -> ConsentPurpose {
        if text == ConsentPurpose.registration.id { return .registration }
        if let service = Self.suffix(of: text, after: "referral:") {
            guard !service.isEmpty, service.count <= 64,
                service.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || "_-.".contains($0)) })
            else {
                throw invalid("purpose: '\(text)': the service after 'referral:' must be 1 to 64 lower-case letters, digits, '_', '-' or '.'")
            }
            return .referral(to: service)
        }
        if let partner = Self.suffix(of: text, after: "share-with-partner:") {
            guard self.installedPlugins.contains(where: { $0.id == partner }) else {
                throw invalid("purpose: '\(text)' names no installed plugin as partner")
            }
            return .shareWithPartner(partner)
        }
        if let declared = self.declarations.first(where: { $0.purpose.id == text }) { return declared.purpose }
        let declared = self.declarations.map(\.purpose.id)
        throw invalid(
            "purpose: '\(text)' is not a consent purpose: registration, referral:<service>, share-with-partner:<plugin id>"
                + (declared.isEmpty ? "" : ", or one the installed plugins declare (\(declared.joined(separator: ", ")))")
        )
    }

    /// Every purpose the installed plugins declare, with their titles.
    public var declarations: [ConsentPurposeDeclaration] {
        self.installedPlugins.flatMap(\.consentPurposes)
    }

    /// The declaration of an application kind (`<plugin id>.<kind>`), if its plugin declares it.
    public func declaration(ofKind fullKind: String) -> ApplicationKindDeclaration? {
        for plugin in self.installedPlugins {
            guard let kind = Self.suffix(of: fullKind, after: "\(plugin.id).") else { continue }
            return plugin.applicationKinds.first { $0.kind == kind }
        }
        return nil
    }

    /// The application kinds (`<plugin id>.<kind>`) that need `purpose`.
    public func kinds(needing purpose: ConsentPurpose) -> [String] {
        self.installedPlugins.flatMap { plugin in
            plugin.applicationKinds.filter { $0.consent == purpose }.map { "\(plugin.id).\($0.kind)" }
        }
    }

    static func suffix(of text: String, after prefix: String) -> String? {
        text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : nil
    }
}
