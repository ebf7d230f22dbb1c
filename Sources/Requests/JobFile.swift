/// What `ccts serve` hands a child `ccts execute FILE`: one workflow's request, as typed values —
/// never a command line — and where the run is kept. The server writes it beside the files the
/// request names (in the job's own folder); the child reads the files by those names, computes
/// through the same library functions as the commands, and keeps the run in `store` under `job`.
public struct JobFile: Codable, Sendable, Equatable {
    /// The file's name in the job's folder.
    public static let name = "ccts-job.json"

    public enum Workflow: String, Codable, Sendable, CaseIterable { case run, compare, pathway, plan, rerun }

    public var workflow: Workflow
    /// The request of `workflow` (exactly the one it names is set).
    public var run: RunOptions?
    public var compare: CompareRequest?
    public var pathway: PathwayRequest?
    public var plan: PlanRequest?
    /// `rerun`: the id of the run to re-run.
    public var rerun: Int64?
    /// The run store the run is kept in (the server's).
    public var store: String
    /// The server's job the run belongs to.
    public var job: Int64
    /// The only entity the submitting token may run (nil: any).
    public var entity: String?
    /// The command line a user would type for the same work, kept with the run for people to read
    /// (`runs show`); never parsed or executed.
    public var command: [String]

    public init(workflow: Workflow, store: String, job: Int64, entity: String? = nil, command: [String]) {
        self.workflow = workflow
        self.store = store
        self.job = job
        self.entity = entity
        self.command = command
    }

    /// What is wrong with the file, in the terms of its fields (nil when it is whole): the
    /// workflow's own request present and no other.
    public var problem: String? {
        let given: [(Workflow, Bool)] = [
            (.run, run != nil), (.compare, compare != nil), (.pathway, pathway != nil), (.plan, plan != nil),
            (.rerun, rerun != nil),
        ]
        let present = given.filter(\.1).map(\.0)
        guard present == [workflow] else {
            return "workflow \(workflow.rawValue): expected its request under \"\(workflow.rawValue)\" and no other, "
                + "got " + (present.isEmpty ? "none" : present.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
        }
        // what the commands would refuse (a job file is written by the server, or by hand)
        if let problem = plan?.problem { return "plan.\(problem)" }
        let counts: [(String, Int?, Int)] = [
            ("run.iterations", run?.iterations, 1), ("run.threads", run?.threads, 1),
            ("compare.iterations", compare?.iterations, 1), ("compare.threads", compare?.threads, 1),
            ("pathway.iterations", pathway.map(\.iterations), PathwayRequest.minimumWorlds),
        ]
        for (field, value, least) in counts {
            if let value, value < least { return "\(field): expected at least \(least), got \(value)" }
        }
        let limits: [(String, LuaLimits?)] = [
            ("run", run?.lua), ("compare", compare?.lua), ("pathway", pathway?.lua),
        ]
        for (field, lua) in limits {
            if let problem = lua?.problem { return "\(field).lua.\(problem)" }
        }
        return nil
    }
}
