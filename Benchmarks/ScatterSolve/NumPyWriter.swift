import Foundation
import LatentLinearAlgebra

/// Writes a `Matrix` or a label vector as a NumPy `.npy` file (format 1.0, little-endian, C order),
/// so the scikit-learn script reads exactly the data the Swift side uses.
enum NumPyWriter {
  static func write<Scalar: LinearAlgebraScalar>(_ matrix: Matrix<Scalar>, to path: String) throws {
    let descriptor = Scalar.self == Float.self ? "<f4" : "<f8"
    let header = headerBytes(descriptor: descriptor, shape: "(\(matrix.rowCount), \(matrix.columnCount))")
    guard FileManager.default.createFile(atPath: path, contents: nil) else { throw BenchError("cannot create \(path)") }
    guard let handle = FileHandle(forWritingAtPath: path) else { throw BenchError("cannot write \(path)") }
    defer { try? handle.close() }
    try handle.write(contentsOf: header)
    // Little-endian hosts only (x86-64, arm64): the in-memory bytes are the file's bytes.
    let chunkRows = max(1, (64 << 20) / max(1, matrix.columnCount * MemoryLayout<Scalar>.size))
    try matrix.withUnsafeBufferPointer { buffer in
      var row = 0
      while row < matrix.rowCount {
        let rows = min(chunkRows, matrix.rowCount - row)
        let start = buffer.baseAddress! + row * matrix.columnCount
        try handle.write(contentsOf: Data(bytes: start, count: rows * matrix.columnCount * MemoryLayout<Scalar>.size))
        row += rows
      }
    }
  }

  static func write(labels: [Int], to path: String) throws {
    var data = headerBytes(descriptor: "<i8", shape: "(\(labels.count),)")
    for label in labels { withUnsafeBytes(of: Int64(label).littleEndian) { data.append(contentsOf: $0) } }
    guard FileManager.default.createFile(atPath: path, contents: data) else { throw BenchError("cannot write \(path)") }
  }

  private static func headerBytes(descriptor: String, shape: String) -> Data {
    var header = "{'descr': '\(descriptor)', 'fortran_order': False, 'shape': \(shape), }"
    while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
    header += "\n"
    let length = header.utf8.count
    var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)])
    data.append(contentsOf: Array(header.utf8))
    return data
  }
}

/// An error that stops the benchmark, with a message for the user.
struct BenchError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
