import LatentLinearAlgebra

/// What a solver hands to ``PCAModel``: the kept components and the facts of the spectrum.
struct PCASolution<Scalar: LinearAlgebraScalar> {
  /// `k × d`, row-major, orthonormal rows in descending order of singular value; signs not yet fixed.
  var components: ContiguousArray<Scalar>
  /// `k`.
  var componentCount: Int
  /// The singular values of the centred data belonging to the kept components.
  var singularValues: [Double]
  /// The sum of all `min(n, d)` squared singular values, `‖Xc‖²_F`.
  var totalSumOfSquares: Double
  /// The mean of the squared singular values that were not kept (`0` when all were kept).
  var meanDiscardedSumOfSquares: Double
  /// The solver that produced the solution.
  var solver: PrincipalComponentAnalysis.Solver
}

/// Helpers shared by the solvers.
enum PCAStatistics {
  /// The column means in `Double`, in one pass that also rejects NaN and infinity.
  ///
  /// Sums are accumulated in `Double` whatever the input precision (a `Float` running sum
  /// over 100,000 rows would lose three digits).
  ///
  /// - Throws: ``ModelError/nonFiniteValue(operation:row:column:)``.
  /// - Complexity: O(n · d).
  static func columnMeans<Scalar: LinearAlgebraScalar>(_ x: Matrix<Scalar>, _ operation: String) throws -> [Double] {
    let n = x.rowCount
    let sums = Parallel.classColumnSums(x, classOf: nil, classCount: 1)
    // A NaN or infinity anywhere makes its column's sum non-finite.
    if sums.contains(where: { !$0.isFinite }) {
      try ModelError.checkData(x, operation)
      throw ModelError.invalidParameter(
        operation: operation,
        detail: "the column sums overflow (entries near the largest Double). Rescale the data first.")
    }
    return sums.map { $0 / Double(n) }
  }

  /// The number of components to keep, given every squared singular value (descending).
  ///
  /// For a variance fraction this is scikit-learn's rule on ratios formed from `spectrum`
  /// itself. A solver whose reported singular values are computed differently (the Gram and
  /// covariance solvers report norms of projections) uses it as a first guess only and
  /// settles the count with ``fractionCount(ratios:fraction:spectrumSize:)`` on the ratios
  /// the model reports.
  static func resolvedCount(
    _ count: PrincipalComponentAnalysis.ComponentCount, squaredSingularValues spectrum: [Double]
  ) -> Int {
    switch count {
    case .count(let k):
      return k
    case .all:
      return spectrum.count
    case .varianceFraction(let fraction):
      let total = spectrum.reduce(0, +)
      var cumulative = 0.0
      var atMost = 0
      for value in spectrum {
        cumulative += value / total
        if cumulative <= fraction { atMost += 1 } else { break }
      }
      return Swift.min(atMost + 1, spectrum.count)
    }
  }

  /// The explained variance ratios a model reports for these singular values:
  /// `(σᵢ²/(n − 1)) / (total/(n − 1))`, rounded to `Scalar`. ``PCAModel`` stores exactly these.
  static func explainedVarianceRatios<Scalar: LinearAlgebraScalar>(
    singularValues: [Double], totalSumOfSquares total: Double, sampleCount n: Int, as _: Scalar.Type = Scalar.self
  ) -> [Scalar] {
    let degrees = Double(n - 1)
    let totalVariance = total / degrees
    return singularValues.map { Scalar($0 * $0 / degrees / totalVariance) }
  }

  /// scikit-learn's count for a variance fraction, on the ratios a model reports:
  /// `searchsorted(cumsum(ratios), fraction, side="right") + 1`, at most `m`.
  ///
  /// The running sum adds the ratios left to right in their own precision, as `numpy.cumsum`
  /// does. The ratios are non-negative, so the running sum never decreases and the count is
  /// one more than the index of the first running sum above `fraction`: only the ratios up to
  /// and including that one are needed. Returns `nil` when every given running sum is
  /// `≤ fraction` and fewer than `m` ratios were given (the count lies beyond them).
  static func fractionCount<Scalar: LinearAlgebraScalar>(
    ratios: [Scalar], fraction: Double, spectrumSize m: Int
  ) -> Int? {
    var cumulative: Scalar = 0
    for (i, ratio) in ratios.enumerated() {
      cumulative += ratio
      if Double(cumulative) > fraction { return i + 1 }
    }
    return ratios.count >= m ? m : nil
  }

  /// The mean of `spectrum[k...]` (`0` when nothing is left).
  static func meanOfTail(_ spectrum: [Double], from k: Int) -> Double {
    guard k < spectrum.count else { return 0 }
    return spectrum[k...].reduce(0, +) / Double(spectrum.count - k)
  }

