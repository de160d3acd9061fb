// libFuzzer target: fitted models and matrices decoded from JSON with JSONDecoder, as a
// program loading a shipped model does. Decoding errors are expected; crashes are findings.
import Foundation
import LatentLinearAlgebra
import LatentModels

/// Whether to use each decoded model too (predict on one sample), which must throw and never
/// trap. On since NearestCentroidModel checks its invariants when decoded (finding F6, fixed);
/// FUZZ_MODEL_PREDICT=0 turns it off.
let usesDecodedModels = ProcessInfo.processInfo.environment["FUZZ_MODEL_PREDICT"] != "0"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModelJSON(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
  let decoder = JSONDecoder()
  if let matrix = try? decoder.decode(Matrix<Double>.self, from: data) {
    // What was decoded must survive a round trip unchanged.
    let encoded = try! JSONEncoder().encode(matrix)
    precondition(
      try! decoder.decode(Matrix<Double>.self, from: encoded) == matrix,
      "Matrix JSON round trip differs")
  }
  _ = try? decoder.decode(Matrix<Float>.self, from: data)
  if let model = try? decoder.decode(NearestCentroidModel<Double, String>.self, from: data) {
    use(model)
  }
  if let model = try? decoder.decode(NearestCentroidModel<Double, Int>.self, from: data) {
    use(model)
  }

  if let model = try? decoder.decode(PCAModel<Double>.self, from: data), usesDecodedModels, model.featureCount <= 4096 {
    _ = try? model.transform(Matrix(rowCount: 1, columnCount: model.featureCount, repeating: 0))
  }
  if let model = try? decoder.decode(LDAModel<Double, String>.self, from: data), usesDecodedModels, model.featureCount <= 4096 {
    let sample = Matrix<Double>(rowCount: 1, columnCount: model.featureCount, repeating: 0)
    _ = try? model.transform(sample)
    _ = try? model.predictProbabilities(sample)
  }
  if let model = try? decoder.decode(EmbeddingClassifier<Double, String>.self, from: data), usesDecodedModels,
    model.featureCount <= 4096
  {
    _ = try? model.predict(Matrix(rowCount: 1, columnCount: model.featureCount, repeating: 0))
  }
  return 0
}

/// Predicts one all-zero sample with a decoded model, when `usesDecodedModels` is set.
func use<Label>(_ model: NearestCentroidModel<Double, Label>) {
  guard usesDecodedModels, model.featureCount <= 4096 else { return }
  let sample = Matrix<Double>(rowCount: 1, columnCount: model.featureCount, repeating: 0)
  _ = try? model.predict(sample)
  _ = try? model.predictProbabilities(sample)
}

#if !FUZZING
  @main struct Stub {
    static func main() {
      print(
        "FuzzModelJSON is a libFuzzer target; run it with Fuzz/run.sh FuzzModelJSON (see Docs/Fuzzing.md)."
      )
    }
  }
#endif
