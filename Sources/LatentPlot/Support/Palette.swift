/// The colours given to groups (classes) or series, in order; colours repeat after the last.
///
/// Figures that can run out of colours (a scatter plot with more groups than colours) also
/// change the marker shape on each repeat, so groups stay distinguishable.
///
/// ```swift
/// let plot = try ScatterPlot(points: points, groups: groups, groupNames: names, palette: .okabeIto)
/// ```
public struct Palette: Hashable, Sendable {
  /// The colours, at least one.
  public let colors: [PlotColor]

  /// Creates a palette.
  ///
  /// - Precondition: `colors` is not empty.
  ///
  /// ```swift
  /// let twoTone = Palette([PlotColor(rgb: 0x0072B2), PlotColor(rgb: 0xD55E00)])
  /// ```
  public init(_ colors: [PlotColor]) {
    precondition(!colors.isEmpty, "A palette needs at least one colour.")
    self.colors = colors
  }

  /// The colour of item `index`, repeating the palette when `index` is past its end.
  ///
  /// ```swift
  /// Palette.tableau10.color(at: 11) == Palette.tableau10.color(at: 1)   // true
  /// ```
  public func color(at index: Int) -> PlotColor {
    colors[((index % colors.count) + colors.count) % colors.count]
  }

  /// Tableau 10 (2016): ten colours chosen to stay distinct for the common forms of colour
  /// blindness and in print. The default, since Fashion-MNIST has ten classes.
  ///
  /// ```swift
  /// Palette.tableau10.colors.count   // 10
  /// ```
  public static let tableau10 = Palette(
    [
      0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F,
      0xEDC948, 0xB07AA1, 0xFF9DA7, 0x9C755F, 0xBAB0AC,
    ].map { PlotColor(rgb: $0) })

  /// Okabe and Ito's eight colours, distinguishable under every form of colour blindness.
  /// Its yellow is pale on white; prefer it for up to seven groups.
  ///
  /// ```swift
  /// Palette.okabeIto.colors.count   // 8
  /// ```
  public static let okabeIto = Palette(
    [
      0x0072B2, 0xE69F00, 0x009E73, 0xD55E00, 0x56B4E9,
      0xCC79A7, 0xF0E442, 0x000000,
    ].map { PlotColor(rgb: $0) })
}
