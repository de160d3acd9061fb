import Foundation
import Testing

@testable import LatentPlot

@Suite("Axes: nice ranges, ticks and labels")
struct AxisTests {
  /// The mantissa of a positive number: 1.0 ≤ m < 10.
  func mantissa(_ value: Double) -> Double {
    value / pow(10, Double(NumberText.exponent(of: value)))
  }

  func isNice(_ step: Double) -> Bool {
    [1.0, 2, 5, 10].contains { abs(mantissa(step) - $0) < 1e-9 }
  }

  @Test("nice steps are 1, 2 or 5 times a power of ten and at least the raw step")
  func niceSteps() {
    for raw in [1e-13, 3e-12, 0.07, 0.1, 0.11, 0.3, 0.99, 1, 1.5, 2.01, 4.9, 7, 33, 1e12, 6.5e12] {
      let step = Axis.niceStep(atLeast: raw)
      #expect(isNice(step), "\(raw) → \(step)")
      #expect(step >= raw * (1 - 1e-9) && step <= raw * 10, "\(raw) → \(step)")
    }
  }

  @Test(
    "linear ticks are evenly spaced nice numbers that cover the data",
    arguments: [
      0.0...1, -3.2...17.9, 0.3...0.31, -1e-12...3e-12, 1e12...7.5e12, -5e11...(-1e11), 42...42,
      0...0, 1e-12...1e-12, -1e300...1e300, 999_999...1_000_001,
    ])
  func linearTicksCoverData(extent: ClosedRange<Double>) {
    for length in [120.0, 450, 900] {
      let axis = Axis.make(
        scale: .linear, extent: extent, explicit: nil, length: length, horizontal: true,
        style: .automatic, fontSize: 11, padding: 0.03)
      let values = axis.major.map(\.value)
      #expect(values.count >= 2, "\(extent) at \(length)px: \(values)")
      #expect(values.allSatisfy { $0.isFinite })
      guard let first = values.first, let last = values.last, values.count >= 2 else { continue }
      #expect(first <= extent.lowerBound && last >= extent.upperBound, "\(extent): \(values)")
      #expect(axis.lower <= first && axis.upper >= last)
      let step = values[1] - values[0]
      #expect(isNice(step), "step \(step)")
      for (a, b) in zip(values, values.dropFirst()) {
        #expect(abs((b - a) - step) <= step * 1e-6)
      }
      for value in values where value != 0 {
        // Multiples of the step: no 0.30000000000000004 drift in what is shown.
        #expect(abs(value / step - (value / step).rounded()) < 1e-6)
      }
      #expect(
        Set(axis.major.map(\.label)).count == values.count,
        "labels repeat: \(axis.major.map(\.label))")
    }
  }

  @Test("log ticks sit at powers of ten and span the data")
  func logTicksAtDecades() {
    for extent in [64.0...100_000, 0.001...120, 1e-12...1e12, 3...3000, 100...100] {
      let axis = Axis.make(
        scale: .logarithmic, extent: extent, explicit: nil, length: 460, horizontal: true,
        style: .automatic, fontSize: 11, padding: 0.04)
      #expect(axis.lower <= extent.lowerBound && axis.upper >= extent.upperBound)
      for tick in axis.major {
        let exponent = log10(tick.value)
        #expect(abs(exponent - exponent.rounded()) < 1e-9, "\(tick.value) is not a decade")
      }
      #expect(axis.major.filter { !$0.label.isEmpty }.count >= 2, "\(extent)")
      for value in axis.minor {
        #expect(value > axis.lower && value < axis.upper)
      }
    }
  }

  @Test("a log range within one decade labels 2× and 5× as well")
  func logTicksWithinADecade() {
    let axis = Axis.make(
      scale: .logarithmic, extent: nil, explicit: 15...90, length: 400, horizontal: true,
      style: .decimal, fontSize: 11, padding: 0)
    #expect(axis.major.map(\.label) == ["20", "50"])
  }

  @Test("tick labels in each style")
  func tickLabelStyles() {
    let decades = [0.001, 1, 1000, 1e6]
    #expect(
      TickLabelStyle.powersOfTen.labels(for: decades, resolutions: decades) == [
        "10⁻³", "10⁰", "10³", "10⁶",
      ])
    #expect(
      TickLabelStyle.metric().labels(for: decades, resolutions: decades) == ["1m", "1", "1k", "1M"])
    #expect(
      TickLabelStyle.metric(unit: "s").labels(
        for: [1e-5, 0.01, 1, 1000], resolutions: [1e-5, 0.01, 1, 1000])
        == ["10 µs", "10 ms", "1 s", "1000 s"])
    #expect(
      TickLabelStyle.decimal.labels(for: [-0.5, 0, 0.5], resolutions: [0.5, 0.5, 0.5]) == [
        "−0.5", "0", "0.5",
      ])
    #expect(
      TickLabelStyle.automatic.labels(
        for: [0, 5e11, 1e12, 1.5e12], resolutions: Array(repeating: 5e11, count: 4))
        == ["0", "5×10¹¹", "10¹²", "1.5×10¹²"])
    #expect(
      TickLabelStyle.automatic.labels(for: [-2e-12, 0, 2e-12], resolutions: [2e-12, 2e-12, 2e-12])
        == ["−2×10⁻¹²", "0", "2×10⁻¹²"])
    #expect(
      TickLabelStyle.automatic.labels(for: [0, 2500, 5000], resolutions: [2500, 2500, 2500]) == [
        "0", "2500", "5000",
      ])
  }

  @Test("SVG numbers: few decimals, never -0, NaN or infinity")
  func svgNumbers() {
    #expect(svgNumber(12) == "12")
    #expect(svgNumber(12.345) == "12.35" || svgNumber(12.345) == "12.34")
    #expect(svgNumber(0.1 + 0.2) == "0.3")
    #expect(svgNumber(-0.001) == "0")
    #expect(svgNumber(-2.5) == "-2.5")
    #expect(svgNumber(1.05, decimals: 1) == "1.1" || svgNumber(1.05, decimals: 1) == "1")
    #expect(svgNumber(3.04) == "3.04")
    #expect(svgNumber(.nan) == "0" && svgNumber(.infinity) == "0")
    #expect(svgNumber(1e300) == "1000000000")
  }

  @Test("escaping makes any text safe in XML")
  func escaping() throws {
    let tricky = "T-shirt/top <b>&amp; \"quoted\" 'single' \u{1}bell\ttab"
    let escapedText = escaped(tricky)
    #expect(!escapedText.contains("<") && !escapedText.contains("\""))
    let root = try parseSVG("<t a=\"\(escapedText)\">\(escapedText)</t>")
    #expect(root.text == "T-shirt/top <b>&amp; \"quoted\" 'single'  bell tab")
    #expect(root.attributes["a"] == root.text)
    #expect(escaped("plain Ankle boot") == "plain Ankle boot")
  }

  @Test("text is shortened with an ellipsis to fit")
  func truncation() {
    let long = String(repeating: "Ankle boot ", count: 10)
    let short = TextMetrics.truncated(long, toWidth: 100, fontSize: 11)
    #expect(short.hasSuffix("…"))
    #expect(TextMetrics.width(short, fontSize: 11) <= 100)
    #expect(TextMetrics.truncated("Bag", toWidth: 100, fontSize: 11) == "Bag")
  }
}
