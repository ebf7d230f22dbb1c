/// A request the workflow cannot carry out, in the user's terms.
public struct WorkflowError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
