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
/// stb_image reads), converted to grayscale or RGB, resized to one size with a bilinear
/// filter (computed as Pillow's `resize(size, Image.BILINEAR)`), scaled to [0, 1], and
/// becomes one row: the row-major pixels (channels interleaved).
///
/// Files are decoded and resized on all cores, and each image's pixels are written straight
/// into its row of the result; the rows, the skipped files and every value are the same as
/// decoding the files one at a time in order gives. A load that takes more than a second
/// shows its progress on standard error (pass `showsProgress: false` to turn it off).
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
  /// Whether loads that take more than a second show their progress on standard error (a bar
  /// redrawn in place on a terminal, a line every few seconds otherwise). Default `true`;
  /// a load given a `progress` callback shows nothing itself.
  public var showsProgress: Bool

  /// Creates a loader.
  ///
  /// ```swift
  /// let loader = ImageFolder(path: "raw-img", size: ImageSize(width: 400, height: 250), showsProgress: false)
  /// ```
  public init(
    path: String, size: ImageSize? = ImageSize(width: 100, height: 100), rgb: Bool = false,
    maximumPixels: Int = ImageDecoder.defaultMaximumPixels, showsProgress: Bool = true
  ) {
    self.path = path
    self.size = size
    self.rgb = rgb
    self.maximumPixels = maximumPixels
    self.showsProgress = showsProgress
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
  /// with their reasons; they do not count toward N or M. Files after the ones a class needs
  /// are not reported, even if some of them were decoded ahead on another core.
  ///
  /// ```swift
  /// let data: TrainTestSplit<Float> = try ImageFolder(path: "raw-img", size: ImageSize(width: 400, height: 250))
  ///   .load(classes: ["cat", "dog"], trainPerClass: 128, testPerClass: 128)
  /// ```
  ///
  /// - Parameters:
  ///   - classes: the class folders to use; all of them by default.
  ///   - trainPerClass: how many images of each class for training (the first loadable ones, by file name).
  ///   - testPerClass: how many of the images that follow for testing.
  ///   - progress: called on the calling thread after each file with (done, total), in file
  ///     order, for a progress display of your own.
  /// - Throws: ``DataError`` for a missing folder, an unknown class, a class with no
  ///   loadable image, or a class with fewer loadable images than requested.
  /// - Complexity: O(total pixels decoded), spread over the cores; the result's storage is
  ///   allocated once, plus a few images in flight per core.
  public func load<Scalar: LinearAlgebraScalar>(
    classes: [String]? = nil, trainPerClass: Int, testPerClass: Int,
    progress: ((Int, Int) -> Void)? = nil
  ) throws -> TrainTestSplit<Scalar> {
    let (wanted, overflow) = trainPerClass.addingReportingOverflow(testPerClass)
    guard trainPerClass >= 0, testPerClass >= 0, wanted > 0, !overflow else {
      throw DataError.invalidRequest("ask for at least one image per class (got \(trainPerClass) + \(testPerClass)).")
    }
    try checkSize()
    let available = try classNames()
    let chosen = classes ?? available
    for name in chosen where !available.contains(name) { throw DataError.unknownClass(name, available: available) }
    let fileLists = try chosen.map { try files(ofClass: $0) }
    let total = fileLists.reduce(0) { $0 + min($1.count, wanted) }
    let channels = rgb ? 3 : 1
    // Every file in load order, and where each class's files end.
    let work = fileLists.enumerated().flatMap { c, files in files.map { (classIndex: c, file: $0) } }
    let classEnds = fileLists.reduce(into: [Int]()) { $0.append(($0.last ?? 0) + $1.count) }

    // Without a size, the first loadable image sets it; only the first class can hold it,
    // because a first class with no loadable image is an error.
    let shape = size.map { ($0.width, $0.height) } ?? firstShape(of: fileLists.first ?? [], channels: channels).shape
    let (width, height) = shape ?? (0, 0)
    let d = width * height * channels
    // Rows per class in each matrix: as requested, or fewer when no class has that many files
    // (the load then ends with an error, but writes the rows it loads before it).
    let most = fileLists.map(\.count).max() ?? 0
    let (trainStride, testStride) = (min(trainPerClass, most), min(testPerClass, most))
    var trainStorage: ContiguousArray<Scalar> = uninitializedStorage(count: chosen.count * trainStride * d)
    var testStorage: ContiguousArray<Scalar> = uninitializedStorage(count: chosen.count * testStride * d)
    var skipped: [SkippedFile] = []
    var trainLabels: [String] = []
    var testLabels: [String] = []
    var trainSources: [String] = []
    var testSources: [String] = []
    let display = showsProgress && progress == nil ? LoadProgress("loading images", total: total) : nil
    defer { display?.finish() }

    var loaded = [Int](repeating: 0, count: chosen.count)
    var checkedClasses = 0
    /// The sequential loop's check at the end of each class before `c`.
    func checkClasses(before c: Int) throws {
      while checkedClasses < c {
        let name = chosen[checkedClasses]
        if loaded[checkedClasses] == 0 { throw DataError.emptyClass(path: "\(path)/\(name)") }
        guard loaded[checkedClasses] == wanted else {
          throw DataError.notEnoughImages(className: name, requested: wanted, available: loaded[checkedClasses])
        }
        checkedClasses += 1
      }
    }
    let target = size.map { ($0.width, $0.height) }
    try trainStorage.withUnsafeMutableBufferPointer { trainRows in
      try testStorage.withUnsafeMutableBufferPointer { testRows in
        var done = 0
        var trainPages = PagePrefetcher(UnsafeMutableRawBufferPointer(trainRows))
        var testPages = PagePrefetcher(UnsafeMutableRawBufferPointer(testRows))
        try OrderedPipeline.run(
          count: work.count, produce: { [self] in decodeAndResize(work[$0].file, channels: channels, to: target) }
        ) { pipeline, index, result in
          let (c, file) = work[index]
          try checkClasses(before: c)
          guard loaded[c] < wanted, let result else { return }
          switch result {
          case .failure(let error):
            skipped.append(SkippedFile(path: file, reason: Self.reason(error)))
          case .success(let image) where (image.width, image.height) != (width, height):
            skipped.append(SkippedFile(path: file, reason: Self.sizeMismatch(image, (width, height))))
          case .success(let image):
            let k = loaded[c]
            if k < trainPerClass {
              trainPages.provide(upTo: (c * trainStride + k + 1) * d * MemoryLayout<Scalar>.stride)
              Self.store(image.pixels, into: trainRows.baseAddress! + (c * trainStride + k) * d)
              trainLabels.append(chosen[c]); trainSources.append(file)
            } else {
              testPages.provide(upTo: (c * testStride + k - trainPerClass + 1) * d * MemoryLayout<Scalar>.stride)
              Self.store(image.pixels, into: testRows.baseAddress! + (c * testStride + k - trainPerClass) * d)
              testLabels.append(chosen[c]); testSources.append(file)
            }
            loaded[c] += 1
            if loaded[c] == wanted { pipeline.skip(index + 1 ..< classEnds[c]) }
          }
          done += 1
          progress?(done, total)
          display?.update(done)
        }
      }
    }
    try checkClasses(before: chosen.count)
    func matrix(_ storage: ContiguousArray<Scalar>) throws -> Matrix<Scalar> {
      try Matrix(rowCount: storage.count / max(d, 1), columnCount: d, elements: storage)
    }
    return TrainTestSplit(
      classes: chosen,
      train: LabeledSamples(samples: try matrix(trainStorage), labels: trainLabels, sources: trainSources),
      test: LabeledSamples(samples: try matrix(testStorage), labels: testLabels, sources: testSources),
      imageShape: (width, height, channels), skipped: skipped, loadedCount: trainLabels.count + testLabels.count)
  }

  /// Loads the given image files (no classes): for classifying new images.
  ///
  /// Without a ``size``, the first loadable image sets it and the others are resized to it.
  ///
  /// ```swift
  /// let (x, sources, skipped): (Matrix<Double>, [String], [SkippedFile]) =
  ///   try ImageFolder(path: ".", size: ImageSize(width: 100, height: 100)).loadUnlabeled(files: ["a.jpg", "b.png"])
  /// ```
  ///
  /// - Parameter files: the image files, in the order of the result's rows.
  /// - Returns: the pixel rows, the files they came from, and the files skipped.
  /// - Complexity: O(total pixels decoded), spread over the cores.
  public func loadUnlabeled<Scalar: LinearAlgebraScalar>(files: [String]) throws -> (samples: Matrix<Scalar>, sources: [String], skipped: [SkippedFile]) {
    try checkSize()
    let channels = rgb ? 3 : 1
    let first = size == nil ? firstShape(of: files, channels: channels) : nil
    guard let (width, height) = size.map({ ($0.width, $0.height) }) ?? first?.shape else {
      // No file decodes: all of them are skipped, for the reasons the first attempt gave.
      return (try Matrix(rowCount: 0, columnCount: 0, elements: []), [], first?.skipped ?? [])
    }
    let d = width * height * channels
    var storage: ContiguousArray<Scalar> = uninitializedStorage(count: files.count * d)
    var sources: [String] = []
    var skipped: [SkippedFile] = []
    var resampler = ImageResampler()
    let display = showsProgress ? LoadProgress("loading images", total: files.count) : nil
    defer { display?.finish() }
    let target = size.map { ($0.width, $0.height) }
    storage.withUnsafeMutableBufferPointer { rows in
      var resized = [UInt8](repeating: 0, count: d)
      OrderedPipeline.run(
        count: files.count, produce: { [self] in decodeAndResize(files[$0], channels: channels, to: target) }
      ) { _, index, result in
        switch result {
        case .failure(let error)?:
          skipped.append(SkippedFile(path: files[index], reason: Self.reason(error)))
        case .success(let image)?:
          let row = rows.baseAddress! + sources.count * d
          if (image.width, image.height) == (width, height) {
            Self.store(image.pixels, into: row)
          } else {
            image.pixels.withUnsafeBufferPointer { pixels in
              resized.withUnsafeMutableBufferPointer { out in
                resampler.resize(
                  pixels.baseAddress!, width: image.width, height: image.height, channels: channels,
                  into: out.baseAddress!, width: width, height: height)
              }
            }
            Self.store(resized, into: row)
          }
          sources.append(files[index])
        case nil:
          break
        }
        display?.update(index + 1)
      }
    }
    storage.removeLast(storage.count - sources.count * d)
    return (try Matrix(rowCount: sources.count, columnCount: d, elements: storage), sources, skipped)
  }

  private static func reason(_ error: DataError) -> String {
    switch error {
    case .invalidFormat(_, let detail), .unreadable(_, let detail): return detail
    default: return error.description
    }
  }

  private static func sizeMismatch(_ image: DecodedImage, _ target: (width: Int, height: Int)) -> String {
    "is \(image.width)x\(image.height) but earlier images are \(target.width)x\(target.height); pass a size to resize them."
  }

  typealias DecodedImage = (width: Int, height: Int, pixels: [UInt8])

  /// Reads and decodes one file with ``ImageDecoder``.
  func decode(_ file: String, channels: Int) throws -> DecodedImage {
    var bytes: [UInt8] = []
    let length = try readWholeFile(file, into: &bytes)
    return try bytes.withUnsafeBytes { raw in
      try ImageDecoder.decode(
        bytes: UnsafeRawBufferPointer(rebasing: raw[..<length]), channels: channels,
        maximumPixels: maximumPixels, path: file)
    }
  }

  /// Decodes one file and resizes it to `target` (when given): a worker's part of a load.
  private func decodeAndResize(
    _ file: String, channels: Int, to target: (width: Int, height: Int)?
  ) -> Swift.Result<DecodedImage, DataError> {
    do {
      let image = try decode(file, channels: channels)
      guard let target, (image.width, image.height) != target else { return .success(image) }
      var resampler = ImageResampler()
      var output = [UInt8](repeating: 0, count: target.width * target.height * channels)
      image.pixels.withUnsafeBufferPointer { input in
        output.withUnsafeMutableBufferPointer { out in
          resampler.resize(
            input.baseAddress!, width: image.width, height: image.height, channels: channels,
            into: out.baseAddress!, width: target.width, height: target.height)
        }
      }
      return .success((target.width, target.height, output))
    } catch let error as DataError {
      return .failure(error)
    } catch {
      return .failure(.unreadable(path: file, reason: "\(error)"))
    }
  }

  /// The size of the first of `files` that decodes (`nil` when none does), and the files
  /// before it that do not.
  private func firstShape(of files: [String], channels: Int) -> (shape: (Int, Int)?, skipped: [SkippedFile]) {
    var skipped: [SkippedFile] = []
    for file in files {
      switch decodeAndResize(file, channels: channels, to: nil) {
      case .success(let image): return ((image.width, image.height), skipped)
      case .failure(let error): skipped.append(SkippedFile(path: file, reason: Self.reason(error)))
      }
    }
    return (nil, skipped)
  }

  /// Refuses a target size that is not positive or exceeds ``maximumPixels``.
  private func checkSize() throws {
    guard let size else { return }
    guard size.width > 0, size.height > 0, size.width <= maximumPixels / size.height else {
      throw DataError.invalidRequest(
        "image size \(size) must be positive and at most \(maximumPixels) pixels; pass a size such as 100x100.")
    }
  }

  /// Pixels scaled to [0, 1] (`Double(p) / 255`, then rounded to `Scalar`), by lookup.
  private static let doubleLevels = (0...255).map { Double($0) / 255 }
  private static let floatLevels = (0...255).map { Float(Double($0) / 255) }

  /// Writes `pixels`, scaled to [0, 1], to the row at `row`. The Float and Double loops are
  /// written out: this generic function is not specialised, and a generic loop would convert
  /// each pixel through protocol witnesses.
  ///
  /// - Complexity: O(`pixels.count`).
  private static func store<Scalar: LinearAlgebraScalar>(_ pixels: [UInt8], into row: UnsafeMutablePointer<Scalar>) {
    pixels.withUnsafeBufferPointer { pixels in
      let raw = UnsafeMutableRawPointer(row)
      if Scalar.self == Double.self {
        let out = raw.assumingMemoryBound(to: Double.self)
        doubleLevels.withUnsafeBufferPointer { levels in
          for i in pixels.indices { out[i] = levels[Int(pixels[i])] }
        }
      } else if Scalar.self == Float.self {
        let out = raw.assumingMemoryBound(to: Float.self)
        floatLevels.withUnsafeBufferPointer { levels in
          for i in pixels.indices { out[i] = levels[Int(pixels[i])] }
        }
      } else {
        for i in pixels.indices { row[i] = Scalar(Double(pixels[i]) / 255) }
      }
    }
  }
}
