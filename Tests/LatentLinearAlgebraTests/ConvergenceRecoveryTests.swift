// The recovery chains of the LAPACK layer (Sources/LatentLinearAlgebra/LAPACK), step by step:
// failures injected through LAPACK.injectedFailures make exactly one step of a chain run, and its
// result must pass the same fixture checks as the first choice (ReferenceDecompositionTests, on
// Tests/Reference/Fixtures/linear_algebra.json); when every step fails, the error names them all.
//
// The fixture's symmetric matrices are at most 40 × 40, below JacobiEigensolver.maximumOrder, so
// the tests that reach LAPACK through the Matrix API inject a failure of "jacobi" as well: that
// skips the small-order shortcut (decompose returns nil, as for sweeps that did not converge).
import LatentLinearAlgebra
import LatentTestSupport
import Testing

/// The failures of `names` ("gesdd", …, or LAPACK.jacobi) for `T`'s routines, all with `info`.
func injected<T: LinearAlgebraScalar>(_: T.Type, _ names: [String], info: Int32 = 1) -> [String: Int32] {
  Dictionary(uniqueKeysWithValues: names.map { ($0 == LAPACK.jacobi ? $0 : T.routine($0), info) })
}

/// Runs `body` with `failures` injected and returns the set of routines the drivers attempted.
@discardableResult
func attempted(_ failures: [String: Int32], _ body: () throws -> Void) rethrows -> Set<String> {
  let log = LAPACK.CallLog()
  try LAPACK.$injectedFailures.withValue(failures) {
    try LAPACK.$callLog.withValue(log) { try body() }
  }
  return Set(log.routines)
}

/// The names of `names` for `T` (LAPACK.jacobi unchanged).
func routines<T: LinearAlgebraScalar>(_: T.Type, _ names: [String]) -> Set<String> {
  Set(names.map { $0 == LAPACK.jacobi ? $0 : T.routine($0) })
}

@Suite("Recovery when LAPACK does not converge")
struct ConvergenceRecoveryTests {
  let reference = ReferenceDecompositionTests()

  // MARK: Thin SVD: gesdd → gesvd → gesvj

  /// Each failing prefix of the chain, and the step that must then run.
  static let svdSteps: [(failing: [String], runs: String)] = [([], "gesdd"), (["gesdd"], "gesvd"), (["gesdd", "gesvd"], "gesvj")]

  func checkSVDSteps<T: LinearAlgebraScalar>(_: T.Type) throws {
    for step in Self.svdSteps {
      let seen = try attempted(injected(T.self, step.failing)) { try reference.checkSVD(T.self) }
      #expect(seen == routines(T.self, step.failing + [step.runs]), "\(T.self) SVD with \(step.failing) failing")
    }
  }

  @Test func svdStepsDouble() throws { try checkSVDSteps(Double.self) }
  @Test func svdStepsFloat() throws { try checkSVDSteps(Float.self) }

  func checkSVDExhausted<T: LinearAlgebraScalar>(_: T.Type) throws {
    let chain = ["gesdd", "gesvd", "gesvj"]
    let expected = LinearAlgebraError.noConvergence(routine: chain.map { T.routine($0) }.joined(separator: ", "), info: 3)
    for c in try fixtureCases("svd") {
      let a: Matrix<T> = try #require(try c.inputMatrix("A"))
      attempted(injected(T.self, chain, info: 3)) {
        #expect(throws: expected, "\(c.name)") { _ = try a.singularValueDecomposition() }
        #expect(throws: expected, "\(c.name) values") { _ = try a.singularValues() }
      }
    }
    #expect("\(expected)".hasPrefix("\(T.routine("gesdd")), \(T.routine("gesvd")), \(T.routine("gesvj")): "))
  }

  @Test func svdExhaustedDouble() throws { try checkSVDExhausted(Double.self) }
  @Test func svdExhaustedFloat() throws { try checkSVDExhausted(Float.self) }

  /// Values that ?gesvj returns unsorted or unnormalised do not occur in the fixture; a zero
  /// column (a zero singular value, whose left vector ?gesvj leaves unnormalised) does.
  @Test func gesvjCompletesTheVectorsOfZeroValues() throws {
    for transposed in [false, true] {
      var a = Matrix<Double>(rowCount: 7, columnCount: 4) { i, j in j == 2 ? 0 : Double((i + 1) * (j + 2) % 5) + 0.5 * Double(i) }
      if transposed { a = a.transposed() }
      var svd: SingularValueDecomposition<Double>?
      let seen = try attempted(injected(Double.self, ["gesdd", "gesvd"])) { svd = try a.singularValueDecomposition() }
      let result = try #require(svd)
      #expect(seen.contains("dgesvj"))
      #expect(result.singularValues.last == 0)
      #expect(zip(result.singularValues, result.singularValues.dropFirst()).allSatisfy { $0 >= $1 })
      #expect(relativeDifference(result.u.gram(.columns), Matrix<Double>.identity(4)) <= 1e-12)
      #expect(relativeDifference(result.vt.gram(.rows), Matrix<Double>.identity(4)) <= 1e-12)
      #expect(relativeDifference(try reconstruct(result), a) <= 1e-12)
    }
  }

