import ArgumentParser
import Foundation
import LatentLinearAlgebra
import LatentModels

/// One row of the results.
struct ResultRow: Codable, Sendable {
  /// The data set: "synthetic", "photos", or the file name of --data.
  var dataset: String
  var task: String
  var implementation: String
  var scalar: String
  var n: Int
  var d: Int
  var classes: Int
  var seconds: Double?
  var peakRSSBytes: Int?
  var extraRSSBytes: Int?
  var inputBytes: Int
  var gflops: Double?
  var peakShare: Double?
  var kernelSeconds: Double?
  var agreement: Double?
  var agreementReference: String?
  /// For `Float` rows of Latent: the largest relative difference of the projection from a
  /// `Double` fit of the same values (the `Float` input converted exactly), so that it measures
  /// the arithmetic alone, without the rounding of the data.
  var floatVsDouble: Double?
  var skipped: String?
  var series: String?

  enum CodingKeys: String, CodingKey {
    case dataset, task, implementation, scalar, n, d, classes, seconds
    case peakRSSBytes = "peak_rss_bytes"
    case extraRSSBytes = "working_rss_bytes"
    case inputBytes = "input_bytes"
    case gflops
    case peakShare = "gemm_peak_share"
    case kernelSeconds = "dominant_kernel_seconds"
    case agreement
    case agreementReference = "agreement_reference"
    case floatVsDouble = "float_vs_double"
    case skipped, series
  }

  /// Encodes nil as JSON null (the schema lists every key on every row).
  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(dataset, forKey: .dataset)
    try c.encode(task, forKey: .task)
    try c.encode(implementation, forKey: .implementation)
    try c.encode(scalar, forKey: .scalar)
    try c.encode(n, forKey: .n)
    try c.encode(d, forKey: .d)
    try c.encode(classes, forKey: .classes)
    try c.encode(seconds, forKey: .seconds)
    try c.encode(peakRSSBytes, forKey: .peakRSSBytes)
    try c.encode(extraRSSBytes, forKey: .extraRSSBytes)
    try c.encode(inputBytes, forKey: .inputBytes)
    try c.encode(gflops, forKey: .gflops)
    try c.encode(peakShare, forKey: .peakShare)
    try c.encode(kernelSeconds, forKey: .kernelSeconds)
    try c.encode(agreement, forKey: .agreement)
    try c.encode(agreementReference, forKey: .agreementReference)
    try c.encode(floatVsDouble, forKey: .floatVsDouble)
    try c.encode(skipped, forKey: .skipped)
    try c.encode(series, forKey: .series)
  }
}
