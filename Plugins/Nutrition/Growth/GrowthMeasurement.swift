import GRPCCore
import KioskDomain
import KioskPluginKit

/// How length or height was measured.
enum MeasurementPosition: String, Sendable, Hashable {
    /// Recumbent length, the standard's way before 731 days.
    case lying
    /// Standing height, the standard's way from 731 days.
    case standing
}

/// One growth measurement, checked: every value possible for a child, the date inside the child's life.
struct GrowthMeasurement: Sendable, Hashable {
    var measuredOn: CalendarDate
    var weightKg: Double?
    var lengthCm: Double?
    var position: MeasurementPosition?
    var muacMM: Int?
    var oedema: Bool

    static let weightRange = 0.3...60.0
    static let lengthRange = 35.0...150.0
    static let muacRange = 50...350

    /// Checks raw input as the wire carries it (0 meaning "not measured") for a child born on
    /// `birthDate`, on `today`. INVALID_ARGUMENT naming the field when a value is impossible.
    static func checked(
        measuredOn text: String,
        weightKg: Double,
        lengthCm: Double,
        position: MeasurementPosition?,
        muacMM: Int,
        oedema: Bool,
        birthDate: CalendarDate,
        today: CalendarDate
    ) throws -> GrowthMeasurement {
        let measuredOn = try RequestField.pastDate(text, field: "measured_on", today: today)
        guard measuredOn >= birthDate else {
            throw RPCError.invalidArgument("measured_on: \(measuredOn) is before the child's birth on \(birthDate)")
        }
        let weight = try self.optional(weightKg, field: "weight_kg", unit: "kg", range: self.weightRange)
        let length = try self.optional(lengthCm, field: "length_cm", unit: "cm", range: self.lengthRange)
        if length != nil, position == nil { throw RPCError.invalidArgument("position: is required with length_cm (lying or standing)") }
        let muac = try self.optional(Double(muacMM), field: "muac_mm", unit: "mm", range: Double(muacRange.lowerBound)...Double(muacRange.upperBound))
        guard weight != nil || length != nil || muac != nil || oedema else {
            throw RPCError.invalidArgument("nothing measured: give weight_kg, length_cm, muac_mm or oedema")
        }
        return GrowthMeasurement(
            measuredOn: measuredOn, weightKg: weight, lengthCm: length, position: length == nil ? nil : position,
            muacMM: muac.map { Int($0) }, oedema: oedema
        )
    }

    private static func optional(_ value: Double, field: String, unit: String, range: ClosedRange<Double>) throws -> Double? {
        guard value.isFinite else { throw RPCError.invalidArgument("\(field): is not a number") }
        if value == 0 { return nil }
        guard value > 0 else { throw RPCError.invalidArgument("\(field): \(format(value)) is negative") }
        guard range.contains(value) else {
            throw RPCError.invalidArgument(
                "\(field): \(format(value)) \(unit) is impossible for a child (\(format(range.lowerBound)) to \(format(range.upperBound)) \(unit))"
            )
        }
        return value
    }
}

/// A number as a person writes it: no trailing ".0".
func format(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
}
