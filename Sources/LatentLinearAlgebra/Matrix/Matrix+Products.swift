/// Which inner products a Gram matrix holds.
public enum GramSide: Sendable {
  /// `X · Xᵀ`: the inner products of the rows (samples), `rows × rows`.
  case rows
  /// `Xᵀ · X`: the inner products of the columns (features), `columns × columns`.
  case columns
}

extension Matrix {
  /// The transpose.
  ///
  /// - Complexity: O(rows × columns); a blocked copy.
  public func transposed() -> Matrix {
    // Dispatch to a concrete type so that the copy loop is specialised when this is called
    // from another module (unspecialised, each element goes through a value witness).
    if let double = self as? Matrix<Double> { return double.blockedTranspose() as! Matrix }
    if let single = self as? Matrix<Float> { return single.blockedTranspose() as! Matrix }
    return blockedTranspose()
  }

  private func blockedTranspose() -> Matrix {
    let m = rowCount
    let n = columnCount
    var result = ContiguousArray<Scalar>(repeating: 0, count: m * n)
    let block = 32
    elements.withUnsafeBufferPointer { source in
      result.withUnsafeMutableBufferPointer { target in
        var i0 = 0
        while i0 < m {
          let i1 = Swift.min(i0 + block, m)
          var j0 = 0
          while j0 < n {
            let j1 = Swift.min(j0 + block, n)
            for i in i0..<i1 {
              for j in j0..<j1 { target[j * m + i] = source[i * n + j] }
            }
            j0 = j1
          }
          i0 = i1
        }
      }
    }
    return Matrix(unchecked: n, m, result)
  }

  /// Transposes the matrix in place (through a temporary copy).
  public mutating func transpose() { self = transposed() }

