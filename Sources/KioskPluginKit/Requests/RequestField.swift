import Foundation
public import GRPCCore
public import KioskDomain

/// Reading the fields of a request, with one wording of errors for every service.
///
/// Each function throws INVALID_ARGUMENT whose message starts with the field's name, so that a kiosk
/// can point at the field: "birth_date: '2019-02-30' is not a date written YYYY-MM-DD".
/// Messages repeat what the caller sent back to the caller only; they are never logged.
public enum RequestField {
    /// A required date written `YYYY-MM-DD`.
    public static func date(_ text: String, field: String) throws -> CalendarDate {
        guard !text.isEmpty else { throw RPCError.invalidArgument("\(field): is required (a date written YYYY-MM-DD)") }
        guard let date = try? CalendarDate(iso: text) else {
            throw RPCError.invalidArgument("\(field): '\(text)' is not a date written YYYY-MM-DD")
        }
        return date
    }

    /// A date written `YYYY-MM-DD`, or nil when the field is empty.
    public static func optionalDate(_ text: String, field: String) throws -> CalendarDate? {
        text.isEmpty ? nil : try self.date(text, field: field)
    }

    /// A required month written `YYYY-MM`, as its first day (a month of rates or payments).
    public static func month(_ text: String, field: String) throws -> CalendarDate {
        guard !text.isEmpty else { throw RPCError.invalidArgument("\(field): is required (a month written YYYY-MM)") }
        guard text.count == 7, let first = try? CalendarDate(iso: text + "-01") else {
            throw RPCError.invalidArgument("\(field): '\(text)' is not a month written YYYY-MM")
        }
        return first
    }

    /// A required date that is not after `today`.
    public static func pastDate(_ text: String, field: String, today: CalendarDate) throws -> CalendarDate {
        let date = try self.date(text, field: field)
        guard date <= today else { throw RPCError.invalidArgument("\(field): \(date) is in the future (today is \(today))") }
        return date
    }

    /// A required text, trimmed, of at most `maximumLength` characters.
    public static func text(_ value: String, field: String, maximumLength: Int = 100) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw RPCError.invalidArgument("\(field): is required") }
        return try self.optionalText(trimmed, field: field, maximumLength: maximumLength)
    }

    /// A text that may be empty, trimmed, of at most `maximumLength` characters.
    public static func optionalText(_ value: String, field: String, maximumLength: Int = 1000) throws -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= maximumLength else {
            throw RPCError.invalidArgument("\(field): is longer than \(maximumLength) characters")
        }
        return trimmed
    }

    /// A required record id (a child's, an application's, a plugin record's): 1 to 64 letters,
    /// digits, `-` or `_`.
    public static func id(_ text: String, field: String) throws -> String {
        guard !text.isEmpty else { throw RPCError.invalidArgument("\(field): is required") }
        guard text.count <= 64, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw RPCError.invalidArgument("\(field): is not an id (1 to 64 letters, digits, '-' or '_')")
        }
        return text
    }

    /// A division filter: empty for none, else a 6-, 9- or 12-digit division code.
    public static func division(_ text: String, field: String = "division") throws -> Jurisdiction? {
        guard !text.isEmpty else { return nil }
        do {
            return try Jurisdiction(text)
        } catch {
            throw RPCError.invalidArgument("\(field): '\(text)' \(error.message)")
        }
    }

    /// A 12-digit village code.
    public static func village(_ text: String, field: String = "village") throws -> DivisionCode {
        do {
            return try DivisionCode(text)
        } catch {
            throw RPCError.invalidArgument("\(field): '\(text)' \(error.message)")
        }
    }

    /// A whole number in `range`.
    public static func integer<T: BinaryInteger>(_ value: T, field: String, in range: ClosedRange<T>) throws -> T {
        guard range.contains(value) else {
            throw RPCError.invalidArgument("\(field): \(value) is not from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// An enum field that must be set (not its zero, UNSPECIFIED value): the mapped value.
    public static func required<Value>(_ value: Value?, field: String) throws -> Value {
        guard let value else { throw RPCError.invalidArgument("\(field): is required") }
        return value
    }
}

extension RPCError {
    /// INVALID_ARGUMENT with `message`: the caller must correct the request.
    public static func invalidArgument(_ message: String) -> RPCError {
        RPCError(code: .invalidArgument, message: message)
    }
}
