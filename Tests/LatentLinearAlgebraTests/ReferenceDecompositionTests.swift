// Decompositions against numpy/scipy (Tests/Reference/Fixtures/linear_algebra.json).
//
// Tolerances, stated once:
// - Values (singular values, eigenvalues), factors and reconstructions:
//   Double ≤ 1e-9 of the largest value (the design brief's bound for
//   well-conditioned cases), Float ≤ 1e-4 against the Double reference.
// - Vectors: a singular or eigenvector is only as accurate as the gap that
//   separates its value from the others allows (Davis–Kahan: error ≲ ε‖A‖/gap).
//   Each vector gets `base + 10 · n · ε · λmax / gap`, so well-separated
//   vectors are held to the base tolerance and nearly-degenerate ones to what
//   any backward-stable algorithm can deliver.
// - Solves: forward error ≤ max(base, 10 · κ · ε) (κ from the fixture), the
//   standard bound; a residual check at 1e-12 (Double) backs it up.
import LatentLinearAlgebra
import LatentTestSupport
import Testing

func epsilon<T: LinearAlgebraScalar>(_: T.Type) -> Double { Double(T.ulpOfOne) }

/// Per-vector tolerance from the gap to the nearest other value (see the header).
func vectorTolerance<T: LinearAlgebraScalar>(_: T.Type, values: [Double], index: Int, dimension: Int) -> Double {
  let largest = values.map(abs).max() ?? 0
  var gap = Double.infinity
  for (other, value) in values.enumerated() where other != index { gap = min(gap, abs(value - values[index])) }
  return standardTolerance(T.self) + 10 * Double(dimension) * epsilon(T.self) * largest / gap
}

/// Largest absolute difference in column `j` of two equally shaped matrices.
func columnDifference<T: LinearAlgebraScalar>(_ a: Matrix<T>, _ b: Matrix<Double>, _ j: Int) -> Double {
  (0..<a.rowCount).reduce(0.0) { max($0, abs(Double(a[$1, j]) - b[$1, j])) }
}

/// Flips row `i` of `m` by `signs[i]`.
func scaleRows<T: LinearAlgebraScalar>(_ m: Matrix<T>, _ signs: [T]) -> Matrix<T> {
  var result = m
  for i in 0..<min(m.rowCount, signs.count) {
    for j in 0..<m.columnCount { result[i, j] *= signs[i] }
  }
  return result
}

/// `U · diag(s) · Vᵀ` in Double.
func reconstruct<T: LinearAlgebraScalar>(_ svd: SingularValueDecomposition<T>) throws -> Matrix<Double> {
  var us = asDouble(svd.u)
  for i in 0..<us.rowCount {
    for j in 0..<us.columnCount { us[i, j] *= Double(svd.singularValues[j]) }
  }
  return try us.multiplied(by: asDouble(svd.vt))
}

