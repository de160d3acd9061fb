// Values near the ends of the floating-point range (1e300, 1e-300): the nearest-centroid
// classifier must give the answer of the same data at an ordinary scale (distances are
// homogeneous of degree 1, so they scale exactly by the factor), and the fits that form sums of
// squares must refuse such data with a typed error that says so, instead of passing infinities
// (or zeros) on to LAPACK.
import LatentLinearAlgebra
import LatentModels
import Testing

@Suite("Extreme magnitudes")
struct ExtremeMagnitudeTests {
  static let labels = (0..<12).map { $0 % 3 }

  /// 12 samples × 5 features of three classes, values about 0…3.
  static func base<Scalar: LinearAlgebraScalar>(_: Scalar.Type) -> Matrix<Scalar> {
    Matrix(rowCount: 12, columnCount: 5) { i, j in
      Scalar(Double((i * 7 + j * 3) % 11) / 11 + Double(i % 3))
    }
  }

  /// The nearest-centroid distances and predictions of `base · factor` against those of `base`.
  func checkNearestCentroid<Scalar: LinearAlgebraScalar>(_: Scalar.Type, factor: Scalar) throws {
    let x = Self.base(Scalar.self)
    let scaled = x.scaled(by: factor)
    for metric in [NearestCentroid.Metric.euclidean, .manhattan] {
      let settings = NearestCentroid(metric: metric)
      let reference = try settings.fit(x, labels: Self.labels)
      let model = try settings.fit(scaled, labels: Self.labels)
      let predicted = try model.predict(scaled)
      #expect(try predicted == reference.predict(x), "\(metric), factor \(factor)")
      let expected = try reference.distances(x).scaled(by: factor)
      let measured = try model.distances(scaled)
      let finite = measured.elements.allSatisfy { $0.isFinite }
      #expect(finite, "\(metric), factor \(factor)")
      // Scaling by a power of two is exact; the factor itself is rounded once per value, so
      // the distances agree to a few units of rounding.
      let tolerance = Scalar.self == Double.self ? 1e-12 : 1e-5
      for (a, b) in zip(measured.elements, expected.elements) {
        #expect(
          abs(Double(a) - Double(b)) <= tolerance * Double(expected.largestMagnitude()),
          "\(metric), factor \(factor)")
      }
    }
  }

  @Test func nearestCentroidAtEveryScale() throws {
    for factor in [1e300, 1e-300, 0x1p1000, 1e-200, 1e160] {
      try checkNearestCentroid(Double.self, factor: factor)
    }
    for factor: Float in [1e30, 1e-30, 1e20] {
      try checkNearestCentroid(Float.self, factor: factor)
    }
  }

  /// With priors (scikit-learn's standardized rule) the scores are scale-free, and the
  /// predictions must not change either.
  @Test func nearestCentroidWithPriorsAtLargeScale() throws {
    let x = Self.base(Double.self)
    let settings = NearestCentroid(priors: .given([0.5, 0.3, 0.2]))
    let reference = try settings.fit(x, labels: Self.labels)
    let model = try settings.fit(x.scaled(by: 1e300), labels: Self.labels)
    let predicted = try model.predict(x.scaled(by: 1e300))
    #expect(try predicted == reference.predict(x))
  }

  func expectMagnitudeError(_ tooLarge: Bool, _ body: () throws -> Void) {
    do {
      try body()
      Issue.record("expected magnitudeOutOfRange")
    } catch let error as ModelError {
      guard case .magnitudeOutOfRange(_, _, let large) = error else {
        Issue.record("expected magnitudeOutOfRange, got \(error)")
        return
      }
      #expect(large == tooLarge)
      #expect(error.description.contains("Rescale the data"))
    } catch {
      Issue.record("untyped error \(error)")
    }
  }

  @Test func fitsThatSquareRefuseExtremeValues() throws {
    for (factor, tooLarge) in [(1e300, true), (1e160, true), (1e-300, false), (1e-160, false)] {
      let x = Self.base(Double.self).scaled(by: factor)
      expectMagnitudeError(tooLarge) {
        _ = try PrincipalComponentAnalysis(componentCount: .count(2)).fit(x)
      }
      for solver in [LinearDiscriminantAnalysis.Solver.svd, .eigen(shrinkage: .ledoitWolf)] {
        expectMagnitudeError(tooLarge) {
          _ = try LinearDiscriminantAnalysis(solver: solver).fit(x, labels: Self.labels)
        }
      }
    }
    for (factor, tooLarge): (Float, Bool) in [(1e30, true), (1e-30, false)] {
      let x = Self.base(Float.self).scaled(by: factor)
      expectMagnitudeError(tooLarge) {
        _ = try PrincipalComponentAnalysis(componentCount: .count(2)).fit(x)
      }
      expectMagnitudeError(tooLarge) {
        _ = try LinearDiscriminantAnalysis().fit(x, labels: Self.labels)
      }
    }
  }

  /// Scales well inside the range still fit, and give the same projection up to the factor.
  @Test func fitsAtModerateScales() throws {
    let x = Self.base(Double.self)
    let reference = try PrincipalComponentAnalysis(componentCount: .count(2)).fit(x).transform(x)
    for factor in [1e100, 1e-100] {
      let scaled = x.scaled(by: factor)
      let projected = try PrincipalComponentAnalysis(componentCount: .count(2)).fit(scaled)
        .transform(scaled)
      let expected = reference.scaled(by: factor)
      for (a, b) in zip(projected.elements, expected.elements) {
        #expect(abs(a - b) <= 1e-12 * expected.largestMagnitude())
      }
      let predicted = try LinearDiscriminantAnalysis().fit(scaled, labels: Self.labels).predict(
        scaled)
      #expect(try predicted == LinearDiscriminantAnalysis().fit(x, labels: Self.labels).predict(x))
    }
  }
}
