import Commands
import Foundation

// `ccts`: the commands (Sources/Commands) with this process's arguments, output and environment.
exit(Ccts.processMain(Array(CommandLine.arguments.dropFirst())))
