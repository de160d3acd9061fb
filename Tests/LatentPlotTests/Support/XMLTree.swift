import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// An element of a parsed SVG document: enough of a DOM to count and inspect elements.
final class SVGNode {
  let name: String
  let attributes: [String: String]
  private(set) var children: [SVGNode] = []
  var text = ""
  weak var parent: SVGNode?

  init(name: String, attributes: [String: String]) {
    self.name = name
    self.attributes = attributes
  }

  func append(_ child: SVGNode) {
    child.parent = self
    children.append(child)
  }

  /// This element and everything below it, in document order.
  var descendantsAndSelf: [SVGNode] {
    [self] + children.flatMap(\.descendantsAndSelf)
  }

  /// Every element below this one named `name`.
  func all(_ name: String) -> [SVGNode] {
    descendantsAndSelf.filter { $0.name == name && $0 !== self }
  }

  /// The classes in the `class` attribute.
  var classes: [String] {
    (attributes["class"] ?? "").split(separator: " ").map(String.init)
  }

  /// Every element below this one whose class list holds `className`.
  func all(class className: String) -> [SVGNode] {
    descendantsAndSelf.filter { $0.classes.contains(className) }
  }

  /// The one element of class `className`; records an issue when there is not exactly one.
  func one(class className: String) -> SVGNode? {
    let found = all(class: className)
    return found.count == 1 ? found[0] : nil
  }

  /// A numeric attribute.
  func number(_ attribute: String) -> Double? {
    attributes[attribute].flatMap(Double.init)
  }

  /// The text of every `<text>` element below this one, in order.
  var texts: [String] { all("text").map(\.text) }

  /// `fill` of this element or of the nearest ancestor that sets it.
  var inheritedFill: String? {
    attributes["fill"] ?? parent?.inheritedFill
  }
}

/// Parses `svg` with Foundation's `XMLParser`; throws when it is not well-formed XML.
func parseSVG(_ svg: String) throws -> SVGNode {
  let delegate = TreeBuilder()
  let parser = XMLParser(data: Data(svg.utf8))
  parser.delegate = delegate
  guard parser.parse(), let root = delegate.root else {
    throw ParseFailure(message: parser.parserError.map { "\($0)" } ?? "no root element")
  }
  return root
}

struct ParseFailure: Error, CustomStringConvertible {
  var message: String
  var description: String { "not well-formed XML: \(message)" }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
  var root: SVGNode?
  private var stack: [SVGNode] = []

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    let element = SVGNode(name: elementName, attributes: attributes)
    if let parent = stack.last {
      parent.append(element)
    } else {
      root = element
    }
    stack.append(element)
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName: String?
  ) {
    stack.removeLast()
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    stack.last?.text += string
  }
}
