import LatentLinearAlgebra

/// The largest eigenpairs of a symmetric operator on `ℝᵈ` that is only available as a
/// function applying it to a block of vectors: a block Krylov (block Lanczos with full
/// reorthogonalization) method with Rayleigh–Ritz and restarts.
///
/// Vectors are the rows of `b × d` matrices, so that one application of the operator
/// can be two `?gemm` passes over the data instead of `b` matrix–vector products.
/// Each step extends an orthonormal basis `V` with the residual block of the current
/// Ritz vectors (orthogonalized twice against `V`), applies the operator to it, and
/// updates the projected matrix `H = V · A · Vᵀ` by the new rows and columns only. A Ritz
/// pair `(θ, y)` has converged when `‖A·y − θ·y‖ ≤ tolerance · max(|θ₀|, 1)`. Rounding in the
/// operator puts a floor under the residuals (about 1e-14 in Double, 1e-6 in Float at
/// d ≈ 1,000); when they stop improving (not halved in four applications) below
/// `acceptableTolerance`, the pairs are accepted as they are. When the basis reaches
/// `maximumBasis` vectors it restarts from the current `b` Ritz vectors.
struct BlockKrylovEigensolver<Scalar: LinearAlgebraScalar> {
  /// The number of eigenpairs wanted.
  var count: Int
  /// Vectors per block (at least `count`).
  var blockSize: Int
  /// The relative residual at which a pair has converged.
  var tolerance: Scalar
  /// The relative residual accepted once the residuals stagnate (at least `tolerance`).
  var acceptableTolerance: Scalar
  /// The most vectors the basis holds before a restart.
  var maximumBasis: Int
  /// The most operator applications before the solver gives up.
  var maximumApplications: Int

  /// The result: eigenvalues (descending), eigenvectors (rows, orthonormal), and the work done.
  struct Result {
    var values: [Scalar]
    var vectors: Matrix<Scalar>
    var applications: Int
    var residuals: [Scalar]
  }

  /// Runs the iteration from the rows of `start` (`blockSize × d`; they need not be orthonormal).
  /// When `image` (the operator applied to `start`) is given, the first application is not made.
  ///
  /// - Throws: ``LinearAlgebraError/noConvergence(routine:info:)`` when the pairs have not
  ///   converged after `maximumApplications` applications, and errors of `apply` and LAPACK.
  func largestEigenpairs(
    start: Matrix<Scalar>, image startImage: Matrix<Scalar>? = nil, apply: (Matrix<Scalar>) throws -> Matrix<Scalar>
  ) throws -> Result {
    let d = start.columnCount
    let maximumBasis = Swift.min(self.maximumBasis, d)
    // Orthonormalize the start and carry its image along: V = T · start ⇒ A V = T · A start.
    let transform = try orthonormalizingTransform(start)
    var basis = transform.times(start)
    var image = transform.times(try startImage ?? apply(start))
    var applications = 1
    var projected = basis.times(image, transposingOther: true).symmetrized()
    var lastResiduals: [Scalar] = []
    var history: [Scalar] = []
    while true {
      let ritz = try projected.symmetricEigendecomposition()
      let kept = Swift.min(blockSize, ritz.eigenvalues.count)
      let coefficients = ritz.eigenvectors.prefixColumns(kept)
      let vectors = coefficients.times(basis, transposingSelf: true)  // kept × d
      let images = coefficients.times(image, transposingSelf: true)
      let values = Array(ritz.eigenvalues.prefix(kept))
      var residualStorage = images.elements
      vectors.elements.withUnsafeBufferPointer { y in
        residualStorage.withUnsafeMutableBufferPointer { r in
          for i in 0..<kept {
            for j in 0..<d { r[i * d + j] -= values[i] * y[i * d + j] }
          }
        }
      }
      let residual = Matrix(rows: kept, columns: d, storage: residualStorage)
      let scale = Swift.max(Swift.abs(values[0]), 1)
      let norms = residual.rowNorms().map { $0 / scale }
      lastResiduals = Array(norms.prefix(count))
      let worst = lastResiduals.max() ?? 0
      history.append(worst)
      let stagnated = history.count > 4 && worst > history[history.count - 5] / 2
      if kept >= count && (worst <= tolerance || (stagnated && worst <= acceptableTolerance)) {
        return Result(
          values: Array(values.prefix(count)), vectors: vectors.prefixRows(count), applications: applications,
          residuals: lastResiduals)
      }
      guard applications < maximumApplications, basis.rowCount < d else {
        throw LinearAlgebraError.noConvergence(
          routine: "LDA block Krylov eigensolver (residuals \(lastResiduals.map { Double($0) }))", info: applications)
      }
      if basis.rowCount + blockSize > maximumBasis {
        basis = vectors
        image = images
        projected = Matrix(rowCount: kept, columnCount: kept, repeating: 0)
        for i in 0..<kept { projected[i, i] = values[i] }
      }
      let room = maximumBasis - basis.rowCount
      let candidates = residual.prefixRows(Swift.min(residual.rowCount, Swift.max(room, 1)))
      let block = try orthonormalized(candidates, against: basis)
      if block.rowCount == 0 {
        // The basis spans an invariant subspace: its Ritz pairs are exact up to rounding.
        return Result(
          values: Array(values.prefix(count)), vectors: vectors.prefixRows(count), applications: applications,
          residuals: lastResiduals)
      }
      let blockImage = try apply(block)
      applications += 1
      let cross = basis.times(blockImage, transposingOther: true)  // K × b
      let corner = block.times(blockImage, transposingOther: true).symmetrized()
      let size = basis.rowCount + block.rowCount
      var extended = Matrix<Scalar>(rowCount: size, columnCount: size, repeating: 0)
      let old = basis.rowCount
      for i in 0..<old {
        for j in 0..<old { extended[i, j] = projected[i, j] }
        for j in 0..<block.rowCount {
          extended[i, old + j] = cross[i, j]
          extended[old + j, i] = cross[i, j]
        }
      }
      for i in 0..<block.rowCount {
        for j in 0..<block.rowCount { extended[old + i, old + j] = corner[i, j] }
      }
      projected = extended
      basis = basis.appendingRows(block)
      image = image.appendingRows(blockImage)
    }
  }

