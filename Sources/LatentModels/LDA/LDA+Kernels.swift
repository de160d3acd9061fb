import LatentLinearAlgebra

// The row-major working buffer that the explicit path and the svd solver's Householder route own
// and factor in place, and the small-matrix helpers every LDA solver uses. Every routine here
// assumes sizes that were checked once, at fit time, to fit BLAS's 32-bit
// integers (`LinearDiscriminantAnalysis.fitModel` checks them before any solver runs).

@inline(__always)
func blas32(_ value: Int) -> Int32 { Int32(truncatingIfNeeded: value) }

/// A row-major `rowCount × columnCount` buffer of samples: the working copy of the data that
/// the explicit path and the svd solver's Householder route factor in place (the low-rank solvers
/// stream the input instead, ``StreamedRows``). Products with it are BLAS calls on the
/// buffer itself, with no transposed or scaled copies.
struct WorkingRows<Scalar: LinearAlgebraScalar> {
  var storage: ContiguousArray<Scalar>
  let rowCount: Int
  let columnCount: Int

  init(storage: ContiguousArray<Scalar>, rowCount: Int, columnCount: Int) {
    precondition(storage.count == rowCount * columnCount)
    self.storage = storage
    self.rowCount = rowCount
    self.columnCount = columnCount
  }

  /// Multiplies column `j` of every row by `factors[j]`, in place.
  mutating func scaleColumns(by factors: [Scalar]) {
    let rows = 0..<rowCount
    let d = columnCount
    storage.withUnsafeMutableBufferPointer { x in
      factors.withUnsafeBufferPointer { f in
        for i in rows {
          let row = x.baseAddress! + i * d
          for j in 0..<d { row[j] *= f[j] }
        }
      }
    }
  }

  /// `rows · yᵀ` for a block `y` of `b × d` vectors (one per row): an `r × b` matrix.
  ///
  /// The corresponding BLAS routine is `?gemm`. Complexity: O(r · d · b).
  func timesTransposed(_ y: Matrix<Scalar>, rows: Range<Int>) -> Matrix<Scalar> {
    precondition(y.columnCount == columnCount)
    let b = y.rowCount
    var result = ContiguousArray<Scalar>(repeating: 0, count: rows.count * b)
    if !rows.isEmpty && b > 0 {
      storage.withUnsafeBufferPointer { a in
        y.elements.withUnsafeBufferPointer { v in
          result.withUnsafeMutableBufferPointer { c in
            Scalar._gemm(
              transposeA: false, transposeB: true, m: blas32(rows.count), n: blas32(b), k: blas32(columnCount),
              alpha: 1, a: a.baseAddress! + rows.lowerBound * columnCount, lda: blas32(columnCount),
              b: v.baseAddress!, ldb: blas32(columnCount), beta: 0, c: c.baseAddress!, ldc: blas32(b))
          }
        }
      }
    }
    return Matrix(rows: rows.count, columns: b, storage: result)
  }

  /// `coefficientsᵀ · rows` for an `r × b` coefficient matrix: a `b × d` block of vectors.
  ///
  /// The corresponding BLAS routine is `?gemm`. Complexity: O(r · d · b).
  func transposedTimes(_ coefficients: Matrix<Scalar>, rows: Range<Int>) -> Matrix<Scalar> {
    precondition(coefficients.rowCount == rows.count)
    let b = coefficients.columnCount
    var result = ContiguousArray<Scalar>(repeating: 0, count: b * columnCount)
    if !rows.isEmpty && b > 0 {
      storage.withUnsafeBufferPointer { a in
        coefficients.elements.withUnsafeBufferPointer { w in
          result.withUnsafeMutableBufferPointer { c in
            Scalar._gemm(
              transposeA: true, transposeB: false, m: blas32(b), n: blas32(columnCount), k: blas32(rows.count),
              alpha: 1, a: w.baseAddress!, lda: blas32(b),
              b: a.baseAddress! + rows.lowerBound * columnCount, ldb: blas32(columnCount),
              beta: 0, c: c.baseAddress!, ldc: blas32(columnCount))
          }
        }
      }
    }
    return Matrix(rows: b, columns: columnCount, storage: result)
  }
}

