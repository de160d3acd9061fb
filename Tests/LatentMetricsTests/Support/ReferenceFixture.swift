import Foundation
import LatentMetrics
import Testing

/// The scikit-learn reference values written by Tests/Reference/reference_metrics.py.
struct ReferenceFixture: Decodable, Sendable {
  let generator: String
  let versions: [String: String]
  let cases: [ReferenceCase]

  /// Tests/LatentMetricsTests/Support/ReferenceFixture.swift → Tests/Reference/Fixtures/metrics.json
  static let url = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Reference/Fixtures/metrics.json")

  static let loaded: Result<ReferenceFixture, any Error> = Result {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(ReferenceFixture.self, from: Data(contentsOf: url))
  }

  /// The cases, or none when the file does not load (``ReferenceFixtureTests`` then fails).
  static var cases: [ReferenceCase] { (try? loaded.get())?.cases ?? [] }
}

/// One set of true and predicted labels and scikit-learn's outputs for it.
struct ReferenceCase: Decodable, Sendable, CustomTestStringConvertible {
  let name: String
  let note: String
  let labelType: String
  let truth: ReferenceLabels
  let predictions: ReferenceLabels
  let labels: ReferenceLabels?
  let inferredLabels: ReferenceLabels?
  let confusionMatrix: Outcome<ConfusionMatrixOutputs>
  let multilabelConfusion: Outcome<MultilabelOutputs>
  let scores: Outcome<[ScoreOutputs]>
  let accuracy: Outcome<ReferenceNumber>
  let balancedAccuracy: Outcome<ReferenceNumber>
  let balancedAccuracyAdjusted: Outcome<ReferenceNumber>
  let reports: Outcome<[ReportOutputs]>

  var testDescription: String { name }
}

/// Integer or string labels (an empty list decodes as integers; it has no type).
enum ReferenceLabels: Decodable, Sendable {
  case integers([Int])
  case strings([String])

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let integers = try? container.decode([Int].self) {
      self = .integers(integers)
    } else {
      self = .strings(try container.decode([String].self))
    }
  }

  var integers: [Int]? { if case .integers(let values) = self { values } else { nil } }
  var strings: [String]? {
    switch self {
    case .strings(let values): values
    case .integers(let values): values.isEmpty ? [] : nil
    }
  }
}

/// A scikit-learn output, or the MetricsError case Latent must throw where scikit-learn raised.
enum Outcome<Value: Decodable & Sendable>: Decodable, Sendable {
  case value(Value)
  case error(String)

  private enum ErrorKeys: String, CodingKey { case error }

  init(from decoder: any Decoder) throws {
    if let container = try? decoder.container(keyedBy: ErrorKeys.self),
      let error = try? container.decode(String.self, forKey: .error)
    {
      self = .error(error)
    } else {
      self = .value(try Value(from: decoder))
    }
  }
}

/// A float that may be written as "nan", "inf" or "-inf" (JSON has no such numbers).
struct ReferenceNumber: Decodable, Sendable {
  let value: Double

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let number = try? container.decode(Double.self) {
      value = number
      return
    }
    switch try container.decode(String.self) {
    case "nan": value = .nan
    case "inf": value = .infinity
    case "-inf": value = -.infinity
    case let other:
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "not a number: \(other)")
    }
  }
}

struct ConfusionMatrixOutputs: Decodable, Sendable {
  let counts: [[Int]]
  let truth: [[ReferenceNumber]]
  let predictions: [[ReferenceNumber]]
  let all: [[ReferenceNumber]]

  private enum CodingKeys: String, CodingKey {
    case counts
    case truth = "true"
    case predictions = "pred"
    case all
  }
}

struct MultilabelOutputs: Decodable, Sendable {
  let trueNegatives: [Int]
  let falsePositives: [Int]
  let falseNegatives: [Int]
  let truePositives: [Int]
}

struct ScoreOutputs: Decodable, Sendable {
  struct PerClass: Decodable, Sendable {
    let precision: [ReferenceNumber]
    let recall: [ReferenceNumber]
    let fScore: [ReferenceNumber]
    let support: [Int]
  }
  struct Averaged: Decodable, Sendable {
    let precision: ReferenceNumber
    let recall: ReferenceNumber
    let fScore: ReferenceNumber
  }
  let beta: ReferenceNumber
  let zeroDivision: String
  let perClass: PerClass
  let micro: Averaged
  let macro: Averaged
  let weighted: Averaged

  var zeroDivisionChoice: ZeroDivision { ZeroDivision(fixtureKey: zeroDivision) }
}

struct ReportOutputs: Decodable, Sendable {
  struct Row: Decodable, Sendable {
    let name: String
    let precision: ReferenceNumber
    let recall: ReferenceNumber
    let f1Score: ReferenceNumber
    let support: Int
  }
  struct Data: Decodable, Sendable {
    let classes: [Row]
    let accuracy: ReferenceNumber?
    let microAvg: Row?
    let macroAvg: Row
    let weightedAvg: Row
  }
  let zeroDivision: String
  let digits: Int
  let text: String
  let data: Data

  var zeroDivisionChoice: ZeroDivision { ZeroDivision(fixtureKey: zeroDivision) }
}

extension ZeroDivision {
  /// The zero division the fixture names "0", "1" or "nan".
  init(fixtureKey: String) {
    switch fixtureKey {
    case "0": self = .zero
    case "1": self = .one
    default: self = .nan
    }
  }
}
