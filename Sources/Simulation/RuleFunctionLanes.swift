import WorkSharing
import CCTS

/// One copy of a rule function per lane of ``Parallel/jobs(_:threads:_:)-swift.type.method``.
///
/// A Lua rule function lives in one Lua state, which only one thread may use at a time; a
/// loaded copy of the rules per lane gives each lane its own. This is the one place that
/// decides how rule functions meet threads outside the lifecycle's plans (the market and
/// procurement): as many lanes as copies, each lane calling only its own.
/// `@unchecked Sendable`: lane `k` is used by one thread at a time (``Parallel`` guarantees it).
public final class RuleFunctionLanes: @unchecked Sendable {
    public let functions: [RuleFunction]

    /// - Parameter functions: one per lane, each from its own load of the rules.
    public init?(_ functions: [RuleFunction]) {
        guard !functions.isEmpty else { return nil }
        self.functions = functions
    }

    /// The compensation functions of these rule sets (the first and its further loads), or nil
    /// when the compensation multiple is a number.
    public convenience init?(compensationOf ruleSets: [RuleSet]) {
        self.init(
            ruleSets.compactMap { rules -> RuleFunction? in
                if case .function(let f) = rules.compliance.compensationMultiple { return f }
                return nil
            })
    }

    public var lanes: Int { functions.count }
    public subscript(lane: Int) -> RuleFunction { functions[lane] }
}

extension Plan {
    /// The rule function of the compensation multiple, when the rules wrote one.
    public var compensationFunction: RuleFunction? {
        guard let index = years.first?.compensationFunction, index >= 0 else { return nil }
        return functions[Int(index)]
    }
}
