// libFuzzer target: IDX files, plain and gzip-compressed, through IDXArray(data:byteLimit:)
// and the accessors a loader calls next. Any error other than DataError is a finding.
//
// Mutated gzip rarely survives its CRC, so each plain input is also compressed here and
// parsed again: the two readings must agree (both refused, or the same array).
import CZlib
import Foundation
import LatentData
import LatentLinearAlgebra

/// Headers may declare at most 64 MiB, so legitimate-but-huge sizes are refused at once.
let byteLimit = 64 << 20
/// Arrays of up to this many elements are also converted, to exercise the accessors.
let convertedElements = 1 << 16

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDX(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
  let array = parse(data)
  if data.prefix(2) != Data([0x1F, 0x8B]) {
    let compressed = parse(gzip(data))
    precondition(
      array?.shape == compressed?.shape && array?.elementType == compressed?.elementType
        && array?.data == compressed?.data,
      "the plain and the gzip-compressed reading differ")
  }
  return 0
}

/// Parses and exercises an IDX array; `nil` when it is refused with a DataError.
func parse(_ data: Data) -> IDXArray? {
  do {
    let array = try IDXArray(data: data, byteLimit: byteLimit)
    guard array.count <= convertedElements else { return array }
    let _: Matrix<Float> = try array.matrix(dividingBy: 255)
    if let last = array.shape.first.map({ $0 - 1 }), last >= 0 {
      let _: Matrix<Double> = try array.matrix(rows: [last, 0])
    }
    _ = try? array.integers()  // float data may hold non-integers: refusing them is right
    return array
  } catch is DataError {
    return nil
  } catch {
    fatalError("IDXArray threw \(type(of: error)) instead of DataError: \(error)")
  }
}

/// `data` as a gzip member, compressed with zlib (`deflateInit2`, windowBits 15 + 16). memLevel 1
/// keeps the state deflate allocates for every input small; inputs are small anyway.
func gzip(_ data: Data) -> Data {
  // zlib keeps a pointer back to the stream, so it needs an address that never moves.
  let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
  stream.initialize(to: z_stream())
  defer { stream.deallocate() }
  var status = deflateInit2_(
    stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 1, Z_DEFAULT_STRATEGY, zlibVersion(),
    Int32(MemoryLayout<z_stream>.size))
  precondition(status == Z_OK, "deflateInit2 failed")
  defer { deflateEnd(stream) }
  var input = [UInt8](data)
  var output = [UInt8](repeating: 0, count: Int(deflateBound(stream, UInt(input.count))) + 32)
  input.withUnsafeMutableBufferPointer { source in
    output.withUnsafeMutableBufferPointer { target in
      stream.pointee.next_in = source.baseAddress
      stream.pointee.avail_in = UInt32(source.count)
      stream.pointee.next_out = target.baseAddress
      stream.pointee.avail_out = UInt32(target.count)
      status = deflate(stream, Z_FINISH)
    }
  }
  precondition(status == Z_STREAM_END, "deflate did not finish")
  return Data(output.prefix(Int(stream.pointee.total_out)))
}

#if !FUZZING
  @main struct Stub {
    static func main() {
      print("FuzzIDX is a libFuzzer target; run it with Fuzz/run.sh FuzzIDX (see Docs/Fuzzing.md).")
    }
  }
#endif
