import JSONKit
import XCTest
@testable import JupyterKernel

/// An interpreter whose behaviour each test scripts, so the core is tested without the language.
final class ScriptedInterpreter: Interpreter {
    var languageInfo: JSON { ["name": "test", "file_extension": ".t", "version": "1", "mimetype": "text/plain"] }
    var banner: String { "test" }
    var helpLinks: [(text: String, url: String)] { [] }
    var onExecute: (String, ExecutionContext) throws -> Void = { _, _ in }

    func execute(_ code: String, context: ExecutionContext) throws { try onExecute(code, context) }
    func evaluate(expression: String) throws -> MimeBundle {
        if expression == "bad" { throw KernelError(ename: "E", evalue: "bad expression") }
        return .text("value of \(expression)")
    }
    func complete(_ code: String, cursorPos: Int) -> CompletionResult {
        CompletionResult(matches: [CompletionMatch("alpha", type: "command")], cursorStart: 0, cursorEnd: cursorPos)
    }
    func inspect(_ code: String, cursorPos: Int, detailLevel: Int) -> MimeBundle? { code == "x" ? .text("doc") : nil }
    func isComplete(_ code: String) -> Completeness { code.hasSuffix("(") ? Completeness(.incomplete, indent: "  ") : Completeness(.complete) }
}

final class KernelCoreTests: XCTestCase {
    var interp: ScriptedInterpreter!
    var kernel: InMemoryKernel!

    override func setUp() {
        interp = ScriptedInterpreter()
        kernel = InMemoryKernel(interpreter: interp)
    }

    func types(_ ms: [Message]) -> [String] { ms.map(\.msgType) }

    func testExecutePublishesBusyInputOutputsIdleAroundTheReply() {
        interp.onExecute = { code, ctx in
            ctx.stream(.stdout, "out")
            ctx.result(.text("42"))
        }
        let x = kernel.execute("code")
        XCTAssertEqual(types(x.iopub), ["status", "execute_input", "stream", "execute_result", "status"])
        XCTAssertEqual(x.iopub.first?.content["execution_state"], "busy")
        XCTAssertEqual(x.iopub.last?.content["execution_state"], "idle")
        XCTAssertEqual(x.reply.msgType, "execute_reply")
        XCTAssertEqual(x.reply.content["status"], "ok")
        XCTAssertEqual(x.reply.content["execution_count"], 1)
        XCTAssertEqual(x.reply.parentHeader["msg_type"], "execute_request")
        XCTAssertEqual(x.reply.identities, [Array("client".utf8)])
        XCTAssertEqual(x.iopub[3].content["execution_count"], 1)
    }

    func testExecutionCountAdvancesOnlyWithStoreHistory() {
        XCTAssertEqual(kernel.execute("a").reply.content["execution_count"], 1)
        XCTAssertEqual(kernel.execute("b", storeHistory: false).reply.content["execution_count"], 1)
        XCTAssertEqual(kernel.execute("c", silent: true).reply.content["execution_count"], 1)
        XCTAssertEqual(kernel.execute("d").reply.content["execution_count"], 2)
        XCTAssertEqual(kernel.core.history.tail(10).map(\.input), ["a", "d"])
    }

    func testSilentBroadcastsNothingButStatus() {
        interp.onExecute = { _, ctx in
            ctx.stream(.stdout, "hidden")
            ctx.display(.text("hidden"))
        }
        XCTAssertEqual(types(kernel.execute("x", silent: true).iopub), ["status", "status"])
    }

    func testErrorGivesOneErrorOutputAndAnErrorReplyThenAbortsTheQueue() {
        interp.onExecute = { code, _ in if code == "boom" { throw KernelError(ename: "Oops", evalue: "it broke", traceback: ["tb"]) } }
        let x = kernel.execute("boom")
        XCTAssertEqual(types(x.outputs), ["error"])
        XCTAssertEqual(x.reply.content["status"], "error")
        XCTAssertEqual(x.reply.content["ename"], "Oops")
        XCTAssertEqual(x.reply.content["traceback"], ["tb"])
        XCTAssertTrue(kernel.core.isAborting)
        let queued = kernel.execute("fine")
        XCTAssertEqual(queued.reply.content["ename"], "ExecutionAborted")
        XCTAssertEqual(types(queued.iopub), ["status", "status"], "an aborted cell does not run")
        kernel.core.stopAborting()
        XCTAssertEqual(kernel.execute("fine").reply.content["status"], "ok")
        _ = kernel.execute("boom", stopOnError: false)
        XCTAssertFalse(kernel.core.isAborting)
    }

    final class StartedFlag: @unchecked Sendable {
        let condition = Condition()
        var running = false
    }

    func testInterruptFromAnotherThreadStopsTheCellAndKeepsTheCount() {
        let flag = StartedFlag()
        interp.onExecute = { code, ctx in
            flag.condition.withLock { flag.running = true; flag.condition.broadcast() }
            if !ctx.token.sleep(seconds: 30) { throw ExecutionInterrupted() }
        }
        let t0 = Timestamps.monotonicSeconds()
        let core = kernel.core
        let thread = Thread {
            flag.condition.withLock { while !flag.running { flag.condition.wait() } }
            core.interrupt()
        }
        thread.start()
        let x = kernel.execute("sleep")
        XCTAssertLessThan(Timestamps.monotonicSeconds() - t0, 2)
        XCTAssertEqual(x.reply.content["ename"], "KeyboardInterrupt")
        XCTAssertEqual(types(x.outputs), ["error"])
        kernel.core.stopAborting()
        interp.onExecute = { _, _ in }
        XCTAssertEqual(kernel.execute("next").reply.content["execution_count"], 2)
    }

