import GRDB

/// The plugins whose records the generator writes: those built in (their payload messages are
/// needed) whose tables the database has.
public struct DemoPlugins: Sendable, Hashable {
    /// Growth measurements, referrals, support applications (`nutrition_…`).
    public var nutrition: Bool
    /// Situations, assessments, arrangement applications, arrangements, reviews (`guardianship_…`).
    public var guardianship: Bool
    /// Rates, allowance applications, allowances, monthly payments (`allowances_…`).
    public var allowances: Bool
    /// Registration cases, documents, applications (`civil_registration_…`).
    public var civilRegistration: Bool

    /// The plugins built in whose tables `db` has.
    static func detect(in db: Database) throws -> DemoPlugins {
        let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
        return DemoPlugins(
            nutrition: NutritionDemo.isBuilt && tables.contains("nutrition_support"),
            guardianship: GuardianshipDemo.isBuilt && tables.contains("guardianship_arrangement"),
            allowances: AllowancesDemo.isBuilt && tables.contains("allowances_payment"),
            civilRegistration: CivilRegistrationDemo.isBuilt && tables.contains("civil_registration_case")
        )
    }

    /// Each plugin's records for the township's children.
    func generate(_ children: [DemoChild], in run: TownshipRun) throws {
        if self.nutrition { try NutritionDemo(run: run).generate(children) }
        if self.guardianship { try GuardianshipDemo(run: run).generate(children) }
        if self.allowances { try AllowancesDemo(run: run).generate(children) }
        if self.civilRegistration { try CivilRegistrationDemo(run: run).generate(children) }
    }
}
