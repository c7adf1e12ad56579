import Foundation
import GRPCCore
import KioskCore
import KioskHost
import KioskProtos
import KioskTesting
import Testing

extension ScreenTests {
    @Test("the server stops: a visit recorded offline waits in the outbox and is delivered once when the server is back")
    func offlineVisit() async throws {
        try await ScreenProgram.build()
        let outboxes = try ScreenProgram.temporaryFolder()
        let database = LiveKioskHost.makeTemporaryDatabasePath()
        defer {
            try? FileManager.default.removeItem(at: outboxes)
            LiveKioskHost.removeDatabase(at: database)
        }
        // First life of the server: a kiosk, a village director, a child; the worker opens the child's record.
        let (terminal, kiosk, worker, childID, port) = try await LiveKioskHost.with(plugins: [], databasePath: database) { host in
            let kiosk = try await host.registerKiosk("kiosk-offline")
            let worker = try await host.addWorker("director-offline", jurisdiction: TestCounty.villageA1, pin: TestCounty.pin)
            let child = try await host.withSignedInClient(kiosk: kiosk, worker: worker) { client in
                var request = Kiosk_Core_V1_RegisterChildRequest()
                request.details = childDetails("李小明", born: "2016-09-01", sex: .male)
                return try await Kiosk_Core_V1_Children.Client(wrapping: client).registerChild(request).child
            }
            let term = try await Terminal.start(ScreenProgram.command(port: host.port, ca: host.caFile, kiosk: kiosk, outboxes: outboxes))
            do {
                try await term.signIn(worker.id, pin: worker.pin)
                try await term.openChild("lixiaoming", name: "李小明")
            } catch {
                await term.close()
                throw error
            }
            return (term, kiosk, worker, child.childID, host.port)
        }
        do {
            // The server is gone: the visit is saved on the kiosk.
            try await terminal.press("v")
            try await terminal.waitFor("记录走访 · 李小明")
            try await terminal.focus("走访情况")
            try await terminal.type("服务器停机时记录")
            try await terminal.focus("风险等级")
            try await terminal.press("1")
            try await terminal.press("F5")
            let saved = try await terminal.waitFor("服务器暂时连不上", "已保存在本机", "待发送 1")
            #expect(saved.contains("✗ 离线"), "\(saved)")
            try await terminal.press("Enter")
            // A second visit, dated before the child was born: the kiosk cannot know that; the server will refuse it.
            try await terminal.waitFor("儿童档案")
            try await terminal.press("v")
            try await terminal.waitFor("记录走访 · 李小明")
            try await terminal.focus("走访日期")
            for _ in 0..<10 { try await terminal.press("BSpace") }
            try await terminal.type("2015-01-01")
            try await terminal.focus("风险等级")
            try await terminal.press("2")
            try await terminal.press("F5")
            try await terminal.waitFor("已保存在本机", "待发送 2")
            try await terminal.press("Enter")
            try await terminal.press("F4")
            try await terminal.waitFor("发件箱", "记录走访", "等待发送")
            try await terminal.press("Escape")
            // Second life, same database and port: the outbox drains by itself, once.
            try await LiveKioskHost.with(plugins: [], databasePath: database, configure: { $0.port = port }) { host in
                let delivered = try await terminal.waitFor("待发送 0 · 已送达 1 · 被拒绝 1", "收到 2 条回复", seconds: 40)
                #expect(delivered.contains("● 在线"), "\(delivered)")
                let visits = try await host.withSignedInClient(kiosk: kiosk, worker: worker) { client in
                    var request = Kiosk_Core_V1_ListVisitsRequest()
                    request.childID = childID
                    return try await Kiosk_Core_V1_Children.Client(wrapping: client).listVisits(request).visits
                }
                #expect(visits.count == 1 && visits.first?.observations == "服务器停机时记录", "\(visits)")
                try await terminal.press("F4")
                // The refusal, newest first, in the worker's words with the field it names.
                let outbox = try await terminal.waitFor("✓ 已送达", "✗ 被拒绝 · 「走访日期」：日期太早")
                #expect(outbox.split(separator: "\n").first { $0.contains("✗") }?.hasPrefix("▸") == true, "\(outbox)")
                try await terminal.press("Enter")
                try await terminal.waitFor("服务器原文", "visit_date 2015-01-01 is before the child's birth")
                try await terminal.press("Enter")
                try await terminal.waitFor("修改后重新提交")
                try await terminal.press("1")
                // The refused request comes back as a form to correct, with the field marked.
                try await terminal.waitFor("记录走访", "2015-01-01", "日期太早")
                try await terminal.focus("走访日期")
                for _ in 0..<10 { try await terminal.press("BSpace") }
                try await terminal.type(ScreenProgram.today)
                try await terminal.press("F5")
                try await terminal.waitFor("已受理", "走访编号")
                try await terminal.back(to: "待发送 0 · 已送达 2 · 被拒绝 1")
                // Nothing is sent twice: a forced flush leaves the visits as they are.
                try await terminal.press("F5")
                try await terminal.waitFor("待发送 0 · 已送达 2 · 被拒绝 1")
                let again = try await host.withSignedInClient(kiosk: kiosk, worker: worker) { client in
                    var request = Kiosk_Core_V1_ListVisitsRequest()
                    request.childID = childID
                    return try await Kiosk_Core_V1_Children.Client(wrapping: client).listVisits(request).visits
                }
                #expect(again.count == 2 && again.filter { $0.observations == "服务器停机时记录" }.count == 1, "\(again)")
            }
        } catch {
            await terminal.close()
            throw error
        }
        await terminal.close()
    }

