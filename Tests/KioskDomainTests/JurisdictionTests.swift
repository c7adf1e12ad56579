import Foundation
import KioskDomain
import Testing

@Suite struct JurisdictionTests {
    @Test(arguments: [
        ("530102", Jurisdiction.Level.county), ("530102001", .township), ("530102001002", .village),
    ])
    func levelFromLength(text: String, level: Jurisdiction.Level) throws {
        let jurisdiction = try Jurisdiction(text)
        #expect(jurisdiction.level == level)
        #expect(jurisdiction.level.digitCount == text.count)
        #expect(jurisdiction.digits == text)
    }

    @Test func parents() throws {
        #expect(try Jurisdiction("530102001002").parent == Jurisdiction("530102001"))
        #expect(try Jurisdiction("530102001").parent == Jurisdiction("530102"))
        #expect(try Jurisdiction("530102").parent == nil)
    }

    @Test func containmentDownward() throws {
        let county = try Jurisdiction("530102")
        let township = try Jurisdiction("530102001")
        let village = try Jurisdiction("530102001002")
        let code = try DivisionCode("530102001002")
        #expect(county.contains(township))
        #expect(county.contains(village))
        #expect(township.contains(village))
        #expect(county.contains(code))
        #expect(township.contains(code))
        #expect(village.contains(code))
    }

    @Test func noContainmentUpward() throws {
        let county = try Jurisdiction("530102")
        let township = try Jurisdiction("530102001")
        let village = try Jurisdiction("530102001002")
        #expect(!township.contains(county))
        #expect(!village.contains(township))
        #expect(!village.contains(county))
    }

    @Test func containsItself() throws {
        for text in ["530102", "530102001", "530102001002"] {
            let jurisdiction = try Jurisdiction(text)
            #expect(jurisdiction.contains(jurisdiction))
        }
    }

    @Test(arguments: [
        ("530102", "530103"), ("530102001", "530102002"), ("530102001002", "530102001003"),
        ("530102001", "530103001"), ("530102", "530202"),
    ])
    func siblingsAreNotContained(first: String, second: String) throws {
        let one = try Jurisdiction(first)
        let other = try Jurisdiction(second)
        #expect(!one.contains(other))
        #expect(!other.contains(one))
        let code = try DivisionCode(second.padding(toLength: 12, withPad: "001", startingAt: 0))
        #expect(!one.contains(code))
        #expect(other.contains(code))
    }

    @Test func villageContainsOnlyItsOwnCode() throws {
        let village = try Jurisdiction("530102001002")
        #expect(village.contains(try DivisionCode("530102001002")))
        #expect(!village.contains(try DivisionCode("530102001012")))
    }

    @Test(arguments: [0, 1, 5, 7, 8, 10, 11, 13, 15])
    func rejectsWrongLength(length: Int) throws {
        let text = String("530102001002345".prefix(length))
        let error = try #require(parseError(text))
        #expect(error.code == .wrongLength)
        #expect(error.message == "a jurisdiction has 6 (county), 9 (township) or 12 (village) digits, this one has \(length)")
    }

    @Test(arguments: [("53010a", 6), ("530 1O2", 5), ("5301020O1", 8), ("53.0102", 3)])
    func rejectsNonDigits(text: String, position: Int) throws {
        let error = try #require(parseError(text))
        #expect(error.code == .invalidCharacter)
        #expect(error.position == position)
    }

    @Test func townshipZeroIsNotATownship() throws {
        let error = try #require(parseError("530102000"))
        #expect(error.code == .zeroSegment)
        #expect(error.position == 7)
        #expect(error.message == "township 000 (digits 7–9) is not a township; for the whole county enter 530102")
    }

    @Test(arguments: [
        ("530102001000", "village 000 (digits 10–12) is not a village; for the whole township enter 530102001"),
        ("530100", "county 00 (digits 5–6) is not a county; the first 6 digits must be a county code (GB/T 2260), such as 530102"),
        ("530000", "prefecture 00 (digits 3–4) is not a prefecture"),
        ("000000", "province 00 (digits 1–2) is not a province"),
        ("530100001", "county 00 (digits 5–6) is not a county"),
    ])
    func rejectsZeroSegments(text: String, message: String) throws {
        let error = try #require(parseError(text))
        #expect(error.code == .zeroSegment)
        #expect(error.message.hasPrefix(message))
    }

    @Test func codableAsString() throws {
        let jurisdiction = try Jurisdiction("530102001")
        let json = try JSONEncoder().encode([jurisdiction])
        #expect(String(decoding: json, as: UTF8.self) == #"["530102001"]"#)
        #expect(try JSONDecoder().decode([Jurisdiction].self, from: json) == [jurisdiction])
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode([Jurisdiction].self, from: Data(#"["530102000"]"#.utf8))
        }
    }

    private func parseError(_ text: String) -> DivisionCodeError? {
        do {
            _ = try Jurisdiction(text)
            return nil
        } catch {
            return error
        }
    }
}
