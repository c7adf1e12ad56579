import Foundation
import GRPCCore
import InstalledPlugins
import KioskPluginKit
import KioskProtos
import KioskTesting
import SwiftProtobuf
import Testing

extension Terminal {
    /// In a list or menu: moves down until the current line shows `label`, then opens it.
    func choose(_ label: String) async throws {
        try await self.move(to: label, key: "Down", back: "Up")
        try await self.press("Enter")
    }

    /// From a child's record: the services for the child, one service and one of its methods.
    func openMethod(service: String, method: String) async throws {
        try await self.press("a")
        try await self.waitFor("本服务器提供的业务")
        try await self.choose(service)
        try await self.waitFor(method)
        try await self.choose(method)
        try await self.waitFor("\(service) · \(method)")
    }

    /// Goes back one screen (Esc) and waits for the screen before it.
    func back(to text: String) async throws {
        try await self.press("Escape")
        try await self.waitFor(text)
    }

    /// Submits the form and waits for the server's acceptance showing `texts`; returns to the method list.
    @discardableResult
    func submitAccepted(_ texts: String...) async throws -> String {
        try await self.press("F5")
        let answer = try await self.waitFor(all: ["已受理"] + texts)
        try await self.back(to: "Enter 打开  Esc 返回")   // the service's methods
        return answer
    }
}

extension ScreenTests {
    /// One application from each installed plugin, through forms generated from its protos.
    typealias PluginFlow = @Sendable (Terminal, String) async throws -> Void

    static let pluginFlows: [String: (child: (name: String, pinyin: String), flow: PluginFlow)] = [
        "nutrition": (("赵小宝", "zhaoxiaobao"), { term, childID in
            try await term.openMethod(service: "营养与生长", method: "记录生长测量")
            try await term.waitFor(childID)
            try await term.focus("测量日期")
            try await term.type(ScreenProgram.today)
            try await term.focus("体重（千克）")
            try await term.type("9.5")
            try await term.focus("身长/身高（厘米）")
            try await term.type("76")
            try await term.focus("测量姿势")
            try await term.press("1")
            try await term.submitAccepted("Z 评分", "年龄别体重")
            try await term.choose("申请营养支持")
            try await term.focus("支持种类")
            try await term.press("1")
            try await term.focus("备注")
            try await term.type("家里吃得少")
            try await term.submitAccepted("申请编号", "✓ 6-23 月龄", "✓ 近期有测量记录")
        }),
        "allowances": (("孙小梅", "sunxiaomei"), { term, _ in
            try await term.openMethod(service: "生活补贴", method: "申请补贴")
            try await term.focus("补贴种类")
            try await term.press("1")
            try await term.submitAccepted("申请编号", "✓ 档案中有孤儿类别", "✓ 未满 18 岁")
        }),
        "guardianship": (("钱小兰", "qianxiaolan"), { term, _ in
            try await term.openMethod(service: "监护与照护", method: "记录监护状况")
            try await term.focus("状况")
            try await term.press("3")
            try await term.focus("状况", skipping: 1)
            try await term.press("3")
            try await term.focus("无人照护")
            try await term.press("1")
            try await term.submitAccepted("监护状况", "no-parent-able", "紧急事项编号")
            try await term.choose("申请照护安排")
            try await term.focus("照护方式")
            try await term.press("4")
            try await term.focus("机构名称")
            try await term.type("县儿童福利院")
            try await term.focus("不能家庭照护的原因")
            try await term.type("父母双亡，无亲属可照护")
            try await term.submitAccepted("申请编号", "✓ 父母均无法照护", "✓ 无法家庭照护")
        }),
        "civil_registration": (("周小草", "zhouxiaocao"), { term, _ in
            try await term.openMethod(service: "户口登记", method: "立案")
            try await term.focus("未落户原因")
            try await term.press("4")
            try await term.submitAccepted("案件编号", "收集材料中", "公安机关捡拾报案证明")
            for (document, number) in [("7", "JC-2026-001"), ("8", "MZ-2026-002")] {
                try await term.choose("登记已查验证件")
                try await term.focus("证件种类")
                try await term.press(document)
                try await term.focus("证件编号")
                try await term.type(number)
                try await term.submitAccepted(number)
            }
            try await term.choose("提交审核")
            try await term.submitAccepted("已提交审核", "申请编号")
        }),
    ]