  /// Whether the automatic solver must redo a squared (Gram or covariance) fit with the SVD:
  /// the kept eigenvalues span more than eight decades.
  ///
  /// When `d ≥ n` the last of the `n` eigenvalues is zero by construction (centring removes
  /// one direction), and its component is arbitrary for every solver; it is left out.
  static func needsSingularValueDecomposition(
    eigenvalues: [Double], keeping k: Int, rowCount n: Int, columnCount d: Int
  ) -> Bool {
    let checked = d >= n ? Swift.min(k, n - 1) : k
    guard checked >= 1, let largest = eigenvalues.first, largest > 0 else { return false }
    return eigenvalues[checked - 1] < 1e-8 * largest
  }

  /// Throws ``ModelError/tooFewSamples(operation:detail:)`` when the centred data is zero.
  static func checkVariance(_ totalSumOfSquares: Double, _ operation: String) throws {
    guard totalSumOfSquares > 0 else {
      throw ModelError.tooFewSamples(
        operation: operation,
        detail: "all samples are identical, so there is no variance to explain. Pass at least two distinct samples.")
    }
  }

  /// Flips each row of a row-major `rows × columns` buffer so that its largest-magnitude
  /// entry is positive (the first one on ties): scikit-learn's `svd_flip` on `Vᵀ`.
  ///
  /// - Complexity: O(rows × columns).
  static func flipSigns<Scalar: LinearAlgebraScalar>(
    _ values: inout ContiguousArray<Scalar>, rows: Int, columns: Int
  ) {
    var row = [Double](repeating: 0, count: columns)
    values.withUnsafeMutableBufferPointer { v in
      row.withUnsafeMutableBufferPointer { r in
        for i in 0..<rows {
          let start = v.baseAddress! + i * columns
          convert(start, into: r.baseAddress!, count: columns)
          var best = 0
          var largest = -1.0
          for j in 0..<columns where abs(r[j]) > largest {
            largest = abs(r[j])
            best = j
          }
          if r[best] < 0 { Scalar._scal(n: Int32(columns), alpha: -1, x: start, incx: 1) }
        }
      }
    }
  }

  /// Makes rows `from..<rows` of a row-major buffer orthonormal to all rows before them.
  ///
  /// Used for components whose singular value is at the rounding floor: their computed
  /// direction is noise, and any orthonormal completion is as correct as scikit-learn's
  /// (whose SVD returns an arbitrary basis of the null space). Each row is orthogonalised
  /// twice (classical Gram–Schmidt with re-orthogonalisation, BLAS `?gemv`); a row that
  /// vanishes is replaced by the first coordinate vector that survives.
  ///
  /// - Complexity: O(rows × columns) per affected row.
  static func orthonormalizeRows<Scalar: LinearAlgebraScalar>(
    _ values: inout ContiguousArray<Scalar>, rows: Int, columns d: Int, from first: Int
  ) {
    guard first < rows else { return }
    var candidate = ContiguousArray<Scalar>(repeating: 0, count: d)
    var coefficients = ContiguousArray<Scalar>(repeating: 0, count: rows)
    var nextCoordinate = 0
    values.withUnsafeMutableBufferPointer { v in
      candidate.withUnsafeMutableBufferPointer { c in
        coefficients.withUnsafeMutableBufferPointer { h in
          let (d32, v0, c0, h0) = (Int32(d), v.baseAddress!, c.baseAddress!, h.baseAddress!)
          /// Orthogonalises the candidate against rows 0..<i twice and returns its norm.
          func orthogonalize(_ i: Int) -> Scalar {
            if i > 0 {
              for _ in 0..<2 {
                // h = V[0..<i] · c, then c −= V[0..<i]ᵀ · h.
                Scalar._gemv(
                  transpose: false, m: Int32(i), n: d32, alpha: 1, a: v0, lda: d32, x: c0, incx: 1, beta: 0,
                  y: h0, incy: 1)
                Scalar._gemv(
                  transpose: true, m: Int32(i), n: d32, alpha: -1, a: v0, lda: d32, x: h0, incx: 1, beta: 1,
                  y: c0, incy: 1)
              }
            }
            return Scalar._nrm2(n: d32, x: c0, incx: 1)
          }
          for i in first..<rows {
            let row = v0 + i * d
            c0.update(from: row, count: d)
            let original = Scalar._nrm2(n: d32, x: c0, incx: 1)
            var norm = orthogonalize(i)
            if !(original > 0 && norm > original / 2) {
              repeat {
                c0.update(repeating: 0, count: d)
                c0[nextCoordinate] = 1
                nextCoordinate += 1
                norm = orthogonalize(i)
              } while norm <= 0.5 && nextCoordinate < d
            }
            row.update(from: c0, count: d)
            Scalar._scal(n: d32, alpha: 1 / norm, x: row, incx: 1)
          }
        }
      }
    }
  }
}
