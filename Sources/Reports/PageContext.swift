import Workflows

/// What every workflow page says about its stored run: its id and time, the files it read
/// with their SHA-256, and the command that re-runs it.
public struct PageContext {
    public let runID: Int64
    public let created: String
    public let files: [HTMLPage.File]
    public let rerunCommand: String

    public init(runID: Int64, created: String, files: [HTMLPage.File], rerunCommand: String) {
        self.runID = runID
        self.created = created
        self.files = files
        self.rerunCommand = rerunCommand
    }
}
