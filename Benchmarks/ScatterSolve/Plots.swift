import Foundation
import LatentPlot

extension Bench {
  /// Writes log-log plots of the scaling series: time vs d and time vs n, one line per implementation.
  func writePlots(to directory: String) throws {
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    var written: [String] = []
    for (series, label, title) in [
      ("d", "features d", "lda-svd fit time vs d"), ("n", "samples n", "lda-svd fit time vs n"),
    ] {
      let selected = rows.filter { $0.series == series && $0.seconds != nil }
      guard !selected.isEmpty else { continue }
      let fixed = series == "d" ? "n = \(selected[0].n)" : "d = \(selected[0].d)"
      var lines: [LineChart.Series] = []
      for implementation in ["latent", "explicit", "scikit-learn"] {
        let points = selected.filter { $0.implementation == implementation }
          .map { SIMD2(Double(series == "d" ? $0.d : $0.n), $0.seconds!) }
        if !points.isEmpty { lines.append(LineChart.Series(name: implementation, points: points)) }
      }
      let chart: LineChart
      do {
        chart = try LineChart(
          series: lines, title: "\(title) (\(fixed), Double, \(classes) classes)", xLabel: label, yLabel: "time",
          legendTitle: "implementation", xTickLabels: .metric(), yTickLabels: .metric(unit: "s"))
        let path = "\(directory)/time-vs-\(series).svg"
        try chart.write(to: URL(fileURLWithPath: path))
        written.append(path)
      } catch {
        throw BenchError("cannot write the \(series) plot: \(error)")
      }
    }
    print("\nPlots written: \(written.joined(separator: ", "))")
  }
}
