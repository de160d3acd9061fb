import Foundation
import Testing

@testable import LatentPlot

/// Writes the sample figures to the directory in LATENT_PLOT_SAMPLES (skipped unless it is
/// set) and, with LATENT_RENDER_CHECK=1 and chromium on PATH, screenshots each one and
/// reports the PNG's pixel size, which must be the figure's size. See Docs/Plots.md.
@Test(
  "sample figures for people to look at",
  .enabled(if: ProcessInfo.processInfo.environment["LATENT_PLOT_SAMPLES"] != nil))
func writeSampleFigures() throws {
  let directory = URL(
    fileURLWithPath: ProcessInfo.processInfo.environment["LATENT_PLOT_SAMPLES"] ?? ".")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  for (name, figure) in try Samples.all() {
    let svg = figure.svg()
    try figure.write(to: directory.appendingPathComponent(name + ".svg"))
    guard RenderCheck.chromium != nil else { continue }
    let size = (Int(figure.width.rounded(.up)), Int(figure.height.rounded(.up)))
    let png = try RenderCheck.render(svg, size: size, in: directory, name: name)
    let pixels = try RenderCheck.pngSize(png)
    print(
      "\(name): SVG \(svg.utf8.count) bytes, PNG \(pixels.width)×\(pixels.height) px,"
        + " \(png.count) bytes")
    #expect(pixels.width == size.0 && pixels.height == size.1, "\(name)")
  }
  print("Sample figures in \(directory.path)")
}
