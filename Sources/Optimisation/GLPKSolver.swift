import CGLPK
import Foundation

/// How a solve ended, and how sure its answer is.
public struct LinearSolution: Sendable, Equatable {
    public enum Status: String, Sendable, Codable {
        /// Proven optimal (for a mixed-integer programme: within the gap tolerance asked).
        case optimal
        /// A feasible answer, not proven optimal: the time limit came first; ``gap`` says how far.
        case feasible
        /// No value of the variables meets every constraint.
        case infeasible
        /// The objective can fall without limit.
        case unbounded
        /// The time limit came before any feasible answer.
        case noAnswer = "no answer"
    }
    public var status: Status
    /// The objective at ``values`` (nil without an answer).
    public var objective: Double?
    /// One value per column (empty without an answer).
    public var values: [Double]
    /// The best lower bound proven on the optimum (a minimisation): the objective itself when
    /// optimal; for a search stopped early, the bound of its best open branch.
    public var bound: Double?
    /// Relative gap `(objective − bound) / max(|objective|, 1)`; 0 when proven optimal.
    public var gap: Double?
    /// Branch-and-bound nodes and seconds the solve took (the seconds are not part of any result).
    public var seconds: Double
}

/// Errors of a model handed to the solver.
public struct LinearProgramError: Error, CustomStringConvertible, Equatable {
    public var description: String
}

/// Options of one solve.
public struct SolveOptions: Sendable {
    /// Stop after this many seconds with the best answer found (and its gap).
    public var timeLimit: Double = 60
    /// Stop a mixed-integer search when its relative gap is at most this (0: prove the optimum).
    public var gapTolerance: Double = 0
    public init(timeLimit: Double = 60, gapTolerance: Double = 0) {
        self.timeLimit = timeLimit
        self.gapTolerance = gapTolerance
    }
}

extension LinearProgram {
    /// Solves the programme with GLPK: the simplex method for a linear programme; for a
    /// mixed-integer one, GLPK's branch-and-cut (with its presolver and cuts), its best bound
    /// recorded as the search goes so that a stop at the time limit reports its gap.
    ///
    /// GLPK keeps its state per thread; each call builds, solves and frees its own problem.
    public func solve(_ options: SolveOptions = SolveOptions()) throws -> LinearSolution {
        try validate()
        let started = Date()
        glp_term_out(GLP_OFF)
        let p = glp_create_prob()!
        defer { glp_delete_prob(p) }
        glp_set_obj_dir(p, GLP_MIN)
        glp_set_obj_coef(p, 0, objectiveConstant)
        if !columns.isEmpty { glp_add_cols(p, Int32(columns.count)) }
        for (j, c) in columns.enumerated() {
            let index = Int32(j + 1)
            glp_set_col_bnds(
                p, index, Self.boundType(c.lower, c.upper), c.lower.isFinite ? c.lower : 0,
                c.upper.isFinite ? c.upper : 0)
            glp_set_obj_coef(p, index, c.cost)
            if c.integer { glp_set_col_kind(p, index, GLP_IV) }
        }
        if !rows.isEmpty { glp_add_rows(p, Int32(rows.count)) }
        // GLPK's arrays count from 1; element 0 is unused.
        var ia: [Int32] = [0], ja: [Int32] = [0], ar: [Double] = [0]
        for (i, r) in rows.enumerated() {
            glp_set_row_bnds(
                p, Int32(i + 1), Self.boundType(r.lower, r.upper), r.lower.isFinite ? r.lower : 0,
                r.upper.isFinite ? r.upper : 0)
            for t in r.terms {
                ia.append(Int32(i + 1))
                ja.append(Int32(t.column + 1))
                ar.append(t.coefficient)
            }
        }
        glp_load_matrix(p, Int32(ia.count - 1), ia, ja, ar)
        let milliseconds = Int32(Swift.min(Swift.max(options.timeLimit, 0.001) * 1000, Double(Int32.max)))
        return isMixedInteger
            ? solveMixedInteger(p, milliseconds: milliseconds, gapTolerance: options.gapTolerance, started: started)
            : solveLinear(p, milliseconds: milliseconds, started: started)
    }

    private func solveLinear(_ p: OpaquePointer, milliseconds: Int32, started: Date) -> LinearSolution {
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = GLP_MSG_OFF
        parm.presolve = GLP_ON
        parm.tm_lim = milliseconds
        let code = glp_simplex(p, &parm)
        let seconds = Date().timeIntervalSince(started)
        let status = glp_get_status(p)
        if code == 0, status == GLP_OPT {
            let values = columns.indices.map { glp_get_col_prim(p, Int32($0 + 1)) }
            let objective = glp_get_obj_val(p)
            return LinearSolution(
                status: .optimal, objective: objective, values: values, bound: objective, gap: 0, seconds: seconds)
        }
        switch (code, status) {
        case (GLP_ENOPFS, _), (_, GLP_NOFEAS):
            return LinearSolution(
                status: .infeasible, objective: nil, values: [], bound: nil, gap: nil, seconds: seconds)
        case (GLP_ENODFS, _), (_, GLP_UNBND):
            return LinearSolution(
                status: .unbounded, objective: nil, values: [], bound: nil, gap: nil, seconds: seconds)
        default:
            return LinearSolution(status: .noAnswer, objective: nil, values: [], bound: nil, gap: nil, seconds: seconds)
        }
    }