  // MARK: Symmetric eigenpairs: (syevr →) syevd → syev → Jacobi

  /// Each failing prefix and the routines then attempted, for the full spectrum and for
  /// `largest: 2` (checkEigen computes both).
  static let eigenSteps: [(failing: [String], attempts: [String])] = [
    ([LAPACK.jacobi], [LAPACK.jacobi, "syevd", "syevr"]),
    ([LAPACK.jacobi, "syevr"], [LAPACK.jacobi, "syevr", "syevd"]),
    ([LAPACK.jacobi, "syevr", "syevd"], [LAPACK.jacobi, "syevr", "syevd", "syev"]),
  ]

  func checkEigenSteps<T: LinearAlgebraScalar>(_: T.Type) throws {
    for step in Self.eigenSteps {
      let seen = try attempted(injected(T.self, step.failing)) { try reference.checkEigen(T.self, generalized: false) }
      #expect(seen == routines(T.self, step.attempts), "\(T.self) eigenpairs with \(step.failing) failing")
    }
  }

  @Test func eigenStepsDouble() throws { try checkEigenSteps(Double.self) }
  @Test func eigenStepsFloat() throws { try checkEigenSteps(Float.self) }

  /// The last step, Jacobi inside the driver (the Matrix API would take its small-order
  /// shortcut first), on the fixture's matrices against the fixture's values and vectors.
  func checkJacobiStep<T: LinearAlgebraScalar>(_: T.Type) throws {
    let tolerance = standardTolerance(T.self)
    for c in try fixtureCases("eigh") {
      let a: Matrix<T> = try #require(try c.inputMatrix("A"))
      let values = try #require(c.vector("eigenvalues"))
      let vectorsReference = try #require(try c.outputMatrix("eigenvectors"))
      let n = a.rowCount
      for k in [n, min(2, n)] {
        var pairs: LAPACK.Eigenpairs<T>?
        let seen = try attempted(injected(T.self, ["syevr", "syevd", "syev"])) {
          var work = a.elements
          pairs = try LAPACK.symmetricEigenpairs(order: n, largest: k, matrix: &work) { $0 = a.elements }
        }
        #expect(seen.contains(LAPACK.jacobi), "\(c.name)")
        let result = try #require(pairs)
        // Ascending, column-major: the largest pair is the last column.
        let descending = Array(result.values.reversed())
        #expect(relativeDifference(descending, Array(values.prefix(k))) <= tolerance, "\(c.name) \(T.self) values (k = \(k))")
        let vectors = Matrix<T>(rowCount: n, columnCount: k) { i, j in result.vectors[(k - 1 - j) * n + i] }
        let (aligned, _) = alignColumnSigns(vectors, to: leadingColumns(vectorsReference, k))
        for j in 0..<k where !values.enumerated().contains(where: { $0.offset != j && abs($0.element - values[j]) < 1e-8 }) {
          let bound = vectorTolerance(T.self, values: values, index: j, dimension: n)
          #expect(columnDifference(aligned, vectorsReference, j) <= bound, "\(c.name) \(T.self) vector \(j) (k = \(k))")
        }
      }
    }
  }

  @Test func jacobiStepDouble() throws { try checkJacobiStep(Double.self) }
  @Test func jacobiStepFloat() throws { try checkJacobiStep(Float.self) }

  /// Above the shortcut's order (80 × 80), every step through the Matrix API gives the pairs of
  /// the first choice.
  @Test func everyStepAboveTheShortcutOrder() throws {
    let n = 80
    let x = recipeMatrix(seed: 7, rows: n, columns: n)
    let a = try x.multiplied(by: x, transposingOther: true)
    for largest in [nil, 5] {
      let baseline = try a.symmetricEigendecomposition(largest: largest)
      for failing in [["syevr"], ["syevr", "syevd"], ["syevr", "syevd", "syev"]] {
        var result: SymmetricEigendecomposition<Double>?
        let seen = try attempted(injected(Double.self, failing)) { result = try a.symmetricEigendecomposition(largest: largest) }
        let pairs = try #require(result)
        #expect(relativeDifference(pairs.eigenvalues, baseline.eigenvalues.map { $0 }) <= 1e-12, "\(failing) values")
        let (aligned, _) = alignColumnSigns(pairs.eigenvectors, to: baseline.eigenvectors)
        #expect(relativeDifference(aligned, baseline.eigenvectors) <= 1e-9, "\(failing) vectors")
        let next = ["dsyevd", "dsyev", LAPACK.jacobi][failing.count - 1]
        #expect(seen.contains(next), "\(failing): \(seen)")
      }
    }
  }

