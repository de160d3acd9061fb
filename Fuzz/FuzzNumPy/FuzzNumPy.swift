// libFuzzer target: NumPy .npy files through NumPyArray(file:byteLimit:) and the accessors
// a loader calls next. Any error other than DataError is a finding.
import Foundation
import LatentData
import LatentLinearAlgebra

/// Headers may declare at most 64 MiB, so legitimate-but-huge sizes are refused at once.
let byteLimit = 64 << 20
/// Arrays of up to this many elements are also converted, to exercise the accessors.
let convertedElements = 1 << 16

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNumPy(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
  do {
    let array = try NumPyArray(file: data, byteLimit: byteLimit)
    guard array.count <= convertedElements else { return 0 }
    let _: Matrix<Float> = try array.matrix(dividingBy: 255)
    _ = try array.integers()
  } catch is DataError {
  } catch {
    fatalError("NumPyArray threw \(type(of: error)) instead of DataError: \(error)")
  }
  return 0
}

#if !FUZZING
  @main struct Stub {
    static func main() {
      print(
        "FuzzNumPy is a libFuzzer target; run it with Fuzz/run.sh FuzzNumPy (see Docs/Fuzzing.md).")
    }
  }
#endif
