import CCTS
import LuaSandbox

/// A rule written as a Lua function, called with a table of its two named inputs.
///
/// `materiality = function(case) return case.emissions > 500000 and 0.02 or 0.05 end`
/// becomes one of these; the lifecycle calls it through ``RuleFunction``, once per year
/// of every world, through a ``PreparedCall`` (no allocation per call).
final class LuaRuleFunction: RuleFunction {
    let lua: LuaState
    let call: PreparedCall
    let function: LuaFunctionRef
    /// The rule's address, e.g. `verification.materiality`, for error messages.
    let rule: String
    let inputNames: (String, String)

    init(lua: LuaState, function: LuaFunctionRef, rule: String, inputs: (String, String)) {
        self.lua = lua
        self.function = function
        self.rule = rule
        inputNames = inputs
        call = lua.prepareCall(function, fieldNames: inputs)
    }

    func evaluate(_ first: Double, _ second: Double) throws -> Double {
        let result: Double?
        do {
            result = try lua.callNumber(call, first, second)
        } catch let error as LuaError {
            throw InputError(file: function.chunk, path: rule, message: "the rule function failed: \(error)")
        }
        guard let result, result.isFinite else {
            throw InputError(
                file: function.chunk, path: rule,
                message:
                    "the rule function returned \(result.map { $0.shown } ?? "something other than a number") for "
                    + "\(inputNames.0) = \(first.shown), \(inputNames.1) = \(second.shown); expected a finite "
                    + "number"
            )
        }
        return result
    }
}
