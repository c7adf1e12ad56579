import KioskDomain
import Testing

@Suite struct ResidentIdentityNumberErrorTests {
    typealias Fixture = IdentityNumberFixture
    typealias Code = ResidentIdentityNumberError.Code

    @Test(arguments: [0, 1, 15, 17, 19, 36])
    func rejectsWrongLength(length: Int) throws {
        let text = String(String(repeating: Fixture.number(birth: "20150307", sequence: "001"), count: 2).prefix(length))
        let error = try #require(Fixture.parseError(text, today: Fixture.today()))
        #expect(error.code == .wrongLength)
        #expect(error.message.contains("18 characters"))
        if length > 0 { #expect(error.message.contains("this one has \(length)")) }
    }

    @Test func fifteenDigitsPointsToTheOldCard() throws {
        let error = try #require(Fixture.parseError("530102150307001", today: Fixture.today()))
        #expect(error.message.contains("first-generation"))
    }

    @Test(arguments: [1, 6, 7, 12, 15, 17])
    func rejectsALetterInside(position: Int) throws {
        var characters = Array(Fixture.number(birth: "20150307", sequence: "001"))
        characters[position - 1] = "A"
        let error = try #require(Fixture.parseError(String(characters), today: Fixture.today()))
        #expect(error.code == .invalidCharacter)
        #expect(error.position == position)
        #expect(error.message == "character \(position) should be a digit, not 'A'")
    }

    @Test(arguments: ["Y", "-", "x̄"])
    func rejectsANonCheckCharacterAtTheEnd(last: String) throws {
        let text = Fixture.number(birth: "20150307", sequence: "001").dropLast() + last
        let error = try #require(Fixture.parseError(String(text), today: Fixture.today()))
        #expect(error.code == .invalidCharacter)
        #expect(error.position == 18)
    }

    @Test(arguments: ["001", "002", "017"])
    func rejectsEveryWrongCheckCharacter(sequence: String) throws {
        let valid = Fixture.number(birth: "20150307", sequence: sequence)
        let correct = try #require(valid.last)
        let wrong = Array("0123456789X").filter { $0 != correct }
        #expect(wrong.count == 10)
        for character in wrong {
            let error = try #require(Fixture.parseError(valid.dropLast() + String(character), today: Fixture.today()))
            #expect(error.code == .wrongCheckCharacter)
            #expect(error.position == 18)
            #expect(error.message.hasPrefix("check character should be '\(correct)', not '\(character)'"))
        }
    }

    @Test func leapDayOnlyInLeapYears() throws {
        let leap = Fixture.number(birth: "20200229", sequence: "001")
        #expect(try ResidentIdentityNumber(leap, today: Fixture.today()).birthDate.day == 29)
        let error = try #require(Fixture.parseError(Fixture.number(birth: "20190229", sequence: "001"), today: Fixture.today()))
        #expect(error.code == .invalidBirthDate)
        #expect(error.message == "characters 7–14 should be the birth date YYYYMMDD, "
            + "but there is no day 29 in February 2019, which has 28 days")
    }

    @Test(arguments: [
        ("20191301", "there is no month 13"), ("20190001", "there is no month 00"),
        ("20190100", "there is no day 00"), ("20230230", "there is no day 30 in February 2023"),
        ("20230431", "there is no day 31 in April 2023"), ("17991231", "year 1799 is before 1800"),
    ])
    func rejectsImpossibleBirthDates(birth: String, reason: String) throws {
        // The check character is correct, so only the date is at fault.
        let error = try #require(Fixture.parseError(Fixture.number(birth: birth, sequence: "001"), today: Fixture.today()))
        #expect(error.code == .invalidBirthDate)
        #expect(error.position == 7)
        #expect(error.message.contains(reason))
    }

    @Test(arguments: ["20250602", "20260101", "29991231"])
    func rejectsBirthDateInTheFuture(birth: String) throws {
        let error = try #require(Fixture.parseError(Fixture.number(birth: birth, sequence: "001"), today: Fixture.today()))
        #expect(error.code == .birthDateInFuture)
        #expect(error.message.hasSuffix("which is after today (2025-06-01)"))
    }

    @Test func birthDateMismatchNamesBothDates() throws {
        let number = try ResidentIdentityNumber(Fixture.number(birth: "20150307", sequence: "002"), today: Fixture.today())
        let recorded = try CalendarDate(iso: "2015-03-08")
        #expect {
            try number.checkConsistency(birthDate: recorded, sex: .female)
        } throws: { error in
            let error = error as? ResidentIdentityNumberError
            return error?.code == .birthDateMismatch
                && error?.message == "the identity number gives birth date 2015-03-07, the record says 2015-03-08"
        }
    }

    @Test func sexMismatchNamesBothSexes() throws {
        let number = try ResidentIdentityNumber(Fixture.number(birth: "20150307", sequence: "002"), today: Fixture.today())
        #expect {
            try number.checkConsistency(birthDate: number.birthDate, sex: .male)
        } throws: { error in
            let error = error as? ResidentIdentityNumberError
            return error?.code == .sexMismatch
                && error?.message == "the identity number gives sex female (character 17 is even), the record says male"
        }
    }

    @Test func consistentRecordPasses() throws {
        let number = try ResidentIdentityNumber(Fixture.number(birth: "20150307", sequence: "003"), today: Fixture.today())
        try number.checkConsistency(birthDate: CalendarDate(iso: "2015-03-07"), sex: .male)
        #expect(number.sex == .male)
    }

    /// Every kind of failure, each checked for leaking the number.
    static func failingInputs() -> [String] {
        let valid = Fixture.number(birth: "20150307", sequence: "021")
        let wrongCheck = valid.dropLast() + (valid.last == "1" ? "2" : "1")
        return [
            String(wrongCheck), valid + "1", String(valid.dropLast()), valid.dropLast() + "Y",
            "A" + valid.dropFirst(), Fixture.number(birth: "20190229", sequence: "021"),
            Fixture.number(birth: "20991231", sequence: "021"), Fixture.number(birth: "17000101", sequence: "021"),
        ]
    }

    @Test(arguments: failingInputs())
    func messagesNeverContainTheNumber(text: String) throws {
        let error = try #require(Fixture.parseError(text, today: Fixture.today()))
        for length in [10, 14, 17, 18] where text.count >= length {
            #expect(!error.message.contains(text.prefix(length)))
            #expect(!error.message.contains(text.suffix(length)))
        }
        #expect(!error.description.contains(text.prefix(10)))
    }

    @Test func codesHaveStableNames() {
        #expect(Code.wrongCheckCharacter.description == "wrong_check_character")
        #expect(Code.birthDateInFuture.description == "birth_date_in_future")
        #expect(Code.wrongLength != Code.invalidCharacter)
    }
}
