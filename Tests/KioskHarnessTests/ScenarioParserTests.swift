import KioskHarness
import Testing

@Suite("Scenario files")
struct ScenarioParserTests {
    @Test("a scenario with calls, captures, field checks and a raw step")
    func parses() throws {
        let scenario = try ScenarioParser.parse(
            """
            # comment
            scenario "demo"
            step "sign in"
            call /kiosk.core.v1.Session/SignIn
            request {
              worker_id: "w" pin: "{not a brace}"
            }
            expect OK
            field worker.worker_id = "w"
            capture session = session_token

            step "raw"
            connection new
            send-bytes 00 00 00 00
            expect connection-error FRAME_TOO_LARGE
            """
        )
        #expect(scenario.name == "demo")
        #expect(scenario.steps.count == 2)
        guard case .call(let method, let request, _, _) = scenario.steps[0].action else { Issue.record("not a call"); return }
        #expect(method == "/kiosk.core.v1.Session/SignIn")
        #expect(request.contains("pin: \"{not a brace}\""))
        #expect(scenario.steps[0].captures.first?.variable == "session")
        #expect(scenario.steps[0].expectation.fields.first?.comparison == .equals)
        guard case .raw(let hello, let sends) = scenario.steps[1].action else { Issue.record("not raw"); return }
        #expect(!hello)
        #expect(sends.count == 1)
        #expect(scenario.steps[1].expectation.connectionError == "FRAME_TOO_LARGE")
    }

    @Test(
        "bad scenario files are refused with file and line",
        arguments: [
            ("scenario \"x\"\nstep \"a\"\nfrobnicate now\n", "t:3: unknown directive `frobnicate`"),
            ("scenario \"x\"\ncall /a.B/C\n", "t:2: `call` before the first `step`"),
            ("scenario \"x\"\nstep \"a\"\ncall /a.B/C\n", "t:2: the step has no `expect`"),
            ("scenario \"x\"\nstep \"a\"\nsend-bytes 0g\n", "t:3: `0g` is not a hex byte"),
            ("scenario \"x\"\nstep \"a\"\nsend-bytes 00\nexpect OK\n", "a raw step needs `expect connection-error CODE`"),
            ("step \"a\"\ncall /a.B/C\nexpect OK\n", "no `scenario \"name\"` line"),
            ("scenario \"x\"\nstep \"a\"\nrequest { a: 1\n", "unbalanced braces"),
        ]
    )
    func refuses(text: String, message: String) {
        #expect {
            _ = try ScenarioParser.parse(text, file: "t")
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test("decoded text format: nested messages, repeated fields, escapes, paths and counts")
    func textTree() throws {
        let tree = try TextTree.parse(
            """
            children {
              child_id: "c1"
              name: "\\347\\216\\213"
            }
            children {
              child_id: "c2"
            }
            next_page_token: ""
            count: 2
            """
        )
        #expect(tree.values(at: "children.#") == [.scalar("2")])
        #expect(tree.values(at: "children[1].child_id") == [.scalar("c2")])
        #expect(tree.values(at: "children[0].name") == [.scalar("王")])
        #expect(tree.values(at: "children[2].child_id").isEmpty)
        #expect(tree.values(at: "count") == [.scalar("2")])
        #expect(tree.values(at: "missing").isEmpty)
    }
}
