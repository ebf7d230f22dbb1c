import CCTS
import LuaSandbox

/// A rule written as a Lua function, called with a table of named inputs.
///
/// `materiality = function(case) return case.emissions > 500000 and 0.02 or 0.05 end`
/// becomes one of these; the lifecycle calls it through ``RuleFunction``.
final class LuaRuleFunction: RuleFunction {
    let lua: LuaState
    let function: LuaFunctionRef
    /// The rule's address, e.g. `verification.materiality`, for error messages.
    let rule: String

    init(lua: LuaState, function: LuaFunctionRef, rule: String) {
        self.lua = lua
        self.function = function
        self.rule = rule
    }

    func evaluate(_ inputs: [(name: String, value: Double)]) throws -> Double {
        let argument = LuaValue.table(LuaTable(fields: inputs.map { ($0.name, .number($0.value)) }))
        let results: [LuaValue]
        do {
            results = try lua.call(function, [argument])
        } catch let error as LuaError {
            throw InputError(file: function.chunk, path: rule, message: "the rule function failed: \(error)")
        }
        guard case .number(let x)? = results.first, x.isFinite else {
            let got = results.first.map(TableReader.describe) ?? "nothing"
            throw InputError(file: function.chunk, path: rule, message: "the rule function returned \(got); expected a finite number")
        }
        return x
    }
}
