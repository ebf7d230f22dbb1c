import Foundation
import Testing

/// Bad input and hostile scripts through the command line: one clear message, exit 1, no trace.
@Suite struct ErrorAndSandboxTests {
    func write(_ text: String, name: String) throws -> URL {
        let url = try CLI.temporaryDirectory().appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func escapeAttemptsFailAndLeaveNoTrace() throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("ccts-escaped-\(UUID().uuidString)")
            .path
        let attempts = [
            "os.execute('touch \(marker)')",
            "io.open('\(marker)', 'w'):write('x')",
            "require('io').open('\(marker)', 'w')",
            "load(string.dump(function() end))",
        ]
        for attempt in attempts {
            let file = try write("local x = 1\n\(attempt)\nreturn scenario {}\n", name: "evil.lua")
            let result = try CLI.run(["run", file.path])
            #expect(result.status == 1, "\(attempt) must fail")
            #expect(result.stderr.hasPrefix("error: \(file.path):2:"), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: marker))
        }
    }

    @Test func budgetsStopRunawayScripts() throws {
        let loop = try write("while true do end\n", name: "loop.lua")
        let looped = try CLI.run(["run", loop.path, "--max-instructions", "5"])
        #expect(looped.status == 1)
        #expect(looped.stderr.contains("instruction budget"))
        let bomb = try write("local t = {} for i = 1, 1e9 do t[i] = string.rep('x', 4096) .. i end\n", name: "bomb.lua")
        let bombed = try CLI.run(["run", bomb.path, "--max-memory-mb", "16", "--max-instructions", "100000"])
        #expect(bombed.status == 1)
        #expect(bombed.stderr.contains("memory budget exceeded"))
    }

    @Test func catastrophicPatternIsStoppedByTheWatchdog() throws {
        // A C-level pattern search the instruction hook cannot interrupt.
        let file = try write(
            "local s = string.rep('a', 200000)\nreturn s:find('.-.-.-.-.-.-.-.-b')\n", name: "pattern.lua")
        let result = try CLI.spawn(["check", file.path, "--max-seconds", "1"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("took longer than 1.0 s"))
    }

    @Test func unknownFuelSuggestsAndExitsNonZero() throws {
        let file = try write(
            """
            return scenario {
              entity = { registration = "X", sector = "cement", targets = { ["2025-26"] = 0.7 } },
              years = { ["2025-26"] = { fuels = { { "coall", 10, "t" } }, products = { { "opc", 10, "t" } } } },
            }
            """, name: "typo.lua")
        let result = try CLI.run(["run", file.path])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "error: \(file.path): years[\"2025-26\"].fuels[1][1]: unknown fuel 'coall'; did you mean "
                + "'coal_domestic' or 'coal_imported'?\n"
        )
    }

    @Test func missingFileIsAClearError() throws {
        let result = try CLI.run(["run", "Scenarios/nope.lua"])
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "error: Scenarios/nope.lua: no such file (looked in \(CLI.packageRoot.path)); the shipped examples "
                + "are written out by: ccts examples copy DIR\n"
        )
    }

    @Test func strictRefusesStaleFactor() throws {
        let lenient = try CLI.run(["run", "Scenarios/cement-rajasthan.lua"])
        #expect(lenient.stdout.contains("is used for 2026-27"))
        let strict = try CLI.run(["run", "Scenarios/cement-rajasthan.lua", "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("--strict") && strict.stderr.contains("grids.national.factors[\"2024-25\"]"))
    }
}