  /// The matrix product `alpha · op(self) · op(other)`, where `op` transposes
  /// when the corresponding flag is set.
  ///
  /// ```swift
  /// let xtx = try x.multiplied(by: x, transposingSelf: true)   // xᵀ · x
  /// ```
  ///
  /// The corresponding BLAS routine is `?gemm`. Transposition is a flag to BLAS:
  /// no transposed copy of a large operand is made. A product of a large matrix with at
  /// most 32 vectors (one side of the result ≤ 32, the other operand at least 65,536 values
  /// in rows of 256 or more) runs instead on Latent's own memory-bound kernels, split over
  /// OpenBLAS's thread count, which read the large matrix once (OpenBLAS 0.3.21 packs it
  /// first); the small operand may then be transposed into a copy.
  ///
  /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:detail:)`` when the inner dimensions differ.
  /// - Complexity: O(m · n · k) for an `m × k` by `k × n` product.
  public func multiplied(
    by other: Matrix, transposingSelf: Bool = false, transposingOther: Bool = false, alpha: Scalar = 1
  ) throws -> Matrix {
    let m = transposingSelf ? columnCount : rowCount
    let k = transposingSelf ? rowCount : columnCount
    let otherK = transposingOther ? other.columnCount : other.rowCount
    let n = transposingOther ? other.rowCount : other.columnCount
    guard k == otherK else {
      throw LinearAlgebraError.shapeMismatch(
        operation: "Matrix.multiplied(by:)",
        detail: "op(self) is \(m) × \(k) but op(other) is \(otherK) × \(n); the inner dimensions must be equal")
    }
    if alpha == 1, let thin = thinProduct(other, transposingSelf, transposingOther, m: m, n: n, k: k) {
      return thin
    }
    var result = ContiguousArray<Scalar>(repeating: 0, count: m * n)
    if m > 0 && n > 0 && k > 0 {
      let (m32, n32, k32) = (try blasInt(m, "gemm"), try blasInt(n, "gemm"), try blasInt(k, "gemm"))
      let lda = try blasInt(Swift.max(columnCount, 1), "gemm")
      let ldb = try blasInt(Swift.max(other.columnCount, 1), "gemm")
      elements.withUnsafeBufferPointer { a in
        other.elements.withUnsafeBufferPointer { b in
          result.withUnsafeMutableBufferPointer { c in
            Scalar._gemm(
              transposeA: transposingSelf, transposeB: transposingOther, m: m32, n: n32, k: k32,
              alpha: alpha, a: a.baseAddress!, lda: lda, b: b.baseAddress!, ldb: ldb,
              beta: 0, c: c.baseAddress!, ldc: n32)
          }
        }
      }
    }
    return Matrix(unchecked: m, n, result)
  }

  /// `op(self) · op(other)` by ``ThinProducts`` when one side of the result has at most
  /// ``ThinProducts/maximumCount`` entries and the other operand is large: such products are
  /// bound by memory bandwidth, which OpenBLAS's `?gemm` does not reach for them. `nil` for
  /// the shapes left to `?gemm`.
  private func thinProduct(
    _ other: Matrix, _ transposingSelf: Bool, _ transposingOther: Bool, m: Int, n: Int, k: Int
  ) -> Matrix? {
    let small = ThinProducts.maximumCount
    guard m > 0, n > 0, k > 0, Swift.min(m, n) <= small,
      Swift.max(m, n) * k >= ThinProducts.minimumStreamed, !(transposingSelf && transposingOther),
      [m, n, k, rowCount, columnCount, other.rowCount, other.columnCount].allSatisfy({ $0 <= Int(Int32.max) })
    else { return nil }
    // forward(a, y): a · yᵀ for row-major a (r × k) and y (b × k); backward(c, a): cᵀ · a.
    func forward(_ a: Matrix, _ y: Matrix) -> Matrix {
      var out = ContiguousArray<Scalar>(repeating: 0, count: a.rowCount * y.rowCount)
      a.elements.withUnsafeBufferPointer { a in
        y.elements.withUnsafeBufferPointer { y in
          out.withUnsafeMutableBufferPointer { o in
            ThinProducts.timesTransposed(
              a.baseAddress!, lda: k, rows: a.count / k, columns: k, y.baseAddress!, count: y.count / k, into: o.baseAddress!)
          }
        }
      }
      return Matrix(unchecked: a.rowCount, y.rowCount, out)
    }
    func backward(_ c: Matrix, _ a: Matrix) -> Matrix {
      let (b, d) = (c.columnCount, a.columnCount)
      var out = ContiguousArray<Scalar>(repeating: 0, count: b * d)
      c.elements.withUnsafeBufferPointer { c in
        a.elements.withUnsafeBufferPointer { a in
          out.withUnsafeMutableBufferPointer { o in
            ThinProducts.transposedTimes(
              c.baseAddress!, count: b, a.baseAddress!, lda: d, rows: k, columns: d, into: o.baseAddress!)
          }
        }
      }
      return Matrix(unchecked: b, d, out)
    }
    // The kernels stream rows of the large operand: `forward` needs long rows (k), `backward`
    // a wide output (its rows are the large operand's rows).
    let long = ThinProducts.minimumRowLength
    switch (transposingSelf, transposingOther) {
    case (false, true):
      // self m × k, other n × k.
      guard k >= long else { return nil }
      return n <= small ? forward(self, other) : forward(other, self).transposed()
    case (true, false):
      // self k × m, other k × n.
      if m <= small && n >= long { return backward(self, other) }
      if n <= small && m >= long { return backward(other, self).transposed() }
      return nil
    default:
      // self m × k, other k × n.
      if m <= small && n >= long { return backward(transposed(), other) }
      if n <= small && k >= long { return forward(self, other.transposed()) }
      return nil
    }
  }

  /// The product `op(self) · vector`.
  ///
  /// The corresponding BLAS routine is `?gemv`.
  ///
  /// - Throws: ``LinearAlgebraError/shapeMismatch(operation:detail:)`` when the vector's length does not fit.
  /// - Complexity: O(rows × columns).
  public func multiplied(by vector: [Scalar], transposingSelf: Bool = false) throws -> [Scalar] {
    let inner = transposingSelf ? rowCount : columnCount
    let outer = transposingSelf ? columnCount : rowCount
    guard vector.count == inner else {
      throw LinearAlgebraError.shapeMismatch(
        operation: "Matrix.multiplied(by: vector)",
        detail: "op(self) has \(inner) columns but the vector has \(vector.count) elements")
    }
    var result = [Scalar](repeating: 0, count: outer)
    if outer > 0 && inner > 0 {
      let m = try blasInt(rowCount, "gemv")
      let n = try blasInt(columnCount, "gemv")
      elements.withUnsafeBufferPointer { a in
        vector.withUnsafeBufferPointer { x in
          result.withUnsafeMutableBufferPointer { y in
            Scalar._gemv(
              transpose: transposingSelf, m: m, n: n, alpha: 1, a: a.baseAddress!, lda: n,
              x: x.baseAddress!, incx: 1, beta: 0, y: y.baseAddress!, incy: 1)
          }
        }
      }
    }
    return result
  }

  /// The Gram matrix `X · Xᵀ` (``GramSide/rows``) or `Xᵀ · X` (``GramSide/columns``),
  /// scaled by `alpha`.
  ///
  /// ```swift
  /// let k = x.gram()            // n × n inner products of the samples
  /// let c = x.gram(.columns)    // d × d; avoid when d is large
  /// ```
  ///
  /// The corresponding BLAS routine is `?syrk`, which computes one triangle at
  /// half the cost of `?gemm`; the other triangle is then mirrored, so the
  /// result is exactly symmetric.
  ///
  /// - Complexity: O(n² · d) for `.rows` of an `n × d` matrix, O(d² · n) for `.columns`.
  public func gram(_ side: GramSide = .rows, alpha: Scalar = 1) -> Matrix {
    let size = side == .rows ? rowCount : columnCount
    let inner = side == .rows ? columnCount : rowCount
    var result = ContiguousArray<Scalar>(repeating: 0, count: size * size)
    guard size > 0, inner > 0 else { return Matrix(unchecked: size, size, result) }
    guard let n = Int32(exactly: size), let k = Int32(exactly: inner), let lda = Int32(exactly: columnCount) else {
      preconditionFailure("Matrix.gram: dimensions \(rowCount) × \(columnCount) exceed the 32-bit BLAS interface")
    }
    elements.withUnsafeBufferPointer { a in
      result.withUnsafeMutableBufferPointer { c in
        // Row-major "lower" is filled; then mirrored to the upper triangle.
        Scalar._syrk(
          lower: true, transpose: side == .columns, n: n, k: k, alpha: alpha,
          a: a.baseAddress!, lda: lda, beta: 0, c: c.baseAddress!, ldc: n)
        for i in 0..<size {
          for j in (i + 1)..<size { c[i * size + j] = c[j * size + i] }
        }
      }
    }
    return Matrix(unchecked: size, size, result)
  }

  /// The matrix product; traps when the inner dimensions differ.
  ///
  /// Use ``multiplied(by:transposingSelf:transposingOther:alpha:)`` to get a
  /// thrown error instead, or to multiply by a transpose without copying.
  ///
  /// - Precondition: `lhs.columnCount == rhs.rowCount`.
  public static func * (lhs: Matrix, rhs: Matrix) -> Matrix {
    precondition(lhs.columnCount == rhs.rowCount,
      "Matrix *: a \(lhs.rowCount) × \(lhs.columnCount) matrix cannot multiply a \(rhs.rowCount) × \(rhs.columnCount) one")
    do {
      return try lhs.multiplied(by: rhs)
    } catch {
      // Only a dimension beyond the 32-bit BLAS interface is left.
      preconditionFailure("Matrix *: \(error)")
    }
  }
}
