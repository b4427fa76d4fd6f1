import Foundation
import NeuralCore

// The whole executable is a dispatcher: parse the subcommand, run it, turn errors into one line
// and an exit code (0 ok, 1 runtime error, 2 usage error).
HeapReuse.keepFreedMemory()
exit(Belamy.run(Array(CommandLine.arguments.dropFirst())))
