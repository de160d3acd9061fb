// Reading Fixtures/pca.json (written by Tests/Reference/reference_pca.py).
import Foundation
import LatentLinearAlgebra

/// Decodes a PCA fixture matrix: a stored matrix (with an optional "divisor" that every entry
/// is divided by, as numpy does) or an fmix32 recipe with optional "scaled_columns"
/// ([[column, factor], ...]) and "constant_columns" ({"start", "step", "value"}), applied in
/// that order, exactly as the generator applies them. `nil` for JSON null or a missing key.
public func pcaFixtureMatrix(_ value: JSONValue?, _ context: String) throws -> Matrix<Double>? {
  guard let value, case .object = value else { return nil }
  var matrix: Matrix<Double>
  if value["recipe"] == nil {
    guard let rows = value["rows"]?.int, let columns = value["cols"]?.int, let data = value["data"]?.doubles else {
      throw FixtureError.malformed("\(context): needs rows, cols and data")
    }
    matrix = try Matrix(rowCount: rows, columnCount: columns, elements: data)
  } else {
    guard value["recipe"]?.string == "fmix32", let seed = value["seed"]?.int, let rows = value["rows"]?.int,
      let columns = value["cols"]?.int
    else { throw FixtureError.malformed("\(context): bad recipe") }
    matrix = fastRecipeMatrix(seed: seed, rows: rows, columns: columns)
  }
  let columns = matrix.columnCount
  if let divisor = value["divisor"]?.double {
    matrix = try Matrix(rowCount: matrix.rowCount, columnCount: columns, elements: matrix.elements.map { $0 / divisor })
  }
  for pair in value["scaled_columns"]?.array ?? [] {
    guard let entry = pair.doubles, entry.count == 2, let column = Int(exactly: entry[0]) else {
      throw FixtureError.malformed("\(context): bad scaled_columns entry")
    }
    for row in 0..<matrix.rowCount { matrix[row, column] *= entry[1] }
  }
  if let constant = value["constant_columns"] {
    guard let start = constant["start"]?.int, let step = constant["step"]?.int, let fill = constant["value"]?.double
    else { throw FixtureError.malformed("\(context): bad constant_columns") }
    for column in stride(from: start, to: columns, by: step) {
      for row in 0..<matrix.rowCount { matrix[row, column] = fill }
    }
  }
  return matrix
}

/// The probe matrix `P` (3 × d) of pca.json: `…_probe` outputs hold a matrix times `Pᵀ`.
public func pcaProbe(seed: Int, columns: Int) -> Matrix<Double> {
  fastRecipeMatrix(seed: seed, rows: 3, columns: columns)
}

/// The same as ``recipeMatrix(seed:rows:columns:)`` (kept for the PCA tests' call sites).
public func fastRecipeMatrix(seed: Int, rows: Int, columns: Int) -> Matrix<Double> {
  recipeMatrix(seed: seed, rows: rows, columns: columns)
}

/// pca.json, decoded once per test process, with its data sets materialised.
public struct PCAFixture: Sendable {
  /// The whole fixture.
  public let fixture: ReferenceFixture
  /// Each data set's training matrix and held-out rows, by name.
  public let datasets: [String: (training: Matrix<Double>, heldOut: Matrix<Double>)]
  /// The seed of the probe matrix.
  public let probeSeed: Int

  /// The shared instance (loading takes a moment in debug builds).
  public static func shared() throws -> PCAFixture { try cached.get() }

  private static let cached = Result(catching: { try PCAFixture() })

  private init() throws {
    fixture = try ReferenceFixture(named: "pca.json")
    guard let probeSeed = fixture.root["probe_seed"]?.int, case .object(let sets)? = fixture.root["datasets"] else {
      throw FixtureError.malformed("pca.json: no probe_seed or datasets")
    }
    self.probeSeed = probeSeed
    var datasets: [String: (training: Matrix<Double>, heldOut: Matrix<Double>)] = [:]
    for (name, entry) in sets {
      guard let training = try pcaFixtureMatrix(entry["X"], "\(name).X"),
        let heldOut = try pcaFixtureMatrix(entry["X_heldout"], "\(name).X_heldout")
      else { throw FixtureError.malformed("pca.json: data set \(name) lacks X or X_heldout") }
      datasets[name] = (training, heldOut)
    }
    self.datasets = datasets
  }

  /// The cases of the debug suite.
  public var cases: [ReferenceCase] { fixture.cases() }

  /// The 512 × 100,000 case(s) of the release check.
  public var releaseCases: [ReferenceCase] { fixture.cases("release_cases") }

  /// The case with this name.
  public func `case`(named name: String) throws -> ReferenceCase {
    guard let found = (cases + releaseCases).first(where: { $0.name == name }) else {
      throw FixtureError.malformed("pca.json: no case \(name)")
    }
    return found
  }
}

