// gram-check: does `Matrix` reach the speed of the BLAS call underneath it?
//
// Times X · Xᵀ for a 512 × 100,000 Double matrix three ways in one run:
//   direct     — ?syrk called on raw buffers (the same OpenBLAS call, no Matrix)
//   gram()     — Matrix.gram(), which is ?syrk plus mirroring the triangle
//   gemm       — Matrix.multiplied(by:transposingOther:), ?gemm (twice the flops)
// and prints the median time, GFLOP/s, and Matrix's share of the direct figure.
// Run in release mode: swift run -c release gram-check [rows] [columns] [repeats]
import Foundation
import LatentLinearAlgebra

OpenBLASRuntime.restartWithBestKernelIfNeeded(programName: "gram-check")

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let n = arguments.count > 0 ? arguments[0] : 512
let d = arguments.count > 1 ? arguments[1] : 100_000
let repeats = arguments.count > 2 ? arguments[2] : 7

guard n > 0, d > 0, repeats > 0, n <= Int(Int32.max), d <= Int(Int32.max) else {
  FileHandle.standardError.write("usage: gram-check [rows] [columns] [repeats] (all positive)\n".data(using: .utf8)!)
  exit(2)
}

func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// Runs each body once to warm up, then `repeats` rounds that take turns
/// (so drift in machine load affects all of them alike), and returns each body's median seconds.
func timeInTurns(_ bodies: [() -> Void]) -> [Double] {
  for body in bodies { body() }
  var samples = [[Double]](repeating: [], count: bodies.count)
  for _ in 0..<repeats {
    for (index, body) in bodies.enumerated() {
      let start = monotonicSeconds()
      body()
      samples[index].append(monotonicSeconds() - start)
    }
  }
  return samples.map(median)
}

func padded(_ text: String, _ width: Int) -> String {
  text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

#if DEBUG
  print("warning: debug build; run `swift run -c release gram-check` for meaningful figures")
#endif
print("gram-check: X · Xᵀ, X = \(n) × \(d) Double (\(String(format: "%.2f", Double(n * d * 8) / 1e9)) GB), median of \(repeats) alternating rounds after a warm-up")
print("CPU \(CPUFeatures.current?.modelName ?? "unknown"), OpenBLAS kernel \(OpenBLASRuntime.kernelName), \(OpenBLASRuntime.threadCount) threads")
if let advice = OpenBLASRuntime.kernelAdvice { print("warning: \(advice)") }

// Seeded values in [-0.5, 0.5): a cheap integer hash per element.
let x = Matrix<Double>(rowCount: n, columnCount: d) { i, j in
  var h = UInt32(truncatingIfNeeded: i &* d &+ j) &+ 0x9E37_79B9
  h ^= h >> 16; h = h &* 0x85EB_CA6B; h ^= h >> 13; h = h &* 0xC2B2_AE35; h ^= h >> 16
  return Double(h) / 4_294_967_296 - 0.5
}

let syrkFlops = Double(n) * Double(n + 1) * Double(d)  // one triangle, multiply + add
let gemmFlops = 2 * Double(n) * Double(n) * Double(d)

var direct = [Double](repeating: 0, count: n * n)
var gram = Matrix<Double>(rowCount: 0, columnCount: 0, repeating: 0)
var product = Matrix<Double>(rowCount: 0, columnCount: 0, repeating: 0)
let seconds = timeInTurns([
  {
    x.elements.withUnsafeBufferPointer { a in
      direct.withUnsafeMutableBufferPointer { c in
        Double._syrk(
          lower: true, transpose: false, n: Int32(n), k: Int32(d), alpha: 1, a: a.baseAddress!, lda: Int32(d),
          beta: 0, c: c.baseAddress!, ldc: Int32(n))
      }
    }
  },
  { gram = x.gram() },
  { product = try! x.multiplied(by: x, transposingOther: true) },
])
let (directSeconds, gramSeconds, gemmSeconds) = (seconds[0], seconds[1], seconds[2])

// The three must agree (the direct call filled the lower triangle only).
var largestDifference = 0.0
for i in 0..<n {
  for j in 0...i {
    largestDifference = max(largestDifference, abs(gram[i, j] - direct[i * n + j]), abs(gram[j, i] - product[j, i]))
  }
}

let directRate = syrkFlops / directSeconds / 1e9
let gramRate = syrkFlops / gramSeconds / 1e9
let gemmRate = gemmFlops / gemmSeconds / 1e9
print(padded("direct ?syrk (raw buffers)", 34) + String(format: "%9.4f s  %7.1f GFLOP/s", directSeconds, directRate))
print(padded("Matrix.gram()  (?syrk + mirror)", 34) + String(format: "%9.4f s  %7.1f GFLOP/s  (%.1f%% of direct)", gramSeconds, gramRate, 100 * gramRate / directRate))
print(padded("Matrix.multiplied (?gemm, X·Xᵀ)", 34) + String(format: "%9.4f s  %7.1f GFLOP/s", gemmSeconds, gemmRate))
print(String(format: "largest difference between the three results: %.2e", largestDifference))
let share = gramRate / directRate
print(share >= 0.8 ? "PASS: Matrix.gram() reaches \(String(format: "%.1f", 100 * share))% of the direct call (target ≥ 80%)" :
  "FAIL: Matrix.gram() reaches only \(String(format: "%.1f", 100 * share))% of the direct call (target ≥ 80%)")
exit(share >= 0.8 ? 0 : 1)
