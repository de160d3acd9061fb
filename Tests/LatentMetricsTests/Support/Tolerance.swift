import LatentMetrics

/// The tolerance for floats compared with scikit-learn: 1e-12 absolute.
///
/// Every score lies in [0, 1] (adjusted balanced accuracy in [-1, 1], or ±∞/NaN in its
/// degenerate cases), so an absolute bound is also a relative one. LatentMetrics divides
/// the same integers in the same order of operations and adds in NumPy's pairwise order,
/// so today every stored value agrees to the bit (the suite passes with a tolerance of 0);
/// the margin only keeps a harmless reordering from failing the suite.
let referenceTolerance = 1e-12

/// True when `actual` matches `expected`: both NaN, equal infinities, or within `tolerance`.
func isClose(_ actual: Double, _ expected: Double, tolerance: Double = referenceTolerance) -> Bool {
  if expected.isNaN { return actual.isNaN }
  if expected.isInfinite { return actual == expected }
  return abs(actual - expected) <= tolerance
}

/// True when the arrays have the same length and match entry by entry (see `isClose`).
func isClose(_ actual: [Double], _ expected: [Double], tolerance: Double = referenceTolerance)
  -> Bool
{
  actual.count == expected.count
    && zip(actual, expected).allSatisfy { isClose($0, $1, tolerance: tolerance) }
}

/// The name of a MetricsError case, as the fixture writes it.
func caseName(_ error: MetricsError) -> String {
  switch error {
  case .lengthMismatch: "lengthMismatch"
  case .emptyInput: "emptyInput"
  case .emptyLabels: "emptyLabels"
  case .duplicateLabel: "duplicateLabel"
  case .labelNotEqualToItself: "labelNotEqualToItself"
  case .noLabelInTruth: "noLabelInTruth"
  case .invalidBeta: "invalidBeta"
  case .targetNameCountMismatch: "targetNameCountMismatch"
  }
}
