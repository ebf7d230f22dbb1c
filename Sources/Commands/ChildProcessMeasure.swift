#if canImport(Glibc)
    import CommandSupport
    import Glibc
#endif
import Foundation

/// A whole child process as a user runs it: its wall time and its peak resident memory
/// (the kernel's `ru_maxrss` of that child alone, from `wait4`), for `ccts bench`'s scaling table.
struct ChildProcessMeasure {
    var seconds: Double
    var peakMB: Double

    /// Runs `executable arguments`, its output to /dev/null.
    /// - Throws: when it cannot start or does not exit with 0.
    static func run(_ executable: String, _ arguments: [String]) throws -> ChildProcessMeasure {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw CommandError("cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        // exited normally (low 7 bits 0) with status 0
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            throw CommandError("\(executable) \(arguments.joined(separator: " ")) failed (wait status \(status))")
        }
        return ChildProcessMeasure(seconds: seconds, peakMB: Double(usage.ru_maxrss) / 1024)
    }
}
