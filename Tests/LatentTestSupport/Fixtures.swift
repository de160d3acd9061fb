// Shared by the test targets: reading the reference fixtures written by
// Tests/Reference/generate_reference.py, and the comparisons the tests use.
import Foundation
import LatentLinearAlgebra

/// A JSON value decoded with `JSONDecoder`, which parses numbers exactly
/// (Foundation's `JSONSerialization` on Linux loses the last digit of some doubles).
public enum JSONValue: Decodable, Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  /// An array of numbers only, kept unboxed (fixtures are mostly these; decoding them in bulk is fast).
  case numbers([Double])
  case object([String: JSONValue])

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    // Most likely first: every failed attempt costs a thrown error.
    if container.decodeNil() { self = .null }
    else if let value = try? container.decode(Double.self) { self = .number(value) }
    else if let value = try? container.decode(String.self) { self = .string(value) }
    else if let value = try? container.decode([Double].self) { self = .numbers(value) }
    else if let value = try? container.decode([String: JSONValue].self) { self = .object(value) }
    else if let value = try? container.decode(Bool.self) { self = .bool(value) }
    else { self = .array(try container.decode([JSONValue].self)) }
  }

  public subscript(key: String) -> JSONValue? {
    if case .object(let object) = self { return object[key] }
    return nil
  }
  public var double: Double? { if case .number(let value) = self { value } else { nil } }
  public var int: Int? { double.flatMap { Int(exactly: $0) } }
  public var string: String? { if case .string(let value) = self { value } else { nil } }
  public var bool: Bool? { if case .bool(let value) = self { value } else { nil } }
  public var array: [JSONValue]? {
    switch self {
    case .array(let value): value
    case .numbers(let value): value.map(JSONValue.number)
    default: nil
    }
  }
  /// An array of numbers (JSON null entries become NaN).
  public var doubles: [Double]? {
    switch self {
    case .numbers(let value): value
    case .array(let value): value.map { $0.double ?? .nan }
    default: nil
    }
  }
}

/// A fixture file from Tests/Reference/Fixtures.
public struct ReferenceFixture: Sendable {
  /// The top-level JSON value.
  public let root: JSONValue

  /// Loads `Tests/Reference/Fixtures/<name>` relative to this source file.
  public init(named name: String, filePath: String = #filePath) throws {
    let url = URL(fileURLWithPath: filePath)
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Reference/Fixtures/\(name)")
    // FastJSONParser (PCASupport.swift) gives the same values as JSONDecoder, ~100× faster in debug.
    root = try FastJSONParser.parse(Array(try Data(contentsOf: url)))
  }

  /// The entries of `cases` (or another list key) whose `operation` matches, if given.
  public func cases(_ key: String = "cases", operation: String? = nil) -> [ReferenceCase] {
    (root[key]?.array ?? []).map(ReferenceCase.init).filter { operation == nil || $0.operation == operation }
  }
}

/// A problem with a fixture file itself (not with the code under test).
public enum FixtureError: Error, CustomStringConvertible {
  case malformed(String)
  public var description: String {
    switch self { case .malformed(let text): return "malformed fixture: \(text)" }
  }
}

/// One reference case: its name, operation, inputs and outputs.
public struct ReferenceCase: Sendable, CustomStringConvertible {
  public let raw: JSONValue
  public var name: String { raw["name"]?.string ?? "?" }
  public var operation: String { raw["operation"]?.string ?? "?" }
  public var inputs: JSONValue { raw["inputs"] ?? .null }
  public var outputs: JSONValue { raw["outputs"] ?? .null }
  public var description: String { name }

  /// An input matrix (stored or recipe), or `nil` when the fixture holds null.
  public func inputMatrix<T: LinearAlgebraScalar>(_ key: String, as _: T.Type = T.self) throws -> Matrix<T>? {
    try fixtureMatrix(inputs[key], T.self, "\(name) inputs.\(key)")
  }

  /// An output matrix, or `nil` when the fixture holds null.
  public func outputMatrix(_ key: String) throws -> Matrix<Double>? {
    try fixtureMatrix(outputs[key], Double.self, "\(name) outputs.\(key)")
  }

  /// An input or output vector of numbers, or `nil`.
  public func vector(_ key: String, output: Bool = true) -> [Double]? {
    (output ? outputs[key] : inputs[key])?.doubles
  }

  /// A number from the inputs or outputs.
  public func number(_ key: String, output: Bool = false) -> Double? {
    (output ? outputs[key] : inputs[key])?.double
  }

  /// A Boolean flag from the inputs or outputs.
  public func flag(_ key: String, output: Bool = false) -> Bool {
    (output ? outputs[key] : inputs[key])?.bool ?? false
  }
}

/// Decodes `{"rows","cols","data"}` or `{"recipe":"fmix32",...}`; `nil` for JSON null or a missing key.
public func fixtureMatrix<T: LinearAlgebraScalar>(_ value: JSONValue?, _: T.Type, _ context: String) throws -> Matrix<T>? {
  guard let value, case .object = value else { return nil }
  guard let rows = value["rows"]?.int, let cols = value["cols"]?.int else {
    throw FixtureError.malformed("\(context): missing rows/cols")
  }
  if let recipe = value["recipe"]?.string {
    guard recipe == "fmix32", let seed = value["seed"]?.int else {
      throw FixtureError.malformed("\(context): unknown recipe \(recipe)")
    }
    return Matrix<T>(converting: recipeMatrix(seed: seed, rows: rows, columns: cols))
  }
  if let encoded = value["bytes_base64"]?.string {
    guard let bytes = Data(base64Encoded: encoded), bytes.count == rows * cols else {
      throw FixtureError.malformed("\(context): bad bytes_base64")
    }
    let divisor = value["divisor"]?.double ?? 1
    // k / divisor in Double is correctly rounded, as numpy's; then converted to T.
    return try Matrix<T>(rowCount: rows, columnCount: cols, elements: bytes.map { T(Double($0) / divisor) })
  }
  guard let data = value["data"]?.doubles else { throw FixtureError.malformed("\(context): no data") }
  return try Matrix<T>(rowCount: rows, columnCount: cols, elements: data.map { T($0) })
}

/// The 32-bit murmur3 finalizer; with wrapping arithmetic it matches the Python generator bit for bit.
@inline(__always)
public func fmix32(_ value: UInt32) -> UInt32 {
  var h = value
  h ^= h >> 16
  h = h &* 0x85EB_CA6B
  h ^= h >> 13
  h = h &* 0xC2B2_AE35
  h ^= h >> 16
  return h
}

/// The generator's "fmix32" recipe matrix: exact doubles in [-0.5, 0.5).
///
/// One loop over a buffer (about 1 ns per value; a closure per element took half a minute for
/// 512 × 100,000 even in release).
public func recipeMatrix(seed: Int, rows: Int, columns: Int) -> Matrix<Double> {
  let offset = UInt32(truncatingIfNeeded: seed) &* 0x9E37_79B9
  let count = rows * columns
  let values = ContiguousArray<Double>(unsafeUninitializedCapacity: count) { buffer, initialized in
    for index in 0..<count {
      buffer[index] = Double(fmix32(UInt32(truncatingIfNeeded: index) &+ offset)) / 4_294_967_296 - 0.5
    }
    initialized = count
  }
  // The count matches the shape by construction.
  return try! Matrix(rowCount: rows, columnCount: columns, elements: values)
}
