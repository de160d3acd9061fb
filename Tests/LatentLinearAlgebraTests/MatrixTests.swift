// Matrix construction, access, element-wise arithmetic, Codable and description.
// These are exact computations on small integers: expected values are exact.
import Foundation
import LatentLinearAlgebra
import Testing

@Suite("Matrix basics")
struct MatrixTests {
  func checkConstruction<T: LinearAlgebraScalar>(_: T.Type) throws {
    let m = try Matrix<T>(rows: [[1, 2, 3], [4, 5, 6]])
    #expect(m.shape == (rows: 2, columns: 3))
    #expect(m[1, 2] == 6)
    #expect(m.row(1) == [4, 5, 6])
    #expect(m.column(1) == [2, 5])
    #expect(try Matrix<T>(rowCount: 2, columnCount: 3, elements: [1, 2, 3, 4, 5, 6]) == m)
    #expect(Matrix<T>(rowCount: 2, columnCount: 3) { i, j in T(3 * i + j + 1) } == m)
    #expect(Matrix<T>(rowCount: 2, columnCount: 2, repeating: 7).elements == [7, 7, 7, 7])
    #expect(Matrix<T>.identity(3) == (try Matrix<T>(rows: [[1, 0, 0], [0, 1, 0], [0, 0, 1]])))
    #expect(m.transposed() == (try Matrix<T>(rows: [[1, 4], [2, 5], [3, 6]])))
    var t = m
    t.transpose()
    #expect(t.transposed() == m)
    #expect(m.rows(at: [1, 0]) == (try Matrix<T>(rows: [[4, 5, 6], [1, 2, 3]])))
    #expect(m.columns(at: [2, 0]) == (try Matrix<T>(rows: [[3, 1], [6, 4]])))
    var s = m
    s[0, 0] = 10
    s.setRow(1, to: [7, 8, 9])
    #expect(s == (try Matrix<T>(rows: [[10, 2, 3], [7, 8, 9]])))
    #expect(m[0, 0] == 1, "copy-on-write: mutating a copy must not change the original")
    #expect(Matrix<T>(column: [1, 2]).shape == (rows: 2, columns: 1))
  }

  @Test func constructionDouble() throws { try checkConstruction(Double.self) }
  @Test func constructionFloat() throws { try checkConstruction(Float.self) }

  @Test func largeTransposeMatchesElementwise() {
    // Exercises the blocked transpose across block boundaries (70 = 2 · 32 + 6).
    let m = Matrix<Double>(rowCount: 70, columnCount: 45) { i, j in Double(i * 1000 + j) }
    let t = m.transposed()
    #expect(t.shape == (rows: 45, columns: 70))
    #expect((0..<70).allSatisfy { i in (0..<45).allSatisfy { j in t[j, i] == m[i, j] } })
  }

  func checkArithmetic<T: LinearAlgebraScalar>(_: T.Type) throws {
    let a = try Matrix<T>(rows: [[1, 2], [3, 4]])
    let b = try Matrix<T>(rows: [[5, 6], [7, 8]])
    #expect(a + b == (try Matrix<T>(rows: [[6, 8], [10, 12]])))
    #expect(b - a == (try Matrix<T>(rows: [[4, 4], [4, 4]])))
    #expect(try a.adding(b, scaledBy: 2) == (try Matrix<T>(rows: [[11, 14], [17, 20]])))
    #expect(2 * a == (try Matrix<T>(rows: [[2, 4], [6, 8]])))
    #expect(a * b == (try Matrix<T>(rows: [[19, 22], [43, 50]])))
    var c = a
    c += b
    c -= a
    c *= 2
    #expect(c == 2 * b)
    #expect(a.columnMeans() == [2, 3])
    #expect(try a.centered(by: [1, 1]) == (try Matrix<T>(rows: [[0, 1], [2, 3]])))
    #expect(try Matrix<T>(rows: [[3, 4], [0, 0]]).rowNorms() == [5, 0])
  }

  @Test func arithmeticDouble() throws { try checkArithmetic(Double.self) }
  @Test func arithmeticFloat() throws { try checkArithmetic(Float.self) }

  @Test func rowNormsDoNotOverflowOrUnderflow() throws {
    // ?nrm2 scales: a naive sum of squares would give inf and 0 here.
    let m = try Matrix<Double>(rows: [[3e300, 4e300], [3e-300, 4e-300]])
    let norms = m.rowNorms()
    #expect(abs(norms[0] / 5e300 - 1) < 1e-15)
    #expect(abs(norms[1] / 5e-300 - 1) < 1e-15)
  }

  @Test func approximateEquality() throws {
    let a = try Matrix<Double>(rows: [[1, 1e-20], [100, 0]])
    // Norm-wise: a 1e-13 change of a 100-sized matrix is within 1e-14 relative.
    let b = try Matrix<Double>(rows: [[1 + 1e-13, 0], [100, 0]])
    #expect(a.isApproximatelyEqual(to: b, relativeTolerance: 1e-14))
    #expect(!a.isApproximatelyEqual(to: b, relativeTolerance: 1e-16))
    #expect(!a.isApproximatelyEqual(to: a.transposed()))
    let nan = try Matrix<Double>(rows: [[.nan]])
    #expect(!nan.isApproximatelyEqual(to: nan), "NaN never compares equal")
    #expect(Matrix<Double>(rowCount: 2, columnCount: 2, repeating: 0)
      .isApproximatelyEqual(to: Matrix(rowCount: 2, columnCount: 2, repeating: 1e-30), absoluteTolerance: 1e-20))
  }

  @Test func codableRoundTrip() throws {
    let m = try Matrix<Double>(rows: [[1.5, -2.25], [1e-300, 3.141592653589793]])
    let data = try JSONEncoder().encode(m)
    #expect(try JSONDecoder().decode(Matrix<Double>.self, from: data) == m)
    let bad = Data(#"{"rows":2,"columns":2,"elements":[1,2,3]}"#.utf8)
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(Matrix<Double>.self, from: bad) }
  }

  @Test func descriptionIsReadableAndElided() throws {
    let small = try Matrix<Double>(rows: [[1, 2], [3, 4]])
    #expect(small.description == "2 × 2 Matrix<Double>\n[ 1.0  2.0 ]\n[ 3.0  4.0 ]")
    let large = Matrix<Float>(rowCount: 20, columnCount: 30, repeating: 0)
    let lines = large.description.split(separator: "\n")
    #expect(lines.first == "20 × 30 Matrix<Float>")
    #expect(lines.count == 1 + 9, "4 rows, an elision row, 4 rows")
    #expect(lines[1].contains("…"))
  }

  @Test func precisionConversion() throws {
    let d = try Matrix<Double>(rows: [[0.1, 2]])
    let f = Matrix<Float>(converting: d)
    #expect(f.elements == [Float(0.1), 2])
  }
}
