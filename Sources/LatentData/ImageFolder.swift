import CStb
import Foundation
import LatentLinearAlgebra

/// The size images are resized to.
public struct ImageSize: Sendable, Equatable, Codable, CustomStringConvertible {
  /// Width in pixels.
  public var width: Int
  /// Height in pixels.
  public var height: Int
  /// Creates a size; both sides must be positive.
  public init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }
  /// "WIDTHxHEIGHT".
  public var description: String { "\(width)x\(height)" }
  /// Parses "100x100" (width × height).
  public init?(_ text: String) {
    let parts = text.lowercased().split(separator: "x")
    guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]), width > 0, height > 0 else { return nil }
    self.init(width: width, height: height)
  }
}

/// Loads a folder of images with one subfolder per class, as image data sets are
/// usually downloaded (`raw-img/cat/*.jpeg`, `raw-img/dog/*.jpeg`).
///
/// Each image is decoded (JPEG, PNG, BMP, GIF, TGA, PSD, HDR, PIC, PNM — whatever
/// stb_image reads), converted to grayscale or RGB, resized to one size, scaled
/// to [0, 1], and becomes one row: the row-major pixels (channels interleaved).
///
/// ```swift
/// let data: TrainTestSplit<Double> = try ImageFolder(path: "raw-img").load(trainPerClass: 16, testPerClass: 128)
/// print(data.skipped)   // unreadable files, with reasons
/// ```
public struct ImageFolder: Sendable {
  /// The folder holding one subfolder per class.
  public var path: String
  /// The size every image is resized to; `nil` keeps each image's own size, which must then be the same for all.
  public var size: ImageSize?
  /// Three channels (RGB) instead of one (grayscale, the default).
  public var rgb: Bool
  /// The largest image (in pixels) that will be decoded; bigger files are skipped. Default 100 megapixels.
  public var maximumPixels: Int

  /// Creates a loader.
  public init(path: String, size: ImageSize? = ImageSize(width: 100, height: 100), rgb: Bool = false, maximumPixels: Int = ImageDecoder.defaultMaximumPixels) {
    self.path = path
    self.size = size
    self.rgb = rgb
    self.maximumPixels = maximumPixels
  }

