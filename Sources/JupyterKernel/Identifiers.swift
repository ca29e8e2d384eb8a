import CLibCrypto
#if canImport(Glibc)
import Glibc
#endif

/// Random identifiers and timestamps, without Foundation so that the kernel starts fast.
public enum Identifiers {
    /// A random (version 4) UUID in its canonical lowercase form.
    public static func uuid4() -> String {
        var b = [UInt8](repeating: 0, count: 16)
        if RAND_bytes(&b, 16) != 1 {
            for i in 0..<16 { b[i] = UInt8.random(in: 0...255) }
        }
        b[6] = (b[6] & 0x0F) | 0x40
        b[8] = (b[8] & 0x3F) | 0x80
        let hex = Hex.encode(b)
        let c = Array(hex)
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-" + String(c[12..<16]) + "-"
            + String(c[16..<20]) + "-" + String(c[20..<32])
    }
}

public enum Hex {
    static let digits: [Character] = Array("0123456789abcdef")
    public static func encode(_ bytes: [UInt8]) -> String {
        var s = ""
        s.reserveCapacity(bytes.count * 2)
        for b in bytes {
            s.append(digits[Int(b >> 4)])
            s.append(digits[Int(b & 0xF)])
        }
        return s
    }
}

public enum Timestamps {
    /// ISO 8601 in UTC with microseconds and an explicit zone, e.g. 2026-11-29T01:50:27.123456Z.
    public static func iso8601Now() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        var t = ts.tv_sec
        var tmv = tm()
        gmtime_r(&t, &tmv)
        func pad(_ v: Int32, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        let micros = Int32(ts.tv_nsec / 1000)
        return "\(pad(tmv.tm_year + 1900, 4))-\(pad(tmv.tm_mon + 1, 2))-\(pad(tmv.tm_mday, 2))T"
            + "\(pad(tmv.tm_hour, 2)):\(pad(tmv.tm_min, 2)):\(pad(tmv.tm_sec, 2)).\(pad(micros, 6))Z"
    }

    /// Seconds on a monotonic clock, for measuring durations.
    public static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
