import ArgumentParser
import CommandSupport
import Foundation
import Loading
import LuaSandbox
import Reports
import Requests
import Workflows

/// `ccts execute JOB.json` (hidden): runs the job file `ccts serve` writes (``JobFile``) — one
/// workflow's request as typed values, the store and the job — through the same functions as the
/// commands, so that the server never builds a command line from a client's fields. Reads the
/// files the request names from the working directory (the job's folder); prints the results
/// document, and `progress DONE TOTAL SECONDS` lines on stderr for a run's worlds.
struct ExecuteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "execute",
        abstract: "Run a job file written by ccts serve (internal).",
        shouldDisplay: false)

    @Argument(help: ArgumentHelp("The job file (JSON).", valueName: "job"))
    var file: String

    func run() throws {
        try reportingErrors {
            let job = try Self.read(file)
            let store = StoreOptions.job(store: job.store, job: job.job, entity: job.entity)
            switch job.workflow {
            case .run:
                let options = job.run!
                Self.startClock(options.lua)
                let bar = ProgressBar(quiet: true, lines: true)
                let (product, _) = try StoredExecution.run(
                    try RunRequest.from(options), command: job.command, store: try store.open()
                ) { done, total, seconds in
                    bar.update(done: done, total: total, seconds: seconds)
                }
                emit(product.document)
            case .compare:
                // the text's layout is the command's default: the document printed does not depend on it
                emit(
                    try Self.document(job.compare!.lua) {
                        try Compare.computed(
                            job.compare!, display: CompareOutput.Display(), store: store, noStore: false,
                            command: job.command)
                    })
            case .pathway:
                emit(
                    try Self.document(job.pathway!.lua) {
                        try PathwayCommand.computed(
                            job.pathway!, pricesFrom: nil, store: store, noStore: false, command: job.command)
                    })
            case .plan:
                emit(
                    try Self.document(job.plan!.lua) {
                        try PlanCommand.computed(
                            job.plan!, pricesFrom: nil, store: store, noStore: false, command: job.command)
                    })
            case .rerun:
                try Runs.Rerun.rerun(job.rerun!, store: store, json: true)
            }
        }
    }

    /// The job file, whole: its workflow's request and no other.
    static func read(_ path: String) throws -> JobFile {
        let job: JobFile
        do {
            job = try JSONText.decode(JobFile.self, from: try SourceFile.read(path).text)
        } catch let error as DecodingError {
            throw CommandError("\(path): not a job file (\(error))")
        }
        if let problem = job.problem { throw CommandError("\(path): \(problem)") }
        return job
    }

    /// A workflow's results document, its Lua clock started first.
    static func document(_ limits: LuaLimits, _ computed: () throws -> (WorkflowRun.Output, Int64?)) throws -> String {
        startClock(limits)
        return try computed().0.document
    }

    /// The wall clock of all the job's Lua starts now, as `--max-seconds` starts it on the command line.
    static func startClock(_ limits: LuaLimits) {
        LuaBudget.commandDeadline = CommandDeadline(secondsFromNow: limits.seconds)
    }
}