@Suite("Decompositions against numpy and scipy")
struct ReferenceDecompositionTests {
  func checkSVD<T: LinearAlgebraScalar>(_: T.Type) throws {
    let tolerance = standardTolerance(T.self)
    for c in try fixtureCases("svd") {
      let a: Matrix<T> = try #require(try c.inputMatrix("A"))
      let reference = try #require(c.vector("singular_values"))
      let svd = try a.singularValueDecomposition()
      #expect(relativeDifference(svd.singularValues, reference) <= tolerance, "\(c.name) \(T.self) values")
      #expect(relativeDifference(try a.singularValues(), reference) <= tolerance, "\(c.name) \(T.self) values only")
      #expect(relativeDifference(try reconstruct(svd), asDouble(a)) <= tolerance, "\(c.name) \(T.self) U·S·Vᵀ = A")
      let k = min(a.rowCount, a.columnCount)
      #expect(relativeDifference(svd.u.gram(.columns), asDouble(Matrix<T>.identity(k))) <= tolerance, "\(c.name) UᵀU = I")
      #expect(relativeDifference(svd.vt.gram(.rows), asDouble(Matrix<T>.identity(k))) <= tolerance, "\(c.name) VᵀV = I")
      if T.self == Double.self, let rank = c.number("rank", output: true) {
        #expect(svd.rank() == Int(rank), "\(c.name) rank")
      }
      // Vectors: only those the fixture stores (the first `rank` for rank-deficient cases).
      let uReference = try #require(try c.outputMatrix("U"))
      let stored = uReference.columnCount
      let (u, signs) = alignColumnSigns(leadingColumns(svd.u, stored), to: uReference)
      for j in 0..<stored {
        let bound = vectorTolerance(T.self, values: reference, index: j, dimension: max(a.rowCount, a.columnCount))
        #expect(columnDifference(u, uReference, j) <= bound, "\(c.name) \(T.self) U column \(j)")
      }
      let vt = scaleRows(svd.vt.rows(at: 0..<stored), signs)
      if let vtReference = try c.outputMatrix("Vt") {
        let v = vt.transposed()
        let vReference = vtReference.transposed()
        for j in 0..<stored {
          let bound = vectorTolerance(T.self, values: reference, index: j, dimension: max(a.rowCount, a.columnCount))
          #expect(columnDifference(v, vReference, j) <= bound, "\(c.name) \(T.self) Vᵀ row \(j)")
        }
      } else {
        // The wide case stores Vᵀ · p for the recipe vector p (seed 99).
        let probe = try #require(c.vector("Vt_probe"))
        let p = Matrix<T>(converting: recipeMatrix(seed: 99, rows: 1, columns: a.columnCount)).row(0)
        let projected = try vt.multiplied(by: p)
        for j in 0..<stored {
          let bound = vectorTolerance(T.self, values: reference, index: j, dimension: a.columnCount)
          #expect(abs(Double(projected[j]) - probe[j]) <= bound * max(1, abs(probe[j])), "\(c.name) \(T.self) Vᵀp[\(j)]")
        }
      }
    }
  }

  @Test func svdDouble() throws { try checkSVD(Double.self) }
  @Test func svdFloat() throws { try checkSVD(Float.self) }

