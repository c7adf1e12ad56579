import GRPCCore
import KioskDomain
@testable import NutritionPlugin
import Testing

@Suite("Impossible measurements are refused, naming the field")
struct MeasurementInputTests {
    struct Input: Sendable, CustomTestStringConvertible {
        var measuredOn = "2026-11-01"
        var weightKg = 9.0
        var lengthCm = 75.0
        var position: MeasurementPosition? = .lying
        var muacMM = 140
        var oedema = false
        var message = ""

        var testDescription: String { self.message }

        func check() throws -> GrowthMeasurement {
            try GrowthMeasurement.checked(
                measuredOn: self.measuredOn, weightKg: self.weightKg, lengthCm: self.lengthCm, position: self.position,
                muacMM: self.muacMM, oedema: self.oedema,
                birthDate: try CalendarDate(iso: "2025-11-01"), today: try CalendarDate(iso: "2026-11-23")
            )
        }
    }

    static let bad: [Input] = [
        Input(measuredOn: "2026-13-01", message: "measured_on: '2026-13-01' is not a date written YYYY-MM-DD"),
        Input(measuredOn: "2026-11-24", message: "measured_on: 2026-11-24 is in the future (today is 2026-11-23)"),
        Input(measuredOn: "2025-10-31", message: "measured_on: 2025-10-31 is before the child's birth on 2025-11-01"),
        Input(weightKg: -3, message: "weight_kg: -3 is negative"),
        Input(weightKg: 75, message: "weight_kg: 75 kg is impossible for a child (0.3 to 60 kg)"),
        Input(weightKg: 0.2, message: "weight_kg: 0.2 kg is impossible for a child (0.3 to 60 kg)"),
        Input(weightKg: .nan, message: "weight_kg: is not a number"),
        Input(lengthCm: 300, message: "length_cm: 300 cm is impossible for a child (35 to 150 cm)"),
        Input(lengthCm: -75, message: "length_cm: -75 is negative"),
        Input(position: nil, message: "position: is required with length_cm (lying or standing)"),
        Input(muacMM: 20, message: "muac_mm: 20 mm is impossible for a child (50 to 350 mm)"),
        Input(weightKg: 0, lengthCm: 0, muacMM: 0, message: "nothing measured: give weight_kg, length_cm, muac_mm or oedema"),
    ]

    @Test("bad input", arguments: bad)
    func refused(_ input: Input) {
        #expect {
            _ = try input.check()
        } throws: { error in
            let error = error as? RPCError
            return error?.code == .invalidArgument && error?.message == input.message
        }
    }

    @Test("0 means not measured; oedema alone is a measurement")
    func optionalValues() throws {
        let measurement = try Input(weightKg: 0, lengthCm: 0, position: nil, muacMM: 0, oedema: true).check()
        #expect(measurement.weightKg == nil && measurement.lengthCm == nil && measurement.muacMM == nil && measurement.oedema)
        // The bounds nutrition.proto and the README state: 0.3 and 60 kg are both accepted.
        #expect(try Input(weightKg: 0.3).check().weightKg == 0.3)
        #expect(try Input(weightKg: 60).check().weightKg == 60)
        let withLength = try Input(weightKg: 0, muacMM: 0).check()
        #expect(withLength.lengthCm == 75 && withLength.position == .lying)
    }
}
