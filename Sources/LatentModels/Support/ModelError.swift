import LatentLinearAlgebra

/// An error thrown when an estimator cannot fit or apply a model to the data it was given.
///
/// Each message says what was wrong and what to do. Errors from the linear
/// algebra underneath arrive wrapped in ``linearAlgebra(_:)``.
///
/// ```swift
/// do {
///   _ = try LinearDiscriminantAnalysis().fit(x, labels: labels)
/// } catch let error as ModelError {
///   print(error)   // e.g. "LDA fit: 3 samples but 4 labels. Pass one label per row."
/// }
/// ```
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The input holds NaN or ±infinity.
  case nonFiniteValue(operation: String, row: Int, column: Int)
  /// The number of labels differs from the number of samples (rows).
  case labelCountMismatch(operation: String, samples: Int, labels: Int)
  /// Fewer distinct classes than the method needs.
  case tooFewClasses(operation: String, found: Int, needed: Int)
  /// Fewer samples than the method needs (overall or in one class).
  case tooFewSamples(operation: String, detail: String)
  /// A component count outside the range the data allows.
  case componentCountOutOfRange(operation: String, requested: Int, allowed: ClosedRange<Int>)
  /// New data has a different number of features than the data the model was fitted on.
  case featureCountMismatch(operation: String, expected: Int, got: Int)
  /// A setting is outside its valid range.
  case invalidParameter(operation: String, detail: String)
  /// The data has no rows or no columns.
  case emptyInput(operation: String)
  /// The data cannot support the computation (for example, every feature is constant).
  case degenerateData(operation: String, detail: String)
  /// The data's values are so large that the sums of squares a fit needs overflow, or so
  /// small that all their squares underflow; `largest` is the largest magnitude found.
  case magnitudeOutOfRange(operation: String, largest: Double, tooLarge: Bool)
  /// A d × d path would need more memory than the machine has.
  case insufficientMemory(operation: String, bytesNeeded: Int, bytesAvailable: Int, alternative: String)
  /// A linear-algebra step failed (the wrapped error names the LAPACK routine).
  case linearAlgebra(LinearAlgebraError)

  /// A sentence that names the operation, says what was wrong and what to do about
  /// it; a wrapped ``/LatentLinearAlgebra/LinearAlgebraError`` gives its own message.
  public var description: String {
    switch self {
    case .nonFiniteValue(let operation, let row, let column):
      return "\(operation): the data holds NaN or infinity at row \(row), column \(column). Remove or impute non-finite values first."
    case .labelCountMismatch(let operation, let samples, let labels):
      return "\(operation): \(samples) samples but \(labels) labels. Pass one label per row."
    case .tooFewClasses(let operation, let found, let needed):
      return "\(operation): found \(found) distinct class\(found == 1 ? "" : "es") but at least \(needed) are needed. Add samples of more classes."
    case .tooFewSamples(let operation, let detail):
      return "\(operation): too few samples: \(detail)"
    case .componentCountOutOfRange(let operation, let requested, let allowed):
      return "\(operation): \(requested) components requested but this data allows \(allowed.lowerBound)...\(allowed.upperBound). Choose a count in that range."
    case .featureCountMismatch(let operation, let expected, let got):
      return "\(operation): the model was fitted on \(expected) features but the data has \(got). Use data with the same features (and the same image size) as at fit time."
    case .invalidParameter(let operation, let detail):
      return "\(operation): \(detail)"
    case .emptyInput(let operation):
      return "\(operation): the data is empty. Pass at least one sample with at least one feature."
    case .degenerateData(let operation, let detail):
      return "\(operation): \(detail)"
    case .magnitudeOutOfRange(let operation, let largest, let tooLarge):
      let shown = String(format: "%.1e", largest)
      if tooLarge {
        return "\(operation): values as large as \(shown) in magnitude make the sums of squares this method needs "
          + "overflow. Rescale the data first (for example, divide it by \(shown))."
      }
      return "\(operation): no value is larger than \(shown) in magnitude, so every square underflows to zero and "
        + "the variances would be lost. Rescale the data first (for example, divide it by \(shown))."
    case .insufficientMemory(let operation, let needed, let available, let alternative):
      return "\(operation): this needs about \(MemoryGuard.format(needed)) but the machine has \(MemoryGuard.format(available)) available. \(alternative)"
    case .linearAlgebra(let error):
      return error.description
    }
  }
}

extension ModelError {
  /// Runs `body`, wrapping a ``LinearAlgebraError`` as ``linearAlgebra(_:)``.
  static func wrapping<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as LinearAlgebraError {
      throw ModelError.linearAlgebra(error)
    }
  }

  /// Checks a data matrix: non-empty and finite, and with `squaresNeeded` (the fits that form
  /// sums of squares: PCA, LDA) also of a magnitude whose squares neither overflow nor all
  /// underflow.
  ///
  /// One pass on all cores (``Parallel/sumOfMagnitudes(_:)``): `Σ|xᵢⱼ|` is finite exactly when
  /// no element is NaN or infinite, unless finite values overflowed; only then, or to locate a
  /// bad element, are the elements scanned. (The scan is generic code, which runs
  /// unspecialized, and slowly, when a model method is called from another module; the sum's
  /// loops are compiled for `Float` and `Double`.) Since `Σ xᵢⱼ² ≤ max |xᵢⱼ| · Σ|xᵢⱼ|`, the
  /// sum also decides the magnitude check for all but extreme data; only then is the largest
  /// magnitude looked up (`i?amax`).
  static func checkData<Scalar: LinearAlgebraScalar>(
    _ x: Matrix<Scalar>, _ operation: String, squaresNeeded: Bool = false
  ) throws {
    guard !x.isEmpty else { throw ModelError.emptyInput(operation: operation) }
    let sum = Parallel.sumOfMagnitudes(x)
    if !sum.isFinite, let (row, column) = x.firstNonFiniteIndex() {
      throw ModelError.nonFiniteValue(operation: operation, row: row, column: column)
    }
    guard squaresNeeded else { return }
    let greatest = Double(Scalar.greatestFiniteMagnitude)
    let tiny = Double(Scalar.leastNormalMagnitude).squareRoot()
    if !sum.isFinite || sum > greatest.squareRoot() / 4 {
      // A margin of 16 for the sums and differences of squares that the fits form.
      let largest = Double(x.largestMagnitude())
      if !sum.isFinite || largest * sum > greatest / 16 {
        throw ModelError.magnitudeOutOfRange(operation: operation, largest: largest, tooLarge: true)
      }
    } else if sum > 0 && sum < tiny * Double(x.rowCount * x.columnCount) {
      let largest = Double(x.largestMagnitude())
      if largest < tiny {
        throw ModelError.magnitudeOutOfRange(operation: operation, largest: largest, tooLarge: false)
      }
    }
  }
}
