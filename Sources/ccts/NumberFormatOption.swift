import ArgumentParser
import CommandSupport
import Foundation
import Reports

extension NumberFormat.Grouping: ExpressibleByArgument {}

/// `--number-format indian|international`: how text and HTML outputs group digits (1,23,45,678
/// or 12,345,678). JSON, CSV and the store always hold plain numbers.
struct NumberFormatOption: ParsableArguments {
    @Option(
        name: .customLong("number-format"),
        help:
            "Group digits the Indian way (1,23,45,678: lakh, crore) or the international way (12,345,678) in text and HTML. Default: $CCTS_NUMBER_FORMAT, else international."
    )
    var numberFormat: NumberFormat.Grouping?

    /// The parser validates every option group of a command before the command runs: the grouping
    /// is set here, once, so no command that offers the option can forget to apply it.
    func validate() throws {
        if let numberFormat {
            NumberFormat.grouping = numberFormat
        } else if let name = ProcessInfo.processInfo.environment["CCTS_NUMBER_FORMAT"], !name.isEmpty {
            guard let grouping = NumberFormat.Grouping(rawValue: name) else {
                throw ValidationError("CCTS_NUMBER_FORMAT is '\(name)'; expected indian or international")
            }
            NumberFormat.grouping = grouping
        }
    }
}
