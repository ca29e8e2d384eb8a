import XCTest
@testable import JSONKit

final class JSONTests: XCTestCase {
    func testRoundTripOfEveryKind() throws {
        let v: JSON = ["a": [1, 2.5, "x", true, nil], "b": ["nested": "ü ☃ 😀"], "c": -3, "d": 1e-7]
        XCTAssertEqual(try JSON.parse(v.serialized()), v)
    }

    func testKeysAreSortedAndOutputIsCompact() {
        let v: JSON = ["b": 1, "a": [true, nil], "c": "q\"\\\n"]
        XCTAssertEqual(v.serializedString(), #"{"a":[true,null],"b":1,"c":"q\"\\\n"}"#)
    }

    func testNonFiniteNumbersBecomeNull() {
        XCTAssertEqual(JSON.number(.nan), .null)
        XCTAssertEqual(JSON.double(.infinity).serializedString(), "null")
        XCTAssertEqual(JSON.double(0.1).serializedString(), "0.1")
        XCTAssertEqual(JSON.double(2.0).serializedString(), "2")
    }

    func testControlCharactersAreEscaped() {
        XCTAssertEqual(JSON.string("\u{01}\t").serializedString(), #""\u0001\t""#)
    }

    func testEscapesAndSurrogatePairsParse() throws {
        XCTAssertEqual(try JSON.parse(#""\u00e9\ud83d\ude00\/\n""#), .string("é😀/\n"))
    }

    func testStrictnessRejectsWhatJSONDoesNotAllow() {
        for bad in ["NaN", "[1,]", "{\"a\" 1}", "01", "1.", "\"unterminated", "{} extra", "[\"\u{01}\"]", "tru", ""] {
            XCTAssertThrowsError(try JSON.parse(bad), "accepted \(bad)")
        }
    }

    func testDeepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000)
        XCTAssertThrowsError(try JSON.parse(deep))
    }

    func testNumbersKeepIntegersExact() throws {
        XCTAssertEqual(try JSON.parse("9007199254740993"), .int(9_007_199_254_740_993))
        XCTAssertEqual(try JSON.parse("-0.5e2"), .double(-50))
    }

    func testPrettyStringIsParseable() throws {
        let v: JSON = ["argv": ["a", "b"], "metadata": [:], "n": 1]
        XCTAssertEqual(try JSON.parse(v.prettyString()), v)
        XCTAssertTrue(v.prettyString().contains("\n  \"argv\": [\n    \"a\","))
    }
}
