import Foundation
import GRPCCore
import InstalledPlugins
import KioskProtos
import KioskTesting
import SwiftProtobuf
import Testing

/// The kiosk screen driven in a real terminal (tmux) against a live kioskd, as workers use it.
@Suite("The kiosk screen", .serialized)
struct ScreenTests {
    @Test("a village director signs in, finds a child by pinyin, registers a child in hanzi, records a visit and edits on a stale version")
    func villageDirector() async throws {
        try await ScreenProgram.build()
        let outboxes = try ScreenProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outboxes) }
        try await TestCounty.with(plugins: [], today: ScreenProgram.today) { county in
            let existing = try await county.registerChild("王小莲", born: "2019-04-23")
            let command = ScreenProgram.command(port: county.host.port, ca: county.host.caFile, kiosk: county.kiosk, outboxes: outboxes)
            try await Terminal.with(command) { term in
                try await term.signIn("directorA1", pin: TestCounty.pin)
                // The day's lists: the child never visited is overdue; nothing urgent, nothing waiting.
                let home = try await term.waitFor("逾期未走访（1）", "紧急事项（0）", "待我处理的申请（0）", "待发送 0")
                #expect(home.contains("王小莲") && home.contains("从未走访"), "\(home)")
                try await Self.findByPinyin(term)
                let childID = try await Self.register(term, county: county)
                #expect(childID != existing.childID)
                try await Self.recordVisit(term, county: county, childID: childID)
                try await Self.staleEdit(term, county: county, childID: childID)
            }
        }
    }

    static func findByPinyin(_ term: Terminal) async throws {
        try await term.press("1")
        try await term.waitFor("姓名/拼音/身份证号")
        try await term.type("wangxiaolian")
        try await term.press("Enter")
        let found = try await term.waitFor("找到 1 名儿童")
        #expect(found.contains("王小莲") && found.contains("wang xiao lian") && found.contains("2019-04-23"), "\(found)")
        try await term.press("Enter")
        try await term.waitFor("儿童档案", "王小莲（wang xiao lian）", "本县户籍")
        try await term.press("Escape")
        try await term.waitFor("找到 1 名儿童")
        try await term.press("Escape")
        try await term.waitFor("今日工作")
    }

    /// Registers 王小莲 born the same day (a likely duplicate) with an identity number typed wrong, then right.
    static func register(_ term: Terminal, county: TestCounty) async throws -> String {
        let number = identityNumber(born: "20190423", sequence: 2)
        let wrongCheck = String(number.dropLast()) + (number.last == "1" ? "2" : "1")
        try await term.press("2")
        try await term.waitFor("登记儿童", "姓名、性别、出生日期")
        try await term.type("王小莲")
        try await term.focus("性别")
        try await term.press("2")
        try await term.focus("出生日期")
        try await term.type("2019-04-23")
        // The village must be in the worker's area; the number must agree with the birth date and sex.
        try await term.focus("村代码")
        for _ in 0..<12 { try await term.press("BSpace") }
        try await term.type(TestCounty.villageB1)
        try await term.waitFor("不在您的辖区内")
        for _ in 0..<12 { try await term.press("BSpace") }
        try await term.type(TestCounty.villageA1)
        try await term.waitUntilGone("不在您的辖区内")
        try await term.focus("身份证号")
        try await term.type(identityNumber(born: "20190424", sequence: 2))
        try await term.waitFor("号码中的出生日期与所填不符")
        for _ in 0..<18 { try await term.press("BSpace") }
        try await term.type(identityNumber(born: "20190423", sequence: 3))
        try await term.waitFor("号码中的性别与所选不符")
        for _ in 0..<18 { try await term.press("BSpace") }
        try await term.waitUntilGone("号码中的性别与所选不符")
        try await term.type(wrongCheck)
        try await term.waitFor("校验位不对（应为 \(number.last!)）")
        try await term.press("BSpace")
        try await term.type(String(number.last!))
        try await term.waitFor(number)
        let corrected = try await term.waitUntilGone("校验位不对")
        #expect(!corrected.contains("应为 18 位"), "\(corrected)")
        // Submitting without the hukou is stopped on the screen, before anything is sent.
        try await term.press("F5")
        try await term.waitFor("表格中有需要更正的项目")
        try await term.focus("户口状况")
        try await term.press("1")
        try await term.press("F5")
        let duplicates = try await term.waitFor("是同一个孩子吗", "same name and birth date")
        #expect(duplicates.contains("王小莲 · 2019-04-23 · 530102001001"), "\(duplicates)")
        try await term.press("End", "Up", "Enter")   // none of them: another child
        let registered = try await term.waitFor("已登记：王小莲")
        let id = try #require(registered.firstMatch(of: /编号 ([A-Z0-9]+)/)?.1).description
        try await term.press("Enter")
        try await term.waitFor("儿童档案", "530102201904230", "本县户籍")
        let children = try await county.as(.directorA1) { client in
            var search = Kiosk_Core_V1_SearchChildrenRequest()
            search.query = "王小莲"
            return try await Kiosk_Core_V1_Children.Client(wrapping: client).searchChildren(search).children
        }
        #expect(children.count == 2)
        let child = try await Self.child(id, county: county)
        #expect(child.details.identityNumber == number && child.details.sex == .female && child.details.hukouStatus == .registeredLocal)
        return id
    }

    static func recordVisit(_ term: Terminal, county: TestCounty, childID: String) async throws {
        try await term.press("v")
        try await term.waitFor("记录走访 · 王小莲", ScreenProgram.today)
        try await term.focus("走访情况")
        try await term.type("在家，精神好，上学正常")
        try await term.focus("风险等级")
        try await term.press("2")
        try await term.focus("下次走访日期")
        try await term.type("2001-01-01")
        try await term.waitFor("下次走访日期应晚于本次走访")
        for _ in 0..<10 { try await term.press("BSpace") }
        try await term.press("F5")
        try await term.waitFor("走访已记录")
        try await term.press("Enter")
        try await term.waitFor("走访记录（1）", "在家，精神好，上学正常", "中风险")
        let visits = try await county.as(.directorA1) { client in
            var request = Kiosk_Core_V1_ListVisitsRequest()
            request.childID = childID
            return try await Kiosk_Core_V1_Children.Client(wrapping: client).listVisits(request).visits
        }
        #expect(visits.count == 1)
        #expect(visits.first?.observations == "在家，精神好，上学正常" && visits.first?.riskLevel == .medium)
        #expect(visits.first?.visitDate == ScreenProgram.today && visits.first?.workerID == "directorA1")
    }

    /// Someone else changes the record while the form is open: the screen says so and does not retry by itself.
    static func staleEdit(_ term: Terminal, county: TestCounty, childID: String) async throws {
        try await term.press("e")
        try await term.waitFor("修改儿童档案", "姓名")
        var other = try await Self.child(childID, county: county)
        let current = other.version + 1
        try await county.as(.directorA1) { client in
            var update = Kiosk_Core_V1_UpdateChildRequest()
            update.childID = childID
            update.expectedVersion = other.version
            other.details.categories = [Kiosk_Core_V1_Category.with { $0.kind = .outOfSchool }]
            update.details = other.details
            _ = try await Kiosk_Core_V1_Children.Client(wrapping: client).updateChild(update)
        }
        try await term.focus("姓名")
        for _ in 0..<3 { try await term.press("BSpace") }
        try await term.type("王晓莲")
        try await term.press("F5")
        let stale = try await term.waitFor("已被他人修改", "您的修改没有保存")
        #expect(stale.contains("服务器原文"), "\(stale)")
        #expect(try await Self.child(childID, county: county).details.name == "王小莲")
        try await term.press("Enter")
        try await term.waitFor("保留我改过的项目")
        try await term.press("2")
        try await term.waitFor("表格已改为基于第 \(current) 版")
        try await term.press("F5")
        try await term.waitFor("修改已保存")
        let child = try await Self.child(childID, county: county)
        #expect(child.details.name == "王晓莲" && child.version == current + 1)
        #expect(child.details.categories.map(\.kind) == [.outOfSchool], "the other worker's change is kept")
        try await term.press("Enter")
        try await term.waitFor("王晓莲（wang xiao lian）")
    }

    static func child(_ id: String, county: TestCounty) async throws -> Kiosk_Core_V1_Child {
        try await county.as(.directorA1) { client in
            var get = Kiosk_Core_V1_GetChildRequest()
            get.childID = id
            return try await Kiosk_Core_V1_Children.Client(wrapping: client).getChild(get).child
        }
    }
}
