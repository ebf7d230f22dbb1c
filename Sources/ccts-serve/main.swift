import CommandSupport
import Foundation
import Server

// `ccts-serve`: the HTTP server `ccts serve` starts (Sources/Server). A wrong command line keeps the
// argument parser's own status (64); a failure is `error: MESSAGE` and 1.
exit(ServeCommand.execute(Array(CommandLine.arguments.dropFirst()), usageStatus: nil))
