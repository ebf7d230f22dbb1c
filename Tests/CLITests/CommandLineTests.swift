import Foundation
import Testing

/// The command line as a new user meets it: counts, versions, exit codes, messages, widths.
@Suite struct CommandLineTests {
    @Test(arguments: [("1e5", "100,000"), ("100k", "100,000"), ("10_000", "10,000"), ("2,000", "2,000")])
    func countsAsPeopleWriteThem(text: String, shown: String) throws {
        let result = try CLI.spawn([
            "run", "Scenarios/benchmark.lua", "--no-store", "--quiet", "--threads", "2", "--iterations", text,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Monte Carlo: \(shown) worlds"))
    }

    @Test(arguments: ["-5", "0", "abc", "2.5", "1e13"])
    func badCountsSayWhatIsAllowed(text: String) throws {
        let result = try CLI.run(["run", "Scenarios/benchmark.lua", "--no-store", "--iterations", text])
        #expect(result.status == 2)
        #expect(
            result.stderr.contains(
                "--iterations '\(text)' is not allowed: give a whole number of worlds from 1 to 10^12, written as "
                    + "100000, 1e5, 100k or 1_000_000"
            ))
    }

    @Test func versionAndExitCodes() throws {
        let short = try CLI.run(["-V"]), long = try CLI.run(["--version"])
        #expect(short.status == 0 && short.stdout == long.stdout && short.stdout.hasPrefix("0.2.0 (commit "))
        #expect(try CLI.run(["run", "--bogus"]).status == 2)  // usage
        #expect(try CLI.run(["run", "Scenarios/nowhere.lua", "--no-store"]).status == 1)  // input
        let help = try CLI.run(["--help"]).stdout
        for phrase in [
            "ccts run Scenarios/cement-rajasthan.lua", "--iterations 100k", "CCTS_DB", "Exit codes:",
            "2   the command line is wrong",
        ] {
            #expect(help.contains(phrase), "root help lacks \(phrase)")
        }
    }

    @Test func fileSystemErrorsNameThePath() throws {
        let db = try CLI.temporaryDirectory().appendingPathComponent("runs.sqlite").path
        #expect(try CLI.run(["run", "Scenarios/cement-rajasthan.lua", "--db", db]).status == 0)
        let export = try CLI.run(["runs", "export", "1", "--db", db, "--out", "no-such-folder/run1.csv"])
        #expect(export.status == 1)
        #expect(export.stderr.contains("cannot write no-such-folder/run1.csv: the folder"))
        #expect(export.stderr.contains("does not exist; create it first"))
        #expect(!export.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test func badSetValueNamesTheSet() throws {
        let result = try CLI.run([
            "run", "Scenarios/cement-rajasthan.lua", "--no-store", "--set", "verification.materiality=five",
        ])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "error: --set verification.materiality=five: verification.materiality: expected a number or a "
                + "function, got the string \"five\" (the value given by --set verification.materiality=five; it "
                + "was 0.02)\n"
        )
    }

    @Test func explainReadsWell() throws {
        let text = try CLI.run(["explain", "Scenarios/cement-rajasthan.lua"]).stdout
        #expect(text.contains("= material: no"))
        #expect(text.contains("note: issued 27445 (rounding: floor, whole certificates)"))
        #expect(!text.contains("27445.0") && !text.contains("27,445.00"))
        let wide = text.split(separator: "\n").filter { $0.count > 100 }
        #expect(wide.isEmpty, "lines over 100 columns: \(wide.prefix(3))")
        let world = try CLI.run(["explain", "Scenarios/cement-rajasthan.lua", "--world", "5"]).stdout
        #expect(world.hasPrefix("World 5 of seed 1: Scenarios/cement-rajasthan.lua has no uncertain input"))
    }
}
