import Foundation
import TWCCLI

let tool = CommandLineTool(
    standardOutput: { FileHandle.standardOutput.write(Data($0.utf8)) },
    standardError: { FileHandle.standardError.write(Data($0.utf8)) },
    isTerminal: isatty(STDOUT_FILENO) != 0)
exit(tool.run(Array(CommandLine.arguments.dropFirst())))
