// Products and statistics against numpy (Tests/Reference/Fixtures/linear_algebra.json).
// Tolerances: Double ≤ 1e-12 of the largest entry (these are a handful of
// dot products, error ~ k·ε); Float ≤ 1e-4 against the Double reference (the
// design brief's bound); integer Gram inputs are exact in both.
import LatentLinearAlgebra
import LatentTestSupport
import Testing

let linearAlgebraFixture = Result { try ReferenceFixture(named: "linear_algebra.json") }

func fixtureCases(_ operation: String) throws -> [ReferenceCase] {
  let cases = try linearAlgebraFixture.get().cases(operation: operation)
  #expect(!cases.isEmpty, "no \(operation) cases in the fixture")
  return cases
}

func productTolerance<T: LinearAlgebraScalar>(_: T.Type) -> Double { T.self == Float.self ? 1e-4 : 1e-12 }

@Suite("Products against numpy")
struct ReferenceProductsTests {
  @Test func recipeMatchesTheGenerator() throws {
    let check = try #require(try linearAlgebraFixture.get().root["recipe_check"])
    let expected = try #require(try fixtureMatrix(check, Double.self, "recipe_check"))
    let seed = try #require(check["seed"]?.int)
    #expect(recipeMatrix(seed: seed, rows: expected.rowCount, columns: expected.columnCount) == expected)
  }

  func checkGemm<T: LinearAlgebraScalar>(_: T.Type) throws {
    for c in try fixtureCases("gemm") {
      let a: Matrix<T> = try #require(try c.inputMatrix("A"))
      let b: Matrix<T> = try #require(try c.inputMatrix("B"))
      let alpha = T(try #require(c.number("alpha")))
      let beta = T(try #require(c.number("beta")))
      var result = try a.multiplied(
        by: b, transposingSelf: c.flag("transpose_a"), transposingOther: c.flag("transpose_b"), alpha: alpha)
      if let c0: Matrix<T> = try c.inputMatrix("C0") { result = try result.adding(c0, scaledBy: beta) }
      let expected = try #require(try c.outputMatrix("C"))
      #expect(relativeDifference(result, expected) <= productTolerance(T.self), "\(c.name) \(T.self)")
    }
  }

  @Test func gemmDouble() throws { try checkGemm(Double.self) }
  @Test func gemmFloat() throws { try checkGemm(Float.self) }

  func checkGemv<T: LinearAlgebraScalar>(_: T.Type) throws {
    for c in try fixtureCases("gemv") {
      let a: Matrix<T> = try #require(try c.inputMatrix("A"))
      let x = try #require(c.vector("x", output: false)).map { T($0) }
      let y = try a.multiplied(by: x, transposingSelf: c.flag("transpose"))
      #expect(relativeDifference(y, try #require(c.vector("y"))) <= productTolerance(T.self), "\(c.name) \(T.self)")
    }
  }

  @Test func gemvDouble() throws { try checkGemv(Double.self) }
  @Test func gemvFloat() throws { try checkGemv(Float.self) }

  func checkGram<T: LinearAlgebraScalar>(_: T.Type) throws {
    for c in try fixtureCases("gram") {
      let x: Matrix<T> = try #require(try c.inputMatrix("X"))
      let exact = c.name.hasSuffix("-integers")
      let rows = try #require(try c.outputMatrix("XXt"))
      let gram = x.gram()
      if exact {
        #expect(asDouble(gram) == rows, "\(c.name) \(T.self): integer Gram must be exact")
      } else {
        #expect(relativeDifference(gram, rows) <= productTolerance(T.self), "\(c.name) \(T.self)")
      }
      #expect(gram == gram.transposed(), "\(c.name): the Gram matrix must be exactly symmetric")
      if let columns = try c.outputMatrix("XtX") {
        let columnGram = x.gram(.columns)
        if exact {
          #expect(asDouble(columnGram) == columns, "\(c.name) \(T.self) XᵀX")
        } else {
          #expect(relativeDifference(columnGram, columns) <= productTolerance(T.self), "\(c.name) \(T.self) XᵀX")
        }
      }
    }
  }

  @Test func gramDouble() throws { try checkGram(Double.self) }
  @Test func gramFloat() throws { try checkGram(Float.self) }

  func checkStatistics<T: LinearAlgebraScalar>(_: T.Type) throws {
    for c in try fixtureCases("statistics") {
      let x: Matrix<T> = try #require(try c.inputMatrix("X"))
      let tolerance = productTolerance(T.self)
      #expect(relativeDifference(x.columnMeans(), try #require(c.vector("column_means"))) <= tolerance, "\(c.name) means")
      #expect(relativeDifference(x.rowNorms(), try #require(c.vector("row_norms"))) <= tolerance, "\(c.name) norms")
      if let v = c.vector("v", output: false), let centred = try c.outputMatrix("centered") {
        #expect(relativeDifference(try x.centered(by: v.map { T($0) }), centred) <= tolerance, "\(c.name) centred")
      }
    }
  }

  @Test func statisticsDouble() throws { try checkStatistics(Double.self) }
  @Test func statisticsFloat() throws { try checkStatistics(Float.self) }
}
