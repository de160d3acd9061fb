import Foundation

/// An opaque sRGB colour.
///
/// ```swift
/// let orange = PlotColor(red: 0xE6, green: 0x9F, blue: 0x00)
/// print(orange.hex)   // "#e69f00"
/// ```
public struct PlotColor: Hashable, Sendable, CustomStringConvertible {
  /// The red component, 0...255.
  public var red: UInt8
  /// The green component, 0...255.
  public var green: UInt8
  /// The blue component, 0...255.
  public var blue: UInt8

  /// Creates a colour from its sRGB components.
  ///
  /// ```swift
  /// let black = PlotColor(red: 0, green: 0, blue: 0)
  /// ```
  public init(red: UInt8, green: UInt8, blue: UInt8) {
    self.red = red
    self.green = green
    self.blue = blue
  }

  /// Creates a colour from a 24-bit `0xRRGGBB` value.
  ///
  /// ```swift
  /// let blue = PlotColor(rgb: 0x1F77B4)
  /// ```
  public init(rgb: UInt32) {
    self.init(
      red: UInt8(truncatingIfNeeded: rgb >> 16), green: UInt8(truncatingIfNeeded: rgb >> 8),
      blue: UInt8(truncatingIfNeeded: rgb))
  }

  /// The colour as `#rrggbb`, as written into the SVG.
  ///
  /// ```swift
  /// PlotColor(rgb: 0x0072B2).hex   // "#0072b2"
  /// ```
  public var hex: String {
    let digits = Array("0123456789abcdef")
    var text = "#"
    for component in [red, green, blue] {
      text.append(digits[Int(component >> 4)])
      text.append(digits[Int(component & 0xF)])
    }
    return text
  }

  /// The same as ``hex``.
  public var description: String { hex }

  /// Relative luminance (WCAG 2), 0 for black to 1 for white.
  var luminance: Double {
    func linear(_ component: UInt8) -> Double {
      let value = Double(component) / 255
      return value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
  }

  /// The colour a fraction `t` (0...1) of the way from `self` to `other`, in sRGB.
  func mixed(with other: PlotColor, fraction t: Double) -> PlotColor {
    func mix(_ a: UInt8, _ b: UInt8) -> UInt8 {
      UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded())
    }
    return PlotColor(
      red: mix(red, other.red), green: mix(green, other.green), blue: mix(blue, other.blue))
  }
}
