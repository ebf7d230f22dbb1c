/// Bad input, said so that a person can fix it: the file, where in it, what was
/// expected, and what to do.
///
/// Every loader and every lifecycle check throws this one type; the command
/// line prints it in one place.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file at fault (rule file, reform or scenario).
    public var file: String
    /// The field path inside it (`years["2025-26"].fuels[2].unit`), or `line N`.
    public var path: String
    /// What is wrong and what was expected.
    public var message: String
    /// An obvious fix ("did you mean 'coal_domestic'?"), if there is one.
    public var suggestion: String?

    public init(file: String, path: String, message: String, suggestion: String? = nil) {
        self.file = file
        self.path = path
        self.message = message
        self.suggestion = suggestion
    }

    public var description: String {
        // a spreadsheet cell reads as one place: `fuels.csv, row 5, column "unit": …`
        var text =
            path.isEmpty
            ? "\(file): \(message)"
            : path.hasPrefix("column ") ? "\(file), \(path): \(message)" : "\(file): \(path): \(message)"
        if let suggestion { text += "; \(suggestion)" }
        return text
    }
}
