/// An error thrown by Latent's linear algebra when the data cannot give a
/// correct answer.
///
/// Every case carries what went wrong and the message (``description``) says
/// what to do about it. Programmer errors, such as an element index out of
/// range, are not thrown: they stop the program with a precondition message.
///
/// ```swift
/// do {
///   _ = try Matrix<Double>(rows: [[1, 2], [2, 1]]).cholesky()
/// } catch let error as LinearAlgebraError {
///   print(error)  // "dpotrf: the matrix is not positive definite (...)"
/// }
/// ```
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Two operands' shapes do not fit together, or a shape does not fit its data.
  case shapeMismatch(operation: String, detail: String)
  /// An operation that needs at least one row and one column got an empty matrix.
  case emptyMatrix(operation: String)
  /// The input holds NaN or ±infinity at the given position.
  case nonFiniteValue(operation: String, row: Int, column: Int)
  /// A matrix that must be symmetric is not (beyond rounding).
  case notSymmetric(operation: String, row: Int, column: Int)
  /// A matrix that must be symmetric positive definite is not: the leading
  /// minor of the given order (1-based) is not positive.
  case notPositiveDefinite(routine: String, order: Int)
  /// A square system is singular (`pivot` is the 1-based index of an exactly zero
  /// pivot) or singular to working precision (`pivot` is 0; `reciprocalCondition`
  /// is LAPACK's estimate).
  case singularMatrix(routine: String, pivot: Int, reciprocalCondition: Double)
  /// An iterative LAPACK algorithm did not converge.
  case noConvergence(routine: String, info: Int)
  /// A dimension exceeds what the 32-bit BLAS/LAPACK interface can address.
  case dimensionTooLarge(operation: String, dimension: Int)
  /// LAPACK could not allocate its workspace.
  case outOfMemory(routine: String)
  /// An argument is out of its valid range (for example a component count).
  case invalidArgument(operation: String, detail: String)
  /// LAPACK reported an error Latent does not expect; `info` is its code.
  case lapackFailure(routine: String, info: Int)

  /// A sentence that names the operation or LAPACK routine, says what was wrong
  /// and what to do about it.
  public var description: String {
    switch self {
    case .shapeMismatch(let operation, let detail):
      return "\(operation): shapes do not match: \(detail). Check the operands' row and column counts."
    case .emptyMatrix(let operation):
      return "\(operation): the matrix is empty. Pass at least one row and one column."
    case .nonFiniteValue(let operation, let row, let column):
      return
        "\(operation): the input holds NaN or infinity at row \(row), column \(column). "
        + "Remove or impute non-finite values before calling it."
    case .notSymmetric(let operation, let row, let column):
      return
        "\(operation): the matrix is not symmetric (entries [\(row), \(column)] and [\(column), \(row)] differ "
        + "beyond rounding). Pass a symmetric matrix, for example (A + Aᵀ) / 2."
    case .notPositiveDefinite(let routine, let order):
      return
        "\(routine): the matrix is not positive definite (its leading minor of order \(order) is not positive). "
        + "Use a symmetric positive definite matrix, add a small multiple of the identity, "
        + "or use a general (LU) solve or an eigendecomposition instead."
    case .singularMatrix(let routine, let pivot, let reciprocalCondition):
      if pivot > 0 {
        return
          "\(routine): the matrix is singular (pivot \(pivot) of its LU factorization is exactly zero), "
          + "so the system has no unique solution. Use a least-squares or regularised method instead."
      }
      return
        "\(routine): the matrix is singular to working precision (estimated reciprocal condition number "
        + "\(reciprocalCondition)), so a solution would be meaningless. Regularise the system or use Double."
    case .noConvergence(let routine, let info):
      return
        "\(routine): the algorithm did not converge (info = \(info)). "
        + "Check the input for extreme scaling; rescale it and try again."
    case .dimensionTooLarge(let operation, let dimension):
      return
        "\(operation): dimension \(dimension) exceeds \(Int32.max), the largest the 32-bit BLAS/LAPACK "
        + "interface accepts. Split the data into smaller blocks."
    case .outOfMemory(let routine):
      return "\(routine): LAPACK could not allocate its workspace. Free memory or use smaller inputs."
    case .invalidArgument(let operation, let detail):
      return "\(operation): \(detail)"
    case .lapackFailure(let routine, let info):
      return
        "\(routine): LAPACK failed with info = \(info). This is a bug in Latent; please report it with the input's shape."
    }
  }
}

extension LinearAlgebraError {
  /// Maps LAPACKE's negative `info` codes, which mean an argument or memory
  /// problem rather than a property of the data.
  static func fromNegativeInfo(routine: String, info: Int32) -> LinearAlgebraError {
    LAPACK.error(routine: routine, info: info)
  }
}

/// Converts a dimension to the 32-bit integer BLAS and LAPACK take.
@inline(__always)
func blasInt(_ value: Int, _ operation: @autoclosure () -> String) throws -> Int32 {
  guard let converted = Int32(exactly: value) else {
    throw LinearAlgebraError.dimensionTooLarge(operation: operation(), dimension: value)
  }
  return converted
}
