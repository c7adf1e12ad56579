import Foundation
import KioskDomain
import Testing

@Suite struct CalendarDateTests {
    @Test(arguments: ["2015-03-07", "2000-02-29", "0001-01-01", "9999-12-31", "1949-10-01"])
    func isoRoundTrip(text: String) throws {
        let date = try CalendarDate(iso: text)
        #expect(date.isoString == text)
        #expect(date.description == text)
    }

    @Test func fieldsFromISO() throws {
        let date = try CalendarDate(iso: "2015-03-07")
        #expect(date.year == 2015)
        #expect(date.month == 3)
        #expect(date.day == 7)
    }

    @Test(arguments: ["2015-3-7", "2015/03/07", "20150307", "", "2015-03-07 ", "２０１５-03-07", "abcd-ef-gh"])
    func rejectsNonISO(text: String) {
        #expect {
            _ = try CalendarDate(iso: text)
        } throws: { error in
            (error as? CalendarDateError)?.code == .notISO
        }
    }

    @Test(arguments: [
        ("2019-02-29", CalendarDateError.Code.dayOutOfRange),
        ("1900-02-29", .dayOutOfRange),
        ("2023-02-30", .dayOutOfRange),
        ("2023-04-31", .dayOutOfRange),
        ("2023-01-00", .dayOutOfRange),
        ("2023-13-01", .monthOutOfRange),
        ("2023-00-10", .monthOutOfRange),
        ("0000-01-01", .yearOutOfRange),
    ])
    func rejectsImpossibleDates(text: String, code: CalendarDateError.Code) {
        #expect {
            _ = try CalendarDate(iso: text)
        } throws: { error in
            (error as? CalendarDateError)?.code == code
        }
    }

    @Test func impossibleDayMessageNamesTheMonthLength() {
        #expect {
            _ = try CalendarDate(year: 2019, month: 2, day: 29)
        } throws: { error in
            (error as? CalendarDateError)?.message == "there is no day 29 in February 2019, which has 28 days"
        }
    }

    @Test func leapYears() throws {
        #expect(CalendarDate.isLeapYear(2020))
        #expect(CalendarDate.isLeapYear(2000))
        #expect(!CalendarDate.isLeapYear(1900))
        #expect(!CalendarDate.isLeapYear(2019))
        #expect(try CalendarDate(iso: "2020-02-29").day == 29)
    }

    @Test func ordersChronologically() throws {
        let dates = try ["2015-03-08", "2014-12-31", "2015-03-07", "2015-02-28"].map(CalendarDate.init(iso:))
        #expect(dates.sorted().map(\.isoString) == ["2014-12-31", "2015-02-28", "2015-03-07", "2015-03-08"])
        #expect(try CalendarDate(iso: "2015-03-07") < CalendarDate(iso: "2015-03-08"))
        #expect(try CalendarDate(iso: "2015-03-07") == CalendarDate(year: 2015, month: 3, day: 7))
    }

    @Test func codableAsISOString() throws {
        let date = try CalendarDate(iso: "2015-03-07")
        let json = try JSONEncoder().encode([date])
        #expect(String(decoding: json, as: UTF8.self) == #"["2015-03-07"]"#)
        #expect(try JSONDecoder().decode([CalendarDate].self, from: json) == [date])
    }

    @Test func decodingRejectsImpossibleDate() {
        #expect(throws: DecodingError.self) {
            _ = try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2023-02-30"]"#.utf8))
        }
    }

    @Test func dayOfAnInstantDependsOnTimeZone() throws {
        let instant = Date(timeIntervalSince1970: 1_735_662_600) // 2024-12-31T16:30:00Z
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        let utc = try #require(TimeZone(identifier: "UTC"))
        #expect(CalendarDate(instant, in: shanghai).isoString == "2025-01-01")
        #expect(CalendarDate(instant, in: utc).isoString == "2024-12-31")
    }
}