  /// The class names: the subfolders, sorted.
  ///
  /// - Throws: ``DataError/notFound(path:)`` when the folder does not exist,
  ///   ``DataError/invalidRequest(_:)`` when it has no subfolders.
  public func classNames() throws -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw DataError.notFound(path: path)
    }
    let entries = try FileManager.default.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") }.sorted()
    let classes = entries.filter { entry in
      var directory: ObjCBool = false
      return FileManager.default.fileExists(atPath: "\(path)/\(entry)", isDirectory: &directory) && directory.boolValue
    }
    guard !classes.isEmpty else {
      throw DataError.invalidRequest("\(path): no class subfolders found. Put each class's images in its own subfolder.")
    }
    return classes
  }

  /// The image files of one class, sorted by name (hidden files skipped).
  public func files(ofClass name: String) throws -> [String] {
    let folder = "\(path)/\(name)"
    guard FileManager.default.fileExists(atPath: folder) else {
      throw DataError.unknownClass(name, available: (try? classNames()) ?? [])
    }
    return try FileManager.default.contentsOfDirectory(atPath: folder)
      .filter { !$0.hasPrefix(".") }.sorted().map { "\(folder)/\($0)" }
  }

  /// Loads the first `trainPerClass` loadable images of each class for training and the
  /// `testPerClass` that follow for testing.
  ///
  /// Unreadable or corrupt files are skipped and listed in ``TrainTestSplit/skipped``
  /// with their reasons; they do not count toward N or M.
  ///
  /// - Parameters:
  ///   - classes: the class folders to use; all of them by default.
  ///   - trainPerClass: how many images of each class for training (the first loadable ones, by file name).
  ///   - testPerClass: how many of the images that follow for testing.
  ///   - progress: called after each file with (done, total), for a progress display.
  /// - Throws: ``DataError`` for a missing folder, an unknown class, a class with no
  ///   loadable image, or a class with fewer loadable images than requested.
  /// - Complexity: O(total pixels decoded).
  public func load<Scalar: LinearAlgebraScalar>(
    classes: [String]? = nil, trainPerClass: Int, testPerClass: Int,
    progress: ((Int, Int) -> Void)? = nil
  ) throws -> TrainTestSplit<Scalar> {
    guard trainPerClass >= 0, testPerClass >= 0, trainPerClass + testPerClass > 0 else {
      throw DataError.invalidRequest("ask for at least one image per class (got \(trainPerClass) + \(testPerClass)).")
    }
    let available = try classNames()
    let chosen = classes ?? available
    for name in chosen where !available.contains(name) { throw DataError.unknownClass(name, available: available) }
    let wanted = trainPerClass + testPerClass
    let fileLists = try chosen.map { try files(ofClass: $0) }
    let total = fileLists.reduce(0) { $0 + min($1.count, wanted) }

    var skipped: [SkippedFile] = []
    var shape: (width: Int, height: Int)? = size.map { ($0.width, $0.height) }
    let channels = rgb ? 3 : 1
    var trainRows: [[Scalar]] = []
    var testRows: [[Scalar]] = []
    var trainLabels: [String] = []
    var testLabels: [String] = []
    var trainSources: [String] = []
    var testSources: [String] = []
    var done = 0
    for (name, files) in zip(chosen, fileLists) {
      var loaded = 0
      for file in files where loaded < wanted {
        do {
          let image = try decode(file, channels: channels)
          let target = shape ?? (image.width, image.height)
          shape = target
          let pixels: [UInt8]
          if size == nil {
            guard image.width == target.width && image.height == target.height else {
              throw DataError.invalidFormat(
                path: file, detail: "is \(image.width)x\(image.height) but earlier images are \(target.width)x\(target.height); pass a size to resize them.")
            }
            pixels = image.pixels
          } else {
            pixels = try resize(image, to: target, channels: channels, file)
          }
          let row = pixels.map { Scalar(Double($0) / 255) }
          if loaded < trainPerClass {
            trainRows.append(row); trainLabels.append(name); trainSources.append(file)
          } else {
            testRows.append(row); testLabels.append(name); testSources.append(file)
          }
          loaded += 1
        } catch let error as DataError {
          skipped.append(SkippedFile(path: file, reason: Self.reason(error)))
        }
        done += 1
        progress?(done, total)
      }
      if loaded == 0 { throw DataError.emptyClass(path: "\(path)/\(name)") }
      guard loaded == wanted else {
        throw DataError.notEnoughImages(className: name, requested: wanted, available: loaded)
      }
    }
    let (width, height) = shape ?? (0, 0)
    func matrix(_ rows: [[Scalar]]) throws -> Matrix<Scalar> {
      try Matrix(rowCount: rows.count, columnCount: width * height * channels, elements: rows.joined())
    }
    return TrainTestSplit(
      classes: chosen,
      train: LabeledSamples(samples: try matrix(trainRows), labels: trainLabels, sources: trainSources),
      test: LabeledSamples(samples: try matrix(testRows), labels: testLabels, sources: testSources),
      imageShape: (width, height, channels), skipped: skipped, loadedCount: trainRows.count + testRows.count)
  }

  /// Loads the given image files (no classes): for classifying new images.
  ///
  /// - Parameter files: the image files, in the order of the result's rows.
  /// - Returns: the pixel rows, the files they came from, and the files skipped.
  public func loadUnlabeled<Scalar: LinearAlgebraScalar>(files: [String]) throws -> (samples: Matrix<Scalar>, sources: [String], skipped: [SkippedFile]) {
    let channels = rgb ? 3 : 1
    var rows: [Scalar] = []
    var sources: [String] = []
    var skipped: [SkippedFile] = []
    var shape: (width: Int, height: Int)? = size.map { ($0.width, $0.height) }
    for file in files {
      do {
        let image = try decode(file, channels: channels)
        let target = shape ?? (image.width, image.height)
        shape = target
        let pixels = size == nil && (image.width, image.height) == target ? image.pixels : try resize(image, to: target, channels: channels, file)
        rows += pixels.map { Scalar(Double($0) / 255) }
        sources.append(file)
      } catch let error as DataError {
        skipped.append(SkippedFile(path: file, reason: Self.reason(error)))
      }
    }
    let (width, height) = shape ?? (0, 0)
    return (try Matrix(rowCount: sources.count, columnCount: width * height * channels, elements: rows), sources, skipped)
  }

  private static func reason(_ error: DataError) -> String {
    switch error {
    case .invalidFormat(_, let detail), .unreadable(_, let detail): return detail
    default: return error.description
    }
  }

  typealias DecodedImage = (width: Int, height: Int, pixels: [UInt8])

  /// Reads and decodes one file with ``ImageDecoder``.
  func decode(_ file: String, channels: Int) throws -> DecodedImage {
    try ImageDecoder.decode(data: try mappedFile(file), channels: channels, maximumPixels: maximumPixels, path: file)
  }

  private func resize(_ image: DecodedImage, to target: (width: Int, height: Int), channels: Int, _ file: String) throws -> [UInt8] {
    if image.width == target.width && image.height == target.height { return image.pixels }
    var output = [UInt8](repeating: 0, count: target.width * target.height * channels)
    let ok = image.pixels.withUnsafeBufferPointer { input in
      output.withUnsafeMutableBufferPointer { out in
        stbir_resize_uint8(
          input.baseAddress, Int32(image.width), Int32(image.height), 0,
          out.baseAddress, Int32(target.width), Int32(target.height), 0, Int32(channels))
      }
    }
    guard ok == 1 else { throw DataError.invalidFormat(path: file, detail: "resizing failed") }
    return output
  }
}
