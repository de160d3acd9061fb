// EmbeddingClassifier: a projection (none, PCA, LDA) and a nearest-centroid classifier, fitted and
// shipped as one value. The parts are checked against scikit-learn elsewhere; here: the composition
// equals doing the steps by hand, and a JSON round trip gives identical outputs.
import Foundation
import LatentLinearAlgebra
import LatentModels
import Testing

@Suite("EmbeddingClassifier")
struct EmbeddingClassifierTests {
  static let x = Matrix<Double>(rowCount: 30, columnCount: 8) { i, j in
    Double((i * 37 + j * 11) % 17) / 17 + (j == i % 3 ? 1.5 : 0)
  }
  static let labels = (0..<30).map { ["cat", "dog", "fox"][$0 % 3] }
  static let settings: [ProjectionSettings] = [
    .identity,
    .pca(PrincipalComponentAnalysis(componentCount: .count(2))),
    .lda(LinearDiscriminantAnalysis(componentCount: 2)),
    .lda(LinearDiscriminantAnalysis(solver: .eigen(shrinkage: .ledoitWolf))),
  ]

  @Test func equalsTheStepsDoneByHand() throws {
    let lda = try LinearDiscriminantAnalysis(componentCount: 2).fit(Self.x, labels: Self.labels)
    let projected = try lda.transform(Self.x)
    let byHand = try NearestCentroid().fit(projected, labels: Self.labels).predict(projected)
    let composed = try EmbeddingClassifier.fit(Self.x, labels: Self.labels, projection: Self.settings[2])
    #expect(try composed.predict(Self.x) == byHand)
    #expect(try composed.transform(Self.x) == projected)
  }

  @Test func jsonRoundTripGivesIdenticalOutputs() throws {
    for settings in Self.settings {
      let model = try EmbeddingClassifier.fit(Self.x, labels: Self.labels, projection: settings)
      let decoded = try JSONDecoder().decode(EmbeddingClassifier<Double, String>.self, from: JSONEncoder().encode(model))
      #expect(try decoded.predict(Self.x) == model.predict(Self.x), "\(settings)")
      #expect(try decoded.distances(Self.x) == model.distances(Self.x), "\(settings)")
      #expect(decoded.classes == ["cat", "dog", "fox"] && decoded.featureCount == 8)
    }
  }

  @Test func projectionSettingsRoundTripToo() throws {
    for settings in Self.settings {
      #expect(try JSONDecoder().decode(ProjectionSettings.self, from: JSONEncoder().encode(settings)) == settings)
    }
  }
}