/// A small JSON parser producing ``JSONValue``.
///
/// `JSONDecoder` into the recursive ``JSONValue`` spends about 20 s on pca.json in a debug build
/// (each number first fails to decode as a Boolean); this parser reads it in well under a second.
/// Numbers go through `Double(_: String)`, which rounds correctly, so values are exact.
public enum FastJSONParser {
  /// Parses a complete JSON document.
  public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
    var parser = State(bytes: bytes)
    let value = try parser.value()
    parser.skipWhitespace()
    guard parser.index == bytes.count else { throw parser.error("trailing characters") }
    return value
  }

  private struct State {
    let bytes: [UInt8]
    var index = 0

    func error(_ message: String) -> FixtureError { .malformed("JSON at byte \(index): \(message)") }

    mutating func skipWhitespace() {
      while index < bytes.count {
        let byte = bytes[index]
        guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
        index += 1
      }
    }

    mutating func expect(_ literal: String, _ value: JSONValue) throws -> JSONValue {
      for byte in literal.utf8 {
        guard index < bytes.count, bytes[index] == byte else { throw error("expected \(literal)") }
        index += 1
      }
      return value
    }

    mutating func value() throws -> JSONValue {
      skipWhitespace()
      guard index < bytes.count else { throw error("unexpected end") }
      switch bytes[index] {
      case UInt8(ascii: "{"):
        index += 1
        var object: [String: JSONValue] = [:]
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
          index += 1
          return .object(object)
        }
        while true {
          skipWhitespace()
          let key = try string()
          skipWhitespace()
          guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected :") }
          index += 1
          object[key] = try value()
          skipWhitespace()
          guard index < bytes.count else { throw error("unterminated object") }
          index += 1
          if bytes[index - 1] == UInt8(ascii: "}") { return .object(object) }
          guard bytes[index - 1] == UInt8(ascii: ",") else { throw error("expected , or }") }
        }
      case UInt8(ascii: "["):
        index += 1
        var array: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
          index += 1
          return .array(array)
        }
        while true {
          array.append(try value())
          skipWhitespace()
          guard index < bytes.count else { throw error("unterminated array") }
          index += 1
          if bytes[index - 1] == UInt8(ascii: "]") { return .array(array) }
          guard bytes[index - 1] == UInt8(ascii: ",") else { throw error("expected , or ]") }
        }
      case UInt8(ascii: "\""):
        return .string(try string())
      case UInt8(ascii: "t"): return try expect("true", .bool(true))
      case UInt8(ascii: "f"): return try expect("false", .bool(false))
      case UInt8(ascii: "n"): return try expect("null", .null)
      default:
        let start = index
        while index < bytes.count {
          let byte = bytes[index]
          // Digits, "+", "-", ".", "e", "E".
          guard (byte >= 0x30 && byte <= 0x39) || byte == 0x2B || byte == 0x2D || byte == 0x2E || byte | 0x20 == 0x65
          else { break }
          index += 1
        }
        guard index > start, let number = Double(String(decoding: bytes[start..<index], as: UTF8.self)) else {
          throw error("bad number")
        }
        return .number(number)
      }
    }

    mutating func string() throws -> String {
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a string") }
      index += 1
      var scalars = String.UnicodeScalarView()
      var run = index
      func flush(_ end: Int) {
        scalars.append(contentsOf: String(decoding: bytes[run..<end], as: UTF8.self).unicodeScalars)
      }
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") {
          flush(index)
          index += 1
          return String(scalars)
        }
        guard byte == UInt8(ascii: "\\") else {
          index += 1
          continue
        }
        flush(index)
        guard index + 1 < bytes.count else { break }
        let escaped = bytes[index + 1]
        index += 2
        switch escaped {
        case UInt8(ascii: "n"): scalars.append("\n")
        case UInt8(ascii: "t"): scalars.append("\t")
        case UInt8(ascii: "r"): scalars.append("\r")
        case UInt8(ascii: "b"): scalars.append("\u{08}")
        case UInt8(ascii: "f"): scalars.append("\u{0C}")
        case UInt8(ascii: "u"):
          var code = try hex4()
          if (0xD800..<0xDC00).contains(code), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\") {
            index += 2
            code = 0x10000 + ((code - 0xD800) << 10) + (try hex4() - 0xDC00)
          }
          scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
        default: scalars.append(Unicode.Scalar(escaped))
        }
        run = index
      }
      throw error("unterminated string")
    }

    mutating func hex4() throws -> UInt32 {
      guard index + 4 <= bytes.count,
        let code = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16)
      else { throw error("bad \\u escape") }
      index += 4
      return code
    }
  }
}
