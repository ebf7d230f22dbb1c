import CCTS

/// The one rule for Lua rule functions and threads.
///
/// A rule written as a Lua function (materiality, compensation) lives in one Lua state, and a Lua
/// state serves one thread at a time. So a computation on `threads` threads whose rules call Lua
/// functions gets one load of the rules per thread lane — each further load reading the very table
/// bytes the first read — and rules without functions are loaded once and shared by every lane.
/// Every workflow that runs worlds on threads (a run's Monte Carlo, compare's market, a pathway's
/// evaluations, a plan's worlds and searches) decides through this type, and nowhere else.
public enum LuaLanes {
    /// Whether rules call Lua functions, so that each thread lane needs its own load of them.
    public static func needsOwnState(_ rules: RuleSet) -> Bool {
        rules.verification.materiality.constant == nil || rules.compliance.compensationMultiple.constant == nil
    }

    /// How many further loads of the rules a computation on `threads` threads needs: none when the
    /// rules call no Lua function, else one per thread beyond the first.
    public static func furtherLoads(_ rules: RuleSet, threads: Int) -> Int {
        needsOwnState(rules) ? max(threads, 1) - 1 : 0
    }

    /// One plan per thread lane: `first` for every lane when it calls no Lua rule function; else
    /// `first` and, for each further lane `k` (1..<lanes), the plan `further(k)` compiles from a
    /// further load of the rules (a lane without one is not used: as many lanes as plans).
    public static func plans(_ first: Plan, threads: Int, further: (Int) throws -> Plan?) rethrows -> [Plan] {
        let lanes = max(threads, 1)
        guard first.callsRuleFunctions else { return Array(repeating: first, count: lanes) }
        return [first] + (try (1..<lanes).compactMap(further))
    }

    /// Threads for a computation that has one load of the rules: one when its plan calls Lua.
    public static func threads(_ wanted: Int, sharing plan: Plan) -> Int {
        plan.callsRuleFunctions ? 1 : wanted
    }

    /// Whether searches that share the lanes' Lua states must run one after the other (they must
    /// when there are Lua functions at all: two searches at once would share a lane's state).
    public static func serial(lanes: RuleFunctionLanes?) -> Bool { lanes != nil }
}
