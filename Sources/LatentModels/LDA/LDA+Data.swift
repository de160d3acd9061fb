import LatentLinearAlgebra

/// The labelled data of one fit and the statistics every solver needs:
/// classes, class means, priors and the priors-weighted mean.
struct LDAData<Scalar: LinearAlgebraScalar> {
  let x: Matrix<Scalar>
  let sampleCount: Int
  let featureCount: Int
  let classCount: Int
  /// The class index of each sample (input row).
  let classOfSample: [Int]
  /// The number of samples of each class.
  let counts: [Int]
  /// The input rows grouped by class (stable within a class): working row `i` is input row `order[i]`.
  let order: [Int]
  /// Class `k` occupies working rows `offsets[k]..<offsets[k + 1]`.
  let offsets: [Int]
  /// The class means, `c × d`, accumulated in `Double` (so a constant feature's mean is exact).
  let means: Matrix<Scalar>
  /// The column sums of each class, `c × d`, in `Double`.
  let classSums: [Double]
  /// The priors, in class order, summing to 1.
  let priors: [Scalar]
  /// The priors-weighted mean of the class means (scikit-learn's `xbar_`).
  let xbar: [Scalar]

  init(x: Matrix<Scalar>, classOfSample: [Int], counts: [Int], priors: [Scalar]) {
    self.x = x
    sampleCount = x.rowCount
    featureCount = x.columnCount
    classCount = counts.count
    self.classOfSample = classOfSample
    self.counts = counts
    var offsets = [0]
    for count in counts { offsets.append(offsets.last! + count) }
    self.offsets = offsets
    var next = Array(offsets.dropLast())
    var order = [Int](repeating: 0, count: x.rowCount)
    for (i, k) in classOfSample.enumerated() {
      order[next[k]] = i
      next[k] += 1
    }
    self.order = order
    // Rows are added in input order, as numpy's `np.add.at` does, then divided by the count.
    let (c, d) = (counts.count, x.columnCount)
    let sums = Parallel.classColumnSums(x, classOf: classOfSample, classCount: c)
    var meanStorage = ContiguousArray<Scalar>(repeating: 0, count: c * d)
    for k in 0..<c {
      let count = Double(counts[k])
      for j in 0..<d { meanStorage[k * d + j] = Scalar(sums[k * d + j] / count) }
    }
    means = Matrix(rows: c, columns: d, storage: meanStorage)
    classSums = sums
    self.priors = priors
    var xbar = [Scalar](repeating: 0, count: d)
    for k in 0..<c {
      for j in 0..<d { xbar[j] += priors[k] * meanStorage[k * d + j] }
    }
    self.xbar = xbar
  }

  /// The class index of each working row (rows grouped by class).
  var classOfWorkingRow: [Int] {
    var result = [Int](repeating: 0, count: sampleCount)
    for k in 0..<classCount {
      for i in offsets[k]..<offsets[k + 1] { result[i] = k }
    }
    return result
  }

  /// The class means as `d`-element arrays, in class order.
  var classMeanRows: [[Scalar]] {
    let d = featureCount
    return (0..<classCount).map { Array(means.elements[($0 * d)..<(($0 + 1) * d)]) }
  }

  /// The working rows of class `k`.
  func rows(ofClass k: Int) -> Range<Int> { offsets[k]..<offsets[k + 1] }

  /// The mean of all samples, `Σᵢ xᵢ / n` (what `StandardScaler` and `np.cov` centre by),
  /// from the class sums.
  var sampleMean: [Scalar] {
    let (c, d) = (classCount, featureCount)
    var result = [Double](repeating: 0, count: d)
    for k in 0..<c {
      for j in 0..<d { result[j] += classSums[k * d + j] }
    }
    return result.map { Scalar($0 / Double(sampleCount)) }
  }