  /// An orthonormal basis (rows) of the part of `rows`' span orthogonal to `basis`:
  /// two rounds of classical Gram–Schmidt against `basis`, then the block's own Gram
  /// matrix, dropping directions that are numerically dependent.
  func orthonormalized(_ rows: Matrix<Scalar>, against basis: Matrix<Scalar>) throws -> Matrix<Scalar> {
    var block = rows
    let before = block.rowNorms().max() ?? 0
    guard before > 0 else { return Matrix(rowCount: 0, columnCount: rows.columnCount, repeating: 0) }
    for _ in 0..<2 {
      block = block - block.times(basis, transposingOther: true).times(basis)
      let gram = block.times(block, transposingOther: true).symmetrized()
      let eigen = try gram.symmetricEigendecomposition()
      let largest = Swift.max(eigen.eigenvalues.first ?? 0, 0)
      // A direction survives when it keeps more than √ε of the largest one's length and
      // more than 100 ε of the block's length before the projection.
      let relative = Scalar.ulpOfOne.squareRoot() * largest.squareRoot()
      let absolute = 100 * Scalar.ulpOfOne * before
      let keep = eigen.eigenvalues.prefix { $0 > 0 && $0.squareRoot() > Swift.max(relative, absolute) }.count
      guard keep > 0 else { return Matrix(rowCount: 0, columnCount: rows.columnCount, repeating: 0) }
      let scales = eigen.eigenvalues.prefix(keep).map { 1 / $0.squareRoot() }
      block = eigen.eigenvectors.prefixColumns(keep).scalingColumns(by: scales).times(block, transposingSelf: true)
    }
    return block
  }

  /// A matrix `T` (`r × b`) with `T · rows` orthonormal (twice: the second round repairs
  /// what rounding left), dropping numerically dependent directions.
  func orthonormalizingTransform(_ rows: Matrix<Scalar>) throws -> Matrix<Scalar> {
    var transform = Matrix<Scalar>.identity(rows.rowCount)
    var block = rows
    for _ in 0..<2 {
      let eigen = try block.times(block, transposingOther: true).symmetrized().symmetricEigendecomposition()
      let largest = Swift.max(eigen.eigenvalues.first ?? 0, 0)
      let keep = eigen.eigenvalues.prefix { $0 > 0 && $0.squareRoot() > Scalar.ulpOfOne.squareRoot() * largest.squareRoot() }.count
      let step = eigen.eigenvectors.prefixColumns(keep).scalingColumns(by: eigen.eigenvalues.prefix(keep).map { 1 / $0.squareRoot() })
        .transposed()
      transform = step.times(transform)
      block = step.times(block)
    }
    return transform
  }
}
