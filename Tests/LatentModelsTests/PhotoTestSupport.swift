// Shared by the photo-like data tests: photo.json (written by Tests/Reference/reference_photo.py),
// its data sets built by the photo recipe from Debian's Fashion-MNIST, and the comparisons.
//
// Tolerances come from the conditioning the fixture stores, κ = s_max / s_min of the
// within-class standardized data (scikit-learn's svd-solver matrix, singular values above
// tol = 1e-4). The svd solver's within-class step is a backward stable factorization of that
// matrix: its directions along the smallest singular value are scaled by 1 / s_min and carry
// relative errors of about u·κ (u the unit roundoff), in scikit-learn's outputs as in ours, so
// two correct ε·κ-accurate implementations differ by a few u·κ. A route that squares the
// matrix (a Gram or scatter matrix) would be only u·κ²-accurate.
import Foundation
import LatentData
import LatentLinearAlgebra
import LatentTestSupport
import Testing

@testable import LatentModels

/// photo.json, decoded once per test process.
let photoFixture = Result { try ReferenceFixture(named: "photo.json") }

/// Fashion-MNIST's training images (784 bytes each, file order) and labels.
let fashionTraining: Result<(images: [UInt8], labels: [Int]), any Error> = Result {
  let directory = FashionMNIST.defaultDirectory
  let images = try IDXArray.read(contentsOf: directory + "/train-images-idx3-ubyte.gz")
  let labels = try IDXArray.read(contentsOf: directory + "/train-labels-idx1-ubyte.gz").integers()
  guard images.shape == [labels.count, 28, 28] else { throw FixtureError.malformed("unexpected Fashion-MNIST shape") }
  return (images.data, labels)
}

/// One photo data set of photo.json: the recipe's parameters and the rows it takes.
struct PhotoDataset {
  let name: String
  let height: Int
  let width: Int
  let seed: Int
  let rows: [Int]
  let labels: [Int]
  let heldOutRows: [Int]
  let heldOutLabels: [Int]
  /// The fixture's entry (pixel_check, conditioning).
  let entry: JSONValue

  var featureCount: Int { height * width }

  init(named name: String) throws {
    let fixture = try photoFixture.get()
    guard let entry = fixture.root["datasets"]?[name], entry["recipe"]?.string == "fashion-photo",
      let height = entry["height"]?.int, let width = entry["width"]?.int, let seed = entry["seed"]?.int,
      let rows = entry["rows"]?.doubles, let labels = entry["labels"]?.doubles,
      let heldOutRows = entry["heldout_rows"]?.doubles, let heldOutLabels = entry["heldout_labels"]?.doubles
    else { throw FixtureError.malformed("photo.json: data set \(name)") }
    self.name = name
    self.height = height
    self.width = width
    self.seed = seed
    self.rows = rows.map { Int($0) }
    self.labels = labels.map { Int($0) }
    self.heldOutRows = heldOutRows.map { Int($0) }
    self.heldOutLabels = heldOutLabels.map { Int($0) }
    self.entry = entry
  }

  /// The source rows the recipe selects from Fashion-MNIST's labels (training, held out).
  func selectedRows() throws -> (training: [Int], heldOut: [Int]) {
    let labels = try fashionTraining.get().labels
    guard let classes = entry["classes"]?.doubles?.map({ Int($0) }), let perClass = entry["per_class"]?.int,
      let skip = entry["skip"]?.int, let heldOutSkip = entry["heldout_skip"]?.int
    else { throw FixtureError.malformed("photo.json: \(name) lacks classes or counts") }
    return (
      PhotoRecipe.sourceRows(labels: labels, classes: classes, perClass: perClass, skip: skip),
      PhotoRecipe.sourceRows(labels: labels, classes: classes, perClass: perClass, skip: heldOutSkip)
    )
  }

