// latent-kernel: shows OpenBLAS's kernel choice on this machine, and runs a
// command with the best kernel (the make targets start `swift test` with it).
import LatentLinearAlgebra

#if canImport(Glibc)
  @preconcurrency import Glibc
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case nil, "status":
  let cpu = CPUFeatures.current
  print("CPU:          \(cpu?.modelName ?? "unknown") (\(cpu?.vendor ?? "unknown vendor"))")
  print("OpenBLAS:     \(OpenBLASRuntime.configuration)")
  print("kernel:       \(OpenBLASRuntime.kernelName)")
  print("threads:      \(OpenBLASRuntime.threadCount) of \(OpenBLASRuntime.processorCount) processors")
  print("override:     OPENBLAS_CORETYPE=\(OpenBLASRuntime.coreTypeOverride ?? "(not set)")")
  print("recommended:  \(OpenBLASRuntime.recommendedKernel ?? "OpenBLAS's own choice")")
  print("advice:       \(OpenBLASRuntime.kernelAdvice ?? "none; the kernel is the best this CPU supports")")
case "exec":
  let command = Array(arguments.dropFirst().drop(while: { $0 == "--" }))
  guard !command.isEmpty else {
    fputs("usage: latent-kernel exec [--] COMMAND [ARGUMENTS...]\n", stderr)
    exit(2)
  }
  exit(OpenBLASRuntime.execWithBestKernel(command, programName: "latent-kernel"))
case "-h", "--help", "help":
  print(
    """
    usage: latent-kernel [status]            show the OpenBLAS kernel, threads and advice
           latent-kernel exec [--] COMMAND   run COMMAND with the best OpenBLAS kernel
                                             (sets OPENBLAS_CORETYPE unless already set)
    """)
default:
  fputs("latent-kernel: unknown command '\(arguments[0])'; try 'latent-kernel --help'.\n", stderr)
  exit(2)
}