    @Test("one application from each installed plugin through generated forms; the township forwards and the county approves")
    func pluginApplications() async throws {
        try await ScreenProgram.build()
        let outboxes = try ScreenProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: outboxes) }
        let installed = InstalledPlugins.all.map { $0.metadata.id }
        for id in installed where Self.pluginFlows[id] == nil {
            Issue.record("plugin \(id) is installed but this test submits no application through its forms")
        }
        try await TestCounty.with(plugins: InstalledPlugins.all, today: ScreenProgram.today) { county in
            let children = try await Self.pluginChildren(county, installed: installed)
            let command = ScreenProgram.command(port: county.host.port, ca: county.host.caFile, kiosk: county.kiosk, outboxes: outboxes)
            try await Terminal.with(command) { term in
                try await term.signIn("directorA1", pin: TestCounty.pin)
                for id in installed {
                    guard let (child, flow) = Self.pluginFlows[id], let childID = children[id] else { continue }
                    try await term.openChild(child.pinyin, name: child.name)
                    try await flow(term, childID)
                    try await term.back(to: "本服务器提供的业务")
                    try await term.back(to: "儿童档案")
                    try await term.back(to: "找到 1 名儿童")
                    try await term.back(to: "今日工作")
                }
                // The guardianship situation raised an urgent item: it is on the day's lists.
                if installed.contains("guardianship") {
                    try await term.press("F5")
                    let home = try await term.waitFor("今日工作", "紧急事项（")
                    #expect(!home.contains("紧急事项（0）") && home.contains("钱小兰"), "\(home)")
                }
                let applications = try await Self.applications(county)
                #expect(Set(applications.map { String($0.kind.prefix { $0 != "." }) }) == Set(installed))
                try await Self.review(term, county: county, applications: applications)
            }
        }
    }

    /// A child for each plugin's flow, registered with what the plugin's rules need.
    static func pluginChildren(_ county: TestCounty, installed: [String]) async throws -> [String: String] {
        var ids: [String: String] = [:]
        for id in installed {
            switch id {
            case "nutrition": ids[id] = try await county.registerChild("赵小宝", born: ScreenProgram.monthsAgo(12), sex: .male).childID
            case "allowances": ids[id] = try await county.registerChild("孙小梅", born: "2016-05-01", categories: [.orphan]).childID
            case "guardianship": ids[id] = try await county.registerChild("钱小兰", born: "2017-06-01").childID
            case "civil_registration":
                ids[id] = try await county.registerChild("周小草", born: "2020-02-02", hukou: .unregistered).childID
            default: break
            }
        }
        // Each plugin's applications need the guardian's consent to the referral (docs/CORE-SERVICES.md).
        for (id, childID) in ids {
            let child = try await county.as(.directorA1) { client in
                try await Kiosk_Core_V1_Children.Client(wrapping: client).getChild(.with { $0.childID = childID }).child
            }
            _ = try await county.recordConsent(.referral(to: id), for: child)
        }
        return ids
    }

    static func applications(_ county: TestCounty) async throws -> [Kiosk_Core_V1_Application] {
        try await county.as(.officer) { client in
            try await Kiosk_Core_V1_Applications.Client(wrapping: client).listApplications(.init()).applications
        }
    }

    /// The township supervisor begins the review of one application and forwards it on the screen (the
    /// others by the API); the county officer approves all but the last on the screen and rejects the
    /// last, which needs a reason.
    static func review(_ term: Terminal, county: TestCounty, applications: [Kiosk_Core_V1_Application]) async throws {
        try await term.press("F10")
        try await term.waitFor("继续工作")
        try await term.press("1")
        try await term.signIn("supervisorA", pin: TestCounty.pin)
        try await term.waitFor("待我处理的申请（\(applications.count)）")
        try await term.press("3")
        try await term.waitFor("待我处理的申请")
        try await term.press("Enter")
        try await term.waitFor("资格核查", "办理记录（1）", "1 开始审核")
        try await term.press("1")
        try await term.press("F5")
        try await term.waitFor("已办理")
        try await term.press("Enter")
        try await term.waitFor("乡镇审核中", "1 转报县级")
        try await term.press("1")
        try await term.press("F5")
        try await term.waitFor("已办理")
        try await term.press("Enter")
        try await term.waitFor("县级审核中", "1 撤回")
        for application in try await Self.applications(county) where application.state == .submitted {
            _ = try await county.transition(application.applicationID, .beginReview, as: .supervisorA)
            _ = try await county.transition(application.applicationID, .forward, as: .supervisorA)
        }
        try await term.back(to: "◀ 待我处理的申请 ▶")
        try await term.back(to: "今日工作")
        try await term.press("F10")
        try await term.waitFor("继续工作")
        try await term.press("1")
        try await term.signIn("officer", pin: TestCounty.pin)
        try await term.waitFor("待我处理的申请（\(applications.count)）")
        try await term.press("3")
        for _ in applications.dropLast() {
            try await term.waitFor("待我处理的申请", "县级审核中 ·")
            try await term.press("Home", "Enter")
            let application = try await term.waitFor("资格核查", "办理记录（3）", "转报县级", "1 批准", "2 驳回")
            #expect(application.contains("✓"), "\(application)")
            try await term.press("1")
            try await term.waitFor("生效日期")
            try await term.press("F5")
            try await term.waitFor("已办理")
            try await term.press("Enter")
            try await term.waitFor("已批准", "1 开始执行")
            try await term.back(to: "◀ 待我处理的申请 ▶")
        }
        try await Self.reject(term)
        let decided = try await Self.applications(county)
        #expect(decided.count == applications.count, "\(decided.map(\.state))")
        #expect(decided.filter { $0.state == .approved }.count == applications.count - 1, "\(decided.map(\.state))")
        let rejected = try #require(decided.first { $0.state == .rejected }, "\(decided.map(\.state))")
        let full = try await county.as(.officer) { client in
            var get = Kiosk_Core_V1_GetApplicationRequest()
            get.applicationID = rejected.applicationID
            return try await Kiosk_Core_V1_Applications.Client(wrapping: client).getApplication(get).application
        }
        #expect(full.history.last?.action == .reject && full.history.last?.reason == "户口材料不全", "\(full.history)")
    }

    /// The county officer rejects the application left in the queue: F5 without a reason is stopped on the screen.
    static func reject(_ term: Terminal) async throws {
        try await term.waitFor("待我处理的申请", "县级审核中 ·")
        try await term.press("Home", "Enter")
        try await term.waitFor("资格核查", "办理记录（3）", "1 批准", "2 驳回")
        try await term.press("2")
        try await term.waitFor("驳回 · ", "请填写原因（必填）")
        try await term.press("F5")
        try await term.waitFor("这一操作必须填写原因")
        try await term.focus("原因")
        try await term.type("户口材料不全")
        try await term.press("F5")
        try await term.waitFor("已办理")
        try await term.press("Enter")
        try await term.waitFor("已驳回", "户口材料不全")
        try await term.back(to: "◀ 待我处理的申请 ▶")
    }
}