  /// The recipe's matrix for these IDX rows.
  func matrix<T: LinearAlgebraScalar>(_ rows: [Int], _: T.Type) throws -> Matrix<T> {
    PhotoRecipe.matrix(images: try fashionTraining.get().images, rows: rows, height: height, width: width, seed: seed)
  }

  /// κ of the within-class standardized data, as the generator computed it.
  var kappa: Double { entry["conditioning"]?["kappa"]?.double ?? .nan }
}

/// The unit roundoff of a precision.
func unitRoundoff<T: LinearAlgebraScalar>(_: T.Type) -> Double {
  T.self == Float.self ? Double(Float.ulpOfOne) / 2 : Double.ulpOfOne / 2
}

/// The probe matrix of photo.json, `3 × d`.
func photoProbe(columns d: Int) throws -> Matrix<Double> {
  let seed = try #require(try photoFixture.get().root["probe_seed"]?.int)
  return recipeMatrix(seed: seed, rows: 3, columns: d)
}

/// A case of photo.json by name.
func photoCase(_ name: String, release: Bool) throws -> ReferenceCase {
  let fixture = try photoFixture.get()
  guard let found = fixture.cases(release ? "release_cases" : "cases").first(where: { $0.name == name }) else {
    throw FixtureError.malformed("photo.json: no case \(name)")
  }
  return found
}

/// Predictions that differ from the reference's, counted.
func predictionMismatches(_ a: [Int], _ b: [Double]) -> Int {
  a.count != b.count ? Swift.max(a.count, b.count) : zip(a, b).filter { Double($0) != $1 }.count
}

/// Predictions that differ from the reference's on rows whose reference decision margin
/// (best minus second-best decision value) exceeds what the model's error can move, and the
/// count of rows within that allowance.
///
/// With coefficients within `tolerance` norm-wise (‖δW‖_F ≤ τ·‖W‖_F) and intercepts within
/// `tolerance` of max(1, ‖b‖), each decision value xᵢ·wₖ + bₖ moves by at most
/// τ·(‖xᵢ‖·‖W‖_F + max(1, ‖b‖)), and the margin by twice that: a row closer to a tie may
/// legitimately change class. The model's own W and b stand in for the reference's (they
/// differ by the relative τ, a second-order change to the allowance).
func predictionMismatches<T: LinearAlgebraScalar>(
  _ model: LDAModel<T, Int>, _ x: Matrix<T>, reference: [Double], margins: [Double], tolerance: Double
) throws -> (mismatches: Int, nearTies: Int) {
  let predicted = try model.predict(x)
  guard predicted.count == reference.count, margins.count == reference.count else {
    return (Swift.max(predicted.count, reference.count), 0)
  }
  let coefficientNorm = asDouble(model.coefficients).elements.reduce(0) { $0 + $1 * $1 }.squareRoot()
  let interceptScale = Swift.max(1, model.intercepts.map { Double($0) * Double($0) }.reduce(0, +).squareRoot())
  let d = x.columnCount
  var mismatches = 0
  var nearTies = 0
  for i in 0..<reference.count {
    let row = x.elements[(i * d)..<((i + 1) * d)]
    let rowNorm = row.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
    let allowance = 2 * tolerance * (rowNorm * coefficientNorm + interceptScale)
    if margins[i] <= allowance {
      nearTies += 1
    } else if Double(predicted[i]) != reference[i] {
      mismatches += 1
    }
  }
  return (mismatches, nearTies)
}

