// Fitted models are Sendable values: fitting and predicting from many tasks at once must give
// exactly what the same calls give one after another. (Run the suite with
// `swift test --sanitize=thread` to have data races reported; Docs/Hardening.md.)
import Latent
import Testing

@Suite("Concurrency")
struct ConcurrencyTests {
  /// Three classes in 60 dimensions, seeded.
  static func data(seed: UInt64) -> (Matrix<Double>, [String]) {
    var state = seed
    func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) * 0x1p-53 - 0.5
    }
    let labels = (0..<90).map { ["a", "b", "c"][$0 % 3] }
    let x = Matrix<Double>(rowCount: 90, columnCount: 60) { i, j in next() + (j % 3 == i % 3 ? 0.8 : 0) }
    return (x, labels)
  }

  static let settings: [ProjectionSettings] = [
    .identity,
    .pca(PrincipalComponentAnalysis(componentCount: .count(3))),
    .lda(LinearDiscriminantAnalysis(solver: .svd)),
    .lda(LinearDiscriminantAnalysis(solver: .eigen(shrinkage: .ledoitWolf))),
  ]

  @Test func fittingAndPredictingInParallelMatchesSerial() async throws {
    let (x, labels) = Self.data(seed: 7)
    // Serially first.
    var serial: [[String]] = []
    var serialDistances: [Matrix<Double>] = []
    for settings in Self.settings {
      let model = try EmbeddingClassifier.fit(x, labels: labels, projection: settings)
      serial.append(try model.predict(x))
      serialDistances.append(try model.distances(x))
    }
    // Then 4 × 8 tasks at once, each fitting its own model and predicting.
    let results = try await withThrowingTaskGroup(of: (Int, [String], Matrix<Double>).self) { group in
      for round in 0..<8 {
        for (index, settings) in Self.settings.enumerated() {
          group.addTask {
            _ = round
            let model = try EmbeddingClassifier.fit(x, labels: labels, projection: settings)
            return (index, try model.predict(x), try model.distances(x))
          }
        }
      }
      var collected: [(Int, [String], Matrix<Double>)] = []
      for try await result in group { collected.append(result) }
      return collected
    }
    #expect(results.count == 32)
    for (index, predicted, distances) in results {
      #expect(predicted == serial[index], "settings \(index): predictions differ from the serial run")
      #expect(distances == serialDistances[index], "settings \(index): distances differ from the serial run")
    }
  }

  @Test func oneFittedModelSharedByManyTasks() async throws {
    let (x, labels) = Self.data(seed: 11)
    let model = try EmbeddingClassifier.fit(x, labels: labels, projection: Self.settings[2])
    let expected = try model.predict(x)
    let all = try await withThrowingTaskGroup(of: [String].self) { group in
      for _ in 0..<16 { group.addTask { try model.predict(x) } }
      var collected: [[String]] = []
      for try await result in group { collected.append(result) }
      return collected
    }
    #expect(all.allSatisfy { $0 == expected })
  }
}