  func checkEigenExhausted<T: LinearAlgebraScalar>(_: T.Type) throws {
    let c = try #require(try fixtureCases("eigh").first)
    let a: Matrix<T> = try #require(try c.inputMatrix("A"))
    let failures = injected(T.self, ["syevr", "syevd", "syev", LAPACK.jacobi], info: 2)
    let all = [T.routine("syevd"), T.routine("syev"), LAPACK.jacobi].joined(separator: ", ")
    attempted(failures) {
      #expect(throws: LinearAlgebraError.noConvergence(routine: all, info: 2)) {
        _ = try a.symmetricEigendecomposition()
      }
      #expect(throws: LinearAlgebraError.noConvergence(routine: T.routine("syevr") + ", " + all, info: 2)) {
        _ = try a.symmetricEigendecomposition(largest: 2)
      }
    }
  }

  @Test func eigenExhaustedDouble() throws { try checkEigenExhausted(Double.self) }
  @Test func eigenExhaustedFloat() throws { try checkEigenExhausted(Float.self) }

  // MARK: Generalized: sygvd → sygv

  func checkGeneralizedSteps<T: LinearAlgebraScalar>(_: T.Type) throws {
    for (failing, runs) in [([String](), "sygvd"), (["sygvd"], "sygv")] {
      let seen = try attempted(injected(T.self, failing)) { try reference.checkEigen(T.self, generalized: true) }
      #expect(seen == routines(T.self, failing + [runs]), "\(T.self) generalized with \(failing) failing")
    }
    let c = try #require(try fixtureCases("eigh_generalized").first)
    let (a, b): (Matrix<T>, Matrix<T>) = (try #require(try c.inputMatrix("A")), try #require(try c.inputMatrix("B")))
    attempted(injected(T.self, ["sygvd", "sygv"], info: 4)) {
      #expect(throws: LinearAlgebraError.noConvergence(routine: "\(T.routine("sygvd")), \(T.routine("sygv"))", info: 4)) {
        _ = try a.generalizedEigendecomposition(within: b)
      }
    }
  }

  @Test func generalizedStepsDouble() throws { try checkGeneralizedSteps(Double.self) }
  @Test func generalizedStepsFloat() throws { try checkGeneralizedSteps(Float.self) }

  /// A `B` that is not positive definite is a property of the data: `?sygv` reports it too.
  @Test func notPositiveDefiniteSurvivesTheFallback() throws {
    try attempted(injected(Double.self, ["sygvd"])) { try reference.fixtureErrorCasesThrowTheNamedError() }
    let b = try Matrix<Double>(rows: [[1, 2], [2, 1]])
    attempted(injected(Double.self, ["sygvd"])) {
      #expect(throws: LinearAlgebraError.notPositiveDefinite(routine: "dsygv", order: 2)) {
        _ = try Matrix<Double>.identity(2).generalizedEigendecomposition(within: b)
      }
    }
  }

  // MARK: The injection itself

  /// Task-local: a failure injected in one task is not seen by another running at the same time.
  @Test func injectionIsTaskLocal() async throws {
    let a = try Matrix<Double>(rows: [[2, 1], [1, 3], [0, 1]])
    let other = try await LAPACK.$injectedFailures.withValue(injected(Double.self, ["gesdd", "gesvd", "gesvj"])) {
      let other = Task.detached { try a.singularValues() }
      #expect(throws: LinearAlgebraError.self) { _ = try a.singularValues() }
      return try await other.value
    }
    #expect(other.count == 2)
    #expect(LAPACK.injectedFailures.isEmpty)
  }

  /// One mapping from `info` to the error, for every routine.
  @Test func infoMapping() {
    #expect(LAPACK.error(routine: "dgesdd", info: 3) == .noConvergence(routine: "dgesdd", info: 3))
    #expect(LAPACK.error(routine: "dgesdd", info: -1010) == .outOfMemory(routine: "dgesdd"))
    #expect(LAPACK.error(routine: "dgesdd", info: -1011) == .outOfMemory(routine: "dgesdd"))
    #expect(LAPACK.error(routine: "dgesdd", info: -4) == .lapackFailure(routine: "dgesdd", info: -4))
    #expect(throws: Never.self) { try LAPACK.check(0, routine: "dgesdd") }
    #expect(Float.routine("syevr") == "ssyevr" && Double.routine("syevr") == "dsyevr")
  }
}
