import Foundation
import LatentLinearAlgebra

/// One data set the tasks run on: samples (rows), each row's class index, and where it came from.
struct BenchData<Scalar: LinearAlgebraScalar> {
  /// "synthetic", "photos", or the file name of --data.
  let name: String
  let x: Matrix<Scalar>
  let labels: [Int]
  let classes: Int
  /// A float64 .npy of `x` that already exists (scikit-learn reads it instead of a new copy);
  /// only for `Double` data, and never removed by the benchmark.
  var existingFile: String?

  var scalarName: String { Scalar.self == Float.self ? "float" : "double" }

  /// The input's size in bytes.
  var bytes: Int { x.rowCount * x.columnCount * MemoryLayout<Scalar>.size }

  /// A name for the benchmark's own files of this data set.
  var fileStem: String { name.map { $0.isLetter || $0.isNumber ? $0 : "-" }.reduce("") { $0 + String($1) } }
}

/// What a data set of the run is, for the JSON's `datasets`.
struct DatasetInfo: Codable, Sendable {
  var name: String
  var n: Int
  var d: Int
  var classes: [String]
  /// How it was made: the synthetic generator, the photo recipe, or the user's files.
  var source: String
  /// The photo set's folder, the user's .npy file.
  var path: String?
  /// Photos rendered in this run (0 when the cache was complete), and the seconds that took.
  var photosRendered: Int?
  var buildSeconds: Double?

  enum CodingKeys: String, CodingKey {
    case name, n, d, classes, source, path
    case photosRendered = "photos_rendered"
    case buildSeconds = "build_seconds"
  }
}
