import XCTest
@testable import JupyterKernel

final class ConnectionInfoTests: XCTestCase {
    let good = """
        {"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004, "hb_port": 5005,
         "ip": "127.0.0.1", "key": "abc", "transport": "tcp", "signature_scheme": "hmac-sha256", "kernel_name": "cnn"}
        """

    func testParsesAllFieldsAndBuildsEndpoints() throws {
        let c = try ConnectionInfo.parse(Array(good.utf8))
        XCTAssertEqual(c.shellPort, 5001)
        XCTAssertEqual(c.hbPort, 5005)
        XCTAssertEqual(c.key, "abc")
        XCTAssertEqual(c.endpoint(port: c.controlPort), "tcp://127.0.0.1:5004")
        var ipc = c
        ipc.transport = .ipc
        ipc.ip = "/tmp/kernel"
        XCTAssertEqual(ipc.endpoint(port: 7), "ipc:///tmp/kernel-7")
        var v6 = c
        v6.ip = "::1"
        XCTAssertEqual(v6.endpoint(port: 9), "tcp://[::1]:9")
    }

    func testErrorsNameTheProblem() {
        func problem(_ text: String) -> String {
            do {
                _ = try ConnectionInfo.parse(Array(text.utf8), path: "c.json")
                return "no error"
            } catch { return "\(error)" }
        }
        XCTAssertTrue(problem("{not json").hasPrefix("connection file c.json is not valid JSON"))
        XCTAssertEqual(problem("[]"), "connection file c.json is not a JSON object")
        XCTAssertEqual(
            problem(good.replacingOccurrences(of: "\"hb_port\": 5005,", with: "")), "connection file c.json has no hb_port")
        XCTAssertEqual(
            problem(good.replacingOccurrences(of: "5001", with: "70000")),
            "connection file c.json has shell_port that is not a port number")
        XCTAssertTrue(problem(good.replacingOccurrences(of: "hmac-sha256", with: "hmac-nope")).contains("unknown signature scheme"))
        XCTAssertTrue(problem(good.replacingOccurrences(of: "\"tcp\"", with: "\"udp\"")).contains("transport \"udp\""))
    }

    func testMissingFileIsAClearError() {
        XCTAssertThrowsError(try ConnectionInfo.load(path: "/nonexistent/c.json")) {
            XCTAssertEqual("\($0)", "connection file /nonexistent/c.json cannot be read: No such file or directory")
        }
    }
}
