@testable import CivilRegistrationPlugin
import GRPCCore
import KioskDomain
import Testing

@Suite("Civil registration rules, without I/O")
struct DocumentRulesTests {
    @Test("each reason's list is complete with exactly its documents", arguments: [
        (RegistrationReason.certificateUnused, [DocumentKind.birthMedicalCertificate, .parentsHouseholdBooklets, .parentsIdentityCards]),
        (.noBirthMedicalCertificate, [.dnaParentageReport, .parentsHouseholdBooklets, .parentsIdentityCards]),
        (.bornOutsideMarriage, [.dnaParentageReport, .registeringParentHouseholdBooklet, .registeringParentIdentityCard]),
        (.abandonedOrFound, [.policeFoundChildReport, .civilAffairsPlacementDocument]),
        (.parentsUnregistered, [.birthMedicalCertificate, .parentsHouseholdBooklets]),
        (.bornAbroad, [.foreignBirthCertificate, .parentsPassports, .parentsHouseholdBooklets]),
    ])
    func complete(reason: RegistrationReason, documents: [DocumentKind]) {
        #expect(DocumentRules.missingMessage(for: reason, seen: Set(documents)) == nil)
        for left in documents {
            let message = DocumentRules.missingMessage(for: reason, seen: Set(documents).subtracting([left]))
            #expect(message?.contains(left.title) == true)
        }
    }

    @Test("the message names every missing document, alternatives joined by 'or'")
    func missingMessage() {
        let message = DocumentRules.missingMessage(for: .bornOutsideMarriage, seen: [.registeringParentIdentityCard])
        #expect(message == "documents missing for reason born-outside-marriage: birth medical certificate or DNA parentage report "
            + "from an accredited lab; the registering parent's household booklet")
        #expect(DocumentRules.missingMessage(for: .abandonedOrFound, seen: [])?.contains("police found-child report; civil affairs placement document") == true)
    }

    @Test("identity numbers: valid, wrong check character, other birth date, other sex")
    func identityNumbers() throws {
        let born = try CalendarDate(iso: "2019-04-23")
        let today = try CalendarDate(iso: "2025-03-10")
        let valid = IdentityFixture.number(birth: "20190423", sequence: "002")
        #expect(try IdentityCheck.validate(valid, birthDate: born, sex: .female, today: today).normalized == valid)
        let wrongCheck = String(valid.dropLast()) + (valid.last == "0" ? "1" : "0")
        let cases: [(String, Sex, String)] = [
            (wrongCheck, .female, "check"),
            (IdentityFixture.number(birth: "20190424", sequence: "002"), .female, "birth date"),
            (valid, .male, "sex"),
            ("53010220190423002", .female, "18"),
        ]
        for (number, sex, words) in cases {
            do {
                _ = try IdentityCheck.validate(number, birthDate: born, sex: sex, today: today)
                Issue.record("\(number) should be refused")
            } catch let error as RPCError {
                #expect(error.code == .invalidArgument)
                #expect(error.message.hasPrefix("identity_number: "))
                #expect(error.message.lowercased().contains(words), "\(error.message)")
            }
        }
    }
}

/// Builds identity numbers for tests from the GB 11643 description in ../shared/DOMAIN.md.
enum IdentityFixture {
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters = Array("10X98765432")

    static func number(address: String = "530102", birth: String, sequence: String) -> String {
        let body = address + birth + sequence
        let sum = zip(body, self.weights).reduce(0) { $0 + $1.0.wholeNumberValue! * $1.1 }
        return body + String(self.checkCharacters[sum % 11])
    }
}
