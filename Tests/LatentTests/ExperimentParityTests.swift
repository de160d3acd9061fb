// The experiment of `latent experiment` against scikit-learn 1.9.1 on the same images
// (Tests/Reference/Fixtures/experiment.json): Fashion-MNIST, two class sets, 16 and 128
// training images per class, 128 test images per class; every method (raw pixels, LDA svd
// 2-D/3-D, LDA eigen + Ledoit–Wolf 2-D/3-D, PCA 2-D/3-D), then a Euclidean nearest centroid,
// then per-class precision, recall and F1. Predictions must be identical; the scores are then
// identical too (checked within 1e-12, the rounding of a division).
import LatentData
import LatentMetrics
import LatentModels
import LatentTestSupport
import Testing

@Suite("Experiment parity with scikit-learn")
struct ExperimentParityTests {
  static func projection(_ method: String) -> ProjectionSettings? {
    switch method {
    case "raw": .identity
    case "lda2": .lda(LinearDiscriminantAnalysis(solver: .svd, componentCount: 2))
    case "lda3": .lda(LinearDiscriminantAnalysis(solver: .svd, componentCount: 3))
    case "lda2-shrinkage": .lda(LinearDiscriminantAnalysis(solver: .eigen(shrinkage: .ledoitWolf), componentCount: 2))
    case "lda3-shrinkage": .lda(LinearDiscriminantAnalysis(solver: .eigen(shrinkage: .ledoitWolf), componentCount: 3))
    case "pca2": .pca(PrincipalComponentAnalysis(componentCount: .count(2), solver: .full))
    case "pca3": .pca(PrincipalComponentAnalysis(componentCount: .count(3), solver: .full))
    default: nil
    }
  }

  @Test func everyMethodMatchesScikitLearn() throws {
    let fixture = try ReferenceFixture(named: "experiment.json")
    let cases = fixture.cases()
    #expect(cases.count == 2 * 2 * 7)
    var loaded: [String: TrainTestSplit<Double>] = [:]
    for c in cases {
      let classes = try #require(c.raw["classes"]?.array).compactMap(\.string)
      let sorted = try #require(c.raw["sorted_classes"]?.array).compactMap(\.string)
      let trainPerClass = try #require(c.raw["train_per_class"]?.int)
      let method = try #require(c.raw["method"]?.string)
      let key = "\(classes)-\(trainPerClass)"
      let split: TrainTestSplit<Double>
      if let cached = loaded[key] {
        split = cached
      } else {
        split = try FashionMNIST.load(classes: classes, trainPerClass: trainPerClass, testPerClass: 128)
        loaded[key] = split
      }
      let settings = try #require(Self.projection(method))
      let model = try EmbeddingClassifier.fit(split.train.samples, labels: split.train.labels, projection: settings)
      #expect(model.classes == sorted, "\(key) \(method): class order")
      for (part, samples, truth) in [("train", split.train.samples, split.train.labels), ("test", split.test.samples, split.test.labels)] {
        let predicted = try model.predict(samples)
        let expected = try #require(c.raw["predict_\(part)"]?.array).compactMap(\.string)
        let differing = zip(predicted, expected).filter { $0 != $1 }.count
        #expect(differing == 0, "\(key) \(method) \(part): \(differing) of \(expected.count) predictions differ")
        let scores = try ClassificationScores(truth: truth, predictions: predicted, labels: sorted)
        let reference = try #require(c.raw[part])
        #expect(relativeDifference(scores.precision(), try #require(reference["precision"]?.doubles)) <= 1e-12, "\(key) \(method) \(part) precision")
        #expect(relativeDifference(scores.recall(), try #require(reference["recall"]?.doubles)) <= 1e-12, "\(key) \(method) \(part) recall")
        #expect(relativeDifference(scores.f1Score(), try #require(reference["f1"]?.doubles)) <= 1e-12, "\(key) \(method) \(part) f1")
        #expect(scores.support == (try #require(reference["support"]?.doubles)).map { Int($0) }, "\(key) \(method) \(part) support")
      }
    }
  }
}