/// Compares an LDA fit on a photo data set with a case's reference outputs: every float
/// output to `tolerance` (norm-wise relative; the transform and scalings up to a per-column
/// sign), predictions on the training and held-out rows identical; with `marginTolerance`,
/// identical except on rows within the margin that tolerance allows (`predictionMismatches`).
func comparePhotoLDA<T: LinearAlgebraScalar>(
  _ model: LDAModel<T, Int>, _ c: ReferenceCase, training: Matrix<T>, heldOut: Matrix<T>, probe: Matrix<Double>,
  tolerance: Double, marginTolerance: Double? = nil, label: String
) throws -> ErrorReport {
  var report = ErrorReport(label)
  let outputs = c.outputs
  let eigen = c.inputs["solver"]?.string == "eigen"
  let ratio = try #require(c.vector(eigen ? "explained_variance_ratio_leading" : "explained_variance_ratio"))
  report.add("explained_variance_ratio", relativeDifference(model.explainedVarianceRatio, ratio), tolerance)
  report.add("intercept", relativeDifference(model.intercepts, try #require(c.vector("intercept")), floor: 1), tolerance)
  let m = try #require(outputs["n_components"]?.int)
  let scalings = try #require(try c.outputMatrix("scalings_probe"))
  report.add(
    "probe·scalings",
    alignedDifference(
      try probe.multiplied(by: asDouble(model.scalings.columns(at: Array(0..<m)))), scalings, ComponentTolerances(), tolerance: tolerance),
    tolerance)
  report.add(
    "coef·probe",
    relativeDifference(
      try asDouble(model.coefficients).multiplied(by: probe, transposingOther: true), try #require(try c.outputMatrix("coef_probe"))),
    tolerance)
  let transform = try #require(try c.outputMatrix("transform"))
  report.add(
    "transform", alignedDifference(asDouble(try model.transform(training)), transform, ComponentTolerances(), tolerance: tolerance),
    tolerance)
  if let marginTolerance {
    for (key, x, suffix) in [("predict", training, ""), ("predict held-out", heldOut, "_heldout")] {
      let (mismatches, nearTies) = try predictionMismatches(
        model, x, reference: try #require(c.vector("predict" + suffix)),
        margins: try #require(c.vector("decision_margin" + suffix)), tolerance: marginTolerance)
      report.add(key + " (\(nearTies) rows within the margin allowance)", Double(mismatches), 0)
    }
  } else {
    report.add(
      "predict", Double(predictionMismatches(try model.predict(training), try #require(c.vector("predict")))), 0)
    report.add(
      "predict held-out",
      Double(predictionMismatches(try model.predict(heldOut), try #require(c.vector("predict_heldout")))), 0)
  }
  return report
}

/// Compares a 3-component PCA fit with a case's scikit-learn outputs to `tolerance`.
func comparePhotoPCA<T: LinearAlgebraScalar>(
  _ model: PCAModel<T>, _ c: ReferenceCase, training: Matrix<T>, probe: Matrix<Double>, tolerance: Double,
  componentTolerance: Double, label: String
) throws -> ErrorReport {
  var report = ErrorReport(label)
  report.add("component count", Double(abs(model.componentCount - (c.number("n_components", output: true).map { Int($0) } ?? -1))), 0)
  report.add("explained_variance", relativeDifference(model.explainedVariance, try #require(c.vector("explained_variance"))), tolerance)
  report.add(
    "explained_variance_ratio",
    relativeDifference(model.explainedVarianceRatio, try #require(c.vector("explained_variance_ratio"))), tolerance)
  report.add("singular_values", relativeDifference(model.singularValues, try #require(c.vector("singular_values"))), tolerance)
  let variance = try #require(c.vector("explained_variance"))
  let noise = try #require(c.number("noise_variance", output: true))
  report.add("noise_variance", abs(Double(model.noiseVariance) - noise) / variance[0], tolerance)
  let meanProbe = try probe.multiplied(by: model.mean.map(Double.init))
  report.add("mean·probe", relativeDifference(meanProbe, try #require(c.vector("mean_probe"))), tolerance)
  // scikit-learn's svd_flip fixes the signs; so does Latent: compare exactly signed.
  let components = try asDouble(model.components).multiplied(by: probe, transposingOther: true)
  report.add(
    "components·probe", relativeDifference(components, try #require(try c.outputMatrix("components_probe"))),
    componentTolerance)
  report.add(
    "transform", relativeDifference(asDouble(try model.transform(training)), try #require(try c.outputMatrix("transform"))),
    componentTolerance)
  return report
}
