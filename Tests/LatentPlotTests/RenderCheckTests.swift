import Foundation
import Testing

@testable import LatentPlot

/// Renders a figure with headless Chromium, as a person would look at it. Runs only with
/// LATENT_RENDER_CHECK=1 and `chromium` on PATH (Debian: `apt-get install -y chromium`).
@Suite("Rendering with headless Chromium", .enabled(if: RenderCheck.chromium != nil))
struct RenderCheckTests {
  @Test("a scatter plot renders to a PNG of its size with far more detail than a blank page")
  func scatterRendersNonBlank() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "latent-render-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }

    let plot = try Samples.scatter(perClass: 30)
    let blank = SVGBuilder.document(width: plot.width, height: plot.height, title: "") {
      $0.background(width: plot.width, height: plot.height)
    }
    let plotPNG = try RenderCheck.render(
      plot.svg(), size: (720, 540), in: directory, name: "scatter")
    let blankPNG = try RenderCheck.render(blank, size: (720, 540), in: directory, name: "blank")

    let header = try RenderCheck.pngSize(plotPNG)
    #expect(header.width == 720 && header.height == 540)
    // A white page compresses to almost nothing; points, text and lines do not.
    #expect(
      plotPNG.count > 5 * blankPNG.count, "scatter \(plotPNG.count) B, blank \(blankPNG.count) B")
    #expect(plotPNG.count > 20_000)
  }
}

enum RenderCheck {
  /// The path of `chromium` when the check is enabled and Chromium is on PATH.
  static let chromium: String? = {
    let environment = ProcessInfo.processInfo.environment
    guard environment["LATENT_RENDER_CHECK"] == "1" else { return nil }
    for directory in (environment["PATH"] ?? "").split(separator: ":") {
      let path = "\(directory)/chromium"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }()

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Screenshots `svg` at `size` and returns the PNG's bytes.
  static func render(
    _ svg: String, size: (Int, Int), in directory: URL, name: String
  ) throws -> Data {
    let svgFile = directory.appendingPathComponent(name + ".svg")
    let pngFile = directory.appendingPathComponent(name + ".png")
    try svg.write(to: svgFile, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(chromium))
    process.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
      "--window-size=\(size.0),\(size.1)", "--screenshot=\(pngFile.path)", svgFile.absoluteString,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Failure(description: "chromium exited with status \(process.terminationStatus)")
    }
    return try Data(contentsOf: pngFile)
  }

  /// Width and height from a PNG's IHDR chunk (big-endian at bytes 16 and 20).
  static func pngSize(_ png: Data) throws -> (width: Int, height: Int) {
    let bytes = [UInt8](png.prefix(24))
    guard bytes.count == 24, bytes.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    else { throw Failure(description: "not a PNG") }
    func integer(at offset: Int) -> Int {
      bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
    }
    return (integer(at: 16), integer(at: 20))
  }
}
