import ArgumentParser
import Workflows
import Requests

/// `--shard K/N` on the command line.
extension ShardSpec: ExpressibleByArgument {
    public static var defaultValueDescription: String { "K/N" }
}
