extension LAPACK {
  /// Eigenpairs in LAPACK's convention: `values` ascending, `vectors` their eigenvectors as the
  /// columns of a column-major `order × values.count` matrix (leading dimension `order`).
  package struct Eigenpairs<Scalar: LinearAlgebraScalar> {
    package var values: [Scalar]
    package var vectors: ContiguousArray<Scalar>
  }

  /// The `largest` largest eigenpairs (all when `nil`) of the symmetric `n × n` matrix whose
  /// column-major upper triangle is in `a` (row-major, the lower triangle), which is overwritten.
  ///
  /// The recovery chain, each step on the input `restore` writes back into `a`:
  /// - a subset (`largest < n`): `?syevr` (MRRR, `range` "I"); if it reports `info > 0` or finds
  ///   fewer pairs than asked, the full chain below, keeping the top `largest` pairs;
  /// - all pairs: `?syevd` (divide and conquer); on `info > 0` `?syev` (implicit QL/QR); on
  ///   `info > 0` the cyclic Jacobi method (``JacobiEigensolver``, in `Double`, any order: O(n³)
  ///   per sweep without blocking, a last resort);
  /// - ``LinearAlgebraError/noConvergence(routine:info:)`` naming every step tried.
  ///
  /// A negative `info` (an argument or memory problem) throws at once.
  package static func symmetricEigenpairs<Scalar: LinearAlgebraScalar>(
    order n: Int, largest: Int? = nil, matrix a: inout ContiguousArray<Scalar>,
    restore: (inout ContiguousArray<Scalar>) -> Void
  ) throws -> Eigenpairs<Scalar> {
    precondition(a.count == n * n && n > 0, "LAPACK.symmetricEigenpairs: \(a.count) values for order \(n)")
    let k = largest ?? n
    precondition(k >= 1 && k <= n, "LAPACK.symmetricEigenpairs: \(k) pairs of \(n)")
    let n32 = try blasInt(n, Scalar.routine("syevd"))
    var tried: [String] = []
    var lastInfo: Int32 = 0

    if k < n {
      let routine = Scalar.routine("syevr")
      var w = [Scalar](repeating: 0, count: n)
      var z = ContiguousArray<Scalar>(repeating: 0, count: n * k)
      var support = [Int32](repeating: 0, count: 2 * k)
      var found: Int32 = 0
      let info = run(routine) {
        a.withUnsafeMutableBufferPointer { a in
          z.withUnsafeMutableBufferPointer { z in
            Scalar._syevr(
              vectors: true, upper: true, n: n32, a: a.baseAddress!, lda: n32, il: Int32(n - k + 1), iu: n32,
              found: &found, w: &w, z: z.baseAddress!, ldz: n32, isuppz: &support)
          }
        }
      }
      if info < 0 { throw error(routine: routine, info: info) }
      if info == 0 && Int(found) == k { return Eigenpairs(values: Array(w[0..<k]), vectors: z) }
      tried.append(routine)
      lastInfo = info
      restore(&a)
    }

    for (index, name) in ["syevd", "syev"].enumerated() {
      let routine = Scalar.routine(name)
      if index > 0 { restore(&a) }
      var w = [Scalar](repeating: 0, count: n)
      let info = run(routine) {
        a.withUnsafeMutableBufferPointer { a in
          index == 0
            ? Scalar._syevd(vectors: true, upper: true, n: n32, a: a.baseAddress!, lda: n32, w: &w)
            : Scalar._syev(vectors: true, upper: true, n: n32, a: a.baseAddress!, lda: n32, w: &w)
        }
      }
      if info == 0 { return topPairs(values: w, vectors: a, order: n, keeping: k) }
      if info < 0 { throw error(routine: routine, info: info) }
      tried.append(routine)
      lastInfo = info
    }

    restore(&a)
    tried.append(jacobi)
    // Jacobi wants the whole symmetric matrix, row-major: mirror the upper triangle.
    var full = [Double](repeating: 0, count: n * n)
    for j in 0..<n {
      for i in 0...j {
        let value = Double(a[j * n + i])
        full[i * n + j] = value
        full[j * n + i] = value
      }
    }
    guard let (descending, columns) = JacobiEigensolver.decompose(full, order: n) else {
      throw chainFailed(tried, info: lastInfo)
    }
    // Jacobi's columns are in descending order; LAPACK's convention is ascending.
    var w = [Scalar](repeating: 0, count: n)
    for j in 0..<n {
      w[j] = Scalar(descending[n - 1 - j])
      for i in 0..<n { a[j * n + i] = Scalar(columns[i * n + (n - 1 - j)]) }
    }
    return topPairs(values: w, vectors: a, order: n, keeping: k)
  }