/// A square row-major matrix whose lower triangle (row-major) holds the values,
/// completed by mirroring: exactly symmetric.
func mirroredLower<Scalar: LinearAlgebraScalar>(_ values: ContiguousArray<Scalar>, size: Int) -> Matrix<Scalar> {
  var values = values
  for i in 0..<size {
    for j in (i + 1)..<Swift.max(i + 1, size) { values[i * size + j] = values[j * size + i] }
  }
  return Matrix(rows: size, columns: size, storage: values)
}

extension Matrix {
  /// Wraps storage whose size the solver computed itself (O(1): the storage is shared).
  init(rows: Int, columns: Int, storage: ContiguousArray<Scalar>) {
    do {
      try self.init(rowCount: rows, columnCount: columns, elements: storage)
    } catch {
      preconditionFailure("LDA internal matrix: \(error)")
    }
  }

  /// `(A + Aᵀ) / 2`, exactly symmetric (LAPACK's symmetric routines read one triangle).
  func symmetrized() -> Matrix {
    precondition(rowCount == columnCount)
    let n = rowCount
    var storage = elements
    for i in 0..<n {
      for j in (i + 1)..<Swift.max(i + 1, n) {
        let mean = (storage[i * n + j] + storage[j * n + i]) / 2
        storage[i * n + j] = mean
        storage[j * n + i] = mean
      }
    }
    return Matrix(rows: n, columns: n, storage: storage)
  }

  /// The product, trapping only on a programming error (shapes are the solver's own).
  func times(_ other: Matrix, transposingSelf: Bool = false, transposingOther: Bool = false) -> Matrix {
    do {
      return try multiplied(by: other, transposingSelf: transposingSelf, transposingOther: transposingOther)
    } catch {
      preconditionFailure("LDA internal product: \(error)")
    }
  }

  /// Each column `j` multiplied by `factors[j]`.
  func scalingColumns(by factors: [Scalar]) -> Matrix {
    precondition(factors.count == columnCount)
    let (m, n) = (rowCount, columnCount)
    var storage = elements
    storage.withUnsafeMutableBufferPointer { x in
      factors.withUnsafeBufferPointer { f in
        for i in 0..<m {
          for j in 0..<n { x[i * n + j] *= f[j] }
        }
      }
    }
    return Matrix(rows: m, columns: n, storage: storage)
  }

  /// Each row `i` multiplied by `factors[i]`.
  func scalingRows(by factors: [Scalar]) -> Matrix {
    precondition(factors.count == rowCount)
    let (m, n) = (rowCount, columnCount)
    var storage = elements
    storage.withUnsafeMutableBufferPointer { x in
      for i in 0..<m {
        let factor = factors[i]
        for j in 0..<n { x[i * n + j] *= factor }
      }
    }
    return Matrix(rows: m, columns: n, storage: storage)
  }

  /// `self` with the rows of `other` below it.
  func appendingRows(_ other: Matrix) -> Matrix {
    precondition(other.columnCount == columnCount)
    var storage = elements
    storage.append(contentsOf: other.elements)
    return Matrix(rows: rowCount + other.rowCount, columns: columnCount, storage: storage)
  }

  /// `self` with the columns of `other` to its right.
  func appendingColumns(_ other: Matrix) -> Matrix {
    precondition(other.rowCount == rowCount)
    let (m, a, b) = (rowCount, columnCount, other.columnCount)
    var storage = ContiguousArray<Scalar>()
    storage.reserveCapacity(m * (a + b))
    for i in 0..<m {
      storage.append(contentsOf: elements[(i * a)..<((i + 1) * a)])
      storage.append(contentsOf: other.elements[(i * b)..<((i + 1) * b)])
    }
    return Matrix(rows: m, columns: a + b, storage: storage)
  }

  /// The leading `count` columns.
  func prefixColumns(_ count: Int) -> Matrix {
    count == columnCount ? self : columns(at: Array(0..<count))
  }

  /// The leading `count` rows.
  func prefixRows(_ count: Int) -> Matrix {
    count == rowCount ? self : rows(at: 0..<count)
  }

