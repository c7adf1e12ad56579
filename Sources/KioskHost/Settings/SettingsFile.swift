import Foundation

/// The settings file given to `kioskd --settings`: sections of `key = value` lines.
///
/// ```
/// # Settings of this county's kioskd
/// [allowances]
/// check-interval-hours = 24
///
/// [civil_registration]
/// police-wait-days = 30
/// ```
///
/// A section is a plugin's id (or `core`): lower-case letters, digits and `_`; keys are the settings
/// that plugin declares: lower-case letters, digits and `-`. Blank lines
/// and lines starting with `#` are ignored; a value may be written in double quotes.
public struct SettingsFile: Sendable, Hashable {
    /// Section → key → value text, as written.
    public var sections: [String: [String: String]]

    /// No settings.
    public init(sections: [String: [String: String]] = [:]) {
        self.sections = sections
    }

    /// Reads the file at `path`.
    public init(contentsOf path: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw HostError("cannot read settings file \(path): \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw HostError("settings file \(path) is not UTF-8 text")
        }
        try self.init(parsing: text, name: path)
    }

    /// Parses settings text; errors name `name` and the line.
    public init(parsing text: String, name: String) throws {
        self.init()
        var section: String?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces.union(["\r"]))
            func problem(_ message: String) -> HostError { HostError("settings file \(name), line \(index + 1): \(message)") }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else { throw problem("a section is written [name]") }
                let name = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                guard Self.isSectionName(name) else { throw problem("'\(name)' is not a section name (a plugin id: lower-case letters, digits, '_')") }
                guard self.sections[name] == nil else { throw problem("section [\(name)] appears twice") }
                self.sections[name] = [:]
                section = name
                continue
            }
            guard let section else { throw problem("a setting must follow a [section] line") }
            guard let equals = line.firstIndex(of: "=") else { throw problem("a setting is written key = value") }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            guard Self.isName(key) else { throw problem("'\(key)' is not a key (lower-case letters, digits, '-')") }
            guard self.sections[section]?[key] == nil else { throw problem("\(key) is set twice in [\(section)]") }
            self.sections[section]?[key] = try Self.value(line[line.index(after: equals)...], problem: problem)
        }
    }

    private static func value(_ text: Substring, problem: (String) -> HostError) throws -> String {
        let value = text.trimmingCharacters(in: .whitespaces)
        guard value.hasPrefix("\"") else { return value }
        guard value.count >= 2, value.hasSuffix("\"") else { throw problem("a quoted value needs its closing '\"'") }
        return String(value.dropFirst().dropLast())
    }

    private static func isName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64 && text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
    }

    /// A plugin id (`civil_registration`) or `core`.
    private static func isSectionName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64 && text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
    }
}
