import CBuildInfo
import Foundation

/// What this build of ccts is.
public enum BuildInfo {
    /// The release, and the commit it was built from (`make` writes it; a plain `swift build` says
    /// "unknown commit"). Runs record the same text, and `ccts-serve` reports it.
    public static let version = "0.2.0 (commit \(String(cString: ccts_build_commit())))"
}

extension BuildInfo {
    /// This very binary's absolute path, however it was started (by a relative path, or found on
    /// PATH: `CommandLine.arguments[0]` is then just "ccts"), for running it again as a child, in a
    /// Slurm script, or beside its server.
    public static var executable: String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return Bundle.main.executableURL?.path ?? CommandLine.arguments[0]
    }
}
