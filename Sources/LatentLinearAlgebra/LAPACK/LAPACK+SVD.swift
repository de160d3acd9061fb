extension LAPACK {
  /// A thin SVD `A = U · diag(s) · Vᵀ` in LAPACK's column-major view of an `m × n` matrix, with
  /// `k = min(m, n)`: `u` is `m × k` (leading dimension `m`), `vt` is `k × n` (leading dimension
  /// `k`); both are empty when only the values were asked for.
  package struct ThinSVD<Scalar: LinearAlgebraScalar> {
    /// The singular values, descending.
    package var values: [Scalar]
    package var u: ContiguousArray<Scalar>
    package var vt: ContiguousArray<Scalar>
  }

  /// The thin SVD of the column-major `m × n` matrix in `a` (leading dimension `m`), which is
  /// overwritten.
  ///
  /// The recovery chain, each step on the input `restore` writes back into `a`:
  /// 1. `?gesdd` (divide and conquer; `jobz` "S", or "N" for values only);
  /// 2. on `info > 0`, `?gesvd` (QR iteration on the bidiagonal form; `jobu`, `jobvt` "S" or "N");
  /// 3. on `info > 0`, `?gesvj` (one-sided Jacobi, which needs no bidiagonal form at all). It needs
  ///    `m ≥ n`, so a wide matrix is factored as its transpose, `Aᵀ = V · S · Uᵀ`, from a
  ///    transposed copy (one more `m × n` buffer, on this last resort only). Its values come as
  ///    `stat[0] · sva` (the scaling guards against overflow) and are sorted if they are not
  ///    descending; left vectors of values that underflowed to zero, which `?gesvj` leaves
  ///    unnormalised, are completed to an orthonormal set;
  /// 4. ``LinearAlgebraError/noConvergence(routine:info:)`` naming all three.
  ///
  /// A negative `info` (an argument or memory problem) throws at once.
  /// - Parameter restore: rewrites the original matrix into `a` (called before each retry).
  package static func thinSVD<Scalar: LinearAlgebraScalar>(
    rows m: Int, columns n: Int, vectors: Bool, matrix a: inout ContiguousArray<Scalar>,
    restore: (inout ContiguousArray<Scalar>) -> Void
  ) throws -> ThinSVD<Scalar> {
    precondition(a.count == m * n && m > 0 && n > 0, "LAPACK.thinSVD: \(a.count) values for \(m) × \(n)")
    let k = Swift.min(m, n)
    let operation = Scalar.routine("gesdd")
    let (m32, n32, k32) = (try blasInt(m, operation), try blasInt(n, operation), try blasInt(k, operation))
    var values = [Scalar](repeating: 0, count: k)
    // One element each when not referenced, so that every pointer is valid.
    var u = ContiguousArray<Scalar>(repeating: 0, count: vectors ? m * k : 1)
    var vt = ContiguousArray<Scalar>(repeating: 0, count: vectors ? k * n : 1)
    var tried: [String] = []

    // 1 and 2: divide and conquer, then QR iteration, with the same outputs.
    for (index, name) in ["gesdd", "gesvd"].enumerated() {
      let routine = Scalar.routine(name)
      if index > 0 { restore(&a) }
      let info = run(routine) {
        a.withUnsafeMutableBufferPointer { a in
          values.withUnsafeMutableBufferPointer { s in
            u.withUnsafeMutableBufferPointer { u in
              vt.withUnsafeMutableBufferPointer { vt in
                let (uPointer, vtPointer) = (u.baseAddress!, vt.baseAddress!)
                if index == 1 {
                  return Scalar._gesvd(
                    vectors: vectors, m: m32, n: n32, a: a.baseAddress!, lda: m32, s: s.baseAddress!,
                    u: uPointer, ldu: m32, vt: vtPointer, ldvt: k32)
                }
                return vectors
                  ? Scalar._gesdd(
                    m: m32, n: n32, a: a.baseAddress!, lda: m32, s: s.baseAddress!, u: uPointer, ldu: m32,
                    vt: vtPointer, ldvt: k32)
                  : Scalar._gesddValues(m: m32, n: n32, a: a.baseAddress!, lda: m32, s: s.baseAddress!)
              }
            }
          }
        }
      }
      if info == 0 { return ThinSVD(values: values, u: vectors ? u : [], vt: vectors ? vt : []) }
      if info < 0 { throw error(routine: routine, info: info) }
      tried.append(routine)
    }

    // 3: one-sided Jacobi on the tall one of A and Aᵀ.
    let routine = Scalar.routine("gesvj")
    tried.append(routine)
    restore(&a)
    let transposed = m < n
    var tall: ContiguousArray<Scalar>
    if transposed {
      tall = ContiguousArray(repeating: 0, count: m * n)  // Aᵀ, n × m column-major
      for j in 0..<n {
        for i in 0..<m { tall[i * n + j] = a[j * m + i] }
      }
    } else {
      tall = []
      swap(&tall, &a)
    }
    let (rows, columns) = transposed ? (n, m) : (m, n)
    let (rows32, columns32) = transposed ? (n32, m32) : (m32, n32)
    var scaled = [Scalar](repeating: 0, count: columns)
    var v = ContiguousArray<Scalar>(repeating: 0, count: vectors ? columns * columns : 1)
    var stat = [Scalar](repeating: 0, count: 6)
    let info = run(routine) {
      tall.withUnsafeMutableBufferPointer { t in
        v.withUnsafeMutableBufferPointer { v in
          Scalar._gesvj(
            vectors: vectors, m: rows32, n: columns32, a: t.baseAddress!, lda: rows32, sva: &scaled,
            v: v.baseAddress!, ldv: columns32, stat: &stat)
        }
      }
    }
    if !transposed { swap(&tall, &a) }
    if info < 0 { throw error(routine: routine, info: info) }
    if info > 0 { throw chainFailed(tried, info: info) }
    values = scaled.map { stat[0] * $0 }
    // ?gesvj sorts its values; should it not, order them and their vectors.
    let order = Array(0..<k)
    let descending = zip(values, values.dropFirst()).allSatisfy { $0 >= $1 }
    let permutation = descending ? order : order.sorted { values[$0] > values[$1] }
    values = permutation.map { values[$0] }
    guard vectors else { return ThinSVD(values: values, u: [], vt: []) }
    // The tall factorization's left vectors L (rows × k, in `tall` or `a`) and right vectors
    // R (k × k, in `v`): L is our U and Rᵀ our Vᵀ, or, transposed, R is our U and Lᵀ our Vᵀ.
    let left = transposed ? tall : a
    var leftColumns = ContiguousArray<Scalar>(repeating: 0, count: rows * k)
    for (c, source) in permutation.enumerated() {
      for i in 0..<rows { leftColumns[c * rows + i] = left[source * rows + i] }
    }
    completeOrthonormalColumns(&leftColumns, rows: rows, columns: k)
    for (c, source) in permutation.enumerated() {
      for j in 0..<k {
        if transposed {
          u[c * m + j] = v[source * k + j]  // U's column c: R's column
        } else {
          vt[j * k + c] = v[source * k + j]  // Vᵀ's row c: R's column
        }
      }
    }
    if transposed {
      for c in 0..<k {
        for j in 0..<n { vt[j * k + c] = leftColumns[c * n + j] }
      }
    } else {
      u = leftColumns
    }
    return ThinSVD(values: values, u: u, vt: vt)
  }

  /// Replaces the columns of a column-major `rows × columns` matrix that are not of unit length
  /// (`?gesvj` leaves the left vectors of zero singular values unnormalised) by unit vectors
  /// orthogonal to all the other columns, by Gram–Schmidt (twice) on coordinate vectors.
  static func completeOrthonormalColumns<Scalar: LinearAlgebraScalar>(
    _ q: inout ContiguousArray<Scalar>, rows: Int, columns: Int
  ) {
    func norm(_ c: Int) -> Scalar {
      var sum: Scalar = 0
      for i in 0..<rows { sum += q[c * rows + i] * q[c * rows + i] }
      return sum.squareRoot()
    }
    let broken = (0..<columns).filter { Swift.abs(norm($0) - 1) > 0.25 }
    guard !broken.isEmpty else { return }
    var valid = (0..<columns).filter { !broken.contains($0) }
    for c in broken {
      for e in 0..<rows {
        for i in 0..<rows { q[c * rows + i] = i == e ? 1 : 0 }
        for _ in 0..<2 {
          for other in valid {
            var dot: Scalar = 0
            for i in 0..<rows { dot += q[other * rows + i] * q[c * rows + i] }
            for i in 0..<rows { q[c * rows + i] -= dot * q[other * rows + i] }
          }
        }
        let length = norm(c)
        if length > 0.5 {
          for i in 0..<rows { q[c * rows + i] /= length }
          break
        }
      }
      valid.append(c)
    }
  }
}
