import LatentLinearAlgebra

/// The norm-wise relative difference `max |aᵢⱼ − bᵢⱼ| / max |bᵢⱼ|` (absolute when `b` is zero),
/// with `b` the reference. Infinite for a shape mismatch or NaN.
public func relativeDifference<T: LinearAlgebraScalar>(_ a: Matrix<T>, _ reference: Matrix<Double>) -> Double {
  guard a.rowCount == reference.rowCount, a.columnCount == reference.columnCount else { return .infinity }
  return relativeDifference(a.elements.map(Double.init), Array(reference.elements))
}

/// The norm-wise relative difference of two vectors (see the matrix version).
public func relativeDifference<T: BinaryFloatingPoint>(_ a: [T], _ reference: [Double]) -> Double {
  guard a.count == reference.count else { return .infinity }
  var difference = 0.0
  var scale = 0.0
  for (x, y) in zip(a, reference) {
    let x = Double(x)
    if x.isNaN || y.isNaN { return .infinity }
    difference = max(difference, abs(x - y))
    scale = max(scale, abs(y))
  }
  return scale > 0 ? difference / scale : difference
}

/// Returns `computed` with each column's sign flipped to agree with `reference`'s column
/// (by the sign of their inner product): singular and eigenvectors are unique only up to sign.
/// Also returns the signs, to apply to a matching factor (the rows of Vᵀ).
public func alignColumnSigns<T: LinearAlgebraScalar>(_ computed: Matrix<T>, to reference: Matrix<Double>) -> (Matrix<T>, [T]) {
  var result = computed
  var signs = [T](repeating: 1, count: computed.columnCount)
  for j in 0..<min(computed.columnCount, reference.columnCount) {
    var dot = 0.0
    for i in 0..<computed.rowCount { dot += Double(computed[i, j]) * reference[i, j] }
    if dot < 0 {
      signs[j] = -1
      for i in 0..<computed.rowCount { result[i, j] = -result[i, j] }
    }
  }
  return (result, signs)
}

/// Element-wise `Matrix<Double>` view of any precision (for residual checks).
public func asDouble<T: LinearAlgebraScalar>(_ m: Matrix<T>) -> Matrix<Double> { Matrix<Double>(converting: m) }

/// The first `count` columns of a matrix.
public func leadingColumns<T: LinearAlgebraScalar>(_ m: Matrix<T>, _ count: Int) -> Matrix<T> {
  m.columns(at: Array(0..<count))
}

/// The tolerance a precision earns for a well-conditioned computation: 1e-9 for `Double`
/// (the design brief's bound) and 1e-4 for `Float` (checked against the Double reference).
public func standardTolerance<T: LinearAlgebraScalar>(_: T.Type) -> Double {
  T.self == Float.self ? 1e-4 : 1e-9
}

/// The largest absolute value of a matrix.
public func maxAbs<T: LinearAlgebraScalar>(_ m: Matrix<T>) -> Double {
  m.elements.reduce(0.0) { max($0, abs(Double($1))) }
}
