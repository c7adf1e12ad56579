import KioskStore
public import KioskPluginKit
import Foundation
import GRPCCore
public import KioskDomain

extension ChildDetails {
    /// The longest name accepted, in characters.
    public static let maximumNameLength = 40

    /// Checks the details on `today` and brings them into their stored form: the name trimmed, the
    /// `unregistered` category following the hukou status. Throws INVALID_ARGUMENT naming the field.
    public func validated(today: CalendarDate) throws -> ChildDetails {
        var details = self
        details.name = self.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !details.name.isEmpty else { throw invalid("name is required") }
        guard details.name.count <= Self.maximumNameLength else {
            throw invalid("name is longer than \(Self.maximumNameLength) characters")
        }
        guard details.name.allSatisfy({ $0.isLetter || $0 == "·" || $0 == " " }) else {
            throw invalid("name may contain only letters (characters), '·' and spaces")
        }
        guard details.birthDate <= today else {
            throw invalid("birth_date \(details.birthDate) is in the future (today is \(today))")
        }
        guard details.birthDate.completedYears(on: today) < 18 else {
            throw invalid("birth_date \(details.birthDate): the child is 18 or older; the registry is for children")
        }
        if let number = details.identityNumber {
            guard details.hukouStatus != .unregistered else {
                throw invalid("an unregistered child has no identity number; set hukou_status or clear identity_number")
            }
            do {
                try number.checkConsistency(birthDate: details.birthDate, sex: details.sex)
            } catch {
                throw invalid("identity_number: \(error.message)")
            }
        }
        details.categories = try Self.validated(details.categories, hukouStatus: details.hukouStatus, today: today)
        try Self.checkCaregivers(details.caregivers)
        return details
    }

    static func validated(_ categories: [ChildCategory], hukouStatus: HukouStatus, today: CalendarDate) throws -> [ChildCategory] {
        var seen = Set<ChildCategory.Kind>()
        for category in categories {
            guard seen.insert(category.kind).inserted else { throw invalid("category \(category.kind.rawValue) is given twice") }
            if category.kind == .disability {
                guard category.disabilityType != nil else { throw invalid("a disability category needs disability_type") }
                guard let grade = category.disabilityGrade, (1...4).contains(grade) else {
                    throw invalid("a disability category needs disability_grade 1 (most severe) to 4")
                }
            } else if category.disabilityType != nil || category.disabilityGrade != nil {
                throw invalid("only a disability category has a disability type and grade")
            }
            if let since = category.since, since > today {
                throw invalid("category \(category.kind.rawValue): since \(since) is in the future")
            }
        }
        let exclusive: [(ChildCategory.Kind, ChildCategory.Kind)] = [
            (.leftBehindOneParent, .leftBehindBothParents), (.orphan, .deFactoUnattended),
            (.orphan, .leftBehindOneParent), (.orphan, .leftBehindBothParents),
        ]
        for (first, second) in exclusive where seen.contains(first) && seen.contains(second) {
            throw invalid("categories \(first.rawValue) and \(second.rawValue) exclude each other")
        }
        var result = categories
        switch (hukouStatus, seen.contains(.unregistered)) {
        case (.unregistered, false):
            result.append(ChildCategory(.unregistered))
        case (.registeredLocal, true), (.registeredElsewhere, true):
            throw invalid("category unregistered contradicts hukou_status \(hukouStatus.rawValue)")
        default:
            break
        }
        return result.sorted { $0.kind.rawValue < $1.kind.rawValue }
    }

    static func checkCaregivers(_ caregivers: [ChildCaregiver]) throws {
        guard Set(caregivers.map(\.caregiverID)).count == caregivers.count else {
            throw invalid("a caregiver is linked to the child twice")
        }
        guard caregivers.filter(\.primary).count <= 1 else { throw invalid("at most one caregiver can be primary") }
    }
}

func invalid(_ message: String) -> RPCError {
    RPCError(code: .invalidArgument, message: message)
}
