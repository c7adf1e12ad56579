import Foundation
import KioskDomain
import Testing

@Suite struct DivisionCodeTests {
    @Test func prefixesOfAVillage() throws {
        let code = try DivisionCode("530102001002")
        #expect(code.digits == "530102001002")
        #expect(code.county.digits == "530102")
        #expect(code.county.level == .county)
        #expect(code.township.digits == "530102001")
        #expect(code.township.level == .township)
        #expect(code.village.digits == "530102001002")
        #expect(code.village.level == .village)
    }

    @Test func tidiesSpacesAndFullWidthDigits() throws {
        #expect(try DivisionCode(" 53 01 02 001 002 ").digits == "530102001002")
        #expect(try DivisionCode("５３０１０２００１００２").digits == "530102001002")
    }

    @Test(arguments: [0, 5, 6, 7, 9, 10, 11, 13])
    func rejectsWrongLength(length: Int) throws {
        let text = String("5301020010021234".prefix(length))
        let error = try #require(parseError(text))
        #expect(error.code == .wrongLength)
        #expect(error.message == "a division code has 12 digits, this one has \(length)")
    }

    @Test(arguments: [("53010200100a", 12), ("5301-2001002", 5), ("530102OO1002", 7), ("五30102001002", 1)])
    func rejectsNonDigits(text: String, position: Int) throws {
        let error = try #require(parseError(text))
        #expect(error.code == .invalidCharacter)
        #expect(error.position == position)
        #expect(error.message.hasPrefix("character \(position) should be a digit, not '"))
    }

    @Test(arguments: [
        ("530102001000", "village 000 (digits 10–12) is not a village", 10),
        ("530102000002", "township 000 (digits 7–9) is not a township", 7),
        ("530100001002", "county 00 (digits 5–6) is not a county", 5),
        ("530002001002", "prefecture 00 (digits 3–4) is not a prefecture", 3),
        ("000102001002", "province 00 (digits 1–2) is not a province", 1),
    ])
    func rejectsZeroSegments(text: String, message: String, position: Int) throws {
        let error = try #require(parseError(text))
        #expect(error.code == .zeroSegment)
        #expect(error.position == position)
        #expect(error.message.hasPrefix(message))
    }

    @Test func sortsByDigits() throws {
        let codes = try ["530102002001", "530102001002", "530102001001"].map(DivisionCode.init)
        #expect(codes.sorted().map(\.digits) == ["530102001001", "530102001002", "530102002001"])
    }

    @Test func codableAsString() throws {
        let code = try DivisionCode("530102001002")
        let json = try JSONEncoder().encode([code])
        #expect(String(decoding: json, as: UTF8.self) == #"["530102001002"]"#)
        #expect(try JSONDecoder().decode([DivisionCode].self, from: json) == [code])
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode([DivisionCode].self, from: Data(#"["530102001"]"#.utf8))
        }
    }

    private func parseError(_ text: String) -> DivisionCodeError? {
        do {
            _ = try DivisionCode(text)
            return nil
        } catch {
            return error
        }
    }
}
