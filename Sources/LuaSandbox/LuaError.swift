/// An error raised while loading or running sandboxed Lua code.
///
/// `message` already carries `chunk:line:` where Lua knows the line; `chunk`
/// names the file so that every error can be traced to what the user wrote.
public struct LuaError: Error, Equatable, CustomStringConvertible, Sendable {
    public enum Kind: String, Sendable {
        /// The text is not valid Lua (or is a binary chunk).
        case syntax
        /// The script raised an error, or called something the sandbox withholds.
        case runtime
        /// The script exceeded the memory budget.
        case memoryBudget
        /// The script exceeded the instruction budget.
        case instructionBudget
        /// The command's wall-clock budget ran out while Lua code ran (loading or a rule function).
        case timeBudget
        /// A value the script returned cannot be turned into engine data.
        case conversion
    }

    public var kind: Kind
    public var chunk: String
    public var message: String

    public init(kind: Kind, chunk: String, message: String) {
        self.kind = kind
        self.chunk = chunk
        self.message = message
    }

    public var description: String {
        switch kind {
        case .memoryBudget:
            return
                "\(chunk): memory budget exceeded (\(message)); raise it with --max-memory-mb if the file is legitimate"
        case .instructionBudget:
            return
                "\(chunk): \(message); a loop that never ends? Raise the budget with --max-instructions if the file is "
                + "legitimate"
        case .timeBudget:
            return
                "\(chunk): \(message); raise it with --max-seconds if the work is legitimate (a rule function called "
                + "per world and year adds up)"
        default:
            return message.hasPrefix(chunk) ? message : "\(chunk): \(message)"
        }
    }
}
