// Bad input over every public estimator: each case must give a typed error or a correct,
// finite result; never a crash and never NaN or infinity in an output. The list of cases and
// what each estimator does with it is in Docs/Hardening.md.
import Foundation
import Latent
import Testing

@Suite("Bad input to every estimator")
struct BadInputTests {
  /// A named input: samples and labels.
  struct Case: CustomStringConvertible, Sendable {
    let description: String
    let x: Matrix<Double>
    let labels: [Int]
  }

  static func base(rows: Int = 12, columns: Int = 5) -> Matrix<Double> {
    Matrix(rowCount: rows, columnCount: columns) { i, j in Double((i * 7 + j * 3) % 11) / 11 + Double(i % 3) }
  }

  static let cases: [Case] = {
    var list: [Case] = []
    let labels = (0..<12).map { $0 % 3 }
    var nan = base()
    nan[4, 2] = .nan
    list.append(Case(description: "NaN", x: nan, labels: labels))
    var inf = base()
    inf[1, 1] = .infinity
    list.append(Case(description: "+infinity", x: inf, labels: labels))
    var negInf = base()
    negInf[0, 4] = -.infinity
    list.append(Case(description: "-infinity", x: negInf, labels: labels))
    list.append(Case(description: "empty (0 rows)", x: Matrix(rowCount: 0, columnCount: 5, repeating: 0), labels: []))
    list.append(Case(description: "empty (0 columns)", x: Matrix(rowCount: 12, columnCount: 0, repeating: 0), labels: labels))
    list.append(Case(description: "one row", x: base(rows: 1), labels: [0]))
    list.append(Case(description: "one class", x: base(), labels: Array(repeating: 1, count: 12)))
    list.append(Case(description: "a class with one sample", x: base(rows: 7), labels: [0, 0, 0, 1, 1, 1, 2]))
    list.append(Case(description: "all samples identical", x: Matrix(rowCount: 12, columnCount: 5, repeating: 0.5), labels: labels))
    var constant = base()
    for i in 0..<12 { constant[i, 2] = 3; constant[i, 0] = -1 }
    list.append(Case(description: "constant features", x: constant, labels: labels))
    let duplicated = base().rows(at: (0..<12).map { $0 / 2 * 2 })
    list.append(Case(description: "duplicate rows", x: duplicated, labels: labels))
    list.append(Case(description: "enormous values (1e300)", x: base().scaled(by: 1e300), labels: labels))
    list.append(Case(description: "tiny values (1e-300)", x: base().scaled(by: 1e-300), labels: labels))
    list.append(Case(description: "label count mismatch", x: base(), labels: Array(labels.dropLast())))
    return list
  }()

  static let estimators: [(String, ProjectionSettings)] = [
    ("raw + nearest centroid", .identity),
    ("PCA 2", .pca(PrincipalComponentAnalysis(componentCount: .count(2)))),
    ("PCA all", .pca(PrincipalComponentAnalysis())),
    ("PCA 0.9", .pca(PrincipalComponentAnalysis(componentCount: .varianceFraction(0.9)))),
    ("LDA svd", .lda(LinearDiscriminantAnalysis(solver: .svd))),
    ("LDA svd low-rank", .lda(LinearDiscriminantAnalysis(solver: .svd, path: .lowRank))),
    ("LDA eigen", .lda(LinearDiscriminantAnalysis(solver: .eigen()))),
    ("LDA eigen 0.3", .lda(LinearDiscriminantAnalysis(solver: .eigen(shrinkage: .fixed(0.3))))),
    ("LDA eigen Ledoit–Wolf", .lda(LinearDiscriminantAnalysis(solver: .eigen(shrinkage: .ledoitWolf)))),
    ("LDA eigen Ledoit–Wolf low-rank", .lda(LinearDiscriminantAnalysis(solver: .eigen(shrinkage: .ledoitWolf), path: .lowRank))),
  ]

  static func allFinite(_ m: Matrix<Double>) -> Bool { m.elements.allSatisfy(\.isFinite) }

  @Test(arguments: cases)
  func everyEstimatorErrsOrGivesFiniteResults(_ input: Case) {
    for (name, settings) in Self.estimators {
      do {
        let model = try EmbeddingClassifier.fit(input.x, labels: input.labels, projection: settings)
        let projected = try model.transform(input.x)
        let distances = try model.distances(input.x)
        let predicted = try model.predict(input.x)
        #expect(Self.allFinite(projected), "\(input) → \(name): non-finite projection")
        #expect(Self.allFinite(distances), "\(input) → \(name): non-finite distances")
        #expect(predicted.count == input.x.rowCount)
      } catch is ModelError {
        // A typed error with a message: fine.
      } catch is LinearAlgebraError {
        // Also typed (the linear algebra underneath).
      } catch {
        Issue.record("\(input) → \(name): untyped error \(error)")
      }
    }
  }

  @Test func componentCountsOutOfRange() throws {
    let x = Self.base()
    let labels = (0..<12).map { $0 % 3 }
    for count in [0, 3, -1, 100] {
      #expect(throws: ModelError.self, "LDA \(count)") {
        try LinearDiscriminantAnalysis(componentCount: count).fit(x, labels: labels)
      }
    }
    for count in [0, 13, -2] {
      #expect(throws: ModelError.self, "PCA \(count)") { try PrincipalComponentAnalysis(componentCount: .count(count)).fit(x) }
    }
    #expect(throws: ModelError.self) { try PrincipalComponentAnalysis(componentCount: .varianceFraction(1.5)).fit(x) }
  }

  @Test func explicitPathRefusesWhatMemoryCannotHold() throws {
    // 9 × 200,000: the data is 14 MB, but the explicit path's d × d matrices would be ~1.9 TB.
    let x = Matrix<Double>(rowCount: 9, columnCount: 200_000) { i, j in Double((i * 31 + j * 7) % 13) + Double(i % 3) }
    let labels = (0..<9).map { $0 % 3 }
    do {
      _ = try LinearDiscriminantAnalysis(path: .explicit).fit(x, labels: labels)
      Issue.record("expected insufficientMemory")
    } catch let error as ModelError {
      guard case .insufficientMemory(_, let needed, _, let alternative) = error else {
        Issue.record("expected insufficientMemory, got \(error)")
        return
      }
      #expect(needed > 1_000_000_000_000)
      #expect(alternative.contains("lowRank") && error.description.contains("GB"))
    }
    // The automatic path takes the low-rank route and fits.
    #expect(try LinearDiscriminantAnalysis().fit(x, labels: labels).path == .lowRank)
  }

  @Test func featureCountAtTransformTimeMustMatch() throws {
    let x = Self.base()
    let labels = (0..<12).map { $0 % 3 }
    let other = Self.base(columns: 6)
    let lda = try LinearDiscriminantAnalysis().fit(x, labels: labels)
    #expect(throws: ModelError.self) { try lda.transform(other) }
    #expect(throws: ModelError.self) { try lda.predict(other) }
    let pca = try PrincipalComponentAnalysis(componentCount: .count(2)).fit(x)
    #expect(throws: ModelError.self) { try pca.transform(other) }
    let composed = try EmbeddingClassifier.fit(x, labels: labels, projection: .identity)
    #expect(throws: ModelError.self) { try composed.predict(other) }
  }
}
