import JSONKit
import XCTest
@testable import JupyterKernel

final class WireTests: XCTestCase {
    /// RFC 4231 (HMAC-SHA256 test vectors), test cases 1, 2 and 6.
    func testHMACSHA256AgainstRFC4231() {
        func hex(_ b: [UInt8]) -> String { Hex.encode(b) }
        XCTAssertEqual(
            hex(MessageSigner.hmac(digestName: "sha256", key: [UInt8](repeating: 0x0b, count: 20), data: Array("Hi There".utf8))),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        XCTAssertEqual(
            hex(MessageSigner.hmac(digestName: "sha256", key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8))),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        XCTAssertEqual(
            hex(MessageSigner.hmac(
                digestName: "sha256", key: [UInt8](repeating: 0xaa, count: 131),
                data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8))),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    /// The signature of a message over its four dict frames, as jupyter_client computes it.
    /// Expected value from Python: hmac.new(key, digestmod=hashlib.sha256) updated with each
    /// of the four frames in order, then hexdigest().
    func testMessageSignatureMatchesPythonHmac() throws {
        let signer = try MessageSigner(key: Array("a0436f6c-1916-498b-8eb9-e81ab9368e84".utf8))
        let frames = [Array(#"{"msg_id":"1","msg_type":"kernel_info_request"}"#.utf8), Array("{}".utf8), Array("{}".utf8), Array("{}".utf8)]
        XCTAssertEqual(
            String(decoding: signer.signature(frames), as: UTF8.self),
            "23d21ade63d42fc48bbe2721cd9045ceffb260c3521b7d246495f23adfca79a0")
    }

    func codec(_ key: String = "secret") throws -> WireCodec { WireCodec(signer: try MessageSigner(key: Array(key.utf8))) }

    func testEncodeDecodeKeepsIdentitiesAndBuffers() throws {
        let c = try codec()
        let m = Message(
            identities: [[1, 2, 3], Array("peer".utf8)], header: ["msg_id": "x", "msg_type": "execute_request"],
            parentHeader: [:], metadata: ["m": 1], content: ["code": "print \"hi\""], buffers: [[0, 255], []])
        let frames = c.encode(m)
        XCTAssertEqual(frames[2], Array("<IDS|MSG>".utf8))
        XCTAssertEqual(frames[3].count, 64)
        let back = try c.decode(frames)
        XCTAssertEqual(back.identities, m.identities)
        XCTAssertEqual(back.header, m.header)
        XCTAssertEqual(back.content, m.content)
        XCTAssertEqual(back.metadata, m.metadata)
        XCTAssertEqual(back.buffers, m.buffers)
    }

    func testWrongMissingOrForgedSignaturesAreRejected() throws {
        let frames = try codec("right").encode(Message(header: ["msg_type": "execute_request"]))
        XCTAssertThrowsError(try codec("wrong").decode(frames)) { XCTAssertEqual($0 as? WireError, .badSignature) }
        var unsigned = frames
        unsigned[1] = []
        XCTAssertThrowsError(try codec("right").decode(unsigned)) { XCTAssertEqual($0 as? WireError, .badSignature) }
        var tampered = frames
        tampered[5] = Array(#"{"msg_type":"shutdown_request"}"#.utf8)
        XCTAssertThrowsError(try codec("right").decode(tampered)) { XCTAssertEqual($0 as? WireError, .badSignature) }
    }

    func testMalformedFramesAreErrors() throws {
        let c = try codec("")  // signing off: only structure and JSON are checked
        XCTAssertThrowsError(try c.decode([Array("{}".utf8)])) { XCTAssertEqual($0 as? WireError, .missingDelimiter) }
        XCTAssertThrowsError(try c.decode([WireCodec.delimiter, [], Array("{}".utf8)])) {
            XCTAssertEqual($0 as? WireError, .tooFewFrames(2))
        }
        let notJSON = [WireCodec.delimiter, [], Array("{".utf8), Array("{}".utf8), Array("{}".utf8), Array("{}".utf8)]
        XCTAssertThrowsError(try c.decode(notJSON)) {
            guard case .invalidJSON(let frame, _)? = $0 as? WireError else { return XCTFail("\($0)") }
            XCTAssertEqual(frame, "header")
        }
        let notObject = [WireCodec.delimiter, [], Array("{}".utf8), Array("[]".utf8), Array("{}".utf8), Array("{}".utf8)]
        XCTAssertThrowsError(try c.decode(notObject)) { XCTAssertEqual($0 as? WireError, .notAnObject(frame: "parent_header")) }
    }

    func testConstantTimeEqual() {
        XCTAssertTrue(MessageSigner.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        XCTAssertFalse(MessageSigner.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        XCTAssertFalse(MessageSigner.constantTimeEqual([1, 2, 3], [1, 2]))
    }

    func testUnknownSignatureSchemeIsAnError() {
        XCTAssertThrowsError(try MessageSigner(key: [1], scheme: "hmac-whirlpool"))
        XCTAssertThrowsError(try MessageSigner(key: [1], scheme: "rsa"))
        XCTAssertNoThrow(try MessageSigner(key: [1], scheme: "hmac-sha512"))
    }

    func testHeaderHasVersionAndZonedDate() {
        let h = KernelSession().header(msgType: "status")
        XCTAssertEqual(h["version"], "5.4")
        let date = h["date"]!.stringValue!
        XCTAssertTrue(date.hasSuffix("Z"))
        XCTAssertNotNil(date.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$"#, options: .regularExpression))
        XCTAssertNotEqual(h["msg_id"], KernelSession().header(msgType: "status")["msg_id"])
    }

    func testUUIDsAreVersion4() {
        let u = Identifiers.uuid4()
        XCTAssertEqual(u.count, 36)
        XCTAssertEqual(Array(u)[14], "4")
        XCTAssertTrue("89ab".contains(Array(u)[19]))
    }
}

/// A signed message is accepted once: a replay is refused, and the memory of signatures is bounded.
final class ReplayTests: XCTestCase {
    func testReplayedSignatureIsRefusedAndTheHistoryIsBounded() throws {
        let signer = try MessageSigner(key: Array("secret".utf8))
        let codec = WireCodec(signer: signer, refusingReplays: SeenSignatures(capacity: 100))
        let m = Message(identities: [], header: ["msg_id": "a", "msg_type": "execute_request"], parentHeader: [:], metadata: [:], content: [:], buffers: [])
        let frames = codec.encode(m)
        XCTAssertNoThrow(try codec.decode(frames))
        XCTAssertThrowsError(try codec.decode(frames)) { XCTAssertEqual($0 as? WireError, .replayed) }
        // Without a replay guard (a client's codec), decoding twice is fine.
        XCTAssertNoThrow(try WireCodec(signer: signer).decode(frames))
        XCTAssertNoThrow(try WireCodec(signer: signer).decode(frames))
        // Bounded: 1,000 distinct messages leave at most the capacity remembered.
        for i in 0..<1000 {
            var n = m
            n.header["msg_id"] = .string("m\(i)")
            XCTAssertNoThrow(try codec.decode(codec.encode(n)))
        }
        XCTAssertLessThanOrEqual(codec.seen!.count, 100)
        // The most recent are still remembered.
        var last = m
        last.header["msg_id"] = "m999"
        XCTAssertThrowsError(try codec.decode(codec.encode(last)))
    }
}
