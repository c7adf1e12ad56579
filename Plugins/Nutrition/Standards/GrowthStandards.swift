import Foundation

/// The six LMS tables of the WHO Child Growth Standards (2006) for children 0–5 years.
///
/// Source: WHO Multicentre Growth Reference Study, day-indexed tables as distributed with WHO's
/// anthro software; shipped as resources of this plugin (`Resources/who/`).
struct GrowthStandards: Sendable {
    /// Weight-for-age (kg), 0–1826 days.
    let weightForAge: LMSTable
    /// Length/height-for-age (cm), 0–1826 days.
    let lengthHeightForAge: LMSTable
    /// BMI-for-age (kg/m²), 0–1826 days.
    let bmiForAge: LMSTable
    /// MUAC-for-age (cm), 91–1826 days.
    let muacForAge: LMSTable
    /// Weight-for-length (kg), recumbent, 45–110 cm.
    let weightForLength: LMSTable
    /// Weight-for-height (kg), standing, 65–120 cm.
    let weightForHeight: LMSTable

    /// The oldest age the standards cover, in days (5 years).
    static let maximumAgeDays = 1826

    /// Loads the tables from the plugin's resources.
    static func bundled() throws -> GrowthStandards {
        func table(_ name: String, _ index: LMSTable.Index) throws -> LMSTable {
            guard let url = Bundle.module.url(forResource: name, withExtension: "tsv", subdirectory: "who") else {
                throw GrowthTableError(description: "the WHO table \(name).tsv is missing from the nutrition plugin's resources")
            }
            return try LMSTable(tsv: try String(contentsOf: url, encoding: .utf8), index: index, name: "\(name).tsv")
        }
        return GrowthStandards(
            weightForAge: try table("wfa", .ageDays),
            lengthHeightForAge: try table("lhfa", .ageDays),
            bmiForAge: try table("bmi", .ageDays),
            muacForAge: try table("acfa", .ageDays),
            weightForLength: try table("wfl", .tenthsOfCentimetre),
            weightForHeight: try table("wfh", .tenthsOfCentimetre)
        )
    }
}
