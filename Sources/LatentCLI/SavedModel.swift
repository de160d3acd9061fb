import Foundation
import LatentData
import LatentModels

/// The file `latent fit` writes and `latent predict` reads: the fitted
/// "projection + nearest centroid" model and how its inputs were made.
struct SavedModel: Codable, Sendable {
  /// Identifies the file type.
  var format = "latent-model"
  /// The file format's version.
  var version = 1
  /// The method that was fitted (raw, lda2, …).
  var method: Method
  /// Where the training images came from.
  var dataset: String
  /// The size images are resized to before classification (nil: Fashion-MNIST's 28 × 28, or a .npy).
  var imageSize: ImageSize?
  /// Whether pixels are RGB.
  var rgb: Bool
  /// The fitted model.
  var model: EmbeddingClassifier<Double, String>

  static func read(from path: String) throws -> SavedModel {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CLIError("\(path): no such model file.")
    }
    let saved: SavedModel
    do {
      saved = try JSONDecoder().decode(SavedModel.self, from: data)
    } catch {
      throw CLIError("\(path): not a Latent model file (\(Self.reason(error))). Create one with 'latent fit'.")
    }
    guard saved.format == "latent-model", saved.version == 1 else {
      throw CLIError("\(path): unsupported model format '\(saved.format)' version \(saved.version).")
    }
    return saved
  }

  func write(to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    do {
      try createParentDirectory(of: path)
      try encoder.encode(self).write(to: URL(fileURLWithPath: path))
    } catch {
      throw CLIError("cannot write \(path): \(error.localizedDescription)")
    }
  }

  private static func reason(_ error: Error) -> String {
    switch error {
    case DecodingError.dataCorrupted(let context), DecodingError.keyNotFound(_, let context),
      DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      let path = context.codingPath.map(\.stringValue).joined(separator: ".")
      return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
    default:
      return String(describing: error)
    }
  }
}
