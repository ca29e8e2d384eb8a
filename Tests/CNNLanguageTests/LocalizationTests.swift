import CNNCore
import JSONKit
import JupyterKernel
import XCTest
@testable import CNNLanguage

/// The message catalogue's mechanics: how a Phrase's key is made, how a translation reorders
/// its places, how the language is chosen, and that the kernel's errors and help go through it.
/// (That every key has a translation is Tests/protocol/test_messages.py's part.)
final class LocalizationTests: XCTestCase {
    override func tearDown() {
        Language.current = .english
    }

    func testInterpolationsBecomeNumberedPlaces() {
        let n = 3, total = 10
        let p: Phrase = "\(n) of \(total) images, {not a place}"
        XCTAssertEqual(p.key, "{1} of {2} images, {not a place}")
        XCTAssertEqual(p.arguments, ["3", "10"])
        XCTAssertEqual(p.text(in: .english), "3 of 10 images, {not a place}")
    }

    func testATranslationMayReorderThePlaces() {
        Catalogue.register([("test: {1} of {2} in {3}", "teste: em {3}, {2} contém {1}")], for: .portuguese)
        let a = 1, b = "two", c = 3.5
        let p: Phrase = "test: \(a) of \(b) in \(c)"
        XCTAssertEqual(p.text(in: .portuguese), "teste: em 3.5, two contém 1")
        XCTAssertEqual(p.text(in: .english), "test: 1 of two in 3.5")
        // A value that itself looks like a place is not filled again.
        let q: Phrase = "test: \("{2}") of \("x") in \("y")"
        XCTAssertEqual(q.text(in: .portuguese), "teste: em y, x contém {2}")
        // Verbatim text is never looked up, even when a translation of it exists.
        XCTAssertEqual(Phrase(verbatim: "test: {1} of {2} in {3}").text(in: .portuguese), "test: {1} of {2} in {3}")
    }

    func testTheLanguageComesFromTheKernelspecThenTheLocale() {
        XCTAssertEqual(Language.select(from: [:]), .english)
        XCTAssertEqual(Language.select(from: ["LANG": "pt_BR.UTF-8"]), .portuguese)
        XCTAssertEqual(Language.select(from: ["LANG": "pt_BR.UTF-8", "LC_ALL": "C"]), .english, "LC_ALL wins over LANG")
        XCTAssertEqual(Language.select(from: ["LC_MESSAGES": "pt_PT", "LANG": "en_US"]), .portuguese)
        XCTAssertEqual(Language.select(from: ["CNN_KERNEL_LANGUAGE": "pt-BR", "LANG": "en_US.UTF-8"]), .portuguese)
        XCTAssertEqual(Language.select(from: ["CNN_KERNEL_LANGUAGE": "en", "LANG": "pt_BR.UTF-8"]), .english)
        XCTAssertEqual(Language.select(from: ["CNN_KERNEL_LANGUAGE": "klingon"]), .english)
    }

    func testErrorsAndHelpAreShownInTheChosenLanguage() throws {
        let english = InMemoryKernel(interpreter: CNNInterpreter(loadPluginDirectories: false))
        let englishError = try XCTUnwrap(english.execute("trian").reply.content["evalue"]?.stringValue)
        XCTAssertEqual(englishError, "line 1, column 1: unknown command `trian`; did you mean `train`?")

        Language.current = .portuguese
        let kernel = InMemoryKernel(interpreter: CNNInterpreter(loadPluginDirectories: false))
        let error = try XCTUnwrap(kernel.execute("trian").reply.content["evalue"]?.stringValue)
        let expected: Phrase = "unknown command `\("trian")`\(Suggest.hint(guess: "train"))"
        XCTAssertEqual(error, tr("line \(1), column \(1)") + ": " + expected.text(in: .portuguese))
        XCTAssertNotEqual(error, englishError, "the catalogue has this error in Portuguese")
        XCTAssertTrue(error.contains("`trian`") && error.contains("`train`"), "names stay as written")

        // help answers as a page: the execute reply's payload.
        // (A fresh kernel: after an error, the queued requests of the same batch are aborted.)
        let reply = InMemoryKernel(interpreter: CNNInterpreter(loadPluginDirectories: false)).execute("help maxpool").reply
        guard case .array(let pages)? = reply.content["payload"] else { return XCTFail("no help page: \(reply.content)") }
        let help = pages.compactMap { $0["data"]?["text/plain"]?.stringValue }.joined()
        XCTAssertTrue(help.contains(tr("Parameters:")) && !help.contains("Parameters:"), help)
        XCTAssertTrue(help.contains(translated(LayerRegistry.shared.plugin(named: "maxpool")!.summary)))
    }
}
