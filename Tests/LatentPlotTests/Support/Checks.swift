import Foundation
import Testing

@testable import LatentPlot

/// Parses `svg` and checks what every figure must have: SVG 1.1 root with size and viewBox,
/// a font fallback list, a white background, and no non-finite number anywhere.
func checkedDocument(_ svg: String, sourceLocation: SourceLocation = #_sourceLocation) throws
  -> SVGNode
{
  let root = try parseSVG(svg)
  #expect(root.name == "svg", sourceLocation: sourceLocation)
  #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg", sourceLocation: sourceLocation)
  #expect(root.attributes["version"] == "1.1", sourceLocation: sourceLocation)
  let width = try #require(root.number("width"), sourceLocation: sourceLocation)
  let height = try #require(root.number("height"), sourceLocation: sourceLocation)
  #expect(
    root.attributes["viewBox"] == "0 0 \(svgNumber(width)) \(svgNumber(height))",
    sourceLocation: sourceLocation)
  #expect(
    root.attributes["font-family"]?.hasSuffix("sans-serif") == true, sourceLocation: sourceLocation)
  let background = root.children.first { $0.name == "rect" }
  #expect(background?.attributes["fill"] == "#ffffff", sourceLocation: sourceLocation)
  #expect(background?.number("width") == width, sourceLocation: sourceLocation)
  // Numbers in attributes come from svgNumber: never NaN, infinity or a negative zero.
  for node in root.descendantsAndSelf {
    for (name, value) in node.attributes {
      let tokens = value.split { " ,()MLZ".contains($0) }.map { $0.lowercased() }
      #expect(
        !tokens.contains { ["nan", "-nan", "inf", "-inf", "-0"].contains($0) },
        "\(node.name) \(name)=\"\(value)\"", sourceLocation: sourceLocation)
    }
  }
  return root
}

/// A tick label as a number ("−2" → -2, "0.5" → 0.5); `nil` for other styles.
func tickValue(_ label: String) -> Double? {
  Double(label.replacingOccurrences(of: "−", with: "-"))
}

/// The labels of the x or y ticks.
func tickLabels(_ root: SVGNode, _ axis: String) -> [String] {
  root.all(class: "\(axis)-tick-labels").flatMap(\.texts)
}

/// Expects `make` to throw exactly `expected`, with a message that says what to do (a
/// second sentence).
func expectPlotError<T>(
  _ expected: PlotError, sourceLocation: SourceLocation = #_sourceLocation, _ make: () throws -> T
) {
  do {
    _ = try make()
    Issue.record("expected \(expected)", sourceLocation: sourceLocation)
  } catch let error as PlotError {
    #expect(error == expected, sourceLocation: sourceLocation)
    #expect(
      error.description.contains(". "), "the message should say what to do: \(error)",
      sourceLocation: sourceLocation)
  } catch {
    Issue.record("expected a PlotError, got \(error)", sourceLocation: sourceLocation)
  }
}
