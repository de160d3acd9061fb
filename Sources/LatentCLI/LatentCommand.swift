import ArgumentParser
import LatentLinearAlgebra

/// `latent`: the image-embedding experiment from the command line.
@main
struct LatentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "latent",
    abstract: "Embed images as pixel vectors, project them with LDA or PCA, classify by nearest centroid, and report precision and recall.",
    discussion: """
      Each image becomes the vector of its pixels. A method projects the vectors (or not), puts a
      centroid at each class, assigns every image to its nearest centroid, and reports per-class
      precision and recall on the training and the held-out images.
      """,
    subcommands: [ExperimentCommand.self, FitCommand.self, PredictCommand.self],
    defaultSubcommand: ExperimentCommand.self
  )

  static func main() {
    // OpenBLAS fixes its kernel when it loads: restart with the best one before anything else.
    OpenBLASRuntime.restartWithBestKernelIfNeeded(programName: "latent")
    Self.main(nil)
  }
}