    func testDisplayUpdateCarriesTransientDisplayID() {
        interp.onExecute = { _, ctx in
            ctx.display(.text("0"), displayID: "d1")
            ctx.updateDisplay(.text("1"), displayID: "d1")
            ctx.clearOutput(wait: true)
            ctx.page(.text("paged"))
        }
        let x = kernel.execute("x")
        XCTAssertEqual(types(x.outputs), ["display_data", "update_display_data", "clear_output"])
        XCTAssertEqual(x.outputs[0].content["transient"], ["display_id": "d1"])
        XCTAssertEqual(x.outputs[1].content["transient"], ["display_id": "d1"])
        XCTAssertEqual(x.outputs[2].content["wait"], true)
        XCTAssertEqual(x.reply.content["payload"], [["source": "page", "data": ["text/plain": "paged"], "start": 0]])
    }

    func testUserExpressionsAreEvaluatedEachOnItsOwn() {
        let x = kernel.request("execute_request", ["code": "", "user_expressions": ["a": "one", "b": "bad"]])
        let ue = x.reply.content["user_expressions"]!
        XCTAssertEqual(ue["a"], ["status": "ok", "data": ["text/plain": "value of one"], "metadata": [:]])
        XCTAssertEqual(ue["b"]?["status"], "error")
        XCTAssertEqual(ue["b"]?["ename"], "E")
    }

    func testCompleteInspectIsCompleteReplies() {
        let c = kernel.request("complete_request", ["code": "al", "cursor_pos": 2]).reply.content
        XCTAssertEqual(c["matches"], ["alpha"])
        XCTAssertEqual(c["cursor_start"], 0)
        XCTAssertEqual(c["cursor_end"], 2)
        XCTAssertEqual(c["metadata"]?["_jupyter_types_experimental"]?.arrayValue?.first?["type"], "command")
        let i = kernel.request("inspect_request", ["code": "x", "cursor_pos": 1, "detail_level": 0]).reply.content
        XCTAssertEqual(i["found"], true)
        XCTAssertEqual(i["data"], ["text/plain": "doc"])
        XCTAssertEqual(kernel.request("inspect_request", ["code": "y", "cursor_pos": 1]).reply.content["found"], false)
        XCTAssertEqual(kernel.request("is_complete_request", ["code": "f("]).reply.content, ["status": "incomplete", "indent": "  "])
        XCTAssertEqual(kernel.request("is_complete_request", ["code": "f"]).reply.content, ["status": "complete"])
    }

    func testCursorPositionsAreClampedCodePoints() {
        let c = kernel.request("complete_request", ["code": "é😀", "cursor_pos": 99]).reply.content
        XCTAssertEqual(c["cursor_end"], 2)
    }

    func testKernelInfoOnShellAndControl() {
        for control in [false, true] {
            let x = kernel.request("kernel_info_request", [:], control: control)
            XCTAssertEqual(x.reply.content["protocol_version"], "5.4")
            XCTAssertEqual(x.reply.content["language_info"]?["name"], "test")
            XCTAssertEqual(types(x.iopub), ["status", "status"])
        }
    }

    func testControlInterruptAndShutdown() {
        let i = kernel.request("interrupt_request", [:], control: true)
        XCTAssertEqual(i.reply.msgType, "interrupt_reply")
        XCTAssertEqual(i.reply.content, ["status": "ok"])
        let s = kernel.request("shutdown_request", ["restart": true], control: true)
        XCTAssertEqual(s.reply.content, ["status": "ok", "restart": true])
        XCTAssertEqual(s.action, .shutdown(restart: true))
    }

    func testCommsAndUnknownRequestsAreAnswered() {
        XCTAssertEqual(kernel.request("comm_info_request", [:]).reply.content, ["status": "ok", "comms": [:]])
        let open = kernel.request("comm_open", ["comm_id": "c9", "target_name": "nothing", "data": [:]])
        XCTAssertEqual(types(open.iopub), ["status", "comm_close", "status"])
        XCTAssertEqual(open.iopub[1].content["comm_id"], "c9")
        let unknown = kernel.request("frobnicate_request", [:])
        XCTAssertEqual(unknown.reply.msgType, "frobnicate_reply")
        XCTAssertEqual(unknown.reply.content["status"], "error")
    }

    func testHistoryRequests() {
        for code in ["1 + 2", "print", "1 + 2", "1 + 3"] { _ = kernel.execute(code) }
        func hist(_ c: JSON) -> JSON { kernel.request("history_request", c).reply.content["history"]! }
        XCTAssertEqual(hist(["hist_access_type": "tail", "n": 2, "output": false, "raw": true]).arrayValue?.map { $0.arrayValue![2] }, ["1 + 2", "1 + 3"])
        let s = kernel.core.history.session
        XCTAssertEqual(hist(["hist_access_type": "range", "session": .int(s), "start": 2, "stop": 3]), [[.int(s), 2, "print"]])
        XCTAssertEqual(hist(["hist_access_type": "range", "session": 0, "start": 4]), [[.int(s), 4, "1 + 3"]])
        XCTAssertEqual(hist(["hist_access_type": "search", "pattern": "1 + ?"]).arrayValue?.count, 3)
        XCTAssertEqual(hist(["hist_access_type": "search", "pattern": "1 + ?", "unique": true]).arrayValue?.count, 2)
        XCTAssertEqual(hist(["hist_access_type": "search", "pattern": "1 + ?", "n": 1]).arrayValue?.count, 1)
        XCTAssertEqual(hist(["hist_access_type": "search", "pattern": "1 + [!2]"]).arrayValue?.count, 1)
        let withOutput = hist(["hist_access_type": "tail", "n": 1, "output": true])
        XCTAssertEqual(withOutput.arrayValue?.first?.arrayValue?[2], ["1 + 3", nil])
    }
}
