import Foundation
import TWCCLI
import TWCReport

// Output goes through `write(2)`: a failed write (a full device, a closed pipe with SIGPIPE
// ignored) is remembered and reported once, with exit status 2, instead of trapping.
let output = OutputWriter(descriptor: STDOUT_FILENO)
let errors = OutputWriter(descriptor: STDERR_FILENO)
let tool = CommandLineTool(
    standardOutput: output.write, standardError: errors.write, isTerminal: isatty(STDOUT_FILENO) != 0)
let status = tool.run(Array(CommandLine.arguments.dropFirst()))
if let failure = output.failure {
    errors.write("twc-lint: error: cannot write the output: \(failure)\n")
    exit(CommandLineTool.usageError)
}
exit(status)
