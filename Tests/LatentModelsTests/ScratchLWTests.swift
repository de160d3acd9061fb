import Foundation
import LatentLinearAlgebra
import Testing
@testable import LatentModels

@Suite("scratchlw", .enabled(if: ProcessInfo.processInfo.environment["SCRATCH"] == "1"))
struct ScratchLWTests {
  @Test func lw() throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: "/tmp/repro/ph_X.npy"))
    let headerLength = Int(data[8]) | Int(data[9]) << 8
    let d = 100_000
    let all = data.withUnsafeBytes { raw in Array(UnsafeRawBufferPointer(rebasing: raw[(10 + headerLength)...]).bindMemory(to: Double.self)) }
    var rows: [Double] = []
    var labels: [Int] = []
    for k in 0..<4 { for i in 0..<128 { let r = k * 256 + i; rows += all[(r * d)..<((r + 1) * d)]; labels.append(k) } }
    let x = try Matrix(rowCount: 512, columnCount: d, elements: rows)
    let lda = LinearDiscriminantAnalysis(solver: .eigen(shrinkage: .ledoitWolf))
    let start = ContinuousClock.now
    do {
      let model = try lda.fit(x, labels: labels)
      print("LW ok", ContinuousClock.now - start, model.explainedVarianceRatio)
    } catch { print("LW failed", ContinuousClock.now - start, error) }
  }
}
