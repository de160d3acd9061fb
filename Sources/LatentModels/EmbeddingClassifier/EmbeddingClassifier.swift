import LatentLinearAlgebra

/// How samples are projected before the nearest-centroid step.
public enum ProjectionSettings: Sendable, Codable, Equatable {
  /// No projection: centroids in the raw feature space (raw pixels).
  case identity
  /// Principal component analysis (unsupervised).
  case pca(PrincipalComponentAnalysis)
  /// Linear discriminant analysis (supervised).
  case lda(LinearDiscriminantAnalysis)
}

/// A fitted projection: the identity, a PCA model or an LDA model.
public enum ProjectionModel<Scalar: LinearAlgebraScalar, Label: Hashable & Sendable>: Sendable {
  /// No projection (the identity), for data with this many features.
  case identity(featureCount: Int)
  /// A fitted PCA.
  case pca(PCAModel<Scalar>)
  /// A fitted LDA.
  case lda(LDAModel<Scalar, Label>)

  /// The number of input features the projection expects.
  public var featureCount: Int {
    switch self {
    case .identity(let count): count
    case .pca(let model): model.featureCount
    case .lda(let model): model.featureCount
    }
  }

  /// Projects samples (rows).
  ///
  /// - Throws: ``ModelError`` for non-finite data or a feature count that differs from fit time.
  public func transform(_ x: Matrix<Scalar>) throws -> Matrix<Scalar> {
    switch self {
    case .identity(let count):
      try ModelError.checkData(x, "ProjectionModel.transform")
      guard x.columnCount == count else {
        throw ModelError.featureCountMismatch(operation: "ProjectionModel.transform", expected: count, got: x.columnCount)
      }
      return x
    case .pca(let model): return try model.transform(x)
    case .lda(let model): return try model.transform(x)
    }
  }
}

extension ProjectionModel: Codable where Label: Codable {}

/// A projection followed by a nearest-centroid classifier, fitted and used as one value:
/// the thing a user trains once and ships to an app (it round-trips through JSON).
///
/// ```swift
/// let model = try EmbeddingClassifier<Double, String>.fit(
///   pixels, labels: names,
///   projection: .lda(LinearDiscriminantAnalysis(componentCount: 3)))
/// let predicted = try model.predict(newPixels)
/// let json = try JSONEncoder().encode(model)
/// ```
public struct EmbeddingClassifier<Scalar: LinearAlgebraScalar, Label: Hashable & Sendable>: Sendable {
  /// The fitted projection.
  public let projection: ProjectionModel<Scalar, Label>
  /// The nearest-centroid classifier, fitted on the projected training samples.
  public let classifier: NearestCentroidModel<Scalar, Label>

  /// The classes, in the order of every per-class output.
  public var classes: [Label] { classifier.classes }
  /// The number of input features (pixels) the model expects.
  public var featureCount: Int { projection.featureCount }

  /// Creates a model from fitted parts.
  public init(projection: ProjectionModel<Scalar, Label>, classifier: NearestCentroidModel<Scalar, Label>) {
    self.projection = projection
    self.classifier = classifier
  }

  /// Fits the projection on the samples, then the classifier on the projected samples.
  ///
  /// - Throws: ``ModelError`` from either step.
  /// - Complexity: that of the projection's fit plus O(n · k) for k projected features.
  public static func fit(
    _ x: Matrix<Scalar>, labels: [Label], projection: ProjectionSettings,
    classifier: NearestCentroid = NearestCentroid()
  ) throws -> EmbeddingClassifier {
    let fitted: ProjectionModel<Scalar, Label>
    switch projection {
    case .identity:
      try ModelError.checkData(x, "EmbeddingClassifier.fit")
      fitted = .identity(featureCount: x.columnCount)
    case .pca(let settings): fitted = .pca(try settings.fit(x))
    case .lda(let settings): fitted = .lda(try settings.fit(x, labels: labels))
    }
    let projected = try fitted.transform(x)
    return EmbeddingClassifier(projection: fitted, classifier: try classifier.fit(projected, labels: labels))
  }

  /// Projects samples with the fitted projection.
  public func transform(_ x: Matrix<Scalar>) throws -> Matrix<Scalar> { try projection.transform(x) }

  /// The predicted class of each sample: its nearest centroid after projection.
  public func predict(_ x: Matrix<Scalar>) throws -> [Label] { try classifier.predict(projection.transform(x)) }

  /// The distance of each projected sample to each class centroid, `samples × classes`.
  public func distances(_ x: Matrix<Scalar>) throws -> Matrix<Scalar> { try classifier.distances(projection.transform(x)) }
}

extension EmbeddingClassifier: Codable where Label: Codable {}