  /// The trace.
  var trace: Scalar {
    var sum: Scalar = 0
    for i in 0..<Swift.min(rowCount, columnCount) { sum += self[i, i] }
    return sum
  }
}

extension LinearAlgebraScalar {
  /// The LAPACK routine's name for this precision: "dgeqrf" or "sgeqrf".
  static func lapackName(_ routine: String) -> String { (Self.self == Float.self ? "s" : "d") + routine }
}

/// Maps a nonzero LAPACK `info` to the error the linear-algebra layer uses.
func checkLAPACK<Scalar: LinearAlgebraScalar>(_ info: Int32, _ routine: String, _: Scalar.Type) throws {
  guard info != 0 else { return }
  let name = Scalar.lapackName(routine)
  // LAPACKE returns -1010 (work memory) and -1011 (transpose memory) when malloc fails.
  if info == -1010 || info == -1011 { throw LinearAlgebraError.outOfMemory(routine: name) }
  throw LinearAlgebraError.lapackFailure(routine: name, info: Int(info))
}

extension WorkingRows {
  /// Factors the rows in place as `rows = L · Q` (thin LQ, needs `rowCount ≤ columnCount`):
  /// afterwards the buffer holds `Q` (orthonormal rows) and the `n × n` lower-triangular
  /// `L` is returned.
  ///
  /// The row-major buffer is the column-major transpose, so LAPACK's QR of it is
  /// our LQ, with no copy. The corresponding LAPACK routines are `?geqrf` and `?orgqr`.
  /// Complexity: about 4 · n² · d flops.
  mutating func factorInPlaceLQ() throws -> Matrix<Scalar> {
    let (n, d) = (rowCount, columnCount)
    precondition(n <= d, "factorInPlaceLQ needs a wide buffer")
    var tau = [Scalar](repeating: 0, count: n)
    let info = storage.withUnsafeMutableBufferPointer { a in
      tau.withUnsafeMutableBufferPointer { t in
        Scalar._geqrf(m: blas32(d), n: blas32(n), a: a.baseAddress!, lda: blas32(d), tau: t.baseAddress!)
      }
    }
    try checkLAPACK(info, "geqrf", Scalar.self)
    var l = Matrix<Scalar>(rowCount: n, columnCount: n, repeating: 0)
    for i in 0..<n {
      for j in 0...i { l[i, j] = storage[i * d + j] }
    }
    let formInfo = storage.withUnsafeMutableBufferPointer { a in
      tau.withUnsafeBufferPointer { t in
        Scalar._orgqr(
          m: blas32(d), n: blas32(n), k: blas32(n), a: a.baseAddress!, lda: blas32(d), tau: t.baseAddress!)
      }
    }
    try checkLAPACK(formInfo, "orgqr", Scalar.self)
    return l
  }

  /// Factors the rows as `rows = Q · R` (thin QR, needs `rowCount ≥ columnCount`) and
  /// returns the `d × d` upper-triangular `R`; `Q` is not formed and the buffer is
  /// overwritten with LAPACK's reflectors.
  ///
  /// The corresponding LAPACK routine is `?gelqf` (the LQ of the column-major
  /// transpose). Complexity: about 2 · n · d² flops.
  mutating func factorInPlaceQR() throws -> Matrix<Scalar> {
    let (n, d) = (rowCount, columnCount)
    precondition(n >= d, "factorInPlaceQR needs a tall buffer")
    var tau = [Scalar](repeating: 0, count: d)
    let info = storage.withUnsafeMutableBufferPointer { a in
      tau.withUnsafeMutableBufferPointer { t in
        Scalar._gelqf(m: blas32(d), n: blas32(n), a: a.baseAddress!, lda: blas32(d), tau: t.baseAddress!)
      }
    }
    try checkLAPACK(info, "gelqf", Scalar.self)
    var r = Matrix<Scalar>(rowCount: d, columnCount: d, repeating: 0)
    for i in 0..<d {
      for j in i..<d { r[i, j] = storage[i * d + j] }
    }
    return r
  }
}
