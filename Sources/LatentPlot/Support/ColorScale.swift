/// A sequential colour scale, from low values (light or dark) to high values.
///
/// ```swift
/// let heatmap = try ConfusionHeatmap(counts: counts, classNames: names, colorScale: .viridis)
/// ```
public enum ColorScale: Hashable, Sendable {
  /// ColorBrewer's Blues: near-white for zero, dark blue for the maximum. Zeros recede, which
  /// suits confusion matrices (most off-diagonal cells are near zero).
  case blues
  /// Viridis: dark purple to yellow, perceptually uniform and colour-blind safe.
  case viridis

  /// The colours the scale interpolates between, low to high.
  var anchors: [PlotColor] {
    switch self {
    case .blues:
      return [
        0xF7FBFF, 0xDEEBF7, 0xC6DBEF, 0x9ECAE1, 0x6BAED6, 0x4292C6, 0x2171B5, 0x08519C, 0x08306B,
      ]
      .map { PlotColor(rgb: $0) }
    case .viridis:
      return [
        0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962, 0xADDC30, 0xFDE725,
      ]
      .map { PlotColor(rgb: $0) }
    }
  }

  /// The colour at `fraction` of the way from the low end (0) to the high end (1); values
  /// outside 0...1 are clamped, NaN gives the low end.
  func color(at fraction: Double) -> PlotColor {
    let anchors = self.anchors
    let t = fraction.isNaN ? 0 : min(max(fraction, 0), 1)
    let position = t * Double(anchors.count - 1)
    let index = min(Int(position), anchors.count - 2)
    return anchors[index].mixed(with: anchors[index + 1], fraction: position - Double(index))
  }
}
