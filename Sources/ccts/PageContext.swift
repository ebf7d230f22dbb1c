import CommandSupport
import Reports

/// What every workflow page says about its stored run: its id and time, the files it read
/// with their SHA-256, and the command that re-runs it.
struct PageContext {
    let runID: Int64
    let created: String
    let files: [HTMLPage.File]
    let rerunCommand: String
}