  /// All `n` pairs in LAPACK's convention cut to the top `k`: the last `k` values and columns.
  private static func topPairs<Scalar: LinearAlgebraScalar>(
    values w: [Scalar], vectors a: ContiguousArray<Scalar>, order n: Int, keeping k: Int
  ) -> Eigenpairs<Scalar> {
    if k == n { return Eigenpairs(values: w, vectors: a) }
    return Eigenpairs(values: Array(w[(n - k)...]), vectors: ContiguousArray(a[((n - k) * n)...]))
  }

  /// All pairs of the symmetric-definite problem `A·x = λ·B·x` (problem type 1) for the
  /// column-major upper triangles in `a` and `b`, both overwritten; the eigenvectors come out
  /// `B`-orthonormal.
  ///
  /// The recovery chain: `?sygvd` (Cholesky of `B`, then divide and conquer); if the
  /// tridiagonal iteration does not converge (`0 < info ≤ n`), `?sygv` (QR iteration) on the
  /// restored `a` and `b`; then ``LinearAlgebraError/noConvergence(routine:info:)`` naming both.
  /// `info > n` from either is a `B` that is not positive definite, a property of the data, and
  /// throws ``LinearAlgebraError/notPositiveDefinite(routine:order:)`` at once.
  package static func generalizedEigenpairs<Scalar: LinearAlgebraScalar>(
    order n: Int, matrix a: inout ContiguousArray<Scalar>, metric b: inout ContiguousArray<Scalar>,
    restore: (inout ContiguousArray<Scalar>, inout ContiguousArray<Scalar>) -> Void
  ) throws -> Eigenpairs<Scalar> {
    precondition(a.count == n * n && b.count == n * n && n > 0, "LAPACK.generalizedEigenpairs: sizes for order \(n)")
    let n32 = try blasInt(n, Scalar.routine("sygvd"))
    var tried: [String] = []
    var lastInfo: Int32 = 0
    for (index, name) in ["sygvd", "sygv"].enumerated() {
      let routine = Scalar.routine(name)
      if index > 0 { restore(&a, &b) }
      var w = [Scalar](repeating: 0, count: n)
      let info = run(routine) {
        a.withUnsafeMutableBufferPointer { a in
          b.withUnsafeMutableBufferPointer { b in
            index == 0
              ? Scalar._sygvd(
                vectors: true, upper: true, n: n32, a: a.baseAddress!, lda: n32, b: b.baseAddress!, ldb: n32, w: &w)
              : Scalar._sygv(
                vectors: true, upper: true, n: n32, a: a.baseAddress!, lda: n32, b: b.baseAddress!, ldb: n32, w: &w)
          }
        }
      }
      if info == 0 { return Eigenpairs(values: w, vectors: a) }
      if info < 0 { throw error(routine: routine, info: info) }
      // The Cholesky factorization of B failed at the leading minor of order info − n.
      if info > n32 { throw LinearAlgebraError.notPositiveDefinite(routine: routine, order: Int(info) - n) }
      tried.append(routine)
      lastInfo = info
    }
    throw chainFailed(tried, info: lastInfo)
  }
}
