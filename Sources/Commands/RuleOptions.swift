import ArgumentParser
import CCTS
import CommandSupport
import Loading
import LuaSandbox
import Workflows
import Requests

/// Options every command that loads rules shares.
struct RuleOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("Folder of Lua rule files to use instead of the built-in set.", valueName: "dir"))
    var rules: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Lua reform applied to the rules (repeatable, applied in order).", valueName: "file"))
    var reform: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Override one rule value, e.g. verification.materiality=0.05 (repeatable).", valueName: "path=value"))
    var set: [String] = []

    @Flag(name: .long, help: "Treat a factor or target used outside its validity period as an error.")
    var strict = false

    @Option(
        name: .customLong("prices-from"),
        help: ArgumentHelp(
            "Price every year by a market run's clearing prices, world by world: the ID of a `ccts compare` run in the "
                + "store (--db), or a prices file (year,world,price) a run kept.",
            valueName: "run|file"))
    var pricesFrom: String?

    @Option(name: .long, help: "Instruction budget for each Lua file or rule function (millions).")
    var maxInstructions: Int64 = 50

    @Option(name: .long, help: "Memory budget for Lua (MiB).")
    var maxMemoryMb: Int = 64

    @Option(
        name: .long,
        help:
            ArgumentHelp(
                "Wall-clock budget for all Lua code of the command: loading the files and every call of a rule "
                    + "function "
                    + "(seconds).")
    )
    var maxSeconds: Double = 60

    func validate() throws {
        guard maxInstructions > 0 else { throw ValidationError("--max-instructions must be at least 1 (million)") }
        guard maxMemoryMb >= LuaLimits.minimumMemoryMebibytes else {
            throw ValidationError("--max-memory-mb must be at least \(LuaLimits.minimumMemoryMebibytes)")
        }
        guard LuaLimits.holds(seconds: maxSeconds) else {
            throw ValidationError("--max-seconds must be positive (and below 1e9)")
        }
        // The command's clock starts when its options are read: every Lua state it creates stops
        // its scripts once the budget is spent.
        LuaBudget.commandDeadline = CommandDeadline(secondsFromNow: maxSeconds)
    }

    /// The prices of `--prices-from`, read from `store` (nil without the option).
    func marketPrices(store: String) throws -> MarketPrices? {
        try pricesFrom.map { try MarketPriceFile.load($0, store: store) }
    }

    /// The Lua limits these options state, as a workflow request keeps them.
    var limits: LuaLimits {
        LuaLimits(millionInstructions: maxInstructions, memoryMebibytes: maxMemoryMb, seconds: maxSeconds)
    }

    var loader: Loader {
        Loader(
            ruleSource: rules.map(RuleSource.directory) ?? .builtIn, reforms: reform, sets: set,
            budget: LuaBudget(instructions: maxInstructions * 1_000_000, memoryBytes: maxMemoryMb << 20))
    }

    /// "built-in default (9 files)" or "Rules/reform-set (4 files)".
    func describe(_ fileCount: Int) -> String {
        "\(rules ?? "built-in default") (\(fileCount) files)"
    }

    /// Loads under the wall-clock watchdog: Lua's C functions (pattern matching) do not
    /// see the instruction hook, so a pathological pattern is stopped by time instead.
    func load(scenario: String?) throws -> LoadedInputs {
        try Watchdog.limit(seconds: maxSeconds, what: scenario ?? "the rules") {
            try loader.load(scenario: scenario)
        }
    }
}
