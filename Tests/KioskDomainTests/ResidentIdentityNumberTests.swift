import Foundation
import KioskDomain
import Testing

@Suite struct ResidentIdentityNumberTests {
    typealias Fixture = IdentityNumberFixture

    @Test func fixtureWeightsAreTheTableOfTheStandard() {
        let weights = (0..<17).map(Fixture.weight(at:))
        #expect(weights == [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
    }

    /// The two examples printed in GB 11643-1999 itself.
    @Test(arguments: ["11010519491231002X", "440524188001010014"])
    func examplesFromTheStandard(text: String) throws {
        #expect(Fixture.checkCharacter(for: String(text.prefix(17))) == text.last)
        let number = try ResidentIdentityNumber(text, today: Fixture.today())
        #expect(number.normalized == text)
    }

    @Test func fieldsOfTheStandardExample() throws {
        let number = try ResidentIdentityNumber("11010519491231002X", today: Fixture.today())
        #expect(number.addressCode == "110105")
        #expect(number.birthDate == (try CalendarDate(iso: "1949-12-31")))
        #expect(number.sequence == 2)
        #expect(number.sex == .female)
        #expect(number.checkCharacter == "X")
    }

    @Test(arguments: [
        ("20150307", "001"), ("20150307", "002"), ("20200229", "123"), ("20000101", "998"),
        ("19991231", "500"), ("20250601", "777"), ("18000101", "010"),
    ])
    func acceptsConstructedNumbers(birth: String, sequence: String) throws {
        let text = Fixture.number(birth: birth, sequence: sequence)
        let number = try ResidentIdentityNumber(text, today: Fixture.today())
        #expect(number.normalized == text)
        #expect(number.addressCode == "530102")
        #expect(number.birthDate.isoString.replacingOccurrences(of: "-", with: "") == birth)
        #expect(number.sequence == Int(sequence))
    }

    @Test(arguments: ["20150307", "20100615", "20200229", "19850101"])
    func acceptsCheckCharacterX(birth: String) throws {
        let text = try #require(Fixture.number(birth: birth, checkCharacter: "X"))
        #expect(text.last == "X")
        let number = try ResidentIdentityNumber(text, today: Fixture.today())
        #expect(number.checkCharacter == "X")
        let lower = try ResidentIdentityNumber(text.lowercased(), today: Fixture.today())
        #expect(lower.normalized == text)
        #expect(lower == number)
    }

    @Test(arguments: Array("0123456789"))
    func acceptsEveryDigitAsCheckCharacter(wanted: Character) throws {
        let text = try #require(Fixture.number(birth: "20120918", checkCharacter: wanted))
        #expect(try ResidentIdentityNumber(text, today: Fixture.today()).checkCharacter == wanted)
    }

    @Test func tidiesSpacesAndFullWidthDigits() throws {
        let text = Fixture.number(birth: "20150307", sequence: "011")
        let spaced = " " + text.prefix(6) + " " + text.dropFirst(6).prefix(8) + " " + text.suffix(4) + "\n"
        let fullWidth = String(text.map { Character(UnicodeScalar(0xFF10 + UInt32($0.wholeNumberValue!))!) })
        #expect(try ResidentIdentityNumber(spaced, today: Fixture.today()).normalized == text)
        #expect(try ResidentIdentityNumber(fullWidth, today: Fixture.today()).normalized == text)
    }

    @Test(arguments: [("001", Sex.male), ("002", .female), ("999", .male), ("000", .female), ("358", .female), ("135", .male)])
    func sexFromSequenceParity(sequence: String, sex: Sex) throws {
        let number = try ResidentIdentityNumber(Fixture.number(birth: "20150307", sequence: sequence), today: Fixture.today())
        #expect(number.sex == sex)
    }

    @Test func birthDateMayBeToday() throws {
        let text = Fixture.number(birth: "20250601", sequence: "001")
        #expect(try ResidentIdentityNumber(text, today: Fixture.today()).birthDate == Fixture.today())
    }

    @Test func descriptionIsMasked() throws {
        let text = Fixture.number(birth: "20150307", sequence: "021")
        let number = try ResidentIdentityNumber(text, today: Fixture.today())
        #expect(number.description == "**************" + text.suffix(4))
        #expect(!"\(number)".contains(text.prefix(14)))
        #expect(!String(reflecting: number).contains(text.prefix(14)))
    }

    @Test func codableAsTheNormalizedString() throws {
        let text = try #require(Fixture.number(birth: "20150307", checkCharacter: "X"))
        let number = try ResidentIdentityNumber(text, today: Fixture.today())
        let json = try JSONEncoder().encode([number])
        #expect(String(decoding: json, as: UTF8.self) == "[\"\(text)\"]")
        #expect(try JSONDecoder().decode([ResidentIdentityNumber].self, from: json) == [number])
    }

    @Test func decodingRejectsAWrongCheckCharacter() throws {
        let text = Fixture.number(birth: "20150307", sequence: "021")
        let wrong = text.dropLast() + (text.last == "0" ? "1" : "0")
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode([ResidentIdentityNumber].self, from: Data("[\"\(wrong)\"]".utf8))
        }
    }

    @Test func libraryCheckCharacterAgreesWithFixture() {
        for sequence in 100..<200 {
            let body = "53010220150307\(sequence)"
            let digits = body.map { $0.wholeNumberValue! }
            #expect(ResidentIdentityNumber.checkCharacter(forDigits: digits) == Fixture.checkCharacter(for: body))
        }
        #expect(ResidentIdentityNumber.checkCharacter(forDigits: [1, 2, 3]) == nil)
    }
}
