import CommandSupport
import Commands
import Foundation
import Testing

/// The binary is the library with the process's console: the same command line prints the same
/// bytes and ends with the same status whether it runs in this process (``CLI/run(_:in:environment:)``)
/// or as the release binary (``CLI/spawn(_:in:environment:)``). The other CLI suites call the library;
/// these few spawn to check that the two agree, and what only a process can show.
@Suite struct EndToEndTests {
    /// A result, a usage error, an input error, the version and a help page: each printed alike.
    @Test(arguments: [
        ["run", "Scenarios/cement-rajasthan.lua", "--no-store"],
        ["run", "Scenarios/cement-rajasthan.lua", "--no-store", "--iterations", "300", "--seed", "4", "--json"],
        ["run", "--bogus"],
        ["run", "Scenarios/nowhere.lua", "--no-store"],
        ["-V"],
        ["plan", "--help"],
    ])
    func theBinaryPrintsWhatTheLibraryPrints(arguments: [String]) throws {
        let spawned = try CLI.spawn(arguments)
        let inProcess = try CLI.run(arguments)
        #expect(spawned.status == inProcess.status)
        #expect(spawned.stderr == inProcess.stderr)
        // A JSON document carries its timing (wall seconds), which differs from run to run.
        #expect(Self.withoutTiming(spawned.stdout) == Self.withoutTiming(inProcess.stdout))
        #expect(!spawned.stdout.isEmpty || !spawned.stderr.isEmpty)
    }

    /// Exit statuses by kind: 0 done, 1 an input error (`error: …`), 2 a wrong command line.
    @Test func statusesByKind() throws {
        let done = try CLI.spawn(["check", "Scenarios/cement-rajasthan.lua"])
        #expect(done.status == 0, "\(done.stderr)")
        let input = try CLI.spawn(["run", "Scenarios/nowhere.lua", "--no-store"])
        #expect(input.status == 1)
        #expect(input.stderr.hasPrefix("error: "))
        let usage = try CLI.spawn(["run", "Scenarios/cement-rajasthan.lua", "--iterations", "-5"])
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("--iterations '-5' is not allowed"))
    }

    /// `ccts serve` becomes the server (execv): in a process it does not own it refuses, naming why,
    /// rather than replacing its caller.
    @Test func serveRefusesToReplaceItsCaller() throws {
        let result = try CLI.run(["serve", "--port", "0"])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "error: ccts serve replaces the process it runs in with the server; run it from the ccts binary\n")
    }

    /// Commands side by side in one process each print into their own console, each with its own
    /// digit grouping: the cement plant's 2026-27 emissions, 1,589,825 t, are 15,89,825 t the Indian
    /// way (groups of two above the thousands).
    @Test func concurrentCommandsKeepTheirOwnOutput() async throws {
        let results = try await withThrowingTaskGroup(of: (String, CLI.Result).self) { group in
            for grouping in ["indian", "international", "indian", "international"] {
                group.addTask {
                    let run = ["run", "Scenarios/cement-rajasthan.lua", "--no-store", "--number-format", grouping]
                    return (grouping, try CLI.run(run))
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 4)
        for (grouping, result) in results {
            #expect(result.status == 0, "\(result.stderr)")
            let (own, other) = grouping == "indian" ? ("15,89,825", "1,589,825") : ("1,589,825", "15,89,825")
            #expect(result.stdout.contains(own) && !result.stdout.contains(other), "\(grouping)")
            #expect(result.stdout.components(separatedBy: "Integrated cement plant, Rajasthan").count == 2)
        }
    }

    static func withoutTiming(_ text: String) -> String {
        guard text.hasPrefix("{"),
            var json = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        else { return text }
        json["timing"] = nil
        let data = (try? JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