  /// A working buffer of `n` rows, the samples minus their class means grouped by class,
  /// and each class's column sums and sums of squares of those rows, in `Double`, from the
  /// same pass. Only the explicit path and the svd solver's Householder route use it; the low-rank
  /// solvers stream the input instead (``StreamedRows``).
  ///
  /// - Complexity: O(n · d); an `n × d` allocation.
  func centredWorkingRows() -> (WorkingRows<Scalar>, [ColumnMoments]) {
    let (n, d) = (sampleCount, featureCount)
    let count = n * d
    var moments: [ColumnMoments] = []
    // Every element is written below, so the buffer is not zero-filled first.
    let storage = ContiguousArray<Scalar>(unsafeUninitializedCapacity: count) { buffer, initialized in
      adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
      x.elements.withUnsafeBufferPointer { xs in
        means.elements.withUnsafeBufferPointer { m in
          for k in 0..<classCount {
            var sums = [Double](repeating: 0, count: d)
            var squares = [Double](repeating: 0, count: d)
            let mean = m.baseAddress! + k * d
            sums.withUnsafeMutableBufferPointer { s in
              squares.withUnsafeMutableBufferPointer { q in
                for position in rows(ofClass: k) {
                  let source = xs.baseAddress! + order[position] * d
                  let target = buffer.baseAddress! + position * d
                  for j in 0..<d {
                    let value = source[j] - mean[j]
                    target[j] = value
                    let wide = Double(value)
                    s[j] += wide
                    q[j] += wide * wide
                  }
                }
              }
            }
            moments.append(ColumnMoments(sums: sums, squares: squares))
          }
        }
      }
      initialized = count
    }
    return (WorkingRows(storage: storage, rowCount: n, columnCount: d), moments)
  }
}

extension LDAData {
  /// Each class's column sums and sums of squares of its samples minus the class mean, in
  /// `Double`: the moments ``centredWorkingRows()`` computes, without the copy.
  ///
  /// - Complexity: O(n · d), one read of the input.
  func centredMoments() -> [ColumnMoments] {
    let d = featureCount
    let c = classCount
    var sums = [Double](repeating: 0, count: c * d)
    var squares = sums
    x.elements.withUnsafeBufferPointer { xs in
      means.elements.withUnsafeBufferPointer { m in
        sums.withUnsafeMutableBufferPointer { s in
          squares.withUnsafeMutableBufferPointer { q in
            // Workers own ranges of columns.
            let shared = UncheckedSendable(value: (xs.baseAddress!, m.baseAddress!, s.baseAddress!, q.baseAddress!))
            let (order, offsets) = (order, offsets)
            Parallel.forEachRange(of: d, parts: Parallel.parts(elements: sampleCount * d, limit: d / 256)) { columns in
              let (xs, m, s, q) = shared.value
              for k in 0..<c {
                let (mean, sum, square) = (m + k * d, s + k * d, q + k * d)
                for position in offsets[k]..<offsets[k + 1] {
                  let source = xs + order[position] * d
                  for j in columns {
                    let wide = Double(source[j] - mean[j])
                    sum[j] += wide
                    square[j] += wide * wide
                  }
                }
              }
            }
          }
        }
      }
    }
    return (0..<c).map {
      ColumnMoments(sums: Array(sums[($0 * d)..<(($0 + 1) * d)]), squares: Array(squares[($0 * d)..<(($0 + 1) * d)]))
    }
  }

  /// `‖X ∘ s‖ / ‖(X − class means) ∘ s‖` over the samples (Frobenius), from the class
  /// moments of ``centredMoments()``: how much larger the uncentred values are than the
  /// centred ones (see ``StreamedRows/directProductsAreAccurate(ratio:)``).
  func centringRatio(_ moments: [ColumnMoments], scale: [Scalar]) -> Double {
    let d = featureCount
    var raw = 0.0
    var centred = 0.0
    for k in 0..<classCount {
      let count = Double(counts[k])
      means.elements.withUnsafeBufferPointer { m in
        for j in 0..<d {
          let (mean, weight) = (Double(m[k * d + j]), Double(scale[j]) * Double(scale[j]))
          let square = moments[k].squares[j]
          centred += weight * square
          raw += weight * (square + 2 * mean * moments[k].sums[j] + count * mean * mean)
        }
      }
    }
    return centred > 0 ? (Swift.max(raw, 0) / centred).squareRoot() : .infinity
  }
}