    private func solveMixedInteger(_ p: OpaquePointer, milliseconds: Int32, gapTolerance: Double, started: Date)
        -> LinearSolution
    {
        var parm = glp_iocp()
        glp_init_iocp(&parm)
        parm.msg_lev = GLP_MSG_OFF
        parm.presolve = GLP_ON
        parm.tm_lim = milliseconds
        parm.mip_gap = gapTolerance
        // Branch on the first fractional column, depth first: callers put the decisions first (a
        // measure before the worlds it decides), so the search fixes them before anything else and
        // reaches whole answers at once. GLPK's cuts are off: on ccts's big-M programmes they cost more
        // than they save (the shipped pathway at P ≥ 20 %: over 30 s with them, 1.5 s without).
        parm.br_tech = GLP_BR_FFV
        parm.bt_tech = GLP_BT_DFS
        let progress = UnsafeMutablePointer<Double>.allocate(capacity: 1)
        progress.initialize(to: -.infinity)
        defer { progress.deallocate() }
        parm.cb_info = UnsafeMutableRawPointer(progress)
        parm.cb_func = { tree, info in
            // The best bound of the open branches, kept for a search the time limit stops.
            guard let tree, let info else { return }
            let best = glp_ios_best_node(tree)
            if best != 0 { info.assumingMemoryBound(to: Double.self).pointee = glp_ios_node_bound(tree, best) }
        }
        let code = glp_intopt(p, &parm)
        let seconds = Date().timeIntervalSince(started)
        let status = glp_mip_status(p)
        guard status == GLP_OPT || status == GLP_FEAS else {
            let outcome: LinearSolution.Status =
                status == GLP_NOFEAS || code == GLP_ENOPFS
                ? .infeasible : code == GLP_ENODFS ? .unbounded : .noAnswer
            return LinearSolution(status: outcome, objective: nil, values: [], bound: nil, gap: nil, seconds: seconds)
        }
        let values = columns.indices.map { j -> Double in
            let v = glp_mip_col_val(p, Int32(j + 1))
            return columns[j].integer ? v.rounded() : v
        }
        let objective = glp_mip_obj_val(p)
        // Optimal: proven (the search closed, or met the gap tolerance asked). Stopped early: the bound
        // the search had proven, never above the answer.
        let proven = status == GLP_OPT && code == 0
        let bound = proven ? objective : Swift.min(progress.pointee, objective)
        let gap = proven ? 0 : (objective - bound) / Swift.max(abs(objective), 1)
        return LinearSolution(
            status: proven || code == GLP_EMIPGAP ? .optimal : .feasible, objective: objective, values: values,
            bound: bound.isFinite ? bound : nil, gap: bound.isFinite ? gap : nil, seconds: seconds)
    }

    /// GLPK's bound kind for a pair of bounds (either may be infinite).
    static func boundType(_ lower: Double, _ upper: Double) -> Int32 {
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): return GLP_FR
        case (true, false): return GLP_LO
        case (false, true): return GLP_UP
        case (true, true): return lower == upper ? GLP_FX : GLP_DB
        }
    }

    /// Refuses what GLPK would abort or mis-solve on: a NaN or infinite coefficient, a NaN bound,
    /// a lower bound above the upper, a term naming no column.
    func validate() throws {
        func check(_ ok: Bool, _ what: @autoclosure () -> String) throws {
            if !ok { throw LinearProgramError(description: "invalid model: \(what())") }
        }
        try check(objectiveConstant.isFinite, "objective constant \(objectiveConstant)")
        for c in columns {
            try check(c.cost.isFinite, "column \(c.name): cost \(c.cost)")
            try check(
                !c.lower.isNaN && !c.upper.isNaN && c.lower <= c.upper && c.lower < .infinity
                    && c.upper > -.infinity, "column \(c.name): bounds \(c.lower) … \(c.upper)")
        }
        for r in rows {
            try check(
                !r.lower.isNaN && !r.upper.isNaN && r.lower <= r.upper && r.lower < .infinity
                    && r.upper > -.infinity, "row \(r.name): bounds \(r.lower) … \(r.upper)")
            for t in r.terms {
                try check(columns.indices.contains(t.column), "row \(r.name): column \(t.column)")
                try check(t.coefficient.isFinite, "row \(r.name): coefficient \(t.coefficient)")
            }
        }
    }
}

/// The solver library behind ``LinearProgram/solve(_:)``.
public enum Solver {
    /// GLPK's version, as the library linked reports it (e.g. "5.0").
    public static var version: String { String(cString: glp_version()) }
}
