import CNNCore
#if canImport(Glibc)
import Glibc
#endif

/// Checks that a file is a whole shared library for this machine before `dlopen` maps it. The
/// dynamic loader maps segments where the program headers say; a segment past the end of a
/// truncated file maps without complaint and the first touch of it kills the process (SIGBUS).
/// So: a regular file; the ELF identification (64-bit, little-endian, version 1); a shared
/// object (ET_DYN) for this CPU; and the header tables and every loadable and dynamic segment
/// inside the file. (ELF: System V ABI, "Object Files"; Linux's elf.h.)
enum ELFCheck {
    /// What is wrong with the open file `fd`, said of it ("is not an ELF file"), or nil if it may
    /// be loaded.
    static func check(_ fd: Int32) -> String? {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return tr("cannot be examined (\(String(cString: strerror(errno))))") }
        guard st.st_mode & S_IFMT == S_IFREG else { return tr("is not a regular file") }
        let size = Int(st.st_size)
        guard size >= 64 else { return tr("is \(size) bytes, too short for an ELF header") }
        let header = readBytes(fd, at: 0, count: 64)
        guard header.count == 64 else { return tr("cannot be read") }
        guard header[0] == 0x7F, header[1] == 0x45, header[2] == 0x4C, header[3] == 0x46 else { return tr("is not an ELF file") }
        guard header[4] == 2 else { return tr("is not a 64-bit ELF file") }
        guard header[5] == 1, header[6] == 1 else { return tr("is not a little-endian ELF file of version 1") }
        guard u16(header, 16) == 3 else { return tr("is an ELF file but not a shared library (type \(u16(header, 16)))") }
        #if arch(x86_64)
        let machine = 62
        #elseif arch(arm64)
        let machine = 183
        #else
        let machine = Int(u16(header, 18))
        #endif
        guard Int(u16(header, 18)) == machine else { return tr("is a shared library for another CPU (machine \(u16(header, 18)))") }
        let phoff = u64(header, 32), shoff = u64(header, 40)
        let phentsize = Int(u16(header, 54)), phnum = Int(u16(header, 56))
        let shentsize = Int(u16(header, 58)), shnum = Int(u16(header, 60))
        guard phentsize == 56, phnum > 0 else { return tr("has no valid program headers") }
        guard fits(phoff, phnum * phentsize, in: size) else { return tr("is truncated: its program headers end past the file (\(size) bytes)") }
        if shoff != 0 {
            guard fits(shoff, shnum * shentsize, in: size) else { return tr("is truncated: its section headers end past the file (\(size) bytes)") }
        }
        let table = readBytes(fd, at: Int(phoff), count: phnum * phentsize)
        guard table.count == phnum * phentsize else { return tr("cannot be read") }
        var loads = 0
        for i in 0..<phnum {
            let base = i * phentsize
            let type = u32(table, base)
            guard type == 1 || type == 2 else { continue }  // PT_LOAD, PT_DYNAMIC
            let offset = u64(table, base + 8), fileSize = u64(table, base + 32)
            guard fileSize <= UInt64(Int.max), fits(offset, Int(fileSize), in: size) else {
                return tr("is truncated or corrupt: segment \(i) ends past the file (\(size) bytes)")
            }
            if type == 1 { loads += 1 }
        }
        guard loads > 0 else { return tr("has no loadable segments") }
        return nil
    }

    static func fits(_ offset: UInt64, _ length: Int, in size: Int) -> Bool {
        guard offset <= UInt64(Int.max) else { return false }
        let (end, overflow) = Int(offset).addingReportingOverflow(length)
        return !overflow && end <= size
    }

    static func readBytes(_ fd: Int32, at offset: Int, count: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            done += n
        }
        return Array(out[0..<done])
    }

    static func u16(_ b: [UInt8], _ o: Int) -> UInt16 { UInt16(b[o]) | UInt16(b[o + 1]) << 8 }
    static func u32(_ b: [UInt8], _ o: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(b[o + $1]) << (8 * $1) } }
    static func u64(_ b: [UInt8], _ o: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(b[o + $1]) << (8 * $1) } }
}
