import Foundation
import LatentMetrics

/// Per-class and macro-averaged scores of one method on one set of images, in the
/// shape of the `--json` output.
struct SplitReport: Codable, Sendable {
  struct ClassScores: Codable, Sendable {
    var precision: Double
    var recall: Double
    var f1: Double
    var support: Int
    var tp: Int
    var fp: Int
    var fn: Int
    var tn: Int
  }
  struct Macro: Codable, Sendable {
    var precision: Double
    var recall: Double
    var f1: Double
  }

  var perClass: [String: ClassScores]
  var macro: Macro
  /// Not in the JSON: the class order and accuracy, for the text tables.
  var classOrder: [String] = []
  var accuracy: Double = 0

  enum CodingKeys: String, CodingKey {
    case perClass = "per_class"
    case macro
  }

  /// Scores of `predicted` against `truth`, over `classes` in that order
  /// (precision_recall_fscore_support with zero_division=0, as scikit-learn's default "warn").
  init(truth: [String], predicted: [String], classes: [String]) throws {
    let scores = try ClassificationScores(truth: truth, predictions: predicted, labels: classes)
    let precision = scores.precision()
    let recall = scores.recall()
    let f1 = scores.f1Score()
    var perClass: [String: ClassScores] = [:]
    for (k, name) in classes.enumerated() {
      perClass[name] = ClassScores(
        precision: precision[k], recall: recall[k], f1: f1[k], support: scores.support[k],
        tp: scores.truePositives[k], fp: scores.falsePositives[k], fn: scores.falseNegatives[k],
        tn: scores.trueNegatives[k])
    }
    self.perClass = perClass
    self.macro = Macro(
      precision: scores.precision(average: .macro), recall: scores.recall(average: .macro),
      f1: scores.f1Score(average: .macro))
    self.classOrder = classes
    self.accuracy = scores.accuracy
  }

  /// An aligned table: one row per class, then the macro average.
  func table(title: String) -> String {
    let nameWidth = max(11, classOrder.map(\.count).max() ?? 0)
    func pad(_ text: String, _ width: Int, right: Bool = true) -> String {
      let padding = String(repeating: " ", count: max(0, width - text.count))
      return right ? padding + text : text + padding
    }
    func number(_ value: Double) -> String { String(format: "%.3f", value) }
    var lines = ["  \(title)"]
    lines.append(
      "  " + pad("class", nameWidth, right: false) + pad("precision", 11) + pad("recall", 8) + pad("f1", 8)
        + pad("support", 9) + pad("tp", 6) + pad("fp", 6) + pad("fn", 6) + pad("tn", 6))
    for name in classOrder {
      let s = perClass[name]!
      lines.append(
        "  " + pad(name, nameWidth, right: false) + pad(number(s.precision), 11) + pad(number(s.recall), 8)
          + pad(number(s.f1), 8) + pad(String(s.support), 9) + pad(String(s.tp), 6) + pad(String(s.fp), 6)
          + pad(String(s.fn), 6) + pad(String(s.tn), 6))
    }
    let total = perClass.values.reduce(0) { $0 + $1.support }
    lines.append(
      "  " + pad("macro avg", nameWidth, right: false) + pad(number(macro.precision), 11) + pad(number(macro.recall), 8)
        + pad(number(macro.f1), 8) + pad(String(total), 9) + "   accuracy " + number(accuracy))
    return lines.joined(separator: "\n")
  }
}

/// One method's results on the training and the test images.
struct MethodReport: Codable, Sendable {
  var train: SplitReport
  var test: SplitReport
}

/// The whole experiment, as written by `--json`.
struct ExperimentReport: Codable, Sendable {
  var classes: [String]
  var trainPerClass: Int
  var testPerClass: Int
  var methods: [String: MethodReport]

  enum CodingKeys: String, CodingKey {
    case classes
    case trainPerClass = "train_per_class"
    case testPerClass = "test_per_class"
    case methods
  }

  /// The summary across methods, in the order they ran.
  func summary(order: [String]) -> String {
    let width = max(16, order.map(\.count).max() ?? 0 + 2)
    func pad(_ text: String, _ columns: Int, right: Bool = true) -> String {
      let padding = String(repeating: " ", count: max(0, columns - text.count))
      return right ? padding + text : text + padding
    }
    var lines = [
      "Summary: macro averages over \(classes.count) classes (\(trainPerClass) training and \(testPerClass) test images per class)",
      pad("method", width, right: false) + pad("train P", 9) + pad("train R", 9) + pad("train F1", 10)
        + pad("test P", 9) + pad("test R", 9) + pad("test F1", 9) + pad("test acc", 10),
    ]
    for name in order {
      guard let m = methods[name] else { continue }
      let values = [m.train.macro.precision, m.train.macro.recall, m.train.macro.f1, m.test.macro.precision, m.test.macro.recall, m.test.macro.f1, m.test.accuracy]
      let widths = [9, 9, 10, 9, 9, 9, 10]
      lines.append(pad(name, width, right: false) + zip(values, widths).map { pad(String(format: "%.3f", $0), $1) }.joined())
    }
    return lines.joined(separator: "\n")
  }

  func write(to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let data = try encoder.encode(self)
    do {
      try createParentDirectory(of: path)
      try data.write(to: URL(fileURLWithPath: path))
    } catch {
      throw CLIError("cannot write \(path): \(error.localizedDescription)")
    }
  }
}

/// Creates the folder a file will be written to, if it does not exist yet.
func createParentDirectory(of path: String) throws {
  let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
  try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
}

/// A one-line error for the user.
struct CLIError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
