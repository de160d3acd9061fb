// Every error path: bad input gets a typed error with a message, never a wrong number.
@testable import LatentLinearAlgebra
import Testing

@Suite("Bad input")
struct ErrorTests {
  let square = try! Matrix<Double>(rows: [[4, 1], [1, 3]])
  let wide = try! Matrix<Double>(rows: [[1, 2, 3], [4, 5, 6]])

  func expectError(
    _ expected: (LinearAlgebraError) -> Bool, _ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    do {
      try body()
      Issue.record("expected an error, got a result", sourceLocation: sourceLocation)
    } catch let error as LinearAlgebraError {
      #expect(expected(error), "unexpected error \(error)", sourceLocation: sourceLocation)
      #expect(!error.description.isEmpty)
    } catch {
      Issue.record("expected LinearAlgebraError, got \(error)", sourceLocation: sourceLocation)
    }
  }

  @Test func shapeMismatches() {
    let isShape: (LinearAlgebraError) -> Bool = { if case .shapeMismatch = $0 { true } else { false } }
    expectError(isShape) { _ = try wide.multiplied(by: wide) }
    expectError(isShape) { _ = try wide.multiplied(by: [1, 2]) }
    expectError(isShape) { _ = try wide.adding(square) }
    expectError(isShape) { _ = try wide.subtracting(square) }
    expectError(isShape) { _ = try wide.centered(by: [1]) }
    expectError(isShape) { _ = try Matrix<Double>(rows: [[1, 2], [3]]) }
    expectError(isShape) { _ = try Matrix<Double>(rowCount: 2, columnCount: 2, elements: [1, 2, 3]) }
    expectError(isShape) { _ = try wide.cholesky() }
    expectError(isShape) { _ = try wide.symmetricEigendecomposition() }
    expectError(isShape) { _ = try wide.solve(wide) }
    expectError(isShape) { _ = try square.solve(Matrix(rowCount: 3, columnCount: 1, repeating: 1)) }
    expectError(isShape) { _ = try square.generalizedEigendecomposition(within: Matrix.identity(3)) }
    expectError(isShape) { _ = try square.cholesky().solve(Matrix(rowCount: 3, columnCount: 1, repeating: 1)) }
  }

  @Test func negativeCounts() {
    expectError({ if case .invalidArgument = $0 { true } else { false } }) {
      _ = try Matrix<Double>(rowCount: -1, columnCount: 2, elements: [Double]())
    }
  }

  @Test func nonFiniteInputIsRejectedWithItsPosition() {
    for bad in [Double.nan, .infinity, -.infinity] {
      var m = square
      m[1, 0] = bad
      m[0, 1] = bad
      let atPosition: (LinearAlgebraError) -> Bool = {
        if case .nonFiniteValue(_, let row, let column) = $0 { row == 0 && column == 1 } else { false }
      }
      expectError(atPosition) { _ = try m.singularValueDecomposition() }
      expectError(atPosition) { _ = try m.singularValues() }
      expectError(atPosition) { _ = try m.symmetricEigendecomposition() }
      expectError(atPosition) { _ = try m.cholesky() }
      expectError(atPosition) { _ = try m.qrDecomposition() }
      expectError(atPosition) { _ = try m.lqDecomposition() }
      expectError(atPosition) { _ = try m.solve(square) }
      expectError(atPosition) { try m.checkFinite() }
      expectError({ if case .nonFiniteValue = $0 { true } else { false } }) { _ = try square.solve(m) }
      expectError({ if case .nonFiniteValue = $0 { true } else { false } }) { _ = try square.generalizedEigendecomposition(within: m) }
    }
  }

  @Test func emptyMatrices() {
    let empty = Matrix<Double>(rowCount: 0, columnCount: 3, repeating: 0)
    let isEmpty: (LinearAlgebraError) -> Bool = { if case .emptyMatrix = $0 { true } else { false } }
    expectError(isEmpty) { _ = try empty.singularValueDecomposition() }
    expectError(isEmpty) { _ = try empty.qrDecomposition() }
    expectError(isEmpty) { _ = try Matrix<Float>(rowCount: 0, columnCount: 0, repeating: 0).cholesky() }
    // Products of empty matrices are well defined (all zeros), as in BLAS and numpy.
    let product = try? Matrix<Double>(rowCount: 2, columnCount: 0, repeating: 0)
      .multiplied(by: Matrix(rowCount: 0, columnCount: 3, repeating: 0))
    #expect(product == Matrix(rowCount: 2, columnCount: 3, repeating: 0))
    #expect(empty.gram() == Matrix(rowCount: 0, columnCount: 0, repeating: 0))
  }

  @Test func notPositiveDefiniteNamesTheMinor() {
    let indefinite = try! Matrix<Double>(rows: [[1, 2], [2, 1]])
    expectError({ if case .notPositiveDefinite("dpotrf", 2) = $0 { true } else { false } }) { _ = try indefinite.cholesky() }
    expectError({ if case .notPositiveDefinite = $0 { true } else { false } }) { _ = try indefinite.solvePositiveDefinite(indefinite) }
    expectError({ if case .notPositiveDefinite("dsygvd", _) = $0 { true } else { false } }) {
      _ = try square.generalizedEigendecomposition(within: indefinite)
    }
  }

  @Test func singularSystems() {
    let singular = try! Matrix<Double>(rows: [[1, 2], [2, 4]])
    expectError({ if case .singularMatrix = $0 { true } else { false } }) { _ = try singular.solve(square) }
    // Nearly singular: exactly representable, but κ ≈ 1e17 > 1/ε.
    let nearly = try! Matrix<Double>(rows: [[1, 1], [1, 1 + 1e-16 * 4]])
    expectError({ if case .singularMatrix = $0 { true } else { false } }) { _ = try nearly.solve(square) }
  }

  @Test func asymmetricInputToSymmetricRoutines() {
    let asymmetric = try! Matrix<Double>(rows: [[2, 1], [0, 2]])
    let isAsymmetric: (LinearAlgebraError) -> Bool = { if case .notSymmetric(_, 0, 1) = $0 { true } else { false } }
    expectError(isAsymmetric) { _ = try asymmetric.symmetricEigendecomposition() }
    expectError(isAsymmetric) { _ = try asymmetric.cholesky() }
    expectError(isAsymmetric) { _ = try asymmetric.generalizedEigendecomposition(within: Matrix.identity(2)) }
    // Rounding-level asymmetry is accepted.
    var nearly = square
    nearly[0, 1] += 1e-15
    #expect((try? nearly.symmetricEigendecomposition()) != nil)
  }

  @Test func eigenpairCountOutOfRange() {
    let isInvalid: (LinearAlgebraError) -> Bool = { if case .invalidArgument = $0 { true } else { false } }
    expectError(isInvalid) { _ = try square.symmetricEigendecomposition(largest: 0) }
    expectError(isInvalid) { _ = try square.symmetricEigendecomposition(largest: 3) }
  }

  @Test func messagesSayWhatToDo() {
    let message = LinearAlgebraError.notPositiveDefinite(routine: "dpotrf", order: 3).description
    #expect(message.contains("dpotrf") && message.contains("order 3") && message.contains("Use"))
    #expect(LinearAlgebraError.fromNegativeInfo(routine: "dgesdd", info: -1010) == .outOfMemory(routine: "dgesdd"))
    #expect(LinearAlgebraError.nonFiniteValue(operation: "x", row: 1, column: 2).description.contains("row 1, column 2"))
  }
}
