/// The caregiver's health as the village director judges it.
enum Health: String, Sendable, Hashable { case good, limited, poor }
/// The household's income.
enum Income: String, Sendable, Hashable {
    case adequate, low
    case noIncome = "none"
}
/// The housing the child lives in.
enum Housing: String, Sendable, Hashable { case adequate, inadequate, unsafe }

/// How much support and supervision a care arrangement needs.
enum RiskLevel: String, Sendable, Hashable, Comparable {
    case low, medium, high

    static func < (lhs: RiskLevel, rhs: RiskLevel) -> Bool {
        let order: [RiskLevel] = [.low, .medium, .high]
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }
}

/// The village director's checklist of a caregiver's capacity.
struct CapacityAnswers: Sendable, Hashable {
    var caregiverName: String
    var caregiverAge: Int
    var health: Health
    var income: Income
    var housing: Housing
    var willing: Bool
    var historyOfNeglectOrViolence: Bool
    var notes: String
}

/// What the checklist yields.
struct CapacityResult: Sendable, Hashable {
    var riskLevel: RiskLevel
    /// The child cannot be left in this caregiver's care.
    var unfit: Bool
    /// Each factor that counted, in plain words.
    var reasons: [String]
}

/// The risk rules, without storage.
///
/// Any of these makes the caregiver unfit (and the risk high): a history of neglect or violence, no
/// willingness to care, being under 18, health too poor to look after a child. Otherwise points add
/// up: age 75 or more 2 (65–74: 1), limited health 1, no income 2 (low: 1), unsafe housing 2
/// (inadequate: 1); 4 or more is high, 2–3 medium, 0–1 low.
enum CapacityRules {
    static func assess(_ answers: CapacityAnswers) -> CapacityResult {
        var unfitReasons: [String] = []
        if answers.historyOfNeglectOrViolence { unfitReasons.append("history of neglect or violence") }
        if !answers.willing { unfitReasons.append("not willing to care for the child") }
        if answers.caregiverAge < 18 { unfitReasons.append("caregiver is \(answers.caregiverAge), under 18") }
        if answers.health == .poor { unfitReasons.append("health too poor to care for a child") }
        if !unfitReasons.isEmpty {
            return CapacityResult(riskLevel: .high, unfit: true, reasons: unfitReasons)
        }
        var points = 0
        var reasons: [String] = []
        func add(_ value: Int, _ reason: String) {
            points += value
            reasons.append("\(reason) (+\(value))")
        }
        if answers.caregiverAge >= 75 { add(2, "caregiver aged \(answers.caregiverAge)") }
        else if answers.caregiverAge >= 65 { add(1, "caregiver aged \(answers.caregiverAge)") }
        if answers.health == .limited { add(1, "health limits daily care") }
        if answers.income == .noIncome { add(2, "no income") } else if answers.income == .low { add(1, "low income") }
        if answers.housing == .unsafe { add(2, "unsafe housing") } else if answers.housing == .inadequate { add(1, "inadequate housing") }
        let level: RiskLevel = points >= 4 ? .high : points >= 2 ? .medium : .low
        return CapacityResult(riskLevel: level, unfit: false, reasons: reasons)
    }
}