    @Test("a lockout, an expired session, a resize and English: the form survives and nothing is lost")
    func sessionAndTerminal() async throws {
        try await ScreenProgram.build()
        let outboxes = try ScreenProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outboxes) }
        try await TestCounty.with(plugins: [], today: ScreenProgram.today, configure: { $0.access.maximumFailedAttempts = 2 }) {
            county in
            let command = ScreenProgram.command(port: county.host.port, ca: county.host.caFile, kiosk: county.kiosk, outboxes: outboxes)
            try await Terminal.with(command) { term in
                try await Self.lockout(term)
                try await term.signIn("directorA1", pin: TestCounty.pin)
                try await term.press("F2")
                try await term.waitFor("Today's work", "Overdue visits")
                try await term.press("F2")
                try await term.waitFor("今日工作")
                try await term.press("2")
                try await term.waitFor("姓名、性别、出生日期")
                try await term.type("陈小雨")
                try await term.focus("出生日期")
                try await term.type("2018-07-07")
                try await term.resize(columns: 64, rows: 18)
                try await term.waitFor("陈小雨", "2018-07-07")
                try await term.resize(columns: 40, rows: 10)
                try await term.waitFor("窗口太小")
                try await term.resize(columns: 100, rows: 30)
                try await term.waitFor("陈小雨", "2018-07-07", "村代码")
                // The session ends (12 hours pass) while the form is filled in.
                county.clock.advance(by: 13 * 3600)
                try await term.focus("性别")
                try await term.press("1")
                try await term.focus("户口状况")
                try await term.press("1")
                try await term.press("F5")
                try await term.waitFor("会话已结束")
                try await term.type(TestCounty.pin)
                try await term.press("Enter")
                try await term.waitFor("已登记：陈小雨")
            }
            let found = try await county.as(.directorA1) { client in
                var search = Kiosk_Core_V1_SearchChildrenRequest()
                search.query = "陈小雨"
                return try await Kiosk_Core_V1_Children.Client(wrapping: client).searchChildren(search).children
            }
            #expect(found.count == 1 && found.first?.birthDate == "2018-07-07")
        }
    }

    /// Two wrong PINs lock directorA2 (maximumFailedAttempts = 2); then even the right PIN is refused.
    static func lockout(_ term: Terminal) async throws {
        try await term.waitFor("请输入工号和密码")
        try await term.type("directorA2")
        try await term.press("Tab")
        try await term.type("000000")
        try await term.press("Enter")
        try await term.waitFor("工号或密码不正确", "服务器原文")
        try await term.type("000001")   // the PIN field is current again, empty
        try await term.press("Enter")
        try await term.waitFor("已被暂时锁定")
        // The right PIN, shown as stars; a refused sign-in empties the PIN field again.
        let stars = String(repeating: "*", count: TestCounty.pin.count)
        try await term.type(TestCounty.pin)
        try await term.waitFor(stars)
        try await term.press("Enter")
        try await term.waitUntilGone(stars)
        let locked = try await term.waitFor("已被暂时锁定", "请输入工号和密码")
        #expect(!locked.contains("今日工作"))
        try await term.press("Tab")   // to the worker id, which the screen kept
        for _ in 0..<12 { try await term.press("BSpace") }
    }
}