  func checkEigen<T: LinearAlgebraScalar>(_: T.Type, generalized: Bool) throws {
    let tolerance = standardTolerance(T.self)
    for c in try fixtureCases(generalized ? "eigh_generalized" : "eigh") {
      let a: Matrix<T> = try #require(try c.inputMatrix("A"))
      let b: Matrix<T>? = generalized ? try c.inputMatrix("B") : nil
      #expect(!generalized || b != nil, "\(c.name): B missing")
      let values = try #require(c.vector("eigenvalues"))
      let vectorsReference = try #require(try c.outputMatrix("eigenvectors"))
      let n = a.rowCount
      let results = try [nil, 2].map { largest -> SymmetricEigendecomposition<T> in
        if let b { return try a.generalizedEigendecomposition(within: b) }
        return try a.symmetricEigendecomposition(largest: largest == nil ? nil : min(largest!, n))
      }
      for eigen in results {
        let k = eigen.eigenvalues.count
        #expect(relativeDifference(eigen.eigenvalues, Array(values.prefix(k))) <= tolerance * (generalized ? 10 : 1),
          "\(c.name) \(T.self) eigenvalues (k = \(k))")
        let (vectors, _) = alignColumnSigns(eigen.eigenvectors, to: leadingColumns(vectorsReference, k))
        let repeated = c.flag("repeated_eigenvalue", output: true)
        for j in 0..<k {
          let isRepeated = values.enumerated().contains { $0.offset != j && abs($0.element - values[j]) < 1e-8 }
          if repeated && isRepeated { continue }  // checked through the eigenspace below
          let bound = vectorTolerance(T.self, values: values, index: j, dimension: n) * (generalized ? 10 : 1)
          #expect(columnDifference(vectors, vectorsReference, j) <= bound, "\(c.name) \(T.self) vector \(j) (k = \(k))")
        }
        if repeated && k == n {
          // The eigenspace of a repeated value is unique; its basis is not. Compare projectors.
          let group = values.indices.filter { i in values.indices.contains { $0 != i && abs(values[$0] - values[i]) < 1e-8 } }
          let ours = leadingColumns(asDouble(vectors.columns(at: group)), group.count)
          let theirs = vectorsReference.columns(at: group)
          let projectorOurs = try ours.multiplied(by: ours, transposingOther: true)
          let projectorTheirs = try theirs.multiplied(by: theirs, transposingOther: true)
          #expect(relativeDifference(projectorOurs, projectorTheirs) <= tolerance, "\(c.name) \(T.self) eigenspace")
        }
      }
    }
  }

  @Test func eigenDouble() throws { try checkEigen(Double.self, generalized: false) }
  @Test func eigenFloat() throws { try checkEigen(Float.self, generalized: false) }
  // Generalized problems get 10× the base tolerance: ?sygvd forms L⁻¹·A·L⁻ᵀ, which
  // multiplies rounding errors by the condition number of B (≈ 5 here).
  @Test func generalizedEigenDouble() throws { try checkEigen(Double.self, generalized: true) }
  @Test func generalizedEigenFloat() throws { try checkEigen(Float.self, generalized: true) }

  func checkCholesky<T: LinearAlgebraScalar>(_: T.Type) throws {
    for c in try fixtureCases("cholesky") {
      let a: Matrix<T> = try #require(try c.inputMatrix("A"))
      let reference = try #require(try c.outputMatrix("L"))
      let hilbert = c.name.contains("hilbert")
      if hilbert && T.self == Float.self {
        // Rounded to Float, the 8 × 8 Hilbert matrix (smallest eigenvalue 1e-10) is
        // indefinite or barely definite: either a clear error or a backward-stable factor.
        do {
          let l = try a.cholesky().lower
          #expect(relativeDifference(l.gram(), asDouble(a)) <= 1e-5, "\(c.name) Float L·Lᵀ = A")
        } catch let error as LinearAlgebraError {
          guard case .notPositiveDefinite = error else { Issue.record("\(c.name): unexpected \(error)"); continue }
        }
        continue
      }
      let l = try a.cholesky().lower
      // Hilbert (κ = 1.5e10): the factor itself is known to 1e-6 (numpy's own error vs exact is 1.2e-8).
      let bound = hilbert ? 1e-6 : standardTolerance(T.self)
      #expect(relativeDifference(l, reference) <= bound, "\(c.name) \(T.self) L")
      #expect(relativeDifference(l.gram(), asDouble(a)) <= standardTolerance(T.self), "\(c.name) \(T.self) L·Lᵀ = A")
      for i in 0..<l.rowCount {
        for j in (i + 1)..<l.columnCount { #expect(l[i, j] == 0, "\(c.name): L must be lower triangular") }
      }
    }
  }

  @Test func choleskyDouble() throws { try checkCholesky(Double.self) }
  @Test func choleskyFloat() throws { try checkCholesky(Float.self) }

  func checkQR<T: LinearAlgebraScalar>(_: T.Type) throws {
    let tolerance = standardTolerance(T.self)
    for c in try fixtureCases("qr") {
      let a: Matrix<T> = try #require(try c.inputMatrix("A"))
      let qr = try a.qrDecomposition()
      // LAPACK fixes no sign; the fixture has diag(R) ≥ 0. Normalise ours the same way.
      var (q, r) = (qr.q, qr.r)
      for i in 0..<r.rowCount where r[i, i] < 0 {
        for j in 0..<r.columnCount { r[i, j] = -r[i, j] }
        for row in 0..<q.rowCount { q[row, i] = -q[row, i] }
      }
      #expect(relativeDifference(q, try #require(try c.outputMatrix("Q"))) <= tolerance, "\(c.name) \(T.self) Q")
      #expect(relativeDifference(r, try #require(try c.outputMatrix("R"))) <= tolerance, "\(c.name) \(T.self) R")
      #expect(relativeDifference(qr.q * qr.r, asDouble(a)) <= tolerance, "\(c.name) \(T.self) QR = A")
    }
    for c in try fixtureCases("lq") {
      let a: Matrix<T> = try #require(try c.inputMatrix("A"))
      let lq = try a.lqDecomposition()
      var (l, q) = (lq.l, lq.q)
      for i in 0..<l.columnCount where l[i, i] < 0 {
        for row in 0..<l.rowCount { l[row, i] = -l[row, i] }
        for j in 0..<q.columnCount { q[i, j] = -q[i, j] }
      }
      #expect(relativeDifference(l, try #require(try c.outputMatrix("L"))) <= tolerance, "\(c.name) \(T.self) L")
      #expect(relativeDifference(q, try #require(try c.outputMatrix("Q"))) <= tolerance, "\(c.name) \(T.self) Q")
      #expect(relativeDifference(lq.l * lq.q, asDouble(a)) <= tolerance, "\(c.name) \(T.self) LQ = A")
    }
  }

  @Test func qrAndLQDouble() throws { try checkQR(Double.self) }
  @Test func qrAndLQFloat() throws { try checkQR(Float.self) }

  func checkSolve<T: LinearAlgebraScalar>(_: T.Type, positiveDefinite: Bool) throws {
    for c in try fixtureCases(positiveDefinite ? "solve_spd" : "solve") {
      let a: Matrix<T> = try #require(try c.inputMatrix("A"))
      let b: Matrix<T> = try #require(try c.inputMatrix("B"))
      let condition = try #require(c.number("condition_number", output: true))
      let reference = try #require(try c.outputMatrix("X"))
      let solve = { positiveDefinite ? try a.solvePositiveDefinite(b) : try a.solve(b) }
      let conditionTimesEpsilon = condition * epsilon(T.self)
      if conditionTimesEpsilon > 100 {
        // Singular to working precision: the answer would be noise, so it must be an error.
        #expect(throws: LinearAlgebraError.self, "\(c.name) \(T.self) κε = \(conditionTimesEpsilon)") { try solve() }
        continue
      }
      if conditionTimesEpsilon > 0.01 { continue }  // the condition estimate may land either side of ε
      let x = try solve()
      let bound = max(standardTolerance(T.self), 10 * conditionTimesEpsilon)
      #expect(relativeDifference(x, reference) <= bound, "\(c.name) \(T.self) X (bound \(bound))")
      if T.self == Double.self {
        let residual = try asDouble(a).multiplied(by: asDouble(x)).subtracting(asDouble(b))
        let scale = maxAbs(a) * maxAbs(x) * Double(a.rowCount)
        #expect(maxAbs(residual) / scale <= 1e-12, "\(c.name) residual")
      }
    }
  }

  @Test func solveDouble() throws { try checkSolve(Double.self, positiveDefinite: false) }
  @Test func solveFloat() throws { try checkSolve(Float.self, positiveDefinite: false) }
  @Test func solvePositiveDefiniteDouble() throws { try checkSolve(Double.self, positiveDefinite: true) }
  @Test func solvePositiveDefiniteFloat() throws { try checkSolve(Float.self, positiveDefinite: true) }

  @Test func fixtureErrorCasesThrowTheNamedError() throws {
    let cases = try linearAlgebraFixture.get().cases("error_cases")
    #expect(cases.count >= 3)
    for c in cases {
      let a: Matrix<Double> = try #require(try c.inputMatrix("A"))
      let expected = try #require(c.raw["expected_error"]?.string)
      do {
        switch c.operation {
        case "cholesky": _ = try a.cholesky()
        case "solve": _ = try a.solve(Matrix.identity(a.rowCount))
        case "eigh_generalized": _ = try a.generalizedEigendecomposition(within: try #require(try c.inputMatrix("B")))
        default: Issue.record("unknown error case operation \(c.operation)")
        }
        Issue.record("\(c.name): expected \(expected), got a result")
      } catch let error as LinearAlgebraError {
        let name = String(describing: error).isEmpty ? "" : "\(error)"
        switch (expected, error) {
        case ("notPositiveDefinite", .notPositiveDefinite), ("singularMatrix", .singularMatrix): break
        default: Issue.record("\(c.name): expected \(expected), got \(name)")
        }
      }
    }
  }
}
