// libFuzzer target: image files through ImageDecoder.decode(data:channels:maximumPixels:),
// the decoder behind ImageFolder. Any error other than DataError is a finding.
import Foundation
import LatentData

/// Images may declare at most 4 megapixels, so huge declared sizes are refused at once.
let maximumPixels = 1 << 22

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImage(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
  // The input's length picks the channel count, so every conversion is reached
  // without changing the file format of the corpus.
  let channels = 1 + count % 4
  do {
    let image = try ImageDecoder.decode(
      data: data, channels: channels, maximumPixels: maximumPixels)
    precondition(
      image.pixels.count == image.width * image.height * channels,
      "pixel count does not match the size")
  } catch is DataError {
  } catch {
    fatalError("ImageDecoder threw \(type(of: error)) instead of DataError: \(error)")
  }
  return 0
}

#if !FUZZING
  @main struct Stub {
    static func main() {
      print(
        "FuzzImage is a libFuzzer target; run it with Fuzz/run.sh FuzzImage (see Docs/Fuzzing.md).")
    }
  }
#endif