/// `‖a ∘ s‖ / ‖(a − b) ∘ s‖`: how much larger a row is than its difference from `b`.
func centringRatio<Scalar: LinearAlgebraScalar>(_ a: [Scalar], minus b: [Scalar], scale: [Scalar]) -> Double {
  var (raw, centred) = (0.0, 0.0)
  for j in a.indices {
    let weight = Double(scale[j]) * Double(scale[j])
    raw += weight * Double(a[j]) * Double(a[j])
    centred += weight * Double(a[j] - b[j]) * Double(a[j] - b[j])
  }
  return centred > 0 ? (raw / centred).squareRoot() : (raw > 0 ? .infinity : 1)
}

/// Column sums and sums of squares of some working rows, in `Double`.
struct ColumnMoments {
  var sums: [Double]
  var squares: [Double]
}

/// What a solver computes; ``LDAModel`` adds the classes and reduces two classes to one row.
struct LDAFit<Scalar: LinearAlgebraScalar> {
  /// `d × m` discriminant directions.
  var scalings: Matrix<Scalar>
  var explainedVarianceRatio: [Scalar]
  /// `c × d`, one row per class (before the two-class reduction).
  var coefficients: Matrix<Scalar>
  /// One per class (before the two-class reduction).
  var intercepts: [Scalar]
  /// The route of the svd solver on wide data that produced the fit (`nil` for other plans).
  var svdRoute: SVDRoute? = nil
}

extension LDAFit {
  /// A fit in another precision, each value rounded.
  init<Other: LinearAlgebraScalar>(converting other: LDAFit<Other>) {
    scalings = Matrix(converting: other.scalings)
    explainedVarianceRatio = other.explainedVarianceRatio.map { Scalar($0) }
    coefficients = Matrix(converting: other.coefficients)
    intercepts = other.intercepts.map { Scalar($0) }
    svdRoute = other.svdRoute
  }
}

extension LDAData {
  /// Per-column sums and sums of squares of a working buffer's rows, in `Double`.
  static func columnMoments(_ work: WorkingRows<Scalar>, rows: Range<Int>) -> ColumnMoments {
    let d = work.columnCount
    var sums = [Double](repeating: 0, count: d)
    var squares = [Double](repeating: 0, count: d)
    work.storage.withUnsafeBufferPointer { w in
      sums.withUnsafeMutableBufferPointer { s in
        squares.withUnsafeMutableBufferPointer { q in
          for i in rows {
            let row = w.baseAddress! + i * d
            for j in 0..<d {
              let value = Double(row[j])
              s[j] += value
              q[j] += value * value
            }
          }
        }
      }
    }
    return ColumnMoments(sums: sums, squares: squares)
  }

  /// The intercepts `−½ · Σⱼ meanₖⱼ · coefₖⱼ + log priorₖ` of the eigen solver.
  func eigenIntercepts(coefficients: Matrix<Scalar>) -> [Scalar] {
    let d = featureCount
    return means.elements.withUnsafeBufferPointer { m in
      coefficients.elements.withUnsafeBufferPointer { w in
        (0..<classCount).map { k in
          // Accumulated in Double: in Float, d rounded terms would cost the intercept digits.
          var dot = 0.0
          for j in 0..<d { dot += Double(m[k * d + j]) * Double(w[k * d + j]) }
          return Scalar(-dot / 2 + naturalLog(Double(priors[k])))
        }
      }
    }
  }
}
