import JupyterKernel
import XCTest
@testable import CNNLanguage

final class AssistTests: XCTestCase {
    let interp = CNNInterpreter()

    func complete(_ code: String) -> (matches: [String], start: Int, end: Int, types: [String]) {
        let r = interp.complete(code, cursorPos: code.unicodeScalars.count)
        return (r.matches.map(\.text), r.cursorStart, r.cursorEnd, r.matches.map(\.type))
    }

    func testCommandsAtTheStartOfALine() {
        let r = complete("print \"x\"\npr")
        XCTAssertEqual(Set(r.matches), ["print", "progress", "predict"])
        XCTAssertEqual(r.start, 10)
        XCTAssertEqual(r.end, 12)
        XCTAssertEqual(Set(r.types), ["command"])
        XCTAssertEqual(Set(complete("").matches), Set(interp.commandNames + ["model", "block"]))
    }

    func testOptionsAndValues() {
        XCTAssertEqual(complete("progress 5 ").matches, ["delay="])
        XCTAssertEqual(complete("progress 5 delay=0.1 ").matches, [], "an option already given is not offered again")
        let v = complete("clear wait=t")
        XCTAssertEqual(v.matches, ["true"])
        XCTAssertEqual(v.start, 11)
        XCTAssertEqual(complete("help sl").matches, ["sleep"])
        XCTAssertEqual(complete("print \"pr").matches, [], "nothing inside strings")
    }

    /// A list of models is completed with the session's models, not with augmentations.
    func testModelListsCompleteWithModels() {
        let kernel = InMemoryKernel(interpreter: interp)
        XCTAssertEqual(kernel.execute("model small = simplecnn").reply.content["status"], "ok")
        XCTAssertEqual(complete("plot loss models=").matches, ["[small]"])
        XCTAssertTrue(complete("data shapes augment=").matches.contains("[flip]"))
    }

    func testCursorInTheMiddle() {
        let r = interp.complete("prog 3", cursorPos: 4)
        XCTAssertEqual(r.matches.map(\.text), ["progress"])
        XCTAssertEqual(r.cursorStart, 0)
        XCTAssertEqual(r.cursorEnd, 4)
    }

    func testInspect() {
        XCTAssertTrue(interp.inspect("progress 3", cursorPos: 3, detailLevel: 0)!.data["text/plain"]!.stringValue!.hasPrefix("progress STEPS [delay=0.1]"))
        XCTAssertEqual(
            interp.inspect("progress 3 delay=1", cursorPos: 13, detailLevel: 0)!.data["text/plain"]!.stringValue!,
            "progress delay: number in 0…3600, default 0.1\n\nseconds to wait at each step\n")
        XCTAssertNil(interp.inspect("1 + 2", cursorPos: 1, detailLevel: 0))
        XCTAssertNotNil(interp.inspect("sleep ", cursorPos: 6, detailLevel: 0))
    }

    func testIsComplete() {
        XCTAssertEqual(interp.isComplete("print \"hi\"").status, .complete)
        XCTAssertEqual(interp.isComplete("2 * (3 + ").status, .incomplete)
        XCTAssertEqual(interp.isComplete("2 * (3 + ").indent, "  ")
        XCTAssertEqual(interp.isComplete("print [1,\n 2").status, .incomplete)
        XCTAssertEqual(interp.isComplete("print \"open").status, .invalid)
        XCTAssertEqual(interp.isComplete("1 + )").status, .invalid)
        XCTAssertEqual(interp.isComplete("prnt 3").status, .complete, "an unknown command is a run-time error, not unfinished text")
    }
}
